import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDirectives, type ApplyOptions, type Directive, type DirectiveKind, type DirectiveOutcome } from '../../src/engine/directives.js';
import { createLineIndex, type LineIndex } from '../../src/engine/line-index.js';
import type { LintMessage } from '../../src/engine/result.js';
import type { MultilineValue } from '../../src/engine/yaml-value.js';

/**
 * The indexed applyDirectives must give exactly what the straightforward version gave (a scan of
 * every directive for every finding, kept here as the reference) on random findings, directives
 * and multi-line scalars. That version took time in proportion to findings × directives.
 */
function referenceApply(
  messages: readonly LintMessage[],
  directives: readonly Directive[],
  lineIndex: LineIndex,
  multilineValues: readonly MultilineValue[],
  options: ApplyOptions,
): DirectiveOutcome {
  const kept: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  const problems: LintMessage[] = [];
  const used = new Set<string>();
  const covered = (directive: Directive, ruleId: string) => (directive.ruleIds.length === 0 ? '*' : directive.ruleIds.includes(ruleId) ? ruleId : undefined);
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
    for (const anchor of anchors) if (message.line >= anchor.startLine && message.line <= anchor.endLine) lines.add(anchor.keyLine);
    let by: Directive | undefined;
    for (const directive of lineDirectives) {
      if (!lines.has(directive.line)) continue;
      const key = covered(directive, ruleId);
      if (key === undefined) continue;
      used.add(`${directives.indexOf(directive)}:${key}`);
      by ??= directive;
    }
    if (!by) {
      const offset = lineIndex.lineStart(message.line) + message.column - 1;
      let active: Directive | undefined;
      for (const directive of blockDirectives) {
        if (directive.offset > offset) break;
        if (covered(directive, ruleId) === undefined) continue;
        active = directive.kind === 'disable' ? directive : undefined;
      }
      if (active) used.add(`${directives.indexOf(active)}:${covered(active, ruleId)}`);
      by = active;
    }
    if (by) suppressed.push({ ...message, suppressions: [{ kind: 'directive', justification: by.justification }] });
    else kept.push(message);
  }
  directives.forEach((directive, index) => {
    const start = lineIndex.position(directive.offset);
    const end = lineIndex.position(directive.end);
    const at = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    for (const id of directive.ruleIds) {
      if (!options.isKnownRule(id)) problems.push({ ruleId: null, severity: 2, message: `Unknown rule \`${id}\` in a trustlint directive`, ...at });
    }
    if (options.reportUnused === 'off' || directive.kind === 'enable') return;
    const ids = directive.ruleIds.length > 0 ? directive.ruleIds.filter(options.isKnownRule) : ['*'];
    const unused = ids.filter((id) => !used.has(`${index}:${id}`));
    if (unused.length === 0) return;
    const what = unused[0] === '*' ? '' : ` (no problems were reported from ${unused.map((id) => `\`${id}\``).join(', ')})`;
    problems.push({
      ruleId: null,
      severity: options.reportUnused === 'error' ? 2 : 1,
      message: `Unused trustlint-${directive.kind} directive${what}; remove it so it cannot hide a future finding`,
      ...at,
    });
  });
  return { messages: kept, suppressed, problems };
}

const LINES = 30;
const WIDTH = 20;
const text = Array.from({ length: LINES }, () => 'x'.repeat(WIDTH - 1)).join('\n');
const lineIndex = createLineIndex(text);
const RULES = ['a', 'b', 'c'];
const options: ApplyOptions = { isKnownRule: (id) => id !== 'c', suggestRule: () => undefined, reportUnused: 'warn' };

const kinds: DirectiveKind[] = ['disable-next-line', 'disable-line', 'disable', 'enable'];
/** At most one directive (one comment) per line, in file order. */
const directivesArbitrary = fc
  .uniqueArray(fc.record({ line: fc.integer({ min: 1, max: LINES }), kind: fc.constantFrom(...kinds), ids: fc.subarray(RULES), column: fc.integer({ min: 1, max: 10 }) }), {
    selector: (item) => item.line,
    maxLength: 15,
  })
  .map((items) =>
    items
      .sort((a, b) => a.line - b.line)
      .map((item): Directive => {
        const offset = lineIndex.lineStart(item.line) + item.column - 1;
        return {
          kind: item.kind,
          ruleIds: item.ids,
          justification: `why ${item.line}`,
          offset,
          end: offset + 5,
          line: item.kind === 'disable-next-line' ? item.line + 1 : item.line,
        };
      }),
  );
const messagesArbitrary = fc.array(
  fc.record({ line: fc.integer({ min: 1, max: LINES }), column: fc.integer({ min: 1, max: WIDTH }), ruleId: fc.constantFrom('a', 'b', 'c', null) }).map(
    ({ line, column, ruleId }): LintMessage => ({ ruleId, severity: 2, message: `m ${line}:${column}`, line, column, endLine: line, endColumn: column + 1 }),
  ),
  { maxLength: 40 },
);
/** Disjoint scalars (they never overlap in a file), each with its key before it. */
const multilineArbitrary = fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const values: MultilineValue[] = [];
  for (let index = 0; index + 2 < sorted.length; index += 3) values.push({ keyStart: sorted[index]!, start: sorted[index + 1]!, end: sorted[index + 2]! });
  return values;
});

describe('applyDirectives (indexed) equals the scan of every directive for every finding', () => {
  it('on random findings, directives and multi-line scalars', () => {
    fc.assert(
      fc.property(messagesArbitrary, directivesArbitrary, multilineArbitrary, (messages, directives, multiline) => {
        const actual = applyDirectives(messages, directives, lineIndex, multiline, options);
        const expected = referenceApply(messages, directives, lineIndex, multiline, options);
        expect(actual.messages).toEqual(expected.messages);
        expect(actual.suppressed).toEqual(expected.suppressed);
        expect(actual.problems.map((problem) => problem.message)).toEqual(expected.problems.map((problem) => problem.message));
      }),
      { numRuns: 2000 },
    );
  });

  it('20,000 findings under 20,000 directives (the reference needs 400 million steps)', () => {
    const lines = 40_000;
    const big = Array.from({ length: lines }, () => 'xxxxxxxxxx').join('\n');
    const index = createLineIndex(big);
    const directives: Directive[] = [];
    const messages: LintMessage[] = [];
    for (let line = 1; line < lines; line += 2) {
      const offset = index.lineStart(line);
      directives.push({ kind: 'disable-next-line', ruleIds: ['a'], justification: '', offset, end: offset + 5, line: line + 1 });
      messages.push({ ruleId: 'a', severity: 2, message: 'm', line: line + 1, column: 1, endLine: line + 1, endColumn: 2 });
    }
    const outcome = applyDirectives(messages, directives, index, [], options);
    expect(outcome.suppressed).toHaveLength(20_000);
    expect(outcome.problems).toEqual([]);
  });
});
