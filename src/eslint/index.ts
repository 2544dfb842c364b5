/**
 * `trustlint/eslint`: trustlint as an ESLint plugin (flat config, ESLint 9.7+ and 10).
 *
 *     // eslint.config.js
 *     import trustlint from 'trustlint/eslint';
 *     export default [...trustlint.configs.recommended];
 *
 * Every trustlint rule is `trustlint/<id>`; the `trustlint/workflow` language lints workflows and action
 * metadata (docs/eslint.md). It needs nothing but ESLint and trustlint itself.
 */
import { allRules, presetConfigs, VERSION } from '../index.js';
import { workflowLanguage } from './language.js';
import { toEslintRule, type EslintRule } from './rules.js';

/** Where GitHub reads workflows (the repository's `.github/workflows`) and action metadata (any directory). */
export const FILES = ['.github/workflows/*.{yml,yaml}', '**/action.{yml,yaml}'];

export interface FlatConfig {
  readonly name: string;
  readonly files: readonly string[];
  readonly plugins: Readonly<Record<string, unknown>>;
  readonly language: string;
  readonly rules: Readonly<Record<string, unknown>>;
}

export interface TrustlintEslintPlugin {
  readonly meta: { readonly name: string; readonly version: string; readonly namespace: string };
  readonly languages: { readonly workflow: typeof workflowLanguage };
  readonly rules: Readonly<Record<string, EslintRule>>;
  readonly configs: { readonly recommended: FlatConfig[]; readonly strict: FlatConfig[]; readonly all: FlatConfig[] };
}

const knownRuleIds = new Set(allRules.map((rule) => rule.id));
const presets = presetConfigs(allRules);
const configs: Record<string, FlatConfig[]> = {};

const plugin: TrustlintEslintPlugin = {
  meta: { name: 'trustlint', version: VERSION, namespace: 'trustlint' },
  languages: { workflow: workflowLanguage },
  rules: Object.fromEntries(allRules.map((rule) => [rule.id, toEslintRule(rule, knownRuleIds)])),
  configs: configs as TrustlintEslintPlugin['configs'],
};

for (const name of ['recommended', 'strict', 'all'] as const) {
  configs[name] = [
    {
      name: `trustlint/${name}`,
      files: FILES,
      plugins: { trustlint: plugin },
      language: 'trustlint/workflow',
      rules: Object.fromEntries(Object.entries(presets[name].rules).map(([id, severity]) => [`trustlint/${id}`, severity])),
    },
  ];
}

export default plugin;
