import type { YamlMap, YamlScalar, YamlValue } from '../../engine/ast.js';
import { defineView, type Project } from '../../engine/project.js';
import type { Analysis } from '../context.js';
import { joinPath } from './paths.js';

/** An `npmAuthToken` of a `.yarnrc.yml`, with the keys above it (`npmScopes`, `my-scope`). */
export interface YarnAuthToken {
  readonly parents: readonly string[];
  readonly value: YamlScalar;
}

/** A committed `.yarnrc.yml` (Yarn 2+), read with the linter's YAML parser. */
export interface Yarnrc {
  readonly path: string;
  readonly authTokens: readonly YarnAuthToken[];
  /** Top-level settings that matter here, as text. */
  readonly yarnPath?: string;
  readonly npmRegistryServer?: string;
  readonly npmPublishRegistry?: string;
  readonly npmPublishProvenance?: string;
}

function collectTokens(value: YamlValue, parents: readonly string[], found: YarnAuthToken[], depth: number): void {
  if (value.type !== 'map' || depth > 8) return;
  for (const entry of value.entries) {
    if (entry.key.text === 'npmAuthToken' && entry.value.type === 'scalar') found.push({ parents, value: entry.value });
    else collectTokens(entry.value, [...parents, entry.key.text], found, depth + 1);
  }
}

function topLevel(map: YamlMap, key: string): string | undefined {
  const value = map.byKey.get(key)?.value;
  return value?.type === 'scalar' ? value.text : undefined;
}

function yarnrcView(project: Project, path: string): Yarnrc | undefined {
  const document = project.yaml(path);
  if (!document || document.value.type !== 'map') return undefined;
  const map = document.value;
  const authTokens: YarnAuthToken[] = [];
  collectTokens(map, [], authTokens, 0);
  const settings = {
    yarnPath: topLevel(map, 'yarnPath'),
    npmRegistryServer: topLevel(map, 'npmRegistryServer'),
    npmPublishRegistry: topLevel(map, 'npmPublishRegistry'),
    npmPublishProvenance: topLevel(map, 'npmPublishProvenance'),
  };
  return {
    path,
    authTokens,
    ...(Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as Partial<Yarnrc>),
  };
}

const YARNRC = defineView<Yarnrc | undefined>('.yarnrc.yml', (file, project) => yarnrcView(project, file.relativePath));

/** The `.yarnrc.yml` of a directory ('' for the root); undefined when absent or not a YAML mapping. */
export function yarnrcAt(context: Analysis, directory: string): Yarnrc | undefined {
  return context.project.view(YARNRC, joinPath(directory, '.yarnrc.yml'));
}

/** Whether a `.yarnrc.yml` file exists in a directory (even one that does not parse: it still means Yarn 2+). */
export function hasYarnrc(context: Analysis, directory: string): boolean {
  return context.project.exists(joinPath(directory, '.yarnrc.yml'));
}

/** Variables a `.yarnrc.yml` reads a token from: `npmAuthToken: "${NPM_TOKEN}"`. */
export function yarnrcTokenVariables(yarnrc: Yarnrc | undefined): ReadonlySet<string> {
  const names = new Set<string>();
  for (const token of yarnrc?.authTokens ?? []) for (const match of token.value.text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]!);
  return names;
}
