import type { Span, StepNode, YamlScalar } from '../engine/ast.js';
import type { FactStore } from '../engine/facts.js';
import { parseShell, type ShellCommand, type ShellDialect, type ShellScope, type ShellWord } from './shell.js';
import { defaultsRun, fileOf } from './steps.js';

/** A shell word with its span in the workflow file. */
export interface SourceWord extends ShellWord {
  readonly span: Span;
}

/** A command of a `run:` script, every word placed in the workflow file. */
export interface RunCommand {
  readonly words: readonly SourceWord[];
  readonly assignments: readonly SourceWord[];
  readonly wrappers: readonly SourceWord[];
  readonly redirects: ReadonlyArray<{ operator: string; target?: SourceWord; heredoc?: { delimiter: string; body: string; span: Span } }>;
  readonly terminator: string;
  /** The command from its first word to its last, in the file. */
  readonly span: Span;
  /** Index of the command in its script. */
  readonly index: number;
  /** For the `}` of `{ …; } >> file`: the index of the group's first command (the redirects apply to all). */
  readonly groupFrom?: number;
  /** The nested scripts (`bash -c '…'`, `$( … )`) the command is part of, outermost first (`ShellCommand.scopes`). */
  readonly scopes?: readonly ShellScope[];
}

/** Interpreters whose scripts are not shell at all. */
const NON_SHELL = /^(?:python|node|perl|ruby|cmd)\b/i;
const POWERSHELL = /^(?:pwsh|powershell)\b/i;

/**
 * The shell a `run:` step uses: its own `shell:`, else `defaults.run.shell` of its job, else of its
 * workflow (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrunshell).
 */
export function stepShell(step: StepNode): YamlScalar | undefined {
  if (step.shell) return step.shell;
  const shell = defaultsRun(step, 'shell');
  return shell?.type === 'scalar' ? shell : undefined;
}

/**
 * The commands of a step's `run:` script, with spans in the step's file, parsed once per run.
 * Empty when the step's shell is not a shell (python, node, …).
 */
export function runCommands(context: { readonly facts: FactStore }, step: StepNode): readonly RunCommand[] {
  const run = step.run;
  const shell = stepShell(step);
  if (!run || (shell && NON_SHELL.test(shell.text.trim()))) return [];
  const dialect = shellDialect(step, shell);
  return context.facts.memo(`run-commands:${dialect}`, run, () => scriptCommands(run, fileOf(step).text, dialect));
}

/**
 * PowerShell when the step says so, or when it names no shell and its job's runner carries a
 * Windows label (`windows-latest`, or `windows` on a self-hosted runner): there GitHub's default
 * shell is `pwsh`. A runner chosen by an expression stays `posix`, the common case.
 */
export function shellDialect(step: StepNode, shell = stepShell(step)): ShellDialect {
  if (shell) return POWERSHELL.test(shell.text.trim()) ? 'powershell' : 'posix';
  if (step.parent.kind !== 'job') return 'posix';
  const runsOn = step.parent.runsOn?.value;
  const labels = runsOn?.type === 'scalar' ? [runsOn] : runsOn?.type === 'seq' ? runsOn.items : [];
  const windows = labels.some((label) => label.type === 'scalar' && /^windows(?:-|$)/i.test(label.text.trim()));
  return windows ? 'powershell' : 'posix';
}

function scriptCommands(scalar: YamlScalar, fileText: string, dialect: ShellDialect = 'posix'): readonly RunCommand[] {
  const script = scalar.text;
  const toSource = scalarOffsetMap(scalar, fileText);
  const place = (start: number, end: number): Span => {
    const from = toSource(start);
    // Map the last character, not the offset after it: after a line break that offset is the next
    // line's text, past its indentation.
    const last = end > start ? toSource(end - 1) : from;
    const to = last === undefined ? undefined : end > start ? last + 1 : last;
    return from !== undefined && to !== undefined && to >= from ? { start: from, end: to } : scalar.aliasSpan ?? scalar.span;
  };
  const placeWord = (word: ShellWord): SourceWord => ({ ...word, span: place(word.start, word.end) });
  const commands = parseShell(script, dialect).map(
    (command: ShellCommand, index): RunCommand => ({
      words: command.words.map(placeWord),
      assignments: command.assignments.map(placeWord),
      wrappers: command.wrappers.map(placeWord),
      redirects: command.redirects.map((redirect) => ({
        operator: redirect.operator,
        ...(redirect.target ? { target: placeWord(redirect.target) } : {}),
        ...(redirect.heredoc
          ? { heredoc: { delimiter: redirect.heredoc.delimiter, body: redirect.heredoc.body, span: place(redirect.heredoc.start, redirect.heredoc.end) } }
          : {}),
      })),
      terminator: command.terminator,
      span: place(command.start, command.end),
      index,
      ...(command.groupFrom !== undefined ? { groupFrom: command.groupFrom } : {}),
      ...(command.scopes ? { scopes: command.scopes } : {}),
    }),
  );
  return commands;
}

/**
 * Maps an offset in a scalar's value to an offset in the file. Exact for literal block scalars
 * (`run: |`) and for single-line scalars without escapes; for folded or escaped scalars it returns
 * undefined so callers fall back to the whole scalar. Aliased scalars map to the anchor's text.
 */
export function scalarOffsetMap(scalar: YamlScalar, fileText: string): (offset: number) => number | undefined {
  const { start, end } = scalar.span;
  const source = fileText.slice(start, end);
  const value = scalar.text;
  if (scalar.style === 'plain' && source === value) return (offset) => start + offset;
  if ((scalar.style === 'single' || scalar.style === 'double') && source.slice(1, -1) === value) return (offset) => start + 1 + offset;
  if (scalar.style !== 'literal') return () => undefined;

  // Block literal: the header line, then body lines indented by a common amount.
  const bodyStart = fileText.indexOf('\n', start);
  if (bodyStart === -1 || bodyStart >= end) return () => undefined;
  const sourceLineStarts: number[] = [];
  for (let index = bodyStart + 1; index < end || (index === end && sourceLineStarts.length === 0); ) {
    sourceLineStarts.push(index);
    const next = fileText.indexOf('\n', index);
    if (next === -1 || next >= end) break;
    index = next + 1;
  }
  const valueLines = value.split('\n');
  const valueLineStarts: number[] = [];
  let running = 0;
  for (const line of valueLines) {
    valueLineStarts.push(running);
    running += line.length + 1;
  }
  // Each value line is its source line minus the indentation: find that indentation per line.
  const lineOffsets: number[] = valueLines.map((line, index) => {
    const sourceStart = sourceLineStarts[index];
    if (sourceStart === undefined) return -1;
    const lineEnd = fileText.indexOf('\n', sourceStart);
    const sourceLine = fileText.slice(sourceStart, lineEnd === -1 ? fileText.length : lineEnd).replace(/\r$/, '');
    if (line.length === 0) return sourceStart;
    return sourceLine.endsWith(line) ? sourceStart + sourceLine.length - line.length : -1;
  });
  return (offset) => {
    let low = 0;
    let high = valueLineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (valueLineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    const base = lineOffsets[low];
    if (base === undefined || base < 0) return undefined;
    return base + (offset - valueLineStarts[low]!);
  };
}
