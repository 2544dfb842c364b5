import type { LintResult } from '../../src/engine/result.js';

/**
 * One hand-built set of results every formatter test reads: two files with findings (errors,
 * warnings, a fatal YAML error, a suppressed finding with a justification, a message with `%`, a
 * line break, `:` and `,`), one clean file, and one file whose only finding is suppressed.
 */
export const RESULTS: readonly LintResult[] = [
  {
    filePath: '/repo/.github/workflows/release.yml',
    relativePath: '.github/workflows/release.yml',
    messages: [
      {
        ruleId: 'valid-permissions',
        messageId: 'unknownScope',
        severity: 2,
        message: 'Unknown permission scope `id_token` (did you mean `id-token`?).',
        line: 12,
        column: 9,
        endLine: 12,
        endColumn: 17,
      },
      {
        ruleId: 'require-provenance',
        messageId: 'missing',
        severity: 1,
        message: 'Publish with provenance: 100% of releases, a, b: c\nsecond line\r',
        line: 30,
        column: 11,
        endLine: 31,
        endColumn: 4,
        related: [{ message: 'token bound here', line: 5, column: 3, endLine: 5, endColumn: 20 }],
      },
    ],
    suppressedMessages: [
      {
        ruleId: 'no-long-lived-npm-token',
        messageId: 'token',
        severity: 2,
        message: 'Long-lived token',
        line: 40,
        column: 7,
        endLine: 40,
        endColumn: 22,
        suppressions: [{ kind: 'directive', justification: 'first publish' }],
      },
    ],
    errorCount: 1,
    warningCount: 1,
    fatalErrorCount: 0,
  },
  {
    filePath: '/repo/.github/workflows/broken,name:x.yml',
    relativePath: '.github/workflows/broken,name:x.yml',
    messages: [
      {
        ruleId: null,
        severity: 2,
        fatal: true,
        message: 'YAML: Implicit map keys need to be followed by map values',
        line: 3,
        column: 1,
        endLine: 3,
        endColumn: 2,
      },
    ],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 0,
    fatalErrorCount: 1,
  },
  {
    filePath: '/repo/.github/workflows/clean.yml',
    relativePath: '.github/workflows/clean.yml',
    messages: [],
    suppressedMessages: [],
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
  },
  {
    filePath: '/repo/action.yml',
    relativePath: 'action.yml',
    messages: [],
    suppressedMessages: [
      {
        ruleId: 'valid-permissions',
        severity: 2,
        message: 'x',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 2,
        suppressions: [{ kind: 'directive', justification: '' }],
      },
    ],
    errorCount: 0,
    warningCount: 0,
    fatalErrorCount: 0,
  },
];
