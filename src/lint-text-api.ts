import { resolveConfig } from './engine/config/load-config.js';
import { compileFileTargets } from './engine/file-targets.js';
import { lintText as lintTextWith, type EnabledRule, type LintTextOptions as EngineOptions } from './engine/lint-text.js';
import { pluginRules, pluginTargets } from './engine/plugin.js';
import type { LintResult } from './engine/result.js';
import { builtinPlugin } from './rules/index.js';

/** `lintText`'s options: those of the engine, with `rules` optional (the recommended preset when left out). */
export type LintTextOptions = Omit<EngineOptions, 'rules'> & { readonly rules?: readonly EnabledRule[] };

/** The built-in rules the recommended preset turns on, at their severity and default options. */
export function recommendedRules(): EnabledRule[] {
  const config = resolveConfig(undefined, undefined, { cwd: '/', plugins: [builtinPlugin] });
  const byId = new Map(pluginRules([builtinPlugin]).map((rule) => [rule.id, rule]));
  const enabled: EnabledRule[] = [];
  for (const [id, setting] of config.rules) {
    const rule = byId.get(id);
    if (rule && setting.severity !== 'off') enabled.push({ rule, severity: setting.severity, options: setting.options });
  }
  return enabled;
}

/**
 * Lints one file's text, synchronously: `lintText(text, { filePath: '.github/workflows/release.yml' })`.
 * Without `rules`, the recommended preset, and the built-in plugin's text targets (`.npmrc`, …). Never throws.
 */
export function lintText(text: string, options: LintTextOptions): LintResult {
  return lintTextWith(text, {
    ...options,
    rules: options.rules ?? recommendedRules(),
    targets: options.targets ?? compileFileTargets(pluginTargets([builtinPlugin])),
  });
}
