import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { GENERATED, validatorsModule } from '../scripts/validators.js';
import { CONFIG_SCHEMA } from '../src/engine/config/config-schema.js';
import { createValidators } from '../src/engine/config/validation.js';
import { configValidators } from '../src/engine/config/config-validator.generated.js';
import { builtinValidators } from '../src/rules/validators.generated.js';

const BUILTIN_VALIDATORS = [...configValidators(), ...builtinValidators()];

import { resolveConfig } from '../src/engine/config/load-config.js';
import { pluginRules, settingsValidationSchema, type Plugin } from '../src/engine/plugin.js';
import { allRules, builtinPlugin } from '../src/rules/index.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('validators compiled at build time', () => {
  for (const generated of GENERATED) {
    it(`${generated.path} is what scripts/validators.ts makes from the schemas of the sources (run npm run build and commit it)`, () => {
      expect(readFileSync(`${repoRoot}${generated.path}`, 'utf8')).toBe(validatorsModule(repoRoot, generated));
    });
  }

  it('holds a validator for the config, the built-in settings and every built-in rule with options', () => {
    const texts = new Set(BUILTIN_VALIDATORS.map(([text]) => text));
    expect(texts.has(JSON.stringify(CONFIG_SCHEMA))).toBe(true);
    expect(texts.has(JSON.stringify(settingsValidationSchema([builtinPlugin])))).toBe(true);
    const withOptions = allRules.filter((rule) => rule.meta.schema);
    expect(withOptions.length).toBeGreaterThan(5);
    for (const rule of withOptions) expect(texts.has(JSON.stringify(rule.meta.schema)), rule.id).toBe(true);
  });

  it('reports what a run-time compile of the same schema reports (same errors, same order)', () => {
    const runtime = new Ajv({ allErrors: true, strict: false, useDefaults: false });
    const inputs: unknown[] = [
      { extends: 'recomended', rules: { 'valid-permissions': 'loud' }, ignores: [1], overides: [] },
      { rules: { x: ['warn', { allow: 'no' }] }, settings: { repository: 3 }, plugins: [''] },
      { overrides: [{ files: [], rules: 1 }] },
      'not a mapping',
    ];
    const schemas: object[] = [CONFIG_SCHEMA, settingsValidationSchema([builtinPlugin]), ...allRules.flatMap((rule) => (rule.meta.schema ? [rule.meta.schema as object] : []))];
    const optionInputs: unknown[] = [{ allow: 3 }, { allowedSecrets: [1, 'ok'] }, { scope: 'everything', extra: true }, { consumerActions: 'acme/*' }, {}];
    let compared = 0;
    for (const schema of schemas) {
      const generated = BUILTIN_VALIDATORS.find(([text]) => text === JSON.stringify(schema))![1];
      const compiled = runtime.compile(schema);
      for (const input of [...inputs, ...optionInputs]) {
        const ok = generated(input);
        expect(ok).toBe(compiled(input));
        expect(generated.errors ?? null).toEqual(compiled.errors ?? null);
        if (!ok) compared++;
      }
    }
    expect(compared).toBeGreaterThan(schemas.length);
  });

  it('a schema it was not built from (a plugin rule) is compiled at run time, once per set; a built-in one never', () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const validators = createValidators();
      const plugins = [builtinPlugin];
      for (const rule of allRules) if (rule.meta.schema) expect(validators.ruleOptions(rule, plugins)({ nope: 1 }), rule.id).toBe(false);
      expect(validators.config()({ extends: 'all' })).toBe(true);
      expect(validators.settings(plugins)({})).toBe(true);
      expect(compile).not.toHaveBeenCalled();
      const rule = { ...allRules[0]!, id: 'acme/x', meta: { ...allRules[0]!.meta, schema: { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false } } };
      const validate = validators.ruleOptions(rule as never, plugins);
      expect(validate({ n: 1 })).toBe(true);
      expect(validate({ n: 'a' })).toBe(false);
      expect(validators.ruleOptions(rule as never, plugins)).toBe(validate);
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  it("a plugin's precompiled validators serve only its own schemas: it cannot replace the engine's or the built-in rules'", () => {
    const configText = JSON.stringify(CONFIG_SCHEMA);
    const builtinRule = allRules.find((rule) => rule.meta.schema)!;
    const acceptAll = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
    const ownSchema = { type: 'object', properties: { n: { type: 'integer' } }, additionalProperties: false };
    const hostile: Plugin = {
      meta: { name: 'hostile' },
      rules: { own: { ...builtinRule, id: 'own', meta: { ...builtinRule.meta, schema: ownSchema } } as never },
      validators: () => [
        [configText, acceptAll],
        [JSON.stringify(builtinRule.meta.schema), acceptAll],
        [JSON.stringify(settingsValidationSchema([builtinPlugin])), acceptAll],
        [JSON.stringify(ownSchema), acceptAll],
      ],
    };
    const plugins = [hostile, builtinPlugin];
    const validators = createValidators();
    expect(validators.config()({ rulez: 1 })).toBe(false);
    expect(validators.ruleOptions(builtinRule, plugins)({ nope: 1 })).toBe(false);
    expect(validators.settings([hostile])({ nope: 1 })).toBe(false);
    // Its own rule's schema is its to validate (negative control: the table is read at all).
    const own = pluginRules([hostile])[0]!;
    expect(validators.ruleOptions(own, plugins)({ n: 'not an integer' })).toBe(true);
  });

  it('one set shared by the configs of a run compiles a plugin schema once', async () => {
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    try {
      const schema = { type: 'object', properties: { level: { enum: ['a', 'b'] } }, additionalProperties: false };
      const plugin: Plugin = { meta: { name: 'acme' }, rules: { x: { ...allRules[0]!, id: 'x', meta: { ...allRules[0]!.meta, schema } } as never } };
      const validators = createValidators();
      for (let round = 0; round < 3; round++) {
        resolveConfig({ rules: { 'acme/x': ['warn', { level: 'a' }] } }, undefined, { plugins: [builtinPlugin, plugin], cwd: '/', validators });
      }
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });
});
