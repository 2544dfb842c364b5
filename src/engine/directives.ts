import type { LineIndex } from './line-index.js';
import type { CommentToken } from './parse.js';
import type { LintMessage } from './result.js';
import type { MultilineValue } from './yaml-value.js';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  readonly kind: DirectiveKind;
  /** Empty means every rule. */
  readonly ruleIds: readonly string[];
  readonly justification: string;
  readonly offset: number;
  readonly end: number;
  /** The line the directive applies to (line directives) or starts on (block directives). */
  readonly line: number;
}

// `# trustlint-disable-next-line rule-a, rule-b -- why this is safe`. As in ESLint, `--` starts the
// reason only with whitespace on both sides (or at the end), so `--foo` stays in the ids and is reported.
// Two linear steps rather than one regex: `(.*?)(?:\s--…)?\s*$` backtracked quadratically (a comment
// of 60,000 spaces then `x` took 4 s; a 1 MiB one would take many minutes).
const DIRECTIVE_HEAD = /^#\s*trustlint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/u;
const REASON_SEPARATOR = /\s--(?=\s|$)/u;

export function parseDirectives(comments: readonly CommentToken[], lineIndex: LineIndex): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    if (!comment.source.includes('trustlint-')) continue;
    const head = DIRECTIVE_HEAD.exec(comment.source);
    if (!head) continue;
    const rest = comment.source.slice(head[0].length);
    const separator = REASON_SEPARATOR.exec(rest);
    const kind = head[1] as DirectiveKind;
    const line = lineIndex.position(comment.offset).line;
    directives.push({
      kind,
      ruleIds: (separator ? rest.slice(0, separator.index) : rest)
        .split(/[\s,]+/)
        .map((id) => id.trim())
        .filter(Boolean),
      justification: separator ? rest.slice(separator.index + separator[0].length).trim() : '',
      offset: comment.offset,
      end: comment.offset + comment.source.length,
      line: kind === 'disable-next-line' ? line + 1 : line,
    });
  }
  return directives;
}

export interface DirectiveOutcome {
  readonly messages: LintMessage[];
  readonly suppressed: LintMessage[];
  /** Problems with the directives themselves: unknown rule ids, unused directives. */
  readonly problems: LintMessage[];
}

export interface ApplyOptions {
  readonly isKnownRule: (id: string) => boolean;
  readonly suggestRule: (id: string) => string | undefined;
  readonly reportUnused: 'off' | 'warn' | 'error';
}

/**
 * Marks the findings each directive covers. A finding inside a multi-line scalar (a `run: |`
 * script) may also be suppressed from the line of its key, since a `#` inside the script is text.
 *
 * Indexed once, so each finding costs a few map lookups and a binary search: scanning every
 * directive (and `indexOf`) for every finding took time in proportion to their product.
 * `directives` are in file order, as `parseDirectives` returns them.
 */
export function applyDirectives(
  messages: readonly LintMessage[],
  directives: readonly Directive[],
  lineIndex: LineIndex,
  multilineValues: readonly MultilineValue[],
  options: ApplyOptions,
): DirectiveOutcome {
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const problems: LintMessage[] = [];
  const used = new Set<string>(); // `${directiveIndex}:${ruleId|*}`

  const lineDirectives = lineDirectivesByLine(directives);
  const keyLines = keyLinesByLine(multilineValues, lineIndex);
  const blocks = blockDirectiveIndex(directives);

  for (const message of messages) {
    if (message.ruleId === null) {
      kept.push(message);
      continue;
    }
    const ruleId = message.ruleId;
    // The directives on the finding's line and on the key lines of the scalars around it, in
    // directive order: the first one that covers the rule is the one that suppresses it.
    const candidates = [...(lineDirectives.get(message.line) ?? [])];
    for (const keyLine of keyLines.get(message.line) ?? []) {
      if (keyLine !== message.line) candidates.push(...(lineDirectives.get(keyLine) ?? []));
    }
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    let by: Directive | undefined;
    for (const index of candidates) {
      const directive = directives[index]!;
      const key = coveredKey(directive, ruleId);
      if (key === undefined) continue;
      used.add(`${index}:${key}`);
      by ??= directive;
    }
    if (!by) {
      const index = blocks.activeFor(ruleId, lineIndex.lineStart(message.line) + message.column - 1);
      if (index !== undefined) {
        by = directives[index]!;
        used.add(`${index}:${coveredKey(by, ruleId)}`);
      }
    }
    if (by) suppressed.push({ ...message, suppressions: [{ kind: 'directive', justification: by.justification }] });
    else kept.push(message);
  }

  directives.forEach((directive, index) => {
    const start = lineIndex.position(directive.offset);
    const end = lineIndex.position(directive.end);
    const at = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    for (const id of directive.ruleIds) {
      if (!options.isKnownRule(id)) {
        const suggestion = options.suggestRule(id);
        problems.push({
          ruleId: null,
          severity: 2,
          message: `Unknown rule \`${id}\` in a trustlint directive${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`,
          ...at,
        });
      }
    }
    if (options.reportUnused === 'off' || directive.kind === 'enable') return;
    const severity = options.reportUnused === 'error' ? 2 : 1;
    const ids = directive.ruleIds.length > 0 ? directive.ruleIds.filter(options.isKnownRule) : ['*'];
    const unused = ids.filter((id) => !used.has(`${index}:${id}`));
    if (unused.length === 0) return;
    const what = unused[0] === '*' ? '' : ` (no problems were reported from ${unused.map((id) => `\`${id}\``).join(', ')})`;
    problems.push({
      ruleId: null,
      severity,
      message: `Unused trustlint-${directive.kind} directive${what}; remove it so it cannot hide a future finding`,
      ...at,
    });
  });

  return { messages: kept, suppressed, problems };
}

/** The id under which a directive covers a rule (`*` for all rules), or undefined. */
function coveredKey(directive: Directive, ruleId: string): string | undefined {
  if (directive.ruleIds.length === 0) return '*';
  return directive.ruleIds.includes(ruleId) ? ruleId : undefined;
}

/** Line → indexes of the line directives that apply to it, in directive order (at most two per line). */
function lineDirectivesByLine(directives: readonly Directive[]): Map<number, number[]> {
  const byLine = new Map<number, number[]>();
  directives.forEach((directive, index) => {
    if (directive.kind !== 'disable-line' && directive.kind !== 'disable-next-line') return;
    const list = byLine.get(directive.line);
    if (list) list.push(index);
    else byLine.set(directive.line, [index]);
  });
  return byLine;
}

/**
 * Line → the key lines of the multi-line scalars that cover it. Scalars never overlap, so the lines
 * they cover add up to at most the file's lines plus one per scalar.
 */
function keyLinesByLine(multilineValues: readonly MultilineValue[], lineIndex: LineIndex): Map<number, number[]> {
  const byLine = new Map<number, number[]>();
  for (const value of multilineValues) {
    const keyLine = lineIndex.position(value.keyStart).line;
    const startLine = lineIndex.position(value.start).line;
    const endLine = lineIndex.position(Math.max(value.start, value.end - 1)).line;
    for (let line = startLine; line <= endLine; line++) {
      const list = byLine.get(line);
      if (!list) byLine.set(line, [keyLine]);
      else if (!list.includes(keyLine)) list.push(keyLine);
    }
  }
  return byLine;
}

/**
 * `disable`/`enable` blocks: per rule id, and for all rules, the directives in file order. A
 * finding is inside a block when the last directive before it that names its rule (or all rules)
 * is a `disable`; found by binary search.
 */
function blockDirectiveIndex(directives: readonly Directive[]): { activeFor(ruleId: string, offset: number): number | undefined } {
  const byRule = new Map<string, number[]>();
  const everyRule: number[] = [];
  directives.forEach((directive, index) => {
    if (directive.kind !== 'disable' && directive.kind !== 'enable') return;
    if (directive.ruleIds.length === 0) everyRule.push(index);
    for (const id of new Set(directive.ruleIds)) {
      const list = byRule.get(id);
      if (list) list.push(index);
      else byRule.set(id, [index]);
    }
  });
  /** The last index in `list` whose directive starts at or before `offset`, or -1. */
  const lastBefore = (list: readonly number[] | undefined, offset: number): number => {
    if (!list) return -1;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (directives[list[middle]!]!.offset <= offset) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? -1 : list[low - 1]!;
  };
  return {
    activeFor(ruleId, offset) {
      // Directives are in file order, so the later of the two is the larger index.
      const last = Math.max(lastBefore(byRule.get(ruleId), offset), lastBefore(everyRule, offset));
      return last >= 0 && directives[last]!.kind === 'disable' ? last : undefined;
    },
  };
}
