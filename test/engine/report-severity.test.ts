import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/engine/lint-text.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';

// A rule with one certain and one softer finding, as changesets-action-auth reports them.
const twoLevels = defineRule({
  id: 'two-levels',
  meta: {
    type: 'problem',
    docs: { description: 'Enforce nothing (test probe)', recommended: false },
    severity: 'error',
    security: { severity: 1, precision: 'high' },
    messages: { hard: 'hard', soft: 'soft' },
  },
  create(context) {
    return {
      workflow() {
        // Distinct places keep the report order stable (results are sorted by position).
        context.report({ messageId: 'hard', at: { start: 0, end: 1 } });
        context.report({ messageId: 'soft', at: { start: 1, end: 2 }, severity: 'warn' });
        context.report({ messageId: 'hard', at: { start: 2, end: 3 }, severity: 'error' });
      },
    };
  },
}) as unknown as AnyRule;

function severities(configured: 'warn' | 'error'): Array<[string | undefined, number]> {
  const result = lintText('on: push\njobs: {}\n', {
    filePath: '.github/workflows/a.yml',
    rules: [{ rule: twoLevels, severity: configured, options: undefined }],
    reportUnusedDirectives: 'off',
  });
  return result.messages.map((message) => [message.messageId, message.severity]);
}

describe('per-finding severity', () => {
  it('lowers one finding of an error rule to a warning', () => {
    expect(severities('error')).toEqual([
      ['hard', 2],
      ['soft', 1],
      ['hard', 2],
    ]);
  });

  it('never raises a finding above the configured severity', () => {
    expect(severities('warn')).toEqual([
      ['hard', 1],
      ['soft', 1],
      ['hard', 1],
    ]);
  });
});
