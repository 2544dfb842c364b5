import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from 'jsonschema';
import { describe, expect, it } from 'vitest';
import type { LintMessage, LintResult } from '../../src/engine/result.js';
import { buildSarif } from '../../src/formatters/sarif.js';
import { MAX_RESULTS_PER_RUN, RESULTS_TRUNCATED_ID } from '../../src/formatters/sarif-limits.js';
import { allRules } from '../../src/rules/index.js';
import { VERSION } from '../../src/version.js';

const context = { rules: allRules, version: VERSION, color: false };
const schemaFile = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared'), 'sarif/sarif-schema-2.1.0.json');
const hasSchema = existsSync(schemaFile);
if (!hasSchema) console.warn('sarif-limits.test.ts: ../shared/sarif is absent (a fresh clone has none): schema validation is skipped.');

function result(relativePath: string, messages: LintMessage[], suppressedMessages: LintMessage[] = []): LintResult {
  return {
    filePath: relativePath,
    relativePath,
    messages,
    suppressedMessages,
    errorCount: messages.filter((message) => message.severity === 2).length,
    warningCount: messages.filter((message) => message.severity === 1).length,
    fatalErrorCount: 0,
  };
}

const at = (line: number) => ({ line, column: 1, endLine: line, endColumn: 2 });

describe('SARIF: at most 25,000 results per run (GitHub rejects more)', () => {
  // 30,000 findings: 10,000 errors (5,000 of a rule with security severity 8.1, 5,000 of one with
  // 5.0), 15,000 warnings and 5,000 suppressed errors. The suppressed ones are the 5,000 dropped.
  const messages: LintMessage[] = [];
  const suppressed: LintMessage[] = [];
  for (let line = 1; line <= 5000; line++) {
    messages.push({ ruleId: 'valid-permissions', severity: 2, message: 'medium', ...at(line) });
    messages.push({ ruleId: 'no-long-lived-npm-token', severity: 2, message: 'high', ...at(line) });
    for (let copy = 0; copy < 3; copy++) messages.push({ ruleId: 'id-token-job-scope', severity: 1, message: `warning ${copy}`, ...at(line) });
    suppressed.push({ ruleId: 'no-long-lived-npm-token', severity: 2, message: 'suppressed', ...at(line), suppressions: [{ kind: 'directive', justification: '' }] });
  }
  const input = [result('.github/workflows/b.yml', messages.slice(0, 12_000)), result('.github/workflows/a.yml', messages.slice(12_000), suppressed)];
  const log = buildSarif(input, context);
  const run = log.runs[0]!;

  it('keeps 25,000, dropping the least severe (suppressed first), and says so in a notification', () => {
    expect(run.results).toHaveLength(MAX_RESULTS_PER_RUN);
    expect(run.results!.filter((entry) => entry.suppressions?.length)).toHaveLength(0);
    expect(run.invocations![0]!.executionSuccessful).toBe(true);
    expect(run.invocations![0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({ level: 'warning', descriptor: { id: RESULTS_TRUNCATED_ID }, message: { text: expect.stringMatching(/^5000 results were left out: GitHub code scanning accepts at most 25000 results per run/) } }),
    ]);
  });

  it('then by level and security severity; what is kept stays sorted by file and position', () => {
    const exact = buildSarif([result('.github/workflows/a.yml', messages)], context).runs[0]!;
    expect(exact.results).toHaveLength(25_000);
    expect(exact.invocations![0]!.toolExecutionNotifications).toBeUndefined();
    const over = [...messages, ...Array.from({ length: 40 }, (_, index) => ({ ruleId: 'valid-permissions', severity: 2 as const, message: 'extra', ...at(6000 + index) }))];
    const cut = buildSarif([result('.github/workflows/a.yml', over)], context).runs[0]!;
    expect(cut.results).toHaveLength(25_000);
    // The 40 dropped are warnings (the least severe kept-able results); every error is kept.
    expect(cut.results!.filter((entry) => entry.level === 'error')).toHaveLength(10_040);
    const lines = cut.results!.map((entry) => entry.locations![0]!.physicalLocation!.region!.startLine!);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('is deterministic: the same findings in another order give the same file', () => {
    const reversed = [...input].reverse().map((entry) => ({ ...entry, messages: [...entry.messages].reverse() }));
    expect(JSON.stringify(buildSarif(reversed, context))).toBe(JSON.stringify(log));
  });

  it.skipIf(!hasSchema)('still validates against the SARIF schema (a small limit: validating 25,000 results takes 20 s)', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const small = buildSarif([result('.github/workflows/a.yml', messages.slice(0, 100), suppressed.slice(0, 10))], context, { maxResults: 40 });
    expect(small.runs[0]!.results).toHaveLength(40);
    expect(small.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text).toMatch(/^70 results were left out: GitHub code scanning accepts at most 40 results/);
    expect(new Validator().validate(small, schema).errors.map((error) => `${error.property}: ${error.message}`)).toEqual([]);
  });
});

describe('SARIF: link syntax from the linted file is not a link', () => {
  const fromFile = 'Unknown permission scope `[Click here](https://evil.example/x)`: it grants nothing';

  it('escapes brackets in message.text and related messages when they hold link syntax', () => {
    const log = buildSarif(
      [
        result('.github/workflows/a.yml', [
          { ruleId: 'valid-permissions', severity: 2, message: fromFile, ...at(1), related: [{ message: 'see [here] (https://evil.example)', ...at(2) }] },
          { ruleId: 'valid-permissions', severity: 2, message: 'runs-on: [self-hosted] is fine', ...at(3) },
        ]),
      ],
      context,
    );
    const [first, second] = log.runs[0]!.results!;
    expect(first!.message.text).toBe('Unknown permission scope `\\[Click here\\](https://evil.example/x)`: it grants nothing. See [see \\[here\\] (https://evil.example)](1).');
    expect(first!.relatedLocations![0]!.message!.text).toBe('see \\[here\\] (https://evil.example).');
    // Brackets that make no link are left alone.
    expect(second!.message.text).toBe('runs-on: [self-hosted] is fine.');
  });
});
