import { describe, expect, it } from 'vitest';
import { runCommands } from '../../src/domain/run-script.js';
import { createLineIndex } from '../../src/engine/line-index.js';
import { parseDirectives } from '../../src/engine/directives.js';
import { lintText, type LintTextOptions } from '../../src/engine/lint-text.js';
import { parseYaml } from '../../src/engine/parse.js';
import type { LintResult } from '../../src/engine/result.js';
import { formatJson } from '../../src/formatters/json.js';
import { probeRule, analysis } from './helpers.js';

/** probe-a reports every job key; probe-b reports the first word of every `run:` command. */
const probeA = probeRule('probe-a', (report) => ({ job: (job) => report(job.key) }));
function lint(text: string, options: Partial<LintTextOptions> = {}): LintResult {
  const probeB = probeRule('probe-b', (report) => ({
    step: (step) => {
      for (const command of runCommands(analysis(), step)) report(command.words[0]!.span);
    },
  }));
  return lintText(text, {
    filePath: '.github/workflows/test.yml',
    rules: [probeA, probeB].map((rule) => ({ rule, severity: 'error' as const, options: undefined })),
    knownRuleIds: new Set(['probe-a', 'probe-b', 'valid-permissions']),
    suggestRule: (id) => (id.startsWith('valid-perm') ? 'valid-permissions' : undefined),
    reportUnusedDirectives: 'warn',
    ...options,
  });
}

const kept = (result: LintResult) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? 'null'} ${m.severity} ${m.message}`);
const suppressed = (result: LintResult) =>
  result.suppressedMessages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.suppressions!.map((s) => `${s.kind}:${s.justification}`).join()}`);

describe('directives: line directives', () => {
  it('disable-next-line and disable-line, one id, several ids, no ids', () => {
    const result = lint(
      [
        'on: push',
        'jobs:',
        '  # trustlint-disable-next-line probe-a',
        '  one: {}',
        '  two: {} # trustlint-disable-line probe-a',
        '  # trustlint-disable-next-line probe-b, probe-a',
        '  three: {}',
        '  four: {} # trustlint-disable-line',
        '  five: {}',
        '',
      ].join('\n'),
    );
    expect(kept(result)).toEqual([
      // Half of a two-id directive that suppressed nothing is reported on its own.
      '6:3 null 1 Unused trustlint-disable-next-line directive (no problems were reported from `probe-b`); remove it so it cannot hide a future finding',
      '9:3 probe-a 2 here',
    ]);
    expect(suppressed(result)).toEqual(['4:3 probe-a directive:', '5:3 probe-a directive:', '7:3 probe-a directive:', '8:3 probe-a directive:']);
    expect([result.errorCount, result.warningCount]).toEqual([1, 1]);
  });

  it('only the named rule is suppressed', () => {
    const result = lint('on: push\njobs:\n  one: {} # trustlint-disable-line probe-b\n');
    expect(kept(result)).toEqual([
      '3:3 probe-a 2 here',
      '3:11 null 1 Unused trustlint-disable-line directive (no problems were reported from `probe-b`); remove it so it cannot hide a future finding',
    ]);
  });

  it('keeps `-- reason` as the justification, in the JSON output too', () => {
    const result = lint('on: push\njobs:\n  # trustlint-disable-next-line probe-a -- one-off job, removed after the release\n  one: {}\n');
    expect(suppressed(result)).toEqual(['4:3 probe-a directive:one-off job, removed after the release']);
    const json = JSON.parse(formatJson([result], { rules: [], version: '0', color: false })) as Array<{ suppressedMessages: unknown[] }>;
    expect(json[0]!.suppressedMessages).toEqual([
      {
        ruleId: 'probe-a',
        messageId: 'here',
        severity: 2,
        message: 'here',
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 6,
        suppressions: [{ kind: 'directive', justification: 'one-off job, removed after the release' }],
      },
    ]);
  });

  it('a `#` inside a quoted string is not a directive', () => {
    const result = lint(
      [
        'on: push',
        'jobs:',
        '  one:',
        '    name: "# trustlint-disable-line probe-a"',
        '    steps:',
        "      - run: \"echo '# trustlint-disable-line probe-b'\"",
        '',
      ].join('\n'),
    );
    expect(kept(result)).toEqual(['3:3 probe-a 2 here', '6:15 probe-b 2 here']);
    expect(parseDirectives(parseYaml('a: "# trustlint-disable"\nb: \'# trustlint-enable\'\n').comments, createLineIndex(''))).toEqual([]);
  });
});

describe('directives: `run: |` scripts', () => {
  it('a finding inside the script is suppressed from the `run:` key line (trailing disable-line)', () => {
    const result = lint(
      ['on: push', 'jobs:', '  one: # trustlint-disable-line probe-a', '    steps:', '      - run: | # trustlint-disable-line probe-b', '          npm ci', '', '          npm publish', ''].join('\n'),
    );
    expect(kept(result)).toEqual([]);
    expect(suppressed(result)).toEqual(['3:3 probe-a directive:', '6:11 probe-b directive:', '8:11 probe-b directive:']);
  });

  it('… and from disable-next-line above the `run:` key', () => {
    const result = lint(
      ['on: push', 'jobs:', '  one:', '    steps:', '      # trustlint-disable-next-line probe-b -- bootstrap', '      - run: |', '          npm publish', '      - run: npm ci', ''].join('\n'),
    );
    expect(kept(result)).toEqual(['3:3 probe-a 2 here', '8:14 probe-b 2 here']);
    expect(suppressed(result)).toEqual(['7:11 probe-b directive:bootstrap']);
  });

  it('a directive written inside the script is text, not a comment', () => {
    const result = lint(
      ['on: push', 'jobs:', '  one: # trustlint-disable-line probe-a', '    steps:', '      - run: |', '          # trustlint-disable-next-line probe-b', '          npm publish', ''].join('\n'),
    );
    expect(kept(result)).toEqual(['7:11 probe-b 2 here']);
  });

  it('works for folded scalars too (the finding spans the scalar)', () => {
    const result = lint(['on: push', 'jobs:', '  one: # trustlint-disable-line probe-a', '    steps:', '      - run: > # trustlint-disable-line probe-b', '          npm ci', ''].join('\n'));
    expect(kept(result)).toEqual([]);
    expect(suppressed(result)).toEqual(['3:3 probe-a directive:', '5:14 probe-b directive:']);
  });
});

describe('directives: blocks', () => {
  const text = [
    'on: push',
    'jobs:',
    '  # trustlint-disable probe-a',
    '  one: {}',
    '  two: {}',
    '  # trustlint-enable probe-a',
    '  three: {}',
    '  # trustlint-disable',
    '  four: {}',
    '  # trustlint-enable probe-b',
    '  five: {}',
    '  # trustlint-enable',
    '  six: {}',
    '',
  ].join('\n');

  it('disable … enable, for one rule and for all rules', () => {
    const result = lint(text);
    expect(kept(result)).toEqual(['7:3 probe-a 2 here', '13:3 probe-a 2 here']);
    expect(suppressed(result)).toEqual(['4:3 probe-a directive:', '5:3 probe-a directive:', '9:3 probe-a directive:', '11:3 probe-a directive:']);
  });

  it('a disable without enable runs to the end of the file', () => {
    const result = lint('on: push\njobs:\n  one: {}\n  # trustlint-disable probe-a -- generated file\n  two: {}\n  three: {}\n');
    expect(kept(result)).toEqual(['3:3 probe-a 2 here']);
    expect(suppressed(result)).toEqual(['5:3 probe-a directive:generated file', '6:3 probe-a directive:generated file']);
  });
});

describe('directives: problems', () => {
  it('an unused directive is reported at the comment, with the configured severity', () => {
    const text = 'on: push\njobs:\n  # trustlint-disable-next-line probe-a\n  one: {}\n  # trustlint-disable-next-line probe-a\n\n  # trustlint-disable\n';
    expect(kept(lint(text))).toEqual([
      '5:3 null 1 Unused trustlint-disable-next-line directive (no problems were reported from `probe-a`); remove it so it cannot hide a future finding',
      '7:3 null 1 Unused trustlint-disable directive; remove it so it cannot hide a future finding',
    ]);
    const positions = lint(text).messages.map((m) => [m.line, m.column, m.endLine, m.endColumn]);
    expect(positions).toEqual([
      [5, 3, 5, 40],
      [7, 3, 7, 22],
    ]);
    expect(lint(text, { reportUnusedDirectives: 'error' }).messages.map((m) => m.severity)).toEqual([2, 2]);
    expect(lint(text, { reportUnusedDirectives: 'off' }).messages).toEqual([]);
  });

  it('an unknown rule id is an error with a suggestion; a known but disabled rule is not unknown', () => {
    const text = 'on: push\njobs:\n  # trustlint-disable-next-line valid-permision, probe-a, nope\n  one: {} # trustlint-disable-line valid-permissions\n';
    const result = lint(text);
    expect(kept(result)).toEqual([
      '3:3 null 2 Unknown rule `nope` in a trustlint directive',
      '3:3 null 2 Unknown rule `valid-permision` in a trustlint directive; did you mean `valid-permissions`?',
      '4:11 null 1 Unused trustlint-disable-line directive (no problems were reported from `valid-permissions`); remove it so it cannot hide a future finding',
    ]);
    expect(suppressed(result)).toEqual(['4:3 probe-a directive:']);
    expect(result.errorCount).toBe(2);
    expect(result.warningCount).toBe(1);
  });

  it('YAML errors are never suppressed', () => {
    const result = lint('on: push # trustlint-disable-line\njobs: [\n');
    expect(result.messages.some((m) => m.fatal && m.ruleId === null)).toBe(true);
    expect(result.suppressedMessages).toEqual([]);
  });
});

describe('parseDirectives', () => {
  it('reads kind, ids, justification and the line it applies to', () => {
    const text = [
      'a: 1 # trustlint-disable-line r1,r2  --  why  ',
      '# trustlint-disable-next-line',
      '# trustlint-enable r3',
      '# trustlint-disable-lines r4',
      '# not trustlint-disable',
      '#trustlint-disable -- generated, do not edit',
      'b: 2 # trustlint-disable-line r5 --no-space-is-part-of-the-ids',
      '',
    ].join('\n');
    const directives = parseDirectives(parseYaml(text).comments, createLineIndex(text));
    expect(directives.map((d) => [d.kind, d.ruleIds, d.justification, d.line, d.offset, d.end])).toEqual([
      ['disable-line', ['r1', 'r2'], 'why', 1, 5, 46],
      ['disable-next-line', [], '', 3, 47, 76],
      ['enable', ['r3'], '', 3, 77, 98],
      ['disable', [], 'generated, do not edit', 6, 152, 196],
      ['disable-line', ['r5', '--no-space-is-part-of-the-ids'], '', 7, 202, 259],
    ]);
  });
});

describe('noInlineConfig (--no-inline-config)', () => {
  it('directives neither suppress nor are reported (unused, unknown ids)', () => {
    const text = 'on: push\njobs:\n  # trustlint-disable-next-line probe-a\n  one: {}\n  # trustlint-disable-next-line no-such-rule\n  two: {} # trustlint-disable-line probe-b\n';
    const withDirectives = lint(text);
    expect(suppressed(withDirectives)).toEqual(['4:3 probe-a directive:']);
    // An unknown rule id, and a disable-line that suppresses nothing.
    expect(kept(withDirectives).filter((line) => line.includes(' null '))).toHaveLength(2);
    const ignored = lint(text, { noInlineConfig: true });
    expect(suppressed(ignored)).toEqual([]);
    expect(kept(ignored)).toEqual(['4:3 probe-a 2 here', '6:3 probe-a 2 here']);
  });
});
