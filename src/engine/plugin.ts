/**
 * A rule pack: the built-in rules are one, registered the way a third-party pack is. The shape
 * follows ESLint's flat plugins (`meta.name`, `rules`, `configs`), plus the settings the pack reads
 * and where its rules are documented.
 */
import type { ValidateFunction } from 'ajv';
import type { PresetName, RuleEntry } from './config/config-schema.js';
import type { FileTarget } from './file-targets.js';
import type { AnyRule } from './rule.js';

/** A preset a plugin offers (`recommended`): rule entries, as a config file writes them. */
export interface PluginConfig {
  readonly rules: Readonly<Record<string, RuleEntry>>;
}

export interface Plugin {
  readonly meta: { readonly name: string; readonly version?: string };
  /** Rule id (without the plugin's prefix) → rule. */
  readonly rules: Readonly<Record<string, AnyRule>>;
  readonly configs?: Readonly<Record<string, PluginConfig>>;
  /** JSON Schema of each `settings` key the plugin reads (validated with the config, listed in `schema.json`). */
  readonly settingsSchema?: Readonly<Record<string, object>>;
  /**
   * Files its rules lint as text besides workflows and action metadata (client configurations,
   * credentials files): discovery finds them, and only `textFile` visitors see them.
   */
  readonly targets?: readonly FileTarget[];
  /** The documentation page of a rule, for rules that do not name one. */
  docsUrl?(ruleId: string): string;
  /**
   * Validators compiled ahead of time (ajv standalone code) for its option and settings schemas,
   * each with the JSON text of the schema it was made from: a schema found here is never compiled at
   * run time. The built-in plugin ships them; a schema not listed is compiled when first needed.
   */
  validators?(): ReadonlyArray<readonly [string, ValidateFunction]>;
}

/** The built-in plugin: its rule ids are not prefixed, for the configs written before plugins existed. */
export const BUILTIN_PLUGIN_NAME = 'trustlint';

export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}

/** The id a rule has in configs, directives and reports: `<plugin>/<id>`, bare for the built-in plugin. */
function qualifiedRuleId(plugin: Plugin, id: string): string {
  return plugin.meta.name === BUILTIN_PLUGIN_NAME ? id : `${plugin.meta.name}/${id}`;
}

/** Every rule of the plugins, under its qualified id and with its docs URL. */
export function pluginRules(plugins: readonly Plugin[]): AnyRule[] {
  const rules: AnyRule[] = [];
  for (const plugin of plugins) {
    for (const [id, rule] of Object.entries(plugin.rules)) {
      const qualified = qualifiedRuleId(plugin, id);
      const url = rule.meta.docs.url ?? plugin.docsUrl?.(id);
      rules.push(qualified === rule.id && url === rule.meta.docs.url ? rule : { ...rule, id: qualified, meta: { ...rule.meta, docs: { ...rule.meta.docs, ...(url ? { url } : {}) } } });
    }
  }
  return rules;
}

/** The text targets of every plugin, in plugin order (the first one a file matches is its target). */
export function pluginTargets(plugins: readonly Plugin[]): FileTarget[] {
  return plugins.flatMap((plugin) => plugin.targets ?? []);
}

/** The settings schema of every plugin, merged. */
export function pluginSettingsSchema(plugins: readonly Plugin[]): Record<string, object> {
  return Object.assign({}, ...plugins.map((plugin) => plugin.settingsSchema ?? {})) as Record<string, object>;
}

/**
 * The schema a config's `settings` are checked against: what the plugins read, plus a free key named
 * after each third-party plugin (ESLint's convention for a plugin's own settings); nothing else.
 */
export function settingsValidationSchema(plugins: readonly Plugin[]): object {
  const pluginKeys = Object.fromEntries(plugins.filter((plugin) => plugin.meta.name !== BUILTIN_PLUGIN_NAME).map((plugin) => [plugin.meta.name, {}]));
  return { type: 'object', properties: { ...pluginKeys, ...pluginSettingsSchema(plugins) }, additionalProperties: false };
}

/** The presets from the smallest to the largest: each one holds every rule of the ones before it. */
export const PRESET_ORDER: readonly PresetName[] = ['recommended', 'strict', 'all'];

/** The smallest preset that holds a rule: `meta.preset`, else what `docs.recommended` and `docs.strict` say. */
export function rulePreset(rule: AnyRule): PresetName {
  return rule.meta.preset ?? (rule.meta.docs.recommended ? 'recommended' : rule.meta.docs.strict === true ? 'strict' : 'all');
}

/** A rule's entry in a preset, or undefined when the preset does not hold it: `[severity, options]` when the preset sets options. */
export function presetEntry(rule: AnyRule, preset: PresetName): RuleEntry | undefined {
  if (PRESET_ORDER.indexOf(rulePreset(rule)) > PRESET_ORDER.indexOf(preset)) return undefined;
  const entry = rule.meta.presetEntries?.[preset];
  const severity = entry?.severity ?? rule.meta.severity;
  return entry?.options ? [severity, { ...(entry.options as Record<string, unknown>) }] : severity;
}

/** The `recommended`, `strict` and `all` presets of a set of rules, from their meta: what a plugin offers as `configs`. */
export function presetConfigs(rules: readonly AnyRule[]): Record<PresetName, PluginConfig> {
  const preset = (name: PresetName): PluginConfig => ({
    rules: Object.fromEntries(rules.flatMap((rule) => {
      const entry = presetEntry(rule, name);
      return entry === undefined ? [] : [[rule.id, entry]];
    })),
  });
  return { recommended: preset('recommended'), strict: preset('strict'), all: preset('all') };
}
