import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { nearestUpward } from '../paths.js';
import type { Plugin } from '../plugin.js';
import type { RuleEntry } from './config-schema.js';
import { ConfigError } from './config-error.js';
import { configIn, pluginsOf, readConfigFile, resolveConfig, type FoundConfig, type ResolvedConfig } from './load-config.js';
import { defaultImport, loadPlugins, type ImportModule } from './load-plugins.js';
import { createValidators, type Validators } from './validation.js';

export interface ConfigSetOptions {
  readonly cwd: string;
  /** The rule packs every config has (the built-in one); a config's `plugins:` add to them. */
  readonly plugins: readonly Plugin[];
  readonly ruleOverrides?: Readonly<Record<string, RuleEntry>>;
  /** `-c`: this config for every file, no lookup. */
  readonly configFile?: string;
  /** `--no-config-lookup`: the recommended preset for every file. */
  readonly noLookup?: boolean;
  readonly importModule?: ImportModule;
  /** The validators every config of the run shares (made by loadConfigSet when absent). */
  readonly validators?: Validators;
}

/** The configs of a run: each file's, looked up from its directory to its repository root. */
export interface ConfigSet {
  forFile(path: string): ResolvedConfig;
  /** Every config loaded (for the rule list of reports). */
  readonly configs: readonly ResolvedConfig[];
}

/** Loads one config file (reading it, importing its plugins) and resolves it. */
export async function loadConfigAsync(options: ConfigSetOptions & { readonly found?: FoundConfig }): Promise<ResolvedConfig> {
  const filePath = options.configFile ? resolve(options.cwd, options.configFile) : options.found?.path;
  if (options.configFile && !existsSync(filePath!)) throw new ConfigError(`${options.configFile}: config file not found`);
  if (!filePath) return resolveConfig(undefined, undefined, options);
  const shownAs = options.configFile ?? (relative(options.cwd, filePath) || filePath);
  const raw = readConfigFile(filePath, shownAs, options.found?.boundary);
  const specifiers = pluginsOf(raw);
  const loaded = specifiers.length > 0 ? await loadPlugins(specifiers, dirname(filePath), shownAs, options.importModule ?? defaultImport) : [];
  const names = new Set(options.plugins.map((plugin) => plugin.meta.name));
  for (const plugin of loaded) {
    if (names.has(plugin.meta.name)) throw new ConfigError(`${shownAs}: plugins: two plugins are named \`${plugin.meta.name}\``);
    names.add(plugin.meta.name);
  }
  return resolveConfig(raw, filePath, { ...options, plugins: [...options.plugins, ...loaded] });
}

/**
 * The configs for `files` (absolute paths): with `-c` or `--no-config-lookup` one for all; else each
 * file's directory is searched, then its parents up to the repository root (a directory with `.git`),
 * so `trustlint /path/to/repo` uses that repository's config. Each directory is looked at once and
 * each config file loaded once, for this run only.
 */
export async function loadConfigSet(files: readonly string[], given: ConfigSetOptions): Promise<ConfigSet> {
  // One set of validators for every config of the run: a plugin's schemas are compiled once.
  const options: ConfigSetOptions = { ...given, validators: given.validators ?? createValidators() };
  if (options.configFile || options.noLookup) {
    const single = await loadConfigAsync(options);
    return { forFile: () => single, configs: [single] };
  }
  const foundIn = new Map<string, FoundConfig | null>();
  // From the file's directory up to its repository root (the directory with `.git`), included.
  const lookUp = (start: string): FoundConfig | null => nearestUpward(foundIn, start, (dir) => configIn(dir) ?? null, (dir) => existsSync(join(dir, '.git')));
  const byPath = new Map<string, ResolvedConfig>();
  let fallback: ResolvedConfig | undefined;
  const configOf = new Map<string, ResolvedConfig>();
  for (const file of files) {
    const found = lookUp(dirname(resolve(options.cwd, file)));
    let config: ResolvedConfig;
    if (!found) config = fallback ??= resolveConfig(undefined, undefined, options);
    else {
      const known = byPath.get(found.path);
      config = known ?? (await loadConfigAsync({ ...options, found }));
      byPath.set(found.path, config);
    }
    configOf.set(file, config);
  }
  fallback ??= resolveConfig(undefined, undefined, options);
  const defaultConfig = fallback;
  return {
    // A file not listed up front (a workflow linted because a file it reads changed) gets the config
    // of its directory when that one was loaded, else the default.
    forFile: (path) => configOf.get(path) ?? byPath.get(lookUp(dirname(path))?.path ?? '') ?? defaultConfig,
    configs: [...byPath.values(), defaultConfig],
  };
}
