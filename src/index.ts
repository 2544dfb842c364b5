/** The public API: lint programmatically, write rules, format results. */
export { lintText, recommendedRules, type LintTextOptions } from './lint-text-api.js';
export type { EnabledRule } from './engine/lint-text.js';
export { lintFiles, type LintFilesOptions, type LintFilesOutcome } from './engine/lint-files.js';
export { lintAndFix, MAX_FIX_PASSES } from './engine/fix/lint-and-fix.js';
export type { Edit } from './engine/fix/edit.js';
export type { YamlFixer } from './engine/fix/yaml-fixer.js';
export { copyOf, mapText, scalarText, type YamlText } from './engine/fix/yaml-text.js';
export { loadConfig, resolveConfig, ConfigError, type ResolvedConfig } from './engine/config/load-config.js';
export { loadConfigAsync, loadConfigSet, type ConfigSet, type ConfigSetOptions } from './engine/config/config-set.js';
export { definePlugin, pluginTargets, presetConfigs, type Plugin, type PluginConfig } from './engine/plugin.js';
export { compileFileTargets, type CommentSyntax, type FileTarget, type FileTargets } from './engine/file-targets.js';
export { CONFIG_SCHEMA, type ConfigFile } from './engine/config/config-schema.js';
export { defineRule, type Rule, type AnyRule, type RuleContext, type RuleMeta, type Visitors, type ReportDescriptor, type SuggestionDescriptor } from './engine/rule.js';
export type * from './engine/ast.js';
export type { LintFix, LintMessage, LintResult, LintSuggestion, MessageFix } from './engine/result.js';
export type { Settings } from './engine/settings.js';
export { rules, allRules, builtinPlugin } from './rules/index.js';
export { formatters, type Formatter, type FormatContext, type FormatterName } from './formatters/index.js';
export { VERSION } from './version.js';
// For integrations (the ESLint plugin `trustlint/eslint`, editors): a repository for `lintText`'s
// `project`, and the parser's comments and positions.
export { createProjectService, diskSource, memorySource, type ProjectService, type ProjectSource } from './engine/project.js';
export { parseYaml, type CommentToken, type ParseError } from './engine/parse.js';
export { createLineIndex, type LineIndex } from './engine/line-index.js';
