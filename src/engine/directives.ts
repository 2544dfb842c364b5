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

  const lineDirectives = directives.filter((directive) => directive.kind === 'disable-line' || directive.kind === 'disable-next-line');
  const blockDirectives = directives.filter((directive) => directive.kind === 'disable' || directive.kind === 'enable');
  const anchors = multilineValues.map((value) => ({
    keyLine: lineIndex.position(value.keyStart).line,
    startLine: lineIndex.position(value.start).line,
    endLine: lineIndex.position(Math.max(value.start, value.end - 1)).line,
  }));

  for (const message of messages) {
    if (message.ruleId === null) {
      kept.push(message);
      continue;
    }
    const ruleId = message.ruleId;
    const lines = new Set([message.line]);
    for (const anchor of anchors) {
      if (message.line >= anchor.startLine && message.line <= anchor.endLine) lines.add(anchor.keyLine);
    }
    let by: Directive | undefined;
    for (const directive of lineDirectives) {
      if (!lines.has(directive.line)) continue;
      const key = coveredKey(directive, ruleId);
      if (key === undefined) continue;
      used.add(`${directives.indexOf(directive)}:${key}`);
      by ??= directive;
    }
    if (!by) by = blockDirectiveFor(message, ruleId, blockDirectives, directives, lineIndex, used);
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

function blockDirectiveFor(
  message: LintMessage,
  ruleId: string,
  blockDirectives: readonly Directive[],
  all: readonly Directive[],
  lineIndex: LineIndex,
  used: Set<string>,
): Directive | undefined {
  const offset = lineIndex.lineStart(message.line) + message.column - 1;
  let active: Directive | undefined;
  for (const directive of blockDirectives) {
    if (directive.offset > offset) break;
    const key = coveredKey(directive, ruleId);
    if (key === undefined) continue;
    active = directive.kind === 'disable' ? directive : undefined;
  }
  if (active) used.add(`${all.indexOf(active)}:${coveredKey(active, ruleId)}`);
  return active;
}
