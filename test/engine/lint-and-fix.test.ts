import { describe, expect, it } from 'vitest';
import { lintAndFix, MAX_FIX_PASSES } from '../../src/engine/fix/lint-and-fix.js';
import { scalarText } from '../../src/engine/fix/yaml-text.js';
import { lintText } from '../../src/engine/lint-text.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';

const meta = {
  type: 'problem' as const,
  docs: { description: 'Enforce nothing (test probe)', recommended: false },
  severity: 'error' as const,
  security: { severity: 1, precision: 'high' as const },
};

/** Appends `x` to the value of `count:` until it has `until` of them: one fix per pass. */
const grow = (until: number) =>
  defineRule({
    id: 'grow',
    meta: { ...meta, fixable: 'code', messages: { short: 'short' } },
    create: (context) => ({
      workflow: (workflow) => {
        const entry = workflow.root.byKey.get('count');
        if (entry?.value.type !== 'scalar' || entry.value.text.length >= until) return;
        context.report({ messageId: 'short', at: entry, fix: { range: [entry.value.span.end, entry.value.span.end], text: 'x' } });
      },
    }),
  }) as unknown as AnyRule;

/** Two fixes of one entry that overlap: only one applies per pass. */
const overlapping = defineRule({
  id: 'overlapping',
  meta: { ...meta, fixable: 'code', messages: { a: 'a', b: 'b' } },
  create: (context) => ({
    workflow: (workflow) => {
      const entry = workflow.root.byKey.get('name');
      if (entry?.value.type !== 'scalar' || entry.value.text !== 'old') return;
      context.report({ messageId: 'a', at: entry, fix: context.fixer.replaceScalar(entry.value, 'first') });
      context.report({ messageId: 'b', at: entry, fix: context.fixer.replaceScalar(entry.value, 'second') });
    },
  }),
}) as unknown as AnyRule;

/** A fix that breaks the YAML: never written. */
const breaking = defineRule({
  id: 'breaking',
  meta: { ...meta, fixable: 'code', messages: { bad: 'bad' } },
  create: (context) => ({
    workflow: (workflow) => {
      const entry = workflow.root.byKey.get('name');
      if (entry) context.report({ messageId: 'bad', at: entry, fix: { range: [entry.span.start, entry.span.start], text: '[' } });
    },
  }),
}) as unknown as AnyRule;

const options = (rule: AnyRule) => ({ filePath: '.github/workflows/t.yml', rules: [{ rule, severity: 'error' as const, options: undefined }], reportUnusedDirectives: 'off' as const });

describe('lintAndFix (ESLint verifyAndFix semantics)', () => {
  it('fixes pass after pass and reports what is left, with `output`', () => {
    const result = lintAndFix('on: push\ncount: x\njobs: {}\n', options(grow(4)));
    expect(result.output).toBe('on: push\ncount: xxxx\njobs: {}\n');
    expect(result.messages).toEqual([]);
  });

  it(`stops after ${MAX_FIX_PASSES} passes, leaving the rest fixable`, () => {
    const result = lintAndFix('on: push\ncount: x\njobs: {}\n', options(grow(100)));
    expect(result.output).toBe(`on: push\ncount: ${'x'.repeat(1 + MAX_FIX_PASSES)}\njobs: {}\n`);
    expect(result.fixableErrorCount).toBe(1);
  });

  it('applies one of two overlapping fixes per pass (the first by range, then report order)', () => {
    const result = lintAndFix('on: push\nname: old\njobs: {}\n', options(overlapping));
    expect(result.output).toBe('on: push\nname: first\njobs: {}\n');
    expect(result.messages).toEqual([]);
  });

  it('keeps a BOM and CRLF line endings', () => {
    const result = lintAndFix('\uFEFFon: push\r\ncount: x\r\njobs: {}\r\n', options(grow(2)));
    expect(result.output).toBe('\uFEFFon: push\r\ncount: xx\r\njobs: {}\r\n');
  });

  it('never fixes a file with a YAML error, and drops a pass whose output would not parse', () => {
    const broken = lintAndFix('on: push\ncount: x\njobs: {}\nfoo: [\n', options(grow(3)));
    expect(broken.output).toBeUndefined();
    // No fix is offered on a file GitHub may read differently.
    expect(broken.messages.filter((message) => message.fix)).toEqual([]);
    const breaks = lintAndFix('on: push\nname: x\njobs: {}\n', options(breaking));
    expect(breaks.output).toBeUndefined();
  });

  it("checks a report's fix and suggestions against the rule's meta, as ESLint does (an internal error otherwise)", () => {
    const undeclared = defineRule({
      id: 'undeclared',
      meta: { ...meta, messages: { m: 'm' } },
      create: (context) => ({
        workflow: (workflow) => context.report({ messageId: 'm', at: workflow.root, ...({ fix: { range: [0, 0], text: 'x' } } as object) } as never),
      }),
    }) as unknown as AnyRule;
    const result = lintText('on: push\njobs: {}\n', options(undeclared));
    expect(result.internalError).toBe(true);
    expect(result.messages[0]!.message).toContain('Fixable rules must set `meta.fixable: "code"`');
    const suggesting = defineRule({
      id: 'suggesting',
      meta: { ...meta, messages: { m: 'm' } },
      create: (context) => ({
        workflow: (workflow) => context.report({ messageId: 'm', at: workflow.root, ...({ suggest: [{ messageId: 'm', fix: { range: [0, 0], text: 'x' } }] } as object) } as never),
      }),
    }) as unknown as AnyRule;
    expect(lintText('on: push\njobs: {}\n', options(suggesting)).messages[0]!.message).toContain('`meta.hasSuggestions: true`');
  });

  it('makes suggestions only when asked: a function given as `suggest` is not called otherwise', () => {
    let calls = 0;
    const rule = defineRule({
      id: 'lazy',
      meta: { ...meta, hasSuggestions: true, messages: { m: 'm' } },
      create: (context) => ({
        workflow: (workflow) =>
          context.report({
            messageId: 'm',
            at: workflow.root,
            suggest: () => {
              calls++;
              return [{ messageId: 'm', fix: { range: [0, 0], text: '# x\n' } }];
            },
          }),
      }),
    }) as unknown as AnyRule;
    expect(lintText('on: push\njobs: {}\n', { ...options(rule), suggestions: false }).messages[0]!.suggestions).toBeUndefined();
    expect(calls).toBe(0);
    expect(lintText('on: push\njobs: {}\n', options(rule)).messages[0]!.suggestions).toHaveLength(1);
    expect(calls).toBe(1);
  });

  it('gives suggestions their interpolated description and merged edit; an edit that changes nothing is no fix', () => {
    const rule = defineRule({
      id: 'suggests',
      meta: { ...meta, fixable: 'code', hasSuggestions: true, messages: { m: 'm', s: 'Set `{{key}}`.' } },
      create: (context) => ({
        workflow: (workflow) => {
          const entry = workflow.root.byKey.get('on')!;
          context.report({
            messageId: 'm',
            at: entry,
            fix: { range: [entry.span.start, entry.span.end], text: 'on: push' },
            suggest: [{ messageId: 's', data: { key: 'name' }, fix: context.fixer.insertEntry(workflow.root, 'name', scalarText('CI'), { before: entry })! }],
          });
        },
      }),
    }) as unknown as AnyRule;
    const [message] = lintText('on: push\njobs: {}\n', options(rule)).messages;
    expect(message!.fix).toBeUndefined();
    expect(message!.suggestions).toEqual([{ desc: 'Set `name`.', messageId: 's', fix: { range: [0, 0], text: 'name: CI\n' } }]);
  });
});
