/**
 * The validators a config is checked with. The config file's shape is compiled at build time with
 * ajv's standalone mode (config-validator.generated.ts), and so are the built-in plugin's option and
 * settings schemas (which it hands over as `validators()`, as any plugin may): a run never compiles
 * them. Every table is keyed by the schema's JSON text, so a validator serves exactly the schema it
 * was made from. Any other schema is compiled on first use by an Ajv created then (ajv's module is
 * loaded lazily in the bundle, so a run without such a schema never loads it).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { AnyRule } from '../rule.js';
import { settingsValidationSchema, type Plugin } from '../plugin.js';
import { CONFIG_SCHEMA } from './config-schema.js';
import { configValidators } from './config-validator.generated.js';

export interface Validators {
  /** The config file's shape (phase one). */
  readonly config: () => ValidateFunction;
  /** A rule's options. */
  readonly ruleOptions: (rule: AnyRule) => ValidateFunction;
  /** `settings`, for this set of plugins. */
  readonly settings: (plugins: readonly Plugin[]) => ValidateFunction;
}

/**
 * One set of validators, for one config resolution with these plugins: what it compiles is kept for
 * that resolution only (per-run state); the generated code lives for the process.
 */
export function createValidators(plugins: readonly Plugin[] = []): Validators {
  let ajv: Ajv | undefined;
  let known: Map<string, ValidateFunction> | undefined;
  const validatorOf = (schema: object): ValidateFunction => {
    known ??= new Map([...configValidators(), ...plugins.flatMap((plugin) => plugin.validators?.() ?? [])]);
    const text = JSON.stringify(schema);
    let validate = known.get(text);
    if (!validate) {
      // A schema from a plugin is checked against JSON Schema's meta-schema first (it may be broken).
      ajv ??= new Ajv({ allErrors: true, strict: false, useDefaults: false });
      validate = ajv.compile(schema);
      known.set(text, validate);
    }
    return validate;
  };
  return {
    config: () => validatorOf(CONFIG_SCHEMA),
    ruleOptions: (rule) => validatorOf(rule.meta.schema as object),
    settings: (forPlugins) => validatorOf(settingsValidationSchema(forPlugins)),
  };
}
