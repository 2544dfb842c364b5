import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../src/engine/config/config-schema.js';
import { configJsonSchema, configJsonSchemaText } from '../src/engine/config/json-schema.js';
import { resolveConfig } from '../src/engine/config/load-config.js';
import { allRules, builtinPlugin } from '../src/rules/index.js';

const SCHEMA_PATH = fileURLToPath(new URL('../schema.json', import.meta.url));
const REGENERATE = 'UPDATE_SCHEMA=1 npx vitest run test/schema.test.ts';

describe('CONFIG_SCHEMA', () => {
  // The CLI compiles it without validating it against the meta-schema (load-config.ts); this test does that.
  it('is a valid JSON Schema', () => {
    const ajv = new Ajv({ strict: false, strictSchema: true });
    expect(ajv.validateSchema(CONFIG_SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
  });
});

describe('schema.json', () => {
  it('equals the schema generated from CONFIG_SCHEMA and the rules', () => {
    const generated = configJsonSchemaText([builtinPlugin]);
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_PATH, generated);
    const committed = existsSync(SCHEMA_PATH) ? readFileSync(SCHEMA_PATH, 'utf8') : '';
    expect(committed, `schema.json is out of date; regenerate it with \`${REGENERATE}\` and commit it`).toBe(generated);
  });

  const schema = configJsonSchema([builtinPlugin]);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

  it('compiles, and accepts every config the README shows', () => {
    const config = {
      $schema: './node_modules/trustlint/schema.json',
      extends: ['recommended', 'strict'],
      rules: { 'valid-permissions': 'warn' },
      ignores: ['.github/workflows/experimental-*.yml'],
      overrides: [{ files: ['.github/workflows/nightly.yml'], rules: { 'valid-permissions': 0 } }],
      settings: { repository: 'my-org/my-repo', selfHostedRunnerLabels: ['my-runner-*'] },
      reportUnusedDisableDirectives: 'warn',
      limits: { maxFileBytes: 8388608 },
    };
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it("accepts the README's example config, as the validator does", () => {
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const block = /```yaml\n(# yaml-language-server: \$schema=[\s\S]*?)```/.exec(readme);
    expect(block, 'README.md shows an example config with a yaml-language-server $schema line').not.toBeNull();
    const config = parseYaml(block![1]!) as unknown;
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(() => resolveConfig(config, undefined, { plugins: [builtinPlugin], cwd: '/' })).not.toThrow();
  });

  it('lists every rule under `rules`, and refuses unknown ids (as the validator does)', () => {
    const rules = (schema.properties as { rules: { properties: Record<string, unknown> } }).rules.properties;
    expect(Object.keys(rules)).toEqual(allRules.map((rule) => rule.id));
    expect(validate({ rules: { 'valid-permision': 'warn' } })).toBe(false);
    expect(() => resolveConfig({ rules: { 'valid-permision': 'warn' } }, undefined, { plugins: [builtinPlugin], cwd: '/' })).toThrow();
  });

  it("checks options against each rule's own schema", () => {
    for (const rule of allRules) {
      const id = rule.id;
      expect(validate({ rules: { [id]: ['error'] } }), id).toBe(true);
      if (rule.meta.schema) {
        expect(validate({ rules: { [id]: ['error', rule.meta.defaultOptions ?? {}] } }), id).toBe(true);
        expect(validate({ rules: { [id]: ['error', { 'not-an-option-of-any-rule': 1 }] } }), `${id} accepts unknown options`).toBe(
          (rule.meta.schema as { additionalProperties?: unknown }).additionalProperties !== false,
        );
      } else {
        expect(validate({ rules: { [id]: ['error', {}] } }), `${id} takes no options`).toBe(false);
      }
    }
  });

  it('keeps every top-level key of CONFIG_SCHEMA', () => {
    expect(Object.keys(schema.properties as object)).toEqual(Object.keys(CONFIG_SCHEMA.properties));
    expect(schema.additionalProperties).toBe(false);
  });
});
