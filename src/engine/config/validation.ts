/**
 * The validators a config is checked with. The config file's shape is compiled at build time with
 * ajv's standalone mode (config-validator.generated.ts), and so are the built-in plugin's option and
 * settings schemas, which it hands over as `validators()` (any plugin may): a run never compiles
 * them. A plugin's precompiled validator is used only for a schema that plugin declares itself (a
 * rule of its own, its settings alone), so no plugin can replace the engine's or another plugin's
 * validation. Any other schema is compiled on first use by an Ajv created then (ajv's module is
 * loaded lazily in the bundle, so a run without such a schema never loads it), once per set.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { AnyRule } from '../rule.js';
import { settingsValidationSchema, type Plugin } from '../plugin.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import { configValidators } from './config-validator.generated.js';

export interface Validators {
  /** The config file's shape (phase one). */
  readonly config: () => ValidateFunction;
  /** A rule's options; `plugins` are those of the config, one of which declares the rule. */
  readonly ruleOptions: (rule: AnyRule, plugins: readonly Plugin[]) => ValidateFunction;
  /** `settings`, for this set of plugins. */
  readonly settings: (plugins: readonly Plugin[]) => ValidateFunction;
}

/**
 * One set of validators: a run (a config set, every config of which shares it) or one resolution.
 * What it compiles is kept for as long as the set; the generated code lives for the process.
 */
export function createValidators(): Validators {
  let ajv: Ajv | undefined;
  const compiled = new Map<string, ValidateFunction>();
  const precompiled = new Map<Plugin | 'engine', ReadonlyMap<string, ValidateFunction>>();
  const tableOf = (owner: Plugin | 'engine'): ReadonlyMap<string, ValidateFunction> => {
    let table = precompiled.get(owner);
    if (!table) {
      table = new Map(owner === 'engine' ? configValidators() : (owner.validators?.() ?? []));
      precompiled.set(owner, table);
    }
    return table;
  };
  const validatorOf = (schema: object, owner: Plugin | 'engine' | undefined): ValidateFunction => {
    const text = JSON.stringify(schema);
    const ready = (owner && tableOf(owner).get(text)) || compiled.get(text);
    if (ready) return ready;
    // A schema from a plugin is checked against JSON Schema's meta-schema first (it may be broken).
    ajv ??= new Ajv({ allErrors: true, strict: false, useDefaults: false });
    const validate = ajv.compile(schema);
    compiled.set(text, validate);
    return validate;
  };
  return {
    config: () => validatorOf(CONFIG_SCHEMA, 'engine'),
    ruleOptions: (rule, plugins) => {
      const schema = rule.meta.schema as object;
      // Rules are copied under their qualified ids (pluginRules); their schema object is the plugin's own.
      const owner = plugins.find((plugin) => Object.values(plugin.rules).some((candidate) => candidate.meta.schema === schema));
      return validatorOf(schema, owner);
    },
    settings: (plugins) => validatorOf(settingsValidationSchema(plugins), plugins.length === 1 ? plugins[0] : undefined),
  };
}
