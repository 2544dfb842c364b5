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

/** One thing a script does to a name, for the rest of its scope: assign it, unset it, or export it. */
interface ScriptEvent {
  readonly kind: 'assign' | 'unset' | 'export';
  readonly command: number;
  readonly assignment?: ScriptAssignment;
  /** The last assignment or unset of this list up to here (this event itself, when it is one). */
  readonly decisive?: ScriptEvent;
  /** An `export` of the name in this list up to here. */
  readonly exportedSoFar: boolean;
}

/**
 * The assignments of one step's script. Events are kept by name and by the nested script they are
 * made in (`-1`: the step's script itself; else the scope's first command), each list in order, so a
 * command finds what it sees with one binary search per enclosing scope.
 */
export interface ScriptEnv {
  /** Every name the script assigns (for one command or the rest of its scope) or unsets. */
  readonly names: ReadonlySet<string>;
  /** Prefix assignments (`A=1 cmd`, `env A=1 cmd`) by command, then by name (the last one wins). */
  readonly prefixes: ReadonlyMap<number, ReadonlyMap<string, ScriptAssignment>>;
  readonly events: ReadonlyMap<string, ReadonlyMap<number, readonly ScriptEvent[]>>;
  readonly commands: readonly RunCommand[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)\+?=/;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builtins that declare variables; `-x` among their options exports them. */
const DECLARE: ReadonlySet<string> = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** The key of the innermost nested script a command is part of (`-1`: none). */
const scopeKey = (command: RunCommand): number => command.scopes?.[command.scopes.length - 1]?.start ?? -1;

/** The assignments, exports and unsets of a step's script, found once per run. */
export function scriptEnv(context: Context, step: StepNode): ScriptEnv {
  return context.facts.memo('script-env', step, () => {
    const fileText = fileOf(step).text;
    const names = new Set<string>();
    const prefixes = new Map<number, Map<string, ScriptAssignment>>();
    const events = new Map<string, Map<number, ScriptEvent[]>>();
    const commands = runCommands(context, step);
    let allExport = false;
    for (const command of commands) {
      const [first, ...rest] = command.words;
      const event = (name: string, kind: ScriptEvent['kind'], assignment?: ScriptAssignment) => {
        names.add(name);
        let byScope = events.get(name);
        if (!byScope) events.set(name, (byScope = new Map()));
        const key = scopeKey(command);
        const previous = byScope.get(key)?.at(-1);
        const made: ScriptEvent = { kind, command: command.index, ...(assignment ? { assignment } : {}), exportedSoFar: kind === 'export' || (previous?.exportedSoFar ?? false) };
        const decisive = kind === 'export' ? previous?.decisive : made;
        push(byScope, key, decisive ? { ...made, decisive } : made);
      };
      const add = (word: SourceWord, scope: ScriptAssignment['scope'], exported: boolean) => {
        const match = ASSIGNMENT.exec(word.value);
        if (!match) return;
        // `A='$X'` assigns the text `$X`; `A="$X"` and `A=$X` assign X's value.
        const value = shellText(word, fileText).slice(match[0].length);
        const assignment: ScriptAssignment = { name: match[1]!, value, at: word.span, command: command.index, scope, exported };
        if (scope === 'script') return event(assignment.name, 'assign', assignment);
        names.add(assignment.name);
        let own = prefixes.get(command.index);
        if (!own) prefixes.set(command.index, (own = new Map()));
        own.set(assignment.name, assignment);
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
          } else if (exporting && NAME.test(word.value)) event(word.value, 'export');
        }
      } else if (first.value === 'unset') {
        for (const word of rest) if (NAME.test(word.value)) event(word.value, 'unset');
      } else if (first.value === 'set') {
        for (let index = 0; index < rest.length; index++) {
          const option = rest[index]!.value;
          if (/^-[a-zA-Z]*a/.test(option) || (option === '-o' && rest[index + 1]?.value === 'allexport')) allExport = true;
          if (/^\+[a-zA-Z]*a/.test(option) || (option === '+o' && rest[index + 1]?.value === 'allexport')) allExport = false;
        }
      }
    }
    return { names, prefixes, events, commands };
  });
}

/** What a script says about a name at one command: the assignment in effect, or that it is unset; and whether it is exported. */
export interface ScriptState {
  /** The assignment in effect; undefined when the script assigns nothing that reaches the command. */
  readonly assignment?: ScriptAssignment;
  /** The script unset the name, after any assignment that reaches the command. */
  readonly unset: boolean;
  /** The name is exported (`export NAME`, or an exporting assignment) where the command runs. */
  readonly exported: boolean;
}

/**
 * What command `command` sees of `name` from its own script. `forChild`: the environment of the
 * process it starts (its prefix assignments count); else what `$name` expands to in its words. An
 * assignment inside a nested script (`bash -c '…'`, `$( … )`) reaches only the rest of that script;
 * a prefix assignment on the command that runs a nested script (`A=1 bash -c '…'`) reaches all of it.
 */
export function scriptState(env: ScriptEnv, name: string, command: number, forChild: boolean): ScriptState | undefined {
  if (!env.names.has(name)) return undefined;
  const own = forChild ? env.prefixes.get(command)?.get(name) : undefined;
  if (own) return { assignment: own, unset: false, exported: true };
  const byScope = env.events.get(name);
  const scopes = env.commands[command]?.scopes ?? [];
  let exported = false;
  let decided: ScriptState | undefined;
  // Innermost scope first: what a nested script does comes after what its outer script did before it.
  for (let level = scopes.length; level >= 0; level--) {
    const scope = level > 0 ? scopes[level - 1] : undefined;
    const list = byScope?.get(scope?.start ?? -1);
    const last = list?.[lastIndexBefore(list, command)];
    if (last?.exportedSoFar) exported = true;
    if (decided) continue;
    const decisive = last?.decisive;
    if (decisive) decided = decisive.kind === 'unset' ? { unset: true, exported: false } : { assignment: decisive.assignment!, unset: false, exported: decisive.assignment!.exported };
    else {
      // What the command that runs this nested script puts in its environment (`A=1 bash -c '…'`).
      const inherited = scope?.runner !== undefined ? env.prefixes.get(scope.runner)?.get(name) : undefined;
      if (inherited) decided = { assignment: inherited, unset: false, exported: true };
    }
  }
  if (decided) return { ...decided, exported: exported || decided.exported };
  return exported ? { unset: false, exported } : undefined;
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

/** The index of the last event before command `command` in an ordered list, by binary search; -1 when none. */
function lastIndexBefore(list: readonly ScriptEvent[], command: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.command < command) low = middle + 1;
    else high = middle;
  }
  return low - 1;
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
