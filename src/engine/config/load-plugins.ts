import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin, PluginConfig } from '../plugin.js';
import type { AnyRule } from '../rule.js';
import { ConfigError } from './config-error.js';

/** Imports an ES module by URL. The CLI bundle runs in a vm.Script, where `import()` needs the host's; the CLI passes it. */
export type ImportModule = (url: string) => Promise<unknown>;

export const defaultImport: ImportModule = (url) => import(url);

/**
 * Loads the plugins a config file names (`plugins:`): package names resolved from the config file's
 * directory, as Node resolves them (`trustlint-plugin-x`, `@scope/trustlint-plugin-x`), or paths
 * relative to it. Each is an ES module whose default export has ESLint's flat plugin shape.
 */
export async function loadPlugins(specifiers: readonly string[], fromDir: string, where: string, importModule: ImportModule = defaultImport): Promise<Plugin[]> {
  const plugins: Plugin[] = [];
  for (const [index, specifier] of specifiers.entries()) {
    const at = `${where}: plugins[${index}]`;
    const file = resolvePlugin(specifier, fromDir);
    if (!file) throw new ConfigError(`${at}: cannot find the plugin \`${specifier}\` from ${fromDir}`);
    let module: unknown;
    try {
      module = await importModule(pathToFileURL(file).href);
    } catch (error) {
      throw new ConfigError(`${at}: cannot load the plugin \`${specifier}\`: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
    }
    plugins.push(checkPlugin((module as { default?: unknown }).default ?? module, `${at} (\`${specifier}\`)`));
  }
  return plugins;
}

/** The file a specifier names: a path relative to the config, or a package in a `node_modules` at or above `fromDir`. */
export function resolvePlugin(specifier: string, fromDir: string): string | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../') || isAbsolute(specifier)) {
    const path = resolve(fromDir, specifier);
    return isFile(path) ? path : undefined;
  }
  const match = /^((?:@[^/]+\/)?[^/@][^/]*)(\/.*)?$/.exec(specifier);
  if (!match) return undefined;
  const [, name, subpath] = match;
  for (let dir = resolve(fromDir); ; ) {
    const packageDir = join(dir, 'node_modules', name!);
    if (existsSync(join(packageDir, 'package.json'))) return packageEntry(packageDir, subpath ? `.${subpath}` : '.');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** A package's entry for `subpath`: its `exports` (conditions import, node, default), else `main`, else index.js. */
function packageEntry(packageDir: string, subpath: string): string | undefined {
  let manifest: { exports?: unknown; main?: unknown };
  try {
    manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    return undefined;
  }
  if (manifest.exports !== undefined && manifest.exports !== null) {
    const exportsField = manifest.exports;
    const entry =
      typeof exportsField === 'string' || Array.isArray(exportsField) || !Object.keys(exportsField as object).some((key) => key.startsWith('.'))
        ? subpath === '.'
          ? exportsField
          : undefined
        : (exportsField as Record<string, unknown>)[subpath];
    const target = pickCondition(entry);
    return target ? existing(resolve(packageDir, target)) : undefined;
  }
  if (subpath !== '.') return existing(resolve(packageDir, subpath));
  const main = typeof manifest.main === 'string' ? manifest.main : 'index.js';
  return existing(resolve(packageDir, main)) ?? existing(resolve(packageDir, `${main}.js`)) ?? existing(join(resolve(packageDir, main), 'index.js'));
}

function pickCondition(entry: unknown, depth = 0): string | undefined {
  if (typeof entry === 'string') return entry;
  if (depth > 8 || entry === null || typeof entry !== 'object') return undefined;
  if (Array.isArray(entry)) return entry.map((item) => pickCondition(item, depth + 1)).find((item) => item !== undefined);
  for (const condition of ['import', 'node', 'default']) {
    if (Object.hasOwn(entry, condition)) {
      const picked = pickCondition((entry as Record<string, unknown>)[condition], depth + 1);
      if (picked) return picked;
    }
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function existing(path: string): string | undefined {
  return isFile(path) ? path : undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A plugin's default export checked against ESLint's flat plugin shape, its rules given the fields the
 * engine needs that an ESLint-style rule may leave out (a severity, `recommended`, a security score).
 */
function checkPlugin(value: unknown, at: string): Plugin {
  if (!isObject(value)) throw new ConfigError(`${at}: the default export is not a plugin object`);
  const meta = value.meta;
  if (!isObject(meta) || typeof meta.name !== 'string' || !/^(@[\w.-]+\/)?[\w.-]+$/.test(meta.name)) {
    throw new ConfigError(`${at}: a plugin needs \`meta.name\` (letters, digits, '.', '-', '_', optionally @scope/)`);
  }
  if (meta.name === 'trustlint') throw new ConfigError(`${at}: the plugin name \`trustlint\` is the built-in rules'`);
  if (!isObject(value.rules)) throw new ConfigError(`${at}: a plugin needs \`rules\`, an object of rule id → rule`);
  const rules: Record<string, AnyRule> = {};
  for (const [id, rule] of Object.entries(value.rules)) {
    if (!isObject(rule) || typeof rule.create !== 'function') throw new ConfigError(`${at}: rules.${id} has no \`create\` function`);
    const ruleMeta = isObject(rule.meta) ? rule.meta : {};
    const docs = isObject(ruleMeta.docs) ? ruleMeta.docs : {};
    rules[id] = {
      ...(rule as unknown as AnyRule),
      id: `${meta.name}/${id}`,
      meta: {
        type: ruleMeta.type === 'suggestion' ? 'suggestion' : 'problem',
        severity: ruleMeta.severity === 'warn' ? 'warn' : 'error',
        messages: isObject(ruleMeta.messages) ? (ruleMeta.messages as Record<string, string>) : {},
        security: isObject(ruleMeta.security) ? (ruleMeta.security as unknown as AnyRule['meta']['security']) : { severity: 5, precision: 'medium' },
        ...ruleMeta,
        docs: { description: typeof docs.description === 'string' ? docs.description : id, recommended: docs.recommended === true, ...docs },
      } as AnyRule['meta'],
    };
  }
  const configs: Record<string, PluginConfig> = {};
  if (isObject(value.configs)) {
    for (const [name, config] of Object.entries(value.configs)) {
      // ESLint's flat configs may be one object or an array of them; their rule ids carry the plugin's name.
      const parts = Array.isArray(config) ? config : [config];
      const merged: Record<string, unknown> = {};
      for (const part of parts) if (isObject(part) && isObject(part.rules)) Object.assign(merged, part.rules);
      const qualified = Object.fromEntries(Object.entries(merged).map(([id, entry]) => [id.startsWith(`${meta.name}/`) ? id : `${meta.name}/${id}`, entry]));
      configs[name] = { rules: qualified as PluginConfig['rules'] };
    }
  }
  return {
    meta: { name: meta.name, ...(typeof meta.version === 'string' ? { version: meta.version } : {}) },
    rules,
    configs,
    ...(isObject(value.settingsSchema) ? { settingsSchema: value.settingsSchema as Record<string, object> } : {}),
    ...(typeof value.docsUrl === 'function' ? { docsUrl: value.docsUrl as (id: string) => string } : {}),
  };
}
