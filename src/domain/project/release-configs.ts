/**
 * The configs of release tools that publish to npm through a plugin a project can turn off
 * (semantic-release, release-it). Only what can be read without running code is read: a JavaScript
 * or TypeScript config is unknown, and so is a shareable config (`extends`).
 */
import type { StepNode, YamlValue } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { asObject, packageJsonAt, stepPackageJson, type JsonObject } from './package-json.js';
import { joinPath, stepDirectories, stepDirectory } from './paths.js';

const SEMANTIC_RELEASE_FILES = [
  '.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml', '.releaserc.js', '.releaserc.cjs', '.releaserc.mjs',
  'release.config.js', 'release.config.cjs', 'release.config.mjs', 'release.config.ts',
];
const RELEASE_IT_FILES = [
  '.release-it.json', '.release-it.json5', '.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts',
  '.release-it.yaml', '.release-it.yml', '.release-it.toml',
];

/** A YAML value as plain data (what a JSON config would have given), for configs that may be either. */
function plain(value: YamlValue, depth = 0): unknown {
  if (depth > 32) return undefined;
  if (value.type === 'scalar') return value.value;
  if (value.type === 'seq') return value.items.map((item) => plain(item, depth + 1));
  if (value.type === 'map') return Object.fromEntries(value.entries.map((entry) => [entry.key.text, plain(entry.value, depth + 1)]));
  return null;
}

/** A config file that is data (JSON, or YAML for the extension-less and `.yml` names); undefined when it is code or unreadable. */
function readDataConfig(context: Analysis, path: string): JsonObject | undefined {
  if (/\.(?:c|m)?[jt]s$|\.json5$|\.toml$/.test(path)) return undefined;
  const json = context.project.json(path);
  if (json) return json;
  if (path.endsWith('.json')) return undefined;
  const yaml = context.project.yaml(path);
  return yaml ? asObject(plain(yaml.value)) : undefined;
}

/**
 * semantic-release's config for a step: the step's directory is searched first, then the root;
 * `release` in package.json comes first. `none` when there is none (the defaults), `unreadable` when
 * it is code or not an object.
 */
function semanticReleaseConfig(context: Analysis, step: StepNode): { readonly config: JsonObject } | 'none' | 'unreadable' {
  for (const directory of stepDirectories(step)) {
    const inline = packageJsonAt(context, directory)?.json.release;
    let config: JsonObject | undefined;
    if (inline !== undefined) config = asObject(inline);
    else {
      const file = SEMANTIC_RELEASE_FILES.find((name) => context.project.exists(joinPath(directory, name)));
      if (file === undefined) continue;
      config = readDataConfig(context, joinPath(directory, file));
    }
    return config ? { config } : 'unreadable';
  }
  return 'none';
}

/**
 * `@semantic-release/npm` in semantic-release's config: its options (`{}` with no config, since the
 * default plugins include it), `absent` when a config lists plugins without it, `unknown` when the
 * config cannot be read (code, `extends`, a wrong shape).
 */
function npmPlugin(context: Analysis, step: StepNode): { readonly options: JsonObject } | 'absent' | 'unknown' {
  const found = semanticReleaseConfig(context, step);
  if (found === 'none') return { options: {} };
  if (found === 'unreadable') return 'unknown';
  const { config } = found;
  const plugins = config.plugins;
  if (plugins === undefined) return config.extends === undefined ? { options: {} } : 'unknown';
  if (!Array.isArray(plugins)) return 'unknown';
  const npm = plugins.find((plugin) => plugin === '@semantic-release/npm' || (Array.isArray(plugin) && plugin[0] === '@semantic-release/npm')) as unknown;
  if (npm === undefined) return config.extends === undefined ? 'absent' : 'unknown';
  return { options: (Array.isArray(npm) ? asObject(npm[1]) : undefined) ?? {} };
}

/** Whether semantic-release publishes to npm: `@semantic-release/npm` is loaded without `npmPublish: false`; undefined when not known. */
export function semanticReleasePublishesToNpm(context: Analysis, step: StepNode): boolean | undefined {
  const plugin = npmPlugin(context, step);
  return plugin === 'unknown' ? undefined : plugin !== 'absent' && plugin.options.npmPublish !== false;
}

/** The options semantic-release gives `@semantic-release/npm` (`pkgRoot`…); undefined when it is not loaded or not known. */
export function semanticReleaseNpmOptions(context: Analysis, step: StepNode): JsonObject | undefined {
  const plugin = npmPlugin(context, step);
  return typeof plugin === 'object' ? plugin.options : undefined;
}

/** release-it's config for a step: from package.json `release-it`, else its config file; `unreadable` when that is code. */
export type ReleaseItConfig = { readonly kind: 'none' } | { readonly kind: 'data'; readonly config: JsonObject } | { readonly kind: 'unreadable' };

export function releaseItConfig(context: Analysis, step: StepNode): ReleaseItConfig {
  const directory = stepDirectory(step);
  if (directory === undefined) return { kind: 'unreadable' };
  const inline = asObject(stepPackageJson(context, step)?.json['release-it']);
  if (inline) return { kind: 'data', config: inline };
  const file = RELEASE_IT_FILES.find((name) => context.project.exists(joinPath(directory, name)));
  if (file === undefined) return { kind: 'none' };
  const config = file === '.release-it.json' ? context.project.json(joinPath(directory, file)) : undefined;
  return config ? { kind: 'data', config } : { kind: 'unreadable' };
}
