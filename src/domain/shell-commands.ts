/**
 * What a simple command runs, once the tokenizer (`shell.ts`) has its words: `VAR=x` prefixes and
 * wrapper commands (`sudo -E`, `env -u X`, `timeout -k 5 60`) come off the front, and commands that
 * run a script of their own (`bash -c '…'`, `npx -c '…'`, `npm exec -c '…'`) hand it back to be parsed.
 */
import { configTrue, parseNpmArgs } from './commands/npm-cli.js';
import type { RawCommand, ShellCommand, ShellWord } from './shell.js';
import { table } from './table.js';

// `time` is a reserved word in bash too, but it is kept as a wrapper so `time -p npm publish` drops its option.
export const RESERVED_START: ReadonlySet<string> = new Set(['if', 'then', 'elif', 'else', 'do', 'while', 'until', '!', '{']);
const RESERVED_ALONE: ReadonlySet<string> = new Set(['fi', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

interface Wrapper {
  /** Options that take the next word as their value (GNU coreutils, sudo, util-linux). */
  readonly valued: readonly string[];
  /** Positional words before the command: `timeout 60 cmd`. */
  readonly positionals?: number;
}

/** Commands that run the rest of their words as a command, with their options. */
const WRAPPERS = table<Wrapper>({
  sudo: { valued: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--close-from', '--chdir', '--role', '--type', '--other-user', '--command-timeout'] },
  doas: { valued: ['-u', '-C'] },
  env: { valued: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string', '-P'] },
  xargs: { valued: ['-I', '-L', '-n', '-P', '-d', '-E', '-a', '-s', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-chars', '--max-lines', '--eof', '--process-slot-var'] },
  nohup: { valued: [] },
  exec: { valued: ['-a'] },
  command: { valued: [] },
  builtin: { valued: [] },
  stdbuf: { valued: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '--class', '-n', '--classdata'] },
  setsid: { valued: [] },
  timeout: { valued: ['-k', '--kill-after', '-s', '--signal'], positionals: 1 },
  time: { valued: ['-f', '--format', '-o', '--output'] },
});

/** The bare name of a command word: `/usr/bin/env` → `env`. */
const baseName = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** Takes `VAR=x` prefixes and wrappers off a tokenized command; undefined when nothing is left to run or redirect. */
export function shapeCommand(command: RawCommand, script: string): ShellCommand | undefined {
  let words = command.words;
  // Reserved words start a new command in effect: `if npm publish; then …`.
  while (words.length > 0 && RESERVED_START.has(words[0]!.value) && !words[0]!.quoted) words = words.slice(1);
  if (words.length === 1 && RESERVED_ALONE.has(words[0]!.value)) words = [];
  const assignments: ShellWord[] = [];
  const wrappers: ShellWord[] = [];
  let index = 0;
  // The name of an assignment is never quoted (`"A=1" cmd` runs a command named `A=1`), except for
  // `env`, which reads its arguments after the shell removed the quotes: `env "PATH=$PATH" npm`.
  let afterEnv = false;
  const isAssignment = (word: ShellWord) => ASSIGNMENT.test(afterEnv ? word.value : script.slice(word.start, word.end));
  for (;;) {
    while (index < words.length && isAssignment(words[index]!)) assignments.push(words[index++]!);
    afterEnv = false;
    const word = words[index];
    if (!word || word.quoted) break;
    const name = baseName(word.value);
    const wrapper = WRAPPERS.get(name);
    if (!wrapper) break;
    // `command -v npm` looks npm up without running it; `exec` alone only redirects.
    if (name === 'command' && /^-[vV]$/.test(words[index + 1]?.value ?? '')) break;
    wrappers.push(word);
    index++;
    while (index < words.length && words[index]!.value.startsWith('-') && words[index]!.value !== '--' && words[index]!.value !== '-') {
      const option = words[index++]!;
      wrappers.push(option);
      if (wrapper.valued.includes(option.value) && index < words.length) wrappers.push(words[index++]!);
    }
    if (words[index]?.value === '--') wrappers.push(words[index++]!);
    for (let count = 0; count < (wrapper.positionals ?? 0) && index < words.length; count++) wrappers.push(words[index++]!);
    afterEnv = name === 'env';
  }
  const rest = words.slice(index);
  if (rest.length === 0 && assignments.length === 0 && command.redirects.length === 0) return undefined;
  // `env A=1 cmd` puts a wrapper before the assignments: the command spans from its first word.
  // A reduce, not `Math.min(...)`: a hostile command may have more words than a call takes arguments.
  const placed = [...assignments, ...wrappers, ...rest, ...command.redirects.flatMap((redirect) => (redirect.target ? [redirect.target] : []))];
  const start = placed.reduce((least, word) => Math.min(least, word.start), placed[0]?.start ?? 0);
  const end = placed.reduce((most, word) => Math.max(most, word.end), start);
  return { words: rest, assignments, wrappers, redirects: command.redirects, terminator: command.terminator, start, end };
}

const SHELLS = /^(?:ba|z|da|k)?sh$/;

/**
 * The word that holds the script of `bash -c '…'` (`-ec`, `-lc`), `npx -c '…'` / `npx --call=…`, or
 * `npm exec -c '…'` (`npm x`, any abbreviation, options before or after the command).
 */
function scriptWord(words: readonly ShellWord[]): ShellWord | undefined {
  const [first, ...args] = words;
  if (!first) return undefined;
  const name = baseName(first.value);
  if (SHELLS.test(name)) {
    const flag = args.findIndex((word) => /^-[a-z]*c[a-z]*$/.test(word.value));
    return flag === -1 ? undefined : args[flag + 1];
  }
  if (name !== 'npm' && name !== 'npx') return undefined;
  const values = words.map((word) => word.value);
  const parsed = parseNpmArgs(values, 1);
  if (name === 'npm' && parsed.command !== 'exec') return undefined;
  const call = parsed.config.get('call');
  if (call === undefined || typeof call.value !== 'string' || call.value === '' || configTrue(parsed, 'dry-run')) return undefined;
  // npx reads its own options only before the package: `npx foo -c x` passes `-c` to foo.
  if (name === 'npx' && parsed.positionals.length > 0 && parsed.positionals[0]!.index < call.index) return undefined;
  // `--call=script` is one word; `-c script` and `--call script` are two.
  const word = words[call.index]!;
  return word.value.endsWith(`=${call.value}`) || word.value === call.value ? word : words[call.index + 1];
}

/**
 * For a command that runs a script of its own: the script, and where each of its characters is in
 * ours (through quotes and escapes: `bash -c "echo \"x\" && npm publish"`).
 */
export function innerScript(command: ShellCommand | undefined): { text: string; toScript: (offset: number) => number } | undefined {
  if (!command) return undefined;
  const body = scriptWord(command.words);
  if (!body) return undefined;
  // `--call=npm publish` as one word: the script starts after the `=`.
  const skip = body.value.startsWith('-') ? body.value.indexOf('=') + 1 : 0;
  const text = body.value.slice(skip);
  const segments = body.segments;
  if (!segments) return { text, toScript: (offset) => body.start + skip + offset };
  return {
    text,
    toScript: (offset) => {
      const at = offset + skip;
      // Segments are ordered by value offset: the last one that starts at or before `at`.
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (segments[middle]!.value <= at) low = middle;
        else high = middle - 1;
      }
      const segment = segments[low]!;
      return segment.raw + Math.min(at - segment.value, segment.length - 1);
    },
  };
}
