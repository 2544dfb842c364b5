import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { PresetName } from '../src/engine/config/config-schema.js';
import { PRESET_ORDER, presetEntry, rulePreset } from '../src/engine/plugin.js';
import type { AnyRule } from '../src/engine/rule.js';
import { allRules, rules } from '../src/rules/index.js';
import { VERSION } from '../src/version.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const at = (relative: string) => `${repoRoot}${relative}`;
const entries = Object.entries(rules) as Array<[string, AnyRule]>;

describe('rule registry', () => {
  it('holds rules (sanity: the table below is not vacuous)', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(allRules).toEqual(entries.map(([, rule]) => rule));
  });

  it('has no rule twice', () => {
    const ids = allRules.map((rule) => rule.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('every docs/rules/*.md and test/rules/*.test.ts belongs to a registered rule', () => {
    const ids = new Set(allRules.map((rule) => rule.id));
    const docs = readdirSync(at('docs/rules')).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3));
    const tests = readdirSync(at('test/rules')).filter((name) => name.endsWith('.test.ts')).map((name) => name.slice(0, -8));
    expect(docs.filter((id) => !ids.has(id)), 'docs without a registered rule').toEqual([]);
    expect(tests.filter((id) => !ids.has(id)), 'tests without a registered rule').toEqual([]);
  });
});

describe.each(entries)('rule %s', (key, rule) => {
  it('id equals its registry key and its file name', async () => {
    expect(rule.id).toBe(key);
    expect(existsSync(at(`src/rules/${rule.id}.ts`)), `src/rules/${rule.id}.ts`).toBe(true);
    const module = (await import(`../src/rules/${rule.id}.ts`)) as Record<string, unknown>;
    // The registry holds the rule with its docs URL and help added by the built-in plugin.
    const exported = Object.values(module) as Array<{ create?: unknown }>;
    expect(exported.some((candidate) => candidate.create === rule.create), `src/rules/${rule.id}.ts exports the registered rule`).toBe(true);
  });

  it('has a test file and a docs page', () => {
    expect(existsSync(at(`test/rules/${rule.id}.test.ts`)), `test/rules/${rule.id}.test.ts`).toBe(true);
    expect(existsSync(at(`docs/rules/${rule.id}.md`)), `docs/rules/${rule.id}.md`).toBe(true);
  });

  it('description starts with Require|Disallow|Prefer|Enforce and has no trailing period', () => {
    const description = rule.meta.docs.description;
    expect(description).toMatch(/^(Require|Disallow|Prefer|Enforce) \S/);
    expect(description).not.toMatch(/[.\s]$/);
  });

  it('message ids are camelCase and messages are non-empty', () => {
    const ids = Object.keys(rule.meta.messages);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      expect(id, `messageId ${id}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(rule.meta.messages[id]!.trim(), `message ${id}`).not.toBe('');
    }
  });

  it('schema compiles with ajv and defaultOptions validate against it', () => {
    if (!rule.meta.schema) {
      expect(rule.meta.defaultOptions, 'defaultOptions without a schema').toBeUndefined();
      return;
    }
    // strictSchema catches misspelled keywords (`propertys`), which would silently accept anything.
    const ajv = new Ajv({ allErrors: true, strict: false, strictSchema: true });
    const validate = ajv.compile(rule.meta.schema);
    expect(rule.meta.defaultOptions, 'a rule with options has defaultOptions').toBeDefined();
    expect(validate(rule.meta.defaultOptions), JSON.stringify(validate.errors)).toBe(true);
  });

  it('security metadata is in range; strict includes recommended', () => {
    expect(rule.meta.security.severity).toBeGreaterThanOrEqual(0);
    expect(rule.meta.security.severity).toBeLessThanOrEqual(10);
    expect(['very-high', 'high', 'medium', 'low']).toContain(rule.meta.security.precision);
    expect(['problem', 'suggestion']).toContain(rule.meta.type);
    expect(['warn', 'error']).toContain(rule.meta.severity);
    if (rule.meta.docs.strict === false) expect(rule.meta.docs.recommended, 'a recommended rule is in strict too').toBe(false);
  });

  it('declares its preset in meta, and docs.recommended / docs.strict agree with it', () => {
    expect(PRESET_ORDER, `meta.preset of ${rule.id}`).toContain(rule.meta.preset);
    expect(rule.meta.docs.recommended, 'docs.recommended').toBe(rule.meta.preset === 'recommended');
    if (rule.meta.docs.strict !== undefined) expect(rule.meta.docs.strict, 'docs.strict').toBe(rule.meta.preset !== 'all');
    expect(rulePreset(rule)).toBe(rule.meta.preset);
    // Preset entries only for presets that hold the rule, with options its schema accepts.
    for (const [preset, entry] of Object.entries(rule.meta.presetEntries ?? {})) {
      expect(presetEntry(rule, preset as PresetName), `presetEntries.${preset} of a preset that does not hold the rule`).toBeDefined();
      if (entry?.options === undefined) continue;
      const validate = new Ajv({ allErrors: true, strict: false }).compile(rule.meta.schema as object);
      expect(validate({ ...(rule.meta.defaultOptions as object), ...(entry.options as object) }), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});

/** A rule's cell in a preset column: its severity, and the options the preset sets. */
function presetCell(rule: AnyRule, preset: PresetName): string {
  const entry = presetEntry(rule, preset);
  if (entry === undefined) return '';
  if (!Array.isArray(entry)) return String(entry);
  const options = Object.entries(entry[1] ?? {}).map(([key, value]) => `\`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}\``);
  return options.length > 0 ? `${String(entry[0])} (${options.join(', ')})` : String(entry[0]);
}

/** The README rules table as the registry says it should be: which preset turns each rule on, at what severity. */
export function expectedRulesTable(list: readonly AnyRule[]): string {
  const rows = list.map((rule) =>
    ['', `[${rule.id}](docs/rules/${rule.id}.md)`, rule.meta.docs.description, ...PRESET_ORDER.map((preset) => presetCell(rule, preset)), '']
      .join(' | ')
      .trim(),
  );
  return ['| rule | description | recommended | strict | all |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

describe('README', () => {
  it('the rules table between the markers equals the registry', () => {
    const readme = readFileSync(at('README.md'), 'utf8');
    const match = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(readme);
    expect(match, 'README.md has <!-- rules:start --> and <!-- rules:end --> markers').not.toBeNull();
    const expected = expectedRulesTable(allRules);
    expect(match![1], `README.md's rules table is out of date; replace it with:\n\n${expected}\n`).toBe(expected);
  });
});

describe('version', () => {
  it('src/version.ts equals package.json', () => {
    const pkg = JSON.parse(readFileSync(at('package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });
});
