/**
 * What `run:` scripts do to the environment (read through `env.ts`, which resolves everything a
 * command sees): shell assignments (`A=1 cmd`, `A=1`, `export A=1`, `declare -x`, `typeset -x`,
 * `set -a`, `unset`) within one script, and `$GITHUB_ENV` writes, which set variables for the later
 * steps of the job (the runner's `EnvFileKeyValuePairs`: `NAME=value` lines and `NAME<<DELIMITER`
 * blocks, https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#setting-an-environment-variable).
 */
import type { ActionNode, JobNode, Span, StepNode } from '../engine/ast.js';
import type { FactStore } from '../engine/facts.js';
import { fileWrites, shellText } from './file-writes.js';
import { runCommands, type RunCommand, type SourceWord } from './run-script.js';
import { fileOf, stepsOf } from './steps.js';

type Context = { readonly facts: FactStore };

export interface ScriptAssignment {
  readonly name: string;
  /** The value as the shell assigns it (quotes removed; a `$` inside single quotes is `LITERAL_DOLLAR`). */
  readonly value: string;
  /** The `NAME=value` word in the file. */
  readonly at: Span;
  /** Index of the command in the script. */
  readonly command: number;
  /** `command`: a prefix of one command (`A=1 npm publish`, `env A=1 npm …`); `script`: from here on. */
  readonly scope: 'command' | 'script';
  /** Exported where it is made: `export`, `declare -x`, `typeset -x`, `set -a` in effect, or an `env` prefix. */
  readonly exported: boolean;
}

/** The assignments of one step's script, by name, in order. */
export interface ScriptEnv {
  readonly byName: ReadonlyMap<string, readonly ScriptAssignment[]>;
  /** Command indexes where a name is exported without a value (`export NAME`), or unset (`unset NAME`). */
  readonly exportedAt: ReadonlyMap<string, readonly number[]>;
  readonly unsetAt: ReadonlyMap<string, readonly number[]>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builtins that declare variables; `-x` among their options exports them. */
const DECLARE: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** The assignments, exports and unsets of a step's script, found once per run. */
export function scriptEnv(context: Context, step: StepNode): ScriptEnv {
  return context.facts.memo('script-env', step, () => {
    const fileText = fileOf(step).text;
    const byName = new Map<string, ScriptAssignment[]>();
    const exportedAt = new Map<string, number[]>();
    const unsetAt = new Map<string, number[]>();
    let allExport = false;
    for (const command of runCommands(context, step)) {
      const [first, ...rest] = command.words;
      const add = (word: SourceWord, scope: ScriptAssignment['scope'], exported: boolean) => {
        const match = ASSIGNMENT.exec(word.value);
        if (!match) return;
        // `A='$X'` assigns the text `$X`; `A="$X"` and `A=$X` assign X's value.
        const value = shellText(word, fileText).slice(match[0].length);
        push(byName, match[1]!, { name: match[1]!, value, at: word.span, command: command.index, scope, exported });
      };
      if (!first) {
        // `A=1` alone sets a shell variable for the rest of the script.
        for (const word of command.assignments) add(word, 'script', allExport);
        continue;
      }
      // `A=1 cmd` and `env A=1 cmd`: in the environment of that command only.
      for (const word of command.assignments) add(word, 'command', true);
      if (first.quoted || command.wrappers.length > 0) continue;
      if (DECLARE.has(first.value)) {
        const options = rest.filter((word) => word.value.startsWith('-') || word.value.startsWith('+'));
        const exporting = first.value === 'export' || options.some((word) => /^-[a-zA-Z]*x/.test(word.value));
        const lasting = first.value !== 'local';
        for (const word of rest) {
          if (word.value.startsWith('-') || word.value.startsWith('+')) continue;
          if (ASSIGNMENT.test(word.value)) {
            if (lasting || exporting) add(word, 'script', exporting || allExport);
          } else if (exporting && NAME.test(word.value)) push(exportedAt, word.value, command.index);
        }
      } else if (first.value === 'unset') {
        for (const word of rest) if (NAME.test(word.value)) push(unsetAt, word.value, command.index);
      } else if (first.value === 'set') {
        for (let index = 0; index < rest.length; index++) {
          const option = rest[index]!.value;
          if (/^-[a-zA-Z]*a/.test(option) || (option === '-o' && rest[index + 1]?.value === 'allexport')) allExport = true;
          if (/^\+[a-zA-Z]*a/.test(option) || (option === '+o' && rest[index + 1]?.value === 'allexport')) allExport = false;
        }
      }
    }
    return { byName, exportedAt, unsetAt };
  });
}

/** The last item of an ordered list whose `at(item)` is before `limit`, by binary search. */
export function lastBefore<T>(items: readonly T[] | undefined, limit: number, at: (item: T) => number): T | undefined {
  if (!items || items.length === 0 || at(items[0]!) >= limit) return undefined;
  let low = 0;
  let high = items.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (at(items[middle]!) < limit) low = middle;
    else high = middle - 1;
  }
  return items[low];
}

/** A variable set through `$GITHUB_ENV`: for the steps after `step` in the same job. */
export interface GithubEnvWrite {
  readonly name: string;
  /** The value as written (a `$` the shell left alone is `LITERAL_DOLLAR`). */
  readonly value: string;
  /** The command that writes the `NAME=` or `NAME<<` line. */
  readonly at: Span;
  readonly step: StepNode;
  readonly command: number;
}

/** Where `$GITHUB_ENV` is named: bash `$GITHUB_ENV`/`${GITHUB_ENV}`, PowerShell `$env:GITHUB_ENV`. */
const GITHUB_ENV_FILE = /^(?:\$GITHUB_ENV|\$\{GITHUB_ENV\}|\$env:GITHUB_ENV)$/i;

/** The `$GITHUB_ENV` lines a step writes, parsed as the runner parses the file after the step. */
function stepGithubEnv(context: Context, step: StepNode): GithubEnvWrite[] {
  const commands = runCommands(context, step);
  const lines: Array<{ text: string; command: RunCommand }> = [];
  for (const write of fileWrites(commands, fileOf(step).text)) {
    if (!GITHUB_ENV_FILE.test(write.target.value)) continue;
    for (const piece of write.pieces) {
      const parts = piece.text.split('\n');
      if (parts[parts.length - 1] === '') parts.pop();
      for (const text of parts) lines.push({ text: text.replace(/\r$/, ''), command: piece.command });
    }
  }
  const found: GithubEnvWrite[] = [];
  for (let index = 0; index < lines.length; index++) {
    const { text, command } = lines[index]!;
    const equals = text.indexOf('=');
    const heredoc = text.indexOf('<<');
    const entry = (name: string, value: string) => found.push({ name, value, at: command.span, step, command: command.index });
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) entry(text.slice(0, equals), text.slice(equals + 1));
    else if (heredoc > 0) {
      const delimiter = text.slice(heredoc + 2);
      const end = lines.findIndex((line, at) => at > index && line.text === delimiter);
      if (delimiter === '' || end === -1) break;
      entry(text.slice(0, heredoc), lines.slice(index + 1, end).map((line) => line.text).join('\n'));
      index = end;
    }
  }
  return found;
}

/** Every `$GITHUB_ENV` write of a job or composite action, by name, in step order; found once per run. */
export function githubEnvWrites(context: Context, container: JobNode | ActionNode): ReadonlyMap<string, readonly GithubEnvWrite[]> {
  return context.facts.memo('github-env-writes', container, () => {
    const byName = new Map<string, GithubEnvWrite[]>();
    for (const step of stepsOf(container)) for (const write of stepGithubEnv(context, step)) push(byName, write.name, write);
    return byName;
  });
}
