import { definePlugin, presetConfigs, type Plugin } from '../src/engine/plugin.js';
import type { AnyRule } from '../src/engine/rule.js';
import { DOMAIN_SETTINGS_SCHEMA } from '../src/domain/settings.js';

/** Rules as the built-in plugin (bare ids, presets from their meta, its settings), for tests that bring their own rules. */
export function pluginOf(rules: readonly AnyRule[]): Plugin {
  return definePlugin({ meta: { name: 'trustlint' }, rules: Object.fromEntries(rules.map((rule) => [rule.id, rule])), configs: presetConfigs(rules), settingsSchema: DOMAIN_SETTINGS_SCHEMA });
}
