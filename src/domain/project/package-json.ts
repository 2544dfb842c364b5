import type { StepNode } from '../../engine/ast.js';
import { defineView } from '../../engine/project.js';
import type { Location } from '../../engine/source-file.js';
import type { Analysis } from '../context.js';
import { jsonValueSpan } from './json-span.js';
import { joinPath, stepDirectories, stepDirectory } from './paths.js';

export type JsonObject = Readonly<Record<string, unknown>>;

/** A package.json as the rules read it. Fields of the wrong type are absent. */
export interface PackageJson {
  /** Repository-relative path of the file. */
  readonly path: string;
  /** Its directory ('' for the root). */
  readonly directory: string;
  readonly json: JsonObject;
  readonly name?: string;
  /** npm refuses any truthy `private` (`"private": "true"` too): libnpmpublish `lib/publish.js` tests `if (manifest.private)`. */
  readonly private: boolean;
  /** Script name → command line. */
  readonly scripts: ReadonlyMap<string, string>;
  readonly publishConfig?: JsonObject;
  /** `"packageManager": "pnpm@10.17.0+sha512…"` → `pnpm`, `pnpm@10.17.0`, `10.17.0`. */
  readonly packageManager?: { readonly name: string; readonly spec: string; readonly version: string };
}

export function asObject(value: unknown): JsonObject | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

const PACKAGE_JSON = defineView<PackageJson | undefined>('package.json', (file) => {
  let json: JsonObject | undefined;
  try {
    json = asObject(JSON.parse(file.text));
  } catch {
    return undefined;
  }
  if (!json) return undefined;
  const scripts = new Map<string, string>();
  for (const [name, body] of Object.entries(asObject(json.scripts) ?? {})) if (typeof body === 'string') scripts.set(name, body);
  const manager = typeof json.packageManager === 'string' ? /^(@?[^@\s]+)@([^+\s]+)/.exec(json.packageManager.trim()) : null;
  return {
    path: file.relativePath,
    directory: file.relativePath.includes('/') ? file.relativePath.slice(0, file.relativePath.lastIndexOf('/')) : '',
    json,
    ...(typeof json.name === 'string' ? { name: json.name } : {}),
    private: Boolean(json.private),
    scripts,
    ...(asObject(json.publishConfig) ? { publishConfig: asObject(json.publishConfig)! } : {}),
    ...(manager ? { packageManager: { name: manager[1]!, spec: `${manager[1]}@${manager[2]}`, version: manager[2]! } } : {}),
  };
});

/** The package.json of a directory ('' for the root), or undefined when absent or not a JSON object. */
export function packageJsonAt(context: Analysis, directory: string): PackageJson | undefined {
  return context.project.view(PACKAGE_JSON, joinPath(directory, 'package.json'));
}

/** The package.json that decides a directory's scripts: its own, else the closest above (as npm finds its prefix). */
export function nearestPackageJson(context: Analysis, directory: string): PackageJson | undefined {
  for (let current: string | undefined = directory; current !== undefined; current = current === '' ? undefined : current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '') {
    const manifest = packageJsonAt(context, current);
    if (manifest) return manifest;
  }
  return undefined;
}

/** The package.json a step runs against: its working directory's; undefined when that is unknown or has none. */
export function stepPackageJson(context: Analysis, step: StepNode): PackageJson | undefined {
  const directory = stepDirectory(step);
  return directory === undefined ? undefined : packageJsonAt(context, directory);
}

/** The package.json files that decide a step's tools: its working directory's, then the root's. */
export function packageJsonsOf(context: Analysis, step: StepNode): PackageJson[] {
  return stepDirectories(step).flatMap((directory) => packageJsonAt(context, directory) ?? []);
}

/** A dependency's declared spec (`devDependencies` first), or undefined when not declared. */
export function declaredDependency(manifest: PackageJson, name: string): string | undefined {
  for (const field of ['devDependencies', 'dependencies', 'optionalDependencies']) {
    const deps = asObject(manifest.json[field]);
    const spec = deps && Object.hasOwn(deps, name) ? deps[name] : undefined;
    if (typeof spec === 'string') return spec;
  }
  return undefined;
}

/**
 * Where a key's value is written in a package.json (`['scripts', 'release']`), for findings that
 * point into it. The positions come from a scan of the JSON text (json-span.ts), once per file and path.
 */
export function packageJsonLocation(context: Analysis, manifest: PackageJson, keys: readonly string[]): Location | undefined {
  const file = context.project.file(manifest.path);
  if (!file) return undefined;
  const span = context.facts.memo(`json-span:${keys.join('\u0000')}`, file, () => jsonValueSpan(file.text, keys) ?? null);
  return span ? { file, span } : undefined;
}
