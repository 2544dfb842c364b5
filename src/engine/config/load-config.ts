import { existsSync, lstatSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { compileGlob, type GlobMatcher, type GlobOptions } from '../glob.js';
import { toPosixPath } from '../paths.js';
import { gitRootOf } from '../roots.js';
import { visibleText } from '../result.js';
import { suggest } from '../suggest.js';
import { BUILTIN_PLUGIN_NAME, pluginRules, pluginSettingsSchema, type Plugin, type PluginConfig } from '../plugin.js';
import type { AnyRule, Severity } from '../rule.js';
import type { Settings } from '../settings.js';
import { ConfigError } from './config-error.js';
import { readConfigFile } from './read-config.js';
import { CONFIG_SCHEMA, type ConfigFile, type RuleEntry, type SeverityInput } from './config-schema.js';
import { createValidators, type Validators } from './validation.js';

/** Names looked for in each directory, in this order. */
export const CONFIG_FILE_NAMES = ['.trustlintrc.yml', '.trustlintrc.yaml', '.trustlintrc.json', '.github/trustlint.yml'];

export { ConfigError } from './config-error.js';
export { readConfigFile } from './read-config.js';

export interface RuleSetting {
  readonly severity: Severity;
  readonly options: unknown;
}

/** A config ready to use: validated, presets expanded, globs compiled. */
export interface ResolvedConfig {
  /** The file it came from, or undefined for the built-in default. */
  readonly filePath?: string;
  /** Directory globs are relative to. */
  readonly baseDir: string;
  readonly rules: ReadonlyMap<string, RuleSetting>;
  readonly settings: Settings;
  readonly reportUnusedDisableDirectives: 'off' | 'warn' | 'error';
  readonly limits: { maxFileBytes: number; maxDepth: number; maxAliasNodes: number };
  /** Every rule this config can name: the built-in ones and its plugins'. */
  readonly ruleDefinitions: readonly AnyRule[];
  isIgnored(relativeToBase: string): boolean;
  /** Rules and settings for one file, overrides applied. */
  forFile(relativeToBase: string): { rules: ReadonlyMap<string, RuleSetting>; settings: Settings };
}

// 1 MiB is 15 times the largest workflow in a corpus of 1,400 real ones, and bounds the worst file to
// seconds: `yaml` parses pathological input (one token per byte) at about 0.3 MB/s. docs/robustness.md.
export const DEFAULT_LIMITS = { maxFileBytes: 1024 * 1024, maxDepth: 500, maxAliasNodes: 100_000 };

/** Looks for a config from `startDir` up to the repository root (a directory with `.git`). */
export function findConfigFile(startDir: string): string | undefined {
  return lookUpConfig(startDir)?.path;
}

/**
 * The config found by lookup and the directory it must resolve inside: the repository root (the
 * nearest directory with `.git` at or above it), else the directory it was found from. A name that
 * exists but is not a file (a FIFO, a device, a dangling link) is found, so that reading it reports
 * the problem; only a directory of that name is passed over.
 */
export function lookUpConfig(startDir: string): FoundConfig | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const found = configIn(dir);
    if (found) return found;
    if (existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface FoundConfig {
  readonly path: string;
  /** The repository root the config must resolve inside. */
  readonly boundary: string;
}

/** The config file in `dir` itself (no lookup upwards), if any. */
export function configIn(dir: string): FoundConfig | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = join(dir, name);
    if (isConfigCandidate(candidate)) return { path: candidate, boundary: gitRootOf(dir) ?? dir };
  }
  return undefined;
}

function isConfigCandidate(path: string): boolean {
  try {
    if (lstatSync(path).isDirectory()) return false;
  } catch {
    return false;
  }
  try {
    return !statSync(path).isDirectory();
  } catch {
    return true;
  }
}


/** The directory a config file's globs are relative to: `.github/trustlint.yml` belongs to the repository root. */
function baseDirOf(filePath: string): string {
  const dir = dirname(filePath);
  return toPosixPath(filePath).endsWith('/.github/trustlint.yml') ? dirname(dir) : dir;
}

/** `/rules/foo/1/bar` → `rules.foo[1].bar`. */
function keyPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra) parts.push(extra);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

/** An enum's values, the first few of a long one (the permission scopes number fifty). */
function listOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 8).map((value) => JSON.stringify(value)).join(', ');
  return values.length > 8 ? `${shown}, … (${values.length} values)` : shown;
}

function describeErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const error of errors ?? []) {
    // anyOf branches repeat each other; the summary line says enough.
    if (error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
    const inner = keyPath(error.instancePath, extra);
    // `rules.x[1]` + `allow` → `rules.x[1].allow`; `rules.x[1]` + `[0]` → `rules.x[1][0]`.
    const path = prefix && inner ? `${prefix}${inner.startsWith('[') ? '' : '.'}${inner}` : prefix || inner;
    const what =
      error.keyword === 'additionalProperties'
        ? 'is not a known key'
        : error.keyword === 'enum'
          ? `must be one of ${listOf((error.params as { allowedValues: unknown[] }).allowedValues)}`
          : (error.message ?? 'is invalid');
    const line = `${path || '(top level)'} ${what}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return mergeAlternatives(lines);
}

/**
 * The branches of one `anyOf` fail at the same path (`valid-permissions: loud` is neither a severity
 * nor an array): one line per path, "must be one of …, or must be array", rather than two lines
 * that each look like the whole story.
 */
function mergeAlternatives(lines: readonly string[]): string[] {
  const byPath = new Map<string, string[]>();
  for (const line of lines) {
    const match = /^(\S+) (must .*)$/.exec(line);
    const key = match ? match[1]! : line;
    const list = byPath.get(key) ?? [];
    list.push(match ? match[2]! : line);
    byPath.set(key, list);
  }
  return [...byPath].map(([path, whats]) => (whats.length === 1 && !whats[0]!.startsWith('must') ? whats[0]! : `${path} ${whats.join(', or ')}`));
}

/** `x.y is not a known key` gains `; did you mean \`z\`?` when `y` is close to a known key. */
function withHint(line: string, known: readonly string[]): string {
  const unknown = /[.\]]([^.\s\]]+) is not a known key$/.exec(line);
  const hint = unknown ? suggest(unknown[1]!, known) : undefined;
  return hint ? `${line}; did you mean \`${hint}\`?` : line;
}

function normalizeSeverity(input: SeverityInput): Severity {
  return input === 0 ? 'off' : input === 1 ? 'warn' : input === 2 ? 'error' : input;
}

/** A preset named in `extends`: `recommended` (the built-in plugin's) or `<plugin>/<name>`. */
function presetOf(name: string, plugins: readonly Plugin[]): PluginConfig | undefined {
  const slash = name.lastIndexOf('/');
  const pluginName = slash === -1 ? BUILTIN_PLUGIN_NAME : name.slice(0, slash);
  const plugin = plugins.find((candidate) => candidate.meta.name === pluginName);
  const configs = plugin?.configs;
  const key = slash === -1 ? name : name.slice(slash + 1);
  return configs && Object.hasOwn(configs, key) ? configs[key] : undefined;
}

/**
 * Validates a rule's options (merged over its defaults) with the rule's own schema. `validators`: the
 * set of the run (a caller without one gets a fresh set); `plugins`: those of the config, for the
 * validator the rule's own plugin compiled ahead of time.
 */
export function resolveRuleOptions(
  rule: AnyRule,
  given: Record<string, unknown> | undefined,
  where: string,
  validators: Validators = createValidators(),
  plugins: readonly Plugin[] = [],
): unknown {
  const merged = given === undefined ? rule.meta.defaultOptions : { ...(rule.meta.defaultOptions ?? {}), ...given };
  if (given !== undefined && !rule.meta.schema) {
    throw new ConfigError(`${where}: rule \`${rule.id}\` takes no options`);
  }
  // A rule's own defaults are checked against its schema by test/meta.test.ts, not at every start.
  if (!rule.meta.schema || merged === undefined || given === undefined) return merged;
  const validate = validators.ruleOptions(rule, plugins);
  if (!validate(merged)) {
    const known = Object.keys((rule.meta.schema as { properties?: object }).properties ?? {});
    const lines = describeErrors(validate.errors, `${where.split(': ').pop()}`).map((line) => withHint(line, known));
    throw new ConfigError(`${where}: invalid options for \`${rule.id}\`:\n  ${lines.join('\n  ')}`);
  }
  return merged;
}

export interface ResolveOptions {
  /** The rule packs: the built-in one, and any a caller adds. */
  readonly plugins: readonly Plugin[];
  /** `--rule 'id: severity'` flags, applied last. */
  readonly ruleOverrides?: Readonly<Record<string, RuleEntry>>;
  readonly cwd: string;
  /** The validators of the run, shared by its configs (a fresh set when absent). */
  readonly validators?: Validators;
}

/** Validates a parsed config file (phase one: shape; phase two: each rule's options) and resolves it. */
export function resolveConfig(raw: unknown, filePath: string | undefined, options: ResolveOptions): ResolvedConfig {
  const where = filePath ? relative(options.cwd, filePath) || filePath : '(default config)';
  const byId = new Map(pluginRules(options.plugins).map((rule) => [rule.id, rule]));
  const config = (raw ?? {}) as ConfigFile;
  const validators = options.validators ?? createValidators();
  if (raw !== undefined && raw !== null) {
    const shapeValidator = validators.config();
    if (!shapeValidator(raw)) {
      const lines = describeErrors(shapeValidator.errors).map((line) => {
        const unknownTop = /^(\S+) is not a known key$/.exec(line);
        const hint = unknownTop ? suggest(unknownTop[1]!, Object.keys(CONFIG_SCHEMA.properties)) : undefined;
        return hint ? `${line}; did you mean \`${hint}\`?` : line;
      });
      throw new ConfigError(`${where}: invalid config:\n  ${lines.join('\n  ')}`);
    }
  }


  const applyEntries = (target: Map<string, RuleSetting>, entries: Readonly<Record<string, RuleEntry>> | undefined, path: string) => {
    for (const [id, entry] of Object.entries(entries ?? {})) {
      // A `--rule` flag is not in the config file: name the flag, not the file.
      const at = path === '--rule' ? `--rule ${id}` : `${where}: ${path}.${id}`;
      const rule = byId.get(id);
      if (!rule) {
        const hint = suggest(id, byId.keys());
        throw new ConfigError(`${at}: unknown rule \`${id}\`${hint ? `; did you mean \`${hint}\`?` : ''}`);
      }
      const [severityInput, given] = Array.isArray(entry) ? entry : [entry, undefined];
      const severity = normalizeSeverity(severityInput);
      if (!['off', 'warn', 'error'].includes(severity)) {
        throw new ConfigError(`${at}: severity must be off, warn or error (or 0, 1, 2), not ${JSON.stringify(severityInput)}`);
      }
      const optionsGiven = given as Record<string, unknown> | undefined;
      const previous = target.get(id);
      const resolvedOptions =
        optionsGiven !== undefined
          ? resolveRuleOptions(rule, optionsGiven, `${at}[1]`, validators, options.plugins)
          : (previous?.options ?? rule.meta.defaultOptions);
      target.set(id, { severity, options: resolvedOptions });
    }
  };

  const presets = config.extends === undefined ? ['recommended'] : Array.isArray(config.extends) ? config.extends : [config.extends];
  const rules = new Map<string, RuleSetting>();
  for (const name of presets) {
    const preset = presetOf(name, options.plugins);
    if (!preset) throw new ConfigError(`${where}: extends: unknown preset \`${name}\``);
    applyEntries(rules, preset.rules, `extends ${name}`);
  }
  applyEntries(rules, config.rules, 'rules');
  applyEntries(rules, options.ruleOverrides, '--rule');
  const settings = validSettings(config.settings, `${where}: settings`, options.plugins, validators);
  const ruleDefinitions = [...byId.values()];

  const baseDir = filePath ? baseDirOf(resolve(options.cwd, filePath)) : resolve(options.cwd);
  const glob = (pattern: string, path: string, globOptions: GlobOptions = { dot: true }) => compileConfigGlob(pattern, `${where}: ${path}`, globOptions);
  const ignoreMatchers = (config.ignores ?? []).map((pattern, index) => glob(pattern, `ignores[${index}]`));
  checkSettingGlobs(settings, 'settings', glob);
  const overrides = (config.overrides ?? []).map((override, index) => {
    const overrideRules = new Map<string, RuleSetting>();
    applyEntries(overrideRules, override.rules, `overrides[${index}].rules`);
    const matchers = override.files.map((pattern, fileIndex) => glob(pattern, `overrides[${index}].files[${fileIndex}]`));
    checkSettingGlobs((override.settings ?? {}) as Settings, `overrides[${index}].settings`, glob);
    return {
      match: (path: string) => matchers.some((matcher) => matcher(path)),
      rules: overrideRules,
      settings: validSettings(override.settings, `${where}: overrides[${index}].settings`, options.plugins, validators),
    };
  });
  const perOverrides = new Map<string, { rules: ReadonlyMap<string, RuleSetting>; settings: Settings }>();
  // `--rule` flags win over overrides too.
  const cliRules = new Map<string, RuleSetting>();
  applyEntries(cliRules, options.ruleOverrides, '--rule');

  return {
    ...(filePath ? { filePath } : {}),
    baseDir,
    rules,
    settings,
    reportUnusedDisableDirectives: config.reportUnusedDisableDirectives ?? 'warn',
    limits: { ...DEFAULT_LIMITS, ...(config.limits ?? {}) },
    ruleDefinitions,
    isIgnored: (path) => ignoreMatchers.some((matcher) => matcher(path)),
    forFile(path) {
      const matching = overrides.filter((override) => override.match(path));
      if (matching.length === 0) return { rules, settings };
      // The same overrides give the same objects: facts are memoised per settings object.
      const key = matching.map((override) => overrides.indexOf(override)).join(',');
      let resolved = perOverrides.get(key);
      if (!resolved) {
        const merged = new Map(rules);
        let mergedSettings: Settings = settings;
        for (const override of matching) {
          for (const [id, setting] of override.rules) merged.set(id, setting);
          mergedSettings = { ...mergedSettings, ...override.settings };
        }
        for (const [id, setting] of cliRules) merged.set(id, setting);
        resolved = { rules: merged, settings: mergedSettings };
        perOverrides.set(key, resolved);
      }
      return resolved;
    },
  };
}

/** A config glob, compiled once (src/engine/glob.ts: linear, no regex groups); a bad one is a config error. */
function compileConfigGlob(pattern: string, where: string, options: GlobOptions): GlobMatcher {
  const compiled = compileGlob(pattern, options);
  if (!compiled.ok) throw new ConfigError(`${where}: the glob \`${visibleText(pattern)}\` ${compiled.error}`);
  return compiled.match;
}

/** Settings that are globs (runner labels) are checked here, so a bad one is reported, not ignored. */
function checkSettingGlobs(settings: Settings, path: string, glob: (pattern: string, path: string, options: GlobOptions) => GlobMatcher): void {
  for (const key of ['selfHostedRunnerLabels', 'githubHostedRunnerLabels'] as const) {
    const list = settings[key];
    if (Array.isArray(list)) list.forEach((pattern, index) => typeof pattern === 'string' && glob(pattern, `${path}.${key}[${index}]`, { nocase: true }));
  }
}

/** Finds (or takes) the config file and resolves it; without one, the `recommended` preset. */
export function loadConfig(options: ResolveOptions & { configFile?: string; noLookup?: boolean }): ResolvedConfig {
  const found = options.configFile || options.noLookup ? undefined : lookUpConfig(options.cwd);
  const filePath = options.configFile ? resolve(options.cwd, options.configFile) : found?.path;
  if (options.configFile && !existsSync(filePath!)) throw new ConfigError(`${options.configFile}: config file not found`);
  // Named as the user gave it with -c; a looked-up one relative to the working directory.
  const shownAs = options.configFile ?? (filePath ? relative(options.cwd, filePath) || filePath : '');
  const raw = filePath ? readConfigFile(filePath, shownAs, found?.boundary) : undefined;
  if (pluginsOf(raw).length > 0) throw new ConfigError(`${shownAs}: plugins: a config with plugins is loaded with loadConfigAsync (plugins are ES modules)`);
  return resolveConfig(raw, filePath, options);
}

/** The `plugins:` list of a parsed config (validated later with the rest; anything else is none). */
export function pluginsOf(raw: unknown): string[] {
  const list = raw !== null && typeof raw === 'object' ? (raw as { plugins?: unknown }).plugins : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * Settings checked against the schemas of the plugins that read them (phase two). A key no plugin
 * reads is an error (a misspelt `repositry` would silently change nothing), except a key named after a
 * loaded third-party plugin: ESLint's convention for a plugin's own settings.
 */
function validSettings(raw: Record<string, unknown> | undefined, where: string, plugins: readonly Plugin[], validators: Validators): Settings {
  if (raw === undefined) return {};
  const properties = pluginSettingsSchema(plugins);
  const validate = validators.settings(plugins);
  if (!validate(raw)) {
    const lines = describeErrors(validate.errors, where.split(': ').pop()).map((line) => withHint(line, Object.keys(properties)));
    throw new ConfigError(`${where}: invalid settings:\n  ${lines.join('\n  ')}`);
  }
  return raw;
}
