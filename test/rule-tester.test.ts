/** The RuleTester's fix and suggestion checks catch what they are for (a check that cannot fail is a defect). */
import { describe, expect, it } from 'vitest';
import { scalarText } from '../src/engine/fix/yaml-text.js';
import { defineRule, type AnyRule } from '../src/engine/rule.js';
import { checkFixes, lintWithRule, type InvalidCase } from './rule-tester.js';

const probe = defineRule({
  id: 'probe',
  meta: {
    type: 'problem',
    docs: { description: 'Enforce nothing (test probe)', recommended: false },
    severity: 'error',
    security: { severity: 1, precision: 'high' },
    fixable: 'code',
    hasSuggestions: true,
    messages: { name: 'name', rename: 'rename' },
  },
  create: (context) => ({
    workflow: (workflow) => {
      const entry = workflow.root.byKey.get('name');
      if (entry?.value.type !== 'scalar' || entry.value.text === 'fixed') return;
      const fix = context.fixer.replaceScalar(entry.value, 'fixed');
      const suggestion = context.fixer.insertEntry(workflow.root, 'x', scalarText('y'));
      context.report({ messageId: 'name', at: entry, fix, suggest: [{ messageId: 'rename', fix: suggestion! }] });
    },
  }),
}) as unknown as AnyRule;

const code = 'on: push\nname: old\n';
const check = (testCase: Omit<InvalidCase<string, unknown>, 'code'> & { code?: string }) => {
  const full = { code, ...testCase } as InvalidCase<string, unknown>;
  checkFixes(probe, full, lintWithRule(probe, full));
};
const suggestions = [{ messageId: 'rename', output: 'on: push\nname: old\nx: y\n' }];
const error = { messageId: 'name', line: 2, column: 1, endLine: 2, endColumn: 10 };

describe('the RuleTester checks fixes and suggestions', () => {
  it('passes exact output and suggestions', () => {
    expect(() => check({ output: 'on: push\nname: fixed\n', errors: [{ ...error, suggestions }] })).not.toThrow();
  });

  it('fails a missing or wrong output, and `output: null` when there is a fix', () => {
    expect(() => check({ errors: [{ ...error, suggestions }] })).toThrow(/add `output`/);
    expect(() => check({ output: 'on: push\nname: other\n', errors: [{ ...error, suggestions }] })).toThrow();
    expect(() => check({ output: null, errors: [{ ...error, suggestions }] })).toThrow(/no fix/);
  });

  it('fails undeclared or wrong suggestions', () => {
    expect(() => check({ output: 'on: push\nname: fixed\n', errors: [error] })).toThrow(/has suggestions/);
    expect(() => check({ output: 'on: push\nname: fixed\n', errors: [{ ...error, suggestions: [{ messageId: 'rename', output: code }] }] })).toThrow();
  });
});
