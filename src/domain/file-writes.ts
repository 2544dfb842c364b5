/**
 * What the commands of a `run:` script write into files: `echo … >> "$GITHUB_ENV"`,
 * `printf '…%s' "$T" > ~/.npmrc`, `cat <<EOF > .npmrc`, `… | tee -a ~/.npmrc`, and
 * `{ echo …; echo …; } >> "$GITHUB_ENV"`. Only output that can be known from the text counts
 * (`echo`, `printf`, heredocs and here-strings); any other command writes something unknown.
 */
import type { RunCommand, SourceWord } from './run-script.js';
import { balancedEnd } from './shell.js';

/** Text a command writes, and the command that writes it. */
export interface WrittenPiece {
  readonly text: string;
  readonly command: RunCommand;
}

export interface FileWrite {
  /** The file word as written (`$GITHUB_ENV`, `~/.npmrc`). */
  readonly target: SourceWord;
  /** The command whose redirect or `tee` names the file. */
  readonly writer: RunCommand;
  /** What is written, in order; a piece whose text cannot be known is left out. */
  readonly pieces: readonly WrittenPiece[];
}

/**
 * A `$` that the shell does not expand (inside single quotes) is written as this character, so a
 * caller that follows shell variables can tell `'$X'` (the text `$X`) from `"$X"` (X's value).
 */
export const LITERAL_DOLLAR = '\u0000';

const WRITE_OPERATORS: ReadonlySet<string> = new Set(['>', '>>', '>|', '1>', '1>>', '&>', '&>>']);

/** `echo` options: `-n`, `-e`, `-E` and their combinations. */
const ECHO_OPTION = /^-[neE]+$/;

const markLiteral = (text: string) => text.replace(/\$(?!\{\{)/g, LITERAL_DOLLAR);

/**
 * A word's value as the command receives it, with every `$` the shell leaves alone marked
 * `LITERAL_DOLLAR`: inside single quotes (`'$X'`, `$'…'`) or escaped (`\$X`, `"\$X"`). The word's text
 * in the file is read again; when it does not give the value back (a folded scalar, the escapes of a
 * nested script), every `$` is marked, so nothing is followed that may not be a variable.
 * `${{ }}` is never marked: GitHub replaces it before any shell runs.
 */
export function shellText(word: SourceWord, fileText: string): string {
  const raw = fileText.slice(word.span.start, word.span.end);
  if (raw === word.value && !/['"\\`]/.test(raw)) return word.value;
  let marked = '';
  let plain = '';
  const add = (text: string, literal: boolean) => {
    marked += literal ? markLiteral(text) : text;
    plain += text;
  };
  let double = false;
  for (let i = 0; i < raw.length; ) {
    const c = raw[i]!;
    const next = raw[i + 1];
    if (c === '\\' && next !== undefined) {
      if (next !== '\n') {
        if (!double || '$`"\\'.includes(next)) add(next, true);
        else add(c + next, false);
      }
      i += 2;
    } else if (c === '"') {
      double = !double;
      i++;
    } else if (!double && (c === "'" || (c === '$' && next === "'"))) {
      // `'…'` has no escapes; `$'…'` keeps its backslash escapes as written (as the tokenizer does).
      const from = c === '$' ? i + 2 : i + 1;
      let end = from;
      while (end < raw.length && raw[end] !== "'") end += c === '$' && raw[end] === '\\' ? 2 : 1;
      add(raw.slice(from, Math.min(end, raw.length)), true);
      i = end + 1;
    } else if (c === '$' && (next === '(' || next === '{')) {
      const end = balancedEnd(raw, i + 1);
      add(raw.slice(i, end), false);
      i = end;
    } else {
      add(c, false);
      i++;
    }
  }
  return plain === word.value ? marked : markLiteral(word.value);
}

/** `printf FORMAT ARGS…`: `%s`-like directives take the arguments in turn, the format repeats while any are left. */
function printfOutput(format: string, args: readonly string[]): string {
  const escapes = (text: string) => text.replace(/\\(n|t|\\)/g, (_whole, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : '\\'));
  let out = '';
  let next = 0;
  // Bounded: each pass takes at least one argument, or it is the last.
  for (let pass = 0; pass <= args.length; pass++) {
    let took = false;
    out += escapes(format).replace(/%(%|[-+ #0-9.]*[sbdiuxXoc])/g, (_whole, directive: string) => {
      if (directive === '%') return '%';
      took = true;
      return next < args.length ? args[next++]! : '';
    });
    if (!took || next >= args.length) break;
  }
  return out;
}

/** What one command prints, when it can be known: `echo`, `printf`, `cat`/`tee` of a heredoc or here-string. */
export function commandOutput(command: RunCommand, fileText: string): string | undefined {
  const [name, ...args] = command.words;
  if (!name) return undefined;
  const texts = args.map((word) => shellText(word, fileText));
  if (name.value === 'echo') {
    let index = 0;
    while (index < args.length && ECHO_OPTION.test(args[index]!.value)) index++;
    const newline = !args.slice(0, index).some((word) => word.value.includes('n'));
    return texts.slice(index).join(' ') + (newline ? '\n' : '');
  }
  if (name.value === 'printf') {
    let index = 0;
    if (args[0]?.value === '--') index++;
    // `printf -v var …` assigns instead of printing.
    if (args[index]?.value.startsWith('-')) return undefined;
    const format = texts[index];
    return format === undefined ? undefined : printfOutput(format, texts.slice(index + 1));
  }
  if (name.value === 'cat' || name.value === 'tee') {
    const input = command.redirects.find((redirect) => redirect.heredoc || redirect.operator === '<<<');
    if (!input) return undefined;
    if (input.heredoc) return input.heredoc.body;
    return input.target ? `${shellText(input.target, fileText)}\n` : undefined;
  }
  return undefined;
}

/** The commands whose output goes where `commands[index]` sends it: itself, or its `{ }`/`( )` group. */
function producersOf(commands: readonly RunCommand[], index: number): readonly RunCommand[] {
  const command = commands[index]!;
  if (command.groupFrom === undefined) return [command];
  // A command of the group that sends its own output elsewhere writes nothing here.
  return commands.slice(command.groupFrom, index).filter((inner) => !inner.redirects.some((redirect) => WRITE_OPERATORS.has(redirect.operator)));
}

/** Every write to a file in a script, in order. */
export function fileWrites(commands: readonly RunCommand[], fileText: string): FileWrite[] {
  const writes: FileWrite[] = [];
  const pieces = (producers: readonly RunCommand[]): WrittenPiece[] =>
    producers.flatMap((producer) => {
      const text = commandOutput(producer, fileText);
      return text === undefined ? [] : [{ text, command: producer }];
    });
  commands.forEach((command, index) => {
    for (const redirect of command.redirects) {
      if (!WRITE_OPERATORS.has(redirect.operator) || !redirect.target) continue;
      writes.push({ target: redirect.target, writer: command, pieces: pieces(producersOf(commands, index)) });
    }
    const [name, ...args] = command.words;
    if (name?.value !== 'tee') return;
    // `producer | tee [-a] file…`: what the producer prints; or tee's own heredoc.
    const previous = index > 0 && commands[index - 1]!.terminator === '|' ? producersOf(commands, index - 1) : [];
    const input = previous.length > 0 ? pieces(previous) : pieces([command]);
    for (const file of args) {
      if (file.value.startsWith('-')) continue;
      writes.push({ target: file, writer: command, pieces: input });
    }
  });
  return writes;
}
