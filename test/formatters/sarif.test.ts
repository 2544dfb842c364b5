import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from 'jsonschema';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/engine/config/load-config.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import type { LintResult } from '../../src/engine/result.js';
import { defineRule } from '../../src/engine/rule.js';
import {
  artifactUri,
  buildSarif,
  DIRECTIVE_RULE_ID,
  formatSarif,
  pascalCase,
  securitySeverity,
  SYNTHETIC_RULES,
  YAML_SYNTAX_RULE_ID,
} from '../../src/formatters/sarif.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';
import { parseRuleDoc } from '../../src/engine/rule-docs.js';
import { VERSION } from '../../src/version.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureRoot = join(repoRoot, 'test/fixtures/sarif-repo');
const sharedSarif = join(resolve(repoRoot, '../shared'), 'sarif');
const hasShared = existsSync(join(sharedSarif, 'sarif-schema-2.1.0.json'));
if (!hasShared) {
  console.warn(`sarif.test.ts: ${sharedSarif} not found (a fresh clone has no ../shared): the SARIF schema tests are skipped.`);
}

/** Lints a copy of the fixture with its own `.git`, as a checkout of that repository would be. */
function lintFixture(): LintResult[] {
  const checkout = mkdtempSync(join(tmpdir(), 'trustlint-sarif-repo-'));
  try {
    cpSync(fixtureRoot, checkout, { recursive: true });
    mkdirSync(join(checkout, '.git'));
    const config = loadConfig({ cwd: checkout, plugins: [builtinPlugin], noLookup: true });
    // filePath is absolute in a temporary directory: keep it out of the determinism checks below.
    return lintFiles({ paths: ['.'], cwd: checkout, config, rules: allRules }).results.map((result) => ({ ...result, filePath: join(fixtureRoot, result.relativePath) }));
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
}

const context = { rules: allRules, version: VERSION, color: false };
const results = lintFixture();
const text = formatSarif(results, context);
const log = JSON.parse(text) as Log;
const run = log.runs[0]!;
const rules = run.tool.driver.rules!;
const sarifResults = run.results!;

const byRule = (id: string) => sarifResults.filter((result) => result.ruleId === id);
const uriOf = (result: Result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri!;
const regionOf = (result: Result) => result.locations![0]!.physicalLocation!.region!;

/** What github/codeql-action's validateSarifFileSchema does, minus its tolerance for URI-format errors. */
function schemaErrors(instance: unknown, schemaFile: string): string[] {
  const schema = JSON.parse(readFileSync(join(sharedSarif, schemaFile), 'utf8'));
  return new Validator().validate(instance, schema).errors.map((error) => `${error.property}: ${error.message}`);
}

describe('SARIF schema validation (jsonschema, as upload-sarif does)', () => {
  const skipNote = hasShared ? '' : ' [skipped: ../shared/sarif not found]';

  it.skipIf(!hasShared)(`the fixture repository's SARIF validates against codeql-action's schema${skipNote}`, () => {
    expect(sarifResults.length).toBeGreaterThan(0);
    expect(schemaErrors(log, 'sarif-schema-2.1.0.json')).toEqual([]);
  });

  it.skipIf(!hasShared)(`…and against the stricter OASIS errata01 schema${skipNote}`, () => {
    expect(schemaErrors(log, 'sarif-schema-2.1.0.oasis-errata01.json')).toEqual([]);
  });

  it.skipIf(!hasShared)(`the validator catches a broken log (the test can fail)${skipNote}`, () => {
    const broken = structuredClone(log) as unknown as { runs: { results: { level: string }[] }[] };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(schemaErrors(broken, 'sarif-schema-2.1.0.json').join('\n')).toMatch(/level/);
  });

  it.skipIf(!hasShared)(`a log with tool execution notifications validates too${skipNote}`, () => {
    const withNotification = buildSarif(
      [
        {
          filePath: 'x',
          relativePath: '.github/workflows/big.yml',
          messages: [{ ruleId: null, severity: 2, fatal: true, message: 'File is 9 bytes, larger than the limit', line: 1, column: 1, endLine: 1, endColumn: 1 }],
          suppressedMessages: [],
          errorCount: 1,
          warningCount: 0,
          fatalErrorCount: 1,
        },
      ],
      context,
    );
    expect(schemaErrors(withNotification, 'sarif-schema-2.1.0.json')).toEqual([]);
    expect(schemaErrors(withNotification, 'sarif-schema-2.1.0.oasis-errata01.json')).toEqual([]);
  });
});

describe("GitHub's SARIF requirements (sarif-code-scanning.md section 2)", () => {
  it('is one SARIF 2.1.0 run with a results array, from trustlint, with a stable category', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(Array.isArray(run.results)).toBe(true);
    expect(run.tool.driver).toMatchObject({ name: 'trustlint', version: VERSION, semanticVersion: VERSION });
    expect(run.tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/);
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(run.automationDetails).toEqual({ id: 'trustlint/' });
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('lists every rule in a fixed order (the registry, then the pseudo-rules), each once', () => {
    expect(rules.map((rule) => rule.id)).toEqual([...allRules.map((rule) => rule.id), ...SYNTHETIC_RULES.map((rule) => rule.id)]);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    // The same list whatever was found: an empty lint lists the same rules.
    const empty = JSON.parse(formatSarif([], context)) as Log;
    expect(empty.runs[0]!.tool.driver.rules).toEqual(rules);
    expect(empty.runs[0]!.results).toEqual([]);
  });

  it.each(rules.map((rule) => [rule.id, rule] as const))('rule %s has what code scanning displays', (_id, rule: ReportingDescriptor) => {
    expect(rule.name).toBe(pascalCase(rule.id));
    expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]{0,254}$/);
    for (const field of [rule.shortDescription!.text, rule.fullDescription!.text, rule.help!.text, rule.help!.markdown!]) {
      expect(field.trim().length).toBeGreaterThan(0);
    }
    expect(rule.shortDescription!.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription!.text.length).toBeLessThanOrEqual(1024);
    expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/trustlint\/trustlint\/blob\/main\/docs\//);
    expect(rule.help!.markdown).toContain(`(${rule.helpUri})`);
    expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration!.level);
    const properties = rule.properties!;
    const tags = properties.tags as string[];
    expect(tags).toContain('security');
    expect(tags.length).toBeLessThanOrEqual(10);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags.filter((tag) => tag.startsWith('external/cwe/'))) expect(tag).toMatch(/^external\/cwe\/cwe-\d+$/);
    expect(['very-high', 'high', 'medium', 'low']).toContain(properties.precision);
    const score = properties['security-severity'];
    expect(typeof score).toBe('string');
    expect(score).toMatch(/^\d{1,2}\.\d$/);
    expect(Number(score)).toBeGreaterThan(0);
    expect(Number(score)).toBeLessThanOrEqual(10);
    expect(properties['problem.severity']).toBe(rule.defaultConfiguration!.level);
  });

  it.each(allRules.map((rule) => [rule.id, rule] as const))('rule %s takes its help from docs/rules/<id>.md (built into its meta)', (id, rule) => {
    const descriptor = rules.find((candidate) => candidate.id === id)!;
    const pagePath = join(repoRoot, 'docs/rules', `${id}.md`);
    expect(existsSync(pagePath), `docs/rules/${id}.md is missing: the SARIF help falls back to the bare description`).toBe(true);
    const page = readFileSync(pagePath, 'utf8');
    const parts = parseRuleDoc(page, descriptor.helpUri!);
    // Why (the page's opening), how to fix, an example, a link.
    expect(parts.why.length).toBeGreaterThan(0);
    expect(descriptor.help!.markdown).toContain(parts.why);
    expect(descriptor.help!.markdown).toContain('### How to fix');
    expect(descriptor.help!.markdown).toMatch(/### Example\n\nFlagged:\n\n```yaml\n/);
    expect(descriptor.help!.markdown).toContain(`[Documentation for this rule](https://github.com/trustlint/trustlint/blob/main/docs/rules/${id}.md)`);
    expect(descriptor.help!.text).toContain(`Documentation: https://github.com/trustlint/trustlint/blob/main/docs/rules/${id}.md`);
    expect(descriptor.shortDescription!.text).toBe(rule.meta.docs.description);
    expect(descriptor.properties!['security-severity']).toBe(rule.meta.security.severity.toFixed(1));
    // One decimal in the rule itself: the string GitHub reads is the declared score, never a rounding of it.
    expect(Math.round(rule.meta.security.severity * 10) / 10).toBe(rule.meta.security.severity);
    expect(descriptor.properties!.precision).toBe(rule.meta.security.precision);
    // Test markers of the docs examples (`# ERROR: messageId`) are not shown to users.
    expect(descriptor.help!.markdown).not.toMatch(/#\s*(ERROR|WARN)\b/);
  });

  it('gives every result a ruleId, a matching ruleIndex, a level and a one-sentence title', () => {
    for (const result of sarifResults) {
      const rule = rules[result.ruleIndex!]!;
      expect(rule.id).toBe(result.ruleId);
      expect(['warning', 'error']).toContain(result.level);
      const title = result.message.text!;
      expect(title).not.toMatch(/\n/);
      // The first sentence is a complete statement ending in a period (before any "See …" links).
      expect(title).toMatch(/^[^\s].*?[.?!](?: |$)/);
      expect(result.partialFingerprints).toBeUndefined();
      expect(result.fingerprints).toBeUndefined();
    }
  });

  it('gives exactly one location: a repository-relative, percent-encoded uri and a full region', () => {
    for (const result of sarifResults) {
      expect(result.locations).toHaveLength(1);
      const uri = uriOf(result);
      expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/|^\.\/|\\|(^|\/)\.\.(\/|$)/i);
      expect(uri).not.toMatch(/[ #?%](?![0-9A-F]{2})/);
      expect(existsSync(join(fixtureRoot, decodeURIComponent(uri)))).toBe(true);
      const region = regionOf(result);
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) {
        expect(Number.isInteger(region[key]) && region[key]! >= 1).toBe(true);
      }
      expect(region.endLine! > region.startLine! || (region.endLine === region.startLine && region.endColumn! >= region.startColumn!)).toBe(true);
    }
    expect(sarifResults.map(uriOf)).toContain('.github/workflows/nightly%20build.yml');
  });

  it('counts columns in UTF-16 code units (an astral character is two)', () => {
    const wirte = byRule('valid-permissions').find((result) => result.message.text!.includes('`issues` cannot be `wirte`'))!;
    const line = readFileSync(join(fixtureRoot, '.github/workflows/nightly build.yml'), 'utf8').split('\n')[regionOf(wirte).startLine! - 1]!;
    expect(regionOf(wirte)).toEqual({ startLine: 8, startColumn: line.indexOf('wirte') + 1, endLine: 8, endColumn: line.indexOf('wirte') + 6 });
    expect(regionOf(wirte).startColumn).toBe(43);
  });

  it('reports a suppressed finding with an inSource suppression carrying the justification', () => {
    const suppressed = sarifResults.filter((result) => result.suppressions);
    // Only valid-permissions is named by the fixture's directive.
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]).toMatchObject({
      ruleId: 'valid-permissions',
      suppressions: [{ kind: 'inSource', status: 'accepted', justification: 'fixture: a suppressed finding with a justification' }],
    });
    expect(uriOf(suppressed[0]!)).toBe('.github/workflows/release.yml');
    expect(regionOf(suppressed[0]!).startLine).toBe(25);
  });

  it('carries the safe fixes as `fixes` on the file of the finding; suppressed findings carry none', () => {
    const fixed = sarifResults.filter((result) => result.fixes);
    expect(fixed.length).toBeGreaterThan(0);
    for (const result of fixed) {
      expect(result.suppressions).toBeUndefined();
      const change = result.fixes![0]!.artifactChanges[0]!;
      expect(change.artifactLocation).toEqual({ uri: uriOf(result), uriBaseId: '%SRCROOT%' });
      expect(change.replacements[0]!.deletedRegion.startLine).toBeGreaterThan(0);
      expect(typeof change.replacements[0]!.insertedContent?.text).toBe('string');
    }
    // The same edit the JSON gives as `fix`, as lines and columns.
    const message = results.flatMap((result) => result.messages).find((candidate) => candidate.fix)!;
    const sarif = fixed.find((result) => regionOf(result).startLine === message.line && result.ruleId === message.ruleId)!;
    expect(sarif.fixes![0]!.artifactChanges[0]!.replacements[0]).toEqual({
      deletedRegion: { startLine: message.fix!.region.line, startColumn: message.fix!.region.column, endLine: message.fix!.region.endLine, endColumn: message.fix!.region.endColumn },
      insertedContent: { text: message.fix!.text },
    });
  });

  it('links related locations from the message', () => {
    const aliased = byRule('valid-permissions').find((result) => result.relatedLocations)!;
    expect(regionOf(aliased).startLine).toBe(18);
    expect(aliased.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: '.github/workflows/release.yml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 17, endLine: 12, endColumn: 21 } },
        message: { text: 'defined here (through a YAML anchor).' },
      },
    ]);
    expect(aliased.message.text).toBe(
      'Permission `contents` cannot be `raed`; it accepts `read`, `write`, `none`. See [defined here (through a YAML anchor)](1).',
    );
  });

  it('maps YAML errors and directive problems to pseudo-rules listed in the driver', () => {
    expect(byRule(YAML_SYNTAX_RULE_ID)).toHaveLength(1);
    expect(byRule(YAML_SYNTAX_RULE_ID)[0]).toMatchObject({ level: 'error', message: { text: expect.stringMatching(/^YAML: /) } });
    expect(uriOf(byRule(YAML_SYNTAX_RULE_ID)[0]!)).toBe('.github/workflows/broken.yml');
    expect(byRule(DIRECTIVE_RULE_ID)).toHaveLength(1);
    expect(byRule(DIRECTIVE_RULE_ID)[0]!.message.text).toMatch(/^Unused trustlint-disable-next-line directive/);
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('reports unreadable files and crashed rules as tool execution notifications, not alerts', () => {
    const lintResult: LintResult = {
      filePath: '/abs/repo/.github/workflows/a.yml',
      relativePath: '.github/workflows/a.yml',
      messages: [
        { ruleId: null, severity: 2, fatal: true, message: 'Internal error in rule `x`: TypeError: boom. The other rules still ran; please report this', line: 1, column: 1, endLine: 1, endColumn: 1 },
      ],
      suppressedMessages: [],
      errorCount: 1,
      warningCount: 0,
      fatalErrorCount: 1,
      internalError: true,
    };
    const built = buildSarif([lintResult], context);
    expect(built.runs[0]!.results).toEqual([]);
    expect(built.runs[0]!.invocations![0]).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', descriptor: { id: 'trustlint/analysis-error' }, message: { text: expect.stringMatching(/^Internal error in rule/) } }],
    });
    expect(JSON.stringify(built)).not.toContain('/abs/repo');
  });

  it('classifies what the engine really reports: an unreadable file is a notification, a YAML error a result', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustlint-sarif-'));
    try {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(join(dir, '.github/workflows/binary.yml'), Buffer.from([0x6f, 0x6e, 0x00, 0x0a]));
      writeFileSync(join(dir, '.github/workflows/broken.yml'), 'on: push\njobs:\n  a: "unterminated\n');
      const config = loadConfig({ cwd: dir, plugins: [builtinPlugin], noLookup: true });
      const built = buildSarif(lintFiles({ paths: ['.'], cwd: dir, config, rules: allRules }).results, context);
      const invocation = built.runs[0]!.invocations![0]!;
      expect(invocation.executionSuccessful).toBe(false);
      expect(invocation.toolExecutionNotifications!.map((note) => note.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual(['.github/workflows/binary.yml']);
      const yamlErrors = built.runs[0]!.results!.filter((result) => result.ruleId === YAML_SYNTAX_RULE_ID);
      expect(yamlErrors.map(uriOf)).toEqual(['.github/workflows/broken.yml']);
      expect(JSON.stringify(built)).not.toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps uris relative to the checkout for workflows under a nested .github (no collision with the top level)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustlint-sarif-'));
    try {
      mkdirSync(join(dir, '.git'));
      for (const base of ['', 'fixtures/vendored/']) {
        mkdirSync(join(dir, base, '.github/workflows'), { recursive: true });
        writeFileSync(join(dir, base, '.github/workflows/release.yml'), 'on: push\npermissions:\n  id_token: write\njobs: {}\n');
      }
      for (const cwd of [dir, join(dir, 'fixtures')]) {
        const config = loadConfig({ cwd, plugins: [builtinPlugin], noLookup: true });
        const built = buildSarif(lintFiles({ paths: [dir], cwd, config, rules: allRules }).results, context);
        const uris = new Set(built.runs[0]!.results!.filter((result) => result.ruleId === 'valid-permissions').map(uriOf));
        expect([...uris].sort()).toEqual(['.github/workflows/release.yml', 'fixtures/vendored/.github/workflows/release.yml']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic: sorted, no timestamps, no absolute paths', () => {
    const reversed = [...results].reverse().map((result) => ({ ...result, messages: [...result.messages].reverse() }));
    expect(formatSarif(reversed, context)).toBe(text);
    expect(text).not.toContain(fixtureRoot);
    expect(text).not.toContain(repoRoot);
    expect(text).not.toMatch(/"[^"]*(?:time|date)[^"]*"\s*:/i);
    const order = sarifResults.map((result) => [uriOf(result), regionOf(result).startLine!, regionOf(result).startColumn!] as const);
    const sorted = [...order].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    expect(order).toEqual(sorted);
  });
});

describe('SARIF building blocks', () => {
  it('percent-encodes each path segment and keeps the path relative', () => {
    expect(artifactUri('.github/workflows/release.yml')).toBe('.github/workflows/release.yml');
    expect(artifactUri('./a b/c#d?.yml')).toBe('a%20b/c%23d%3F.yml');
    // relativePath has `/` separators (the engine converts on Windows only): a backslash is part of a
    // POSIX file name, so it is encoded rather than read as a separator (issue 17).
    expect(artifactUri('.github/workflows/rel\\ease.yml')).toBe('.github/workflows/rel%5Cease.yml');
    expect(artifactUri("x/(it's)*.yml")).toBe('x/%28it%27s%29%2A.yml');
    expect(artifactUri('é/100%.yml')).toBe('%C3%A9/100%25.yml');
  });

  it('formats security-severity with one decimal and refuses values GitHub ignores', () => {
    expect(securitySeverity(9)).toBe('9.0');
    expect(securitySeverity(7.25)).toBe('7.3');
    expect(securitySeverity(10)).toBe('10.0');
    expect(securitySeverity(0)).toBeUndefined();
    expect(securitySeverity(0.04)).toBeUndefined();
    expect(securitySeverity(10.5)).toBeUndefined();
    expect(securitySeverity(Number.NaN)).toBeUndefined();
  });

  it('reads why, fix, examples and references from a docs page, with absolute links', () => {
    const page = [
      '---',
      'id: demo',
      '---',
      '',
      '# demo',
      '',
      '| Type | Recommended |',
      '| --- | --- |',
      '',
      'Why it matters, see [the other rule](other-rule.md) and [below](#options).',
      '',
      '## Rule details',
      '',
      '```yaml incorrect',
      'permissions: write-all # ERROR: tooBroad',
      '## not a heading inside a fence',
      '```',
      '',
      '```yaml correct',
      'permissions: {}',
      '```',
      '',
      '## Remediation',
      '',
      'Grant less.',
      '',
      '## Further reading',
      '',
      '- [GitHub](https://docs.github.com/x)',
    ].join('\n');
    const parts = parseRuleDoc(page, 'https://github.com/trustlint/trustlint/blob/main/docs/rules/demo.md');
    expect(parts).toEqual({
      why: 'Why it matters, see [the other rule](https://github.com/trustlint/trustlint/blob/main/docs/rules/other-rule.md) and [below](https://github.com/trustlint/trustlint/blob/main/docs/rules/demo.md#options).',
      fix: 'Grant less.',
      incorrect: 'permissions: write-all # ← flagged\n## not a heading inside a fence',
      correct: 'permissions: {}',
      references: '- [GitHub](https://docs.github.com/x)',
    });
  });

  it('falls back to the rule description when the rule has no help, and links no docs it does not name', () => {
    const rule = defineRule({
      id: 'demo-rule',
      meta: {
        type: 'problem',
        docs: { description: 'Disallow demos', recommended: false },
        severity: 'warn',
        messages: { m: 'Demo [x](1) here' },
        security: { severity: 4.5, precision: 'high', tags: ['security', 'external/cwe/cwe-250', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] },
      },
      create: () => ({}),
    });
    const built = buildSarif(
      [
        {
          filePath: 'w.yml',
          relativePath: 'w.yml',
          messages: [{ ruleId: 'demo-rule', severity: 1, message: 'Demo [x](1) here', line: 1, column: 1, endLine: 1, endColumn: 2 }],
          suppressedMessages: [],
          errorCount: 0,
          warningCount: 1,
          fatalErrorCount: 0,
        },
      ],
      { rules: [rule], version: '1.2.3', color: false },
    );
    const descriptor = built.runs[0]!.tool.driver.rules![0]!;
    expect(descriptor).toMatchObject({
      id: 'demo-rule',
      name: 'DemoRule',
      shortDescription: { text: 'Disallow demos' },
      fullDescription: { text: 'Disallow demos.' },
      defaultConfiguration: { level: 'warning' },
      properties: { precision: 'high', 'security-severity': '4.5', 'problem.severity': 'warning' },
    });
    // A rule that names no docs page gets no link rather than one to somebody else's docs.
    expect(descriptor.helpUri).toBeUndefined();
    expect(descriptor.help!.markdown).not.toContain('Documentation for this rule');
    expect(descriptor.properties!.tags).toHaveLength(10);
    expect(descriptor.properties!.tags![0]).toBe('security');
    // A literal link-like text in a message is escaped so it is not read as a related-location link.
    expect(built.runs[0]!.results![0]!.message.text).toBe('Demo \\[x\\](1) here.');
  });
});

describe('docs/code-scanning.md', () => {
  const band = (score: number) => (score > 9 ? 'Critical' : score >= 7 ? 'High' : score >= 4 ? 'Medium' : 'Low');
  const link = (id: string) =>
    id.startsWith('trustlint/') ? `[\`${id}\`](#${id.replace(/[^a-z0-9-]/g, '')})` : `[${id}](rules/${id}.md)`;

  it('documents the security-severity and precision of every rule in the SARIF (UPDATE_DOCS=1 rewrites the table)', () => {
    const file = join(repoRoot, 'docs/code-scanning.md');
    const doc = readFileSync(file, 'utf8');
    const rows = rules.map((rule) => {
      const score = rule.properties!['security-severity'] as string;
      const tags = (rule.properties!.tags as string[]).map((tag) => `\`${tag}\``).join(', ');
      return `| ${link(rule.id)} | ${score} | ${band(Number(score))} | ${rule.properties!.precision} | ${rule.defaultConfiguration!.level} | ${tags} |`;
    });
    const table = ['| rule | security-severity | GitHub severity | precision | default level | tags |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
    const section = /(<!-- security-severity:start -->\n)[\s\S]*?(<!-- security-severity:end -->)/;
    expect(doc).toMatch(section);
    const updated = doc.replace(section, (_whole, open: string, close: string) => `${open}${table}\n${close}`);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(file, updated);
    else expect(doc, 'docs/code-scanning.md is out of date: run UPDATE_DOCS=1 npx vitest run test/formatters/sarif.test.ts').toBe(updated);
  });
});
