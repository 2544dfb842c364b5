import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/result.js';
import { escapeData, escapeProperty, formatGithub } from '../../src/formatters/github.js';
import { formatters } from '../../src/formatters/index.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatStylish } from '../../src/formatters/stylish.js';
import type { FormatContext } from '../../src/formatters/types.js';
import { RESULTS } from './results.js';
import { allRules } from '../../src/rules/index.js';

const context = (color = false): FormatContext => ({ rules: allRules, version: '9.9.9', color });

describe('stylish', () => {
  it('groups findings by file, aligns columns, strips a final period, and sums up', () => {
    expect(formatStylish(RESULTS, context())).toBe(
      [
        '',
        '/repo/.github/workflows/release.yml',
        '  12:9   error    Unknown permission scope `id_token` (did you mean `id-token`?)   valid-permissions',
        '  30:11  warning  Publish with provenance: 100% of releases, a, b: c\nsecond line\r  require-provenance',
        '',
        '/repo/.github/workflows/broken,name:x.yml',
        '  3:1  error  YAML: Implicit map keys need to be followed by map values',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        '2 findings suppressed by directives',
        '',
      ].join('\n'),
    );
  });

  it('uses colour only when asked', () => {
    const plain = formatStylish(RESULTS, context(false));
    expect(plain).not.toContain('\u001b[');
    const colored = formatStylish(RESULTS, context(true));
    expect(colored).toContain('\u001b[4m/repo/.github/workflows/release.yml\u001b[24m');
    expect(colored).toContain('\u001b[31merror\u001b[39m');
    expect(colored).toContain('\u001b[33mwarning\u001b[39m');
    expect(colored).toContain('\u001b[2mvalid-permissions\u001b[22m');
    expect(colored).toContain('\u001b[1m\u001b[31m✖ 3 problems (2 errors, 1 warning)\u001b[39m\u001b[22m');
    // Colour codes do not break the alignment.
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('a warning-only summary is yellow; singular words for one problem', () => {
    const one: LintResult[] = [{ ...RESULTS[0]!, messages: [RESULTS[0]!.messages[1]!], errorCount: 0, warningCount: 1, suppressedMessages: [] }];
    expect(formatStylish(one, context()).endsWith('\n✖ 1 problem (0 errors, 1 warning)\n')).toBe(true);
    expect(formatStylish(one, context(true))).toContain('\u001b[1m\u001b[33m✖ 1 problem (0 errors, 1 warning)');
  });

  it('formats a file with more findings than a function call takes arguments', () => {
    const many = Array.from({ length: 200_000 }, (_, index) => ({ ...RESULTS[0]!.messages[0]!, line: index + 1 }));
    const output = formatStylish([{ ...RESULTS[0]!, messages: many, errorCount: many.length, warningCount: 0, suppressedMessages: [] }], context());
    expect(output.endsWith('\n✖ 200000 problems (200000 errors, 0 warnings)\n')).toBe(true);
    expect(output.split('\n')[2]).toBe('  1:9       error  Unknown permission scope `id_token` (did you mean `id-token`?)  valid-permissions');
  });

  it('prints nothing for clean results, and only the suppression count when all are suppressed', () => {
    expect(formatStylish([RESULTS[2]!], context())).toBe('');
    expect(formatStylish([RESULTS[3]!], context())).toBe('1 finding suppressed by directives\n');
  });
});

describe('json', () => {
  it("has exactly ESLint's shape", () => {
    const parsed = JSON.parse(formatJson(RESULTS, context())) as unknown[];
    expect(parsed).toHaveLength(4);
    expect(parsed[0]).toEqual({
      filePath: '/repo/.github/workflows/release.yml',
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
      fatalErrorCount: 0,
      warningCount: 1,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      usedDeprecatedRules: [],
    });
    expect(parsed[1]).toMatchObject({
      messages: [{ ruleId: null, severity: 2, fatal: true, line: 3, column: 1, endLine: 3, endColumn: 2 }],
      errorCount: 1,
      fatalErrorCount: 1,
    });
  });

  it('keeps clean files (ESLint lists every linted file) and is one line of JSON', () => {
    const output = formatJson(RESULTS, context());
    expect(output.includes('\n')).toBe(false);
    expect((JSON.parse(output) as Array<{ filePath: string; messages: unknown[] }>)[2]).toMatchObject({
      filePath: '/repo/.github/workflows/clean.yml',
      messages: [],
    });
    expect(formatJson([], context())).toBe('[]');
  });

  it('keys are in ESLint order', () => {
    const parsed = JSON.parse(formatJson(RESULTS, context())) as Array<Record<string, unknown>>;
    expect(Object.keys(parsed[0]!)).toEqual([
      'filePath',
      'messages',
      'suppressedMessages',
      'errorCount',
      'fatalErrorCount',
      'warningCount',
      'fixableErrorCount',
      'fixableWarningCount',
      'usedDeprecatedRules',
    ]);
    expect(Object.keys((parsed[1]!.messages as Array<Record<string, unknown>>)[0]!)).toEqual([
      'ruleId',
      'severity',
      'message',
      'line',
      'column',
      'endLine',
      'endColumn',
      'fatal',
    ]);
  });
});

describe('github', () => {
  it('escapes exactly like @actions/core', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab%3A c%2C d');
    // `%` first, so the escapes themselves are not escaped again.
    expect(escapeData('%0A')).toBe('%250A');
  });

  it('writes one annotation per unsuppressed finding, with the repository-relative path', () => {
    expect(formatGithub(RESULTS, context())).toBe(
      [
        '::error file=.github/workflows/release.yml,line=12,col=9,endLine=12,endColumn=17,title=trustlint/valid-permissions::Unknown permission scope `id_token` (did you mean `id-token`?).%0A%0ADocs: https://github.com/trustlint/trustlint/blob/main/docs/rules/valid-permissions.md',
        '::warning file=.github/workflows/release.yml,line=30,col=11,endLine=31,endColumn=4,title=trustlint/require-provenance::Publish with provenance: 100%25 of releases, a, b: c%0Asecond line%0D%0A%0ADocs: https://github.com/trustlint/trustlint/blob/main/docs/rules/require-provenance.md',
        '::error file=.github/workflows/broken%2Cname%3Ax.yml,line=3,col=1,endLine=3,endColumn=2,title=trustlint%3A fatal::YAML: Implicit map keys need to be followed by map values',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing without findings', () => {
    expect(formatGithub([RESULTS[2]!, RESULTS[3]!], context())).toBe('');
  });
});

describe('registry', () => {
  it('offers stylish, json, sarif and github', () => {
    expect(Object.keys(formatters)).toEqual(['stylish', 'json', 'sarif', 'github']);
  });
});

describe('stylish escapes hostile file names', () => {
  it('prints control characters in a path as \\u escapes', () => {
    const result: LintResult = {
      filePath: 'x\u001b[2K\rall-good.yml',
      relativePath: 'x.yml',
      messages: [{ ruleId: 'valid-permissions', severity: 2, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2 }],
      suppressedMessages: [],
      errorCount: 1,
      warningCount: 0,
      fatalErrorCount: 0,
    };
    const output = formatStylish([result], { rules: [], version: '0.0.0', color: false });
    expect(output).toContain('x\\u001b[2K\\u000dall-good.yml');
    expect(output).not.toContain('\u001b');
  });
});

describe('fixes and suggestions in the output', () => {
  const fixable: LintResult = {
    filePath: '/repo/.github/workflows/ci.yml',
    relativePath: '.github/workflows/ci.yml',
    messages: [
      {
        ruleId: 'valid-permissions',
        messageId: 'unknownScope',
        severity: 2,
        message: 'Unknown permission scope `id_token`.',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 11,
        fix: { range: [20, 28], text: 'id-token', region: { line: 3, column: 3, endLine: 3, endColumn: 11 } },
      },
      {
        ruleId: 'top-level-permissions-empty',
        messageId: 'missing',
        severity: 1,
        message: 'No top-level permissions.',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 3,
        suggestions: [{ desc: 'Give each job only what its steps use.', messageId: 'leastPrivilege', fix: { range: [9, 9], text: 'permissions: {}\n' } }],
      },
    ],
    suppressedMessages: [],
    errorCount: 1,
    warningCount: 1,
    fatalErrorCount: 0,
    fixableErrorCount: 1,
    fixableWarningCount: 0,
    output: 'on: push\n',
  };

  it("JSON carries ESLint's `fix`, `suggestions`, the fixable counts and `output`", () => {
    const [result] = JSON.parse(formatJson([fixable], context())) as Array<Record<string, unknown> & { messages: Array<Record<string, unknown>> }>;
    expect(result!.fixableErrorCount).toBe(1);
    expect(result!.fixableWarningCount).toBe(0);
    expect(result!.output).toBe('on: push\n');
    // The engine's line-and-column region is for SARIF; JSON keeps ESLint's shape.
    expect(result!.messages[0]!.fix).toEqual({ range: [20, 28], text: 'id-token' });
    expect(result!.messages[1]!.suggestions).toEqual([{ desc: 'Give each job only what its steps use.', messageId: 'leastPrivilege', fix: { range: [9, 9], text: 'permissions: {}\n' } }]);
    expect(result!.messages[1]!.fix).toBeUndefined();
  });

  it('stylish marks the fixable finding and says how many --fix would fix, as ESLint does', () => {
    const lines = formatStylish([fixable], context()).split('\n');
    expect(lines[2]).toMatch(/valid-permissions \(fixable\)$/);
    expect(lines[3]).toMatch(/top-level-permissions-empty$/);
    expect(lines.slice(-3)).toEqual(['✖ 2 problems (1 error, 1 warning)', '  1 error and 0 warnings potentially fixable with the `--fix` option.', '']);
    expect(formatStylish([{ ...fixable, fixableErrorCount: 2, fixableWarningCount: 1 }], context())).toContain('  2 errors and 1 warning potentially fixable');
    expect(formatStylish([{ ...fixable, fixableErrorCount: 0 }], context())).not.toContain('potentially fixable');
  });
});
