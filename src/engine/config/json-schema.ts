import { pluginRules, pluginSettingsSchema, presetEntry, PRESET_ORDER, type Plugin } from '../plugin.js';
import type { AnyRule } from '../rule.js';
import { CONFIG_SCHEMA } from './config-schema.js';

/** Where editors find the schema: the published package ships it at the root. */
const SCHEMA_ID = 'https://raw.githubusercontent.com/trustlint/trustlint/main/schema.json';

type JsonObject = Record<string, unknown>;

/** A plugin rule id: `<plugin>/<rule>`, the plugin name optionally scoped. */
const PLUGIN_RULE_ID = '^(@[^/]+/)?[^/@][^/]*/[^/]+$';

const SEVERITY_VALUES = ['off', 'warn', 'error', 0, 1, 2];

/** A rule's value under `rules`: a severity, or `[severity]`, or `[severity, options]` when the rule takes options. */
function ruleEntrySchema(rule: AnyRule): JsonObject {
  const severity = { enum: SEVERITY_VALUES, description: 'off, warn or error (or 0, 1, 2).' };
  const options = rule.meta.schema as JsonObject | undefined;
  const held = PRESET_ORDER.flatMap((preset) => {
    const entry = presetEntry(rule, preset);
    if (entry === undefined) return [];
    const [severity, options] = Array.isArray(entry) ? entry : [entry, undefined];
    const set = Object.entries(options ?? {}).map(([key, value]) => `, ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return [`\`${preset}\` (${String(severity)}${set.join('')})`];
  });
  const defaults = held.length > 0 ? `on in ${held.join(', ')}` : 'off unless this entry turns it on';
  return {
    description: `${rule.meta.docs.description}. Default: ${defaults}.${rule.meta.docs.url ? ` ${rule.meta.docs.url}` : ''}`,
    anyOf: [
      severity,
      options
        ? { type: 'array', minItems: 1, maxItems: 2, items: [severity, options], additionalItems: false }
        : { type: 'array', minItems: 1, maxItems: 1, items: [severity], additionalItems: false },
    ],
  };
}

/**
 * The config file's JSON Schema for editors (`schema.json`): `CONFIG_SCHEMA`, the validator's own
 * shape, with `rules` (top level and in overrides) narrowed to one property per rule whose options
 * are that rule's `meta.schema`. Deterministic, so the committed file can be compared with it.
 */
export function configJsonSchema(plugins: readonly Plugin[]): JsonObject {
  const rules = pluginRules(plugins);
  const base = structuredClone(CONFIG_SCHEMA) as unknown as { properties: JsonObject & { overrides: { items: { properties: JsonObject } } } };
  const settings = { type: 'object', description: 'Facts about the repository that rules use.', properties: pluginSettingsSchema(plugins), additionalProperties: false };
  base.properties.settings = settings;
  base.properties.overrides.items.properties.settings = settings;
  const rulesSchema = {
    type: 'object',
    description: 'Rule id → severity, or [severity, options].',
    properties: Object.fromEntries(rules.map((rule) => [rule.id, ruleEntrySchema(rule)])),
    // A plugin's rules (`<plugin>/<rule>`): their options are checked by the plugin's schemas when it is loaded.
    patternProperties: { [PLUGIN_RULE_ID]: CONFIG_SCHEMA.properties.rules.additionalProperties },
    additionalProperties: false,
  };
  base.properties.rules = rulesSchema;
  base.properties.overrides.items.properties.rules = rulesSchema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'trustlint configuration',
    description: 'Configuration for trustlint (.trustlintrc.yml, .trustlintrc.yaml, .trustlintrc.json, .github/trustlint.yml).',
    ...base,
  };
}

/** The text of `schema.json`. */
export function configJsonSchemaText(plugins: readonly Plugin[]): string {
  return `${JSON.stringify(configJsonSchema(plugins), null, 2)}\n`;
}
