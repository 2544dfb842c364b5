/**
 * Where a job restores a GitHub Actions cache: a cache action, a setup action's cache input, or
 * actions/setup-node's automatic package-manager cache (v5 and later). A restored cache is written
 * by whatever job saved it under the same key, a pull request's job included (Adnan Khan, "The
 * Monsters in Your Build Cache"; the TanStack and Ultralytics releases were poisoned so).
 * https://docs.github.com/en/actions/reference/workflows-and-actions/dependency-caching
 */
import type { JobNode, StepNode, YamlEntry, YamlValue } from '../engine/ast.js';
import { actionVersion, type ActionVersion } from './action-version.js';
import type { Analysis } from './context.js';
import { hasExpression } from './expressions.js';
import { asObject, packageJsonAt } from './project/package-json.js';
import { usesAction } from './steps.js';

export type CacheRestore =
  /** `actions/cache`, `actions/cache/restore`, `Swatinem/rust-cache`: the step restores a cache. */
  | { readonly kind: 'action'; readonly step: StepNode; readonly action: string }
  /** A setup action's cache input (`cache: pnpm`, `bundler-cache: true`). */
  | { readonly kind: 'input'; readonly step: StepNode; readonly action: string; readonly entry: YamlEntry; readonly version?: ActionVersion }
  /** actions/setup-node's automatic cache: v5+ with `packageManager` in package.json and no `package-manager-cache: false`. */
  | { readonly kind: 'automatic'; readonly step: StepNode; readonly action: string; readonly manager: string; readonly version: ActionVersion };

/** Actions that restore a cache by using them at all. */
const CACHE_ACTIONS = ['actions/cache', 'actions/cache/restore', 'swatinem/rust-cache'];

/**
 * Setup actions whose input turns a cache on: `name` takes a package-manager name (empty = off),
 * `flag` takes `true`. Sources: each action's action.yml.
 */
const CACHE_INPUTS: ReadonlyArray<{ readonly action: string; readonly input: string; readonly kind: 'name' | 'flag' }> = [
  { action: 'actions/setup-node', input: 'cache', kind: 'name' },
  { action: 'actions/setup-python', input: 'cache', kind: 'name' },
  { action: 'actions/setup-java', input: 'cache', kind: 'name' },
  { action: 'actions/setup-dotnet', input: 'cache', kind: 'flag' },
  { action: 'actions/setup-go', input: 'cache', kind: 'flag' },
  { action: 'ruby/setup-ruby', input: 'bundler-cache', kind: 'flag' },
  { action: 'astral-sh/setup-uv', input: 'enable-cache', kind: 'flag' },
];

function scalarText(value: YamlValue): string | undefined {
  return value.type === 'scalar' ? value.text.trim() : value.type === 'null' ? '' : undefined;
}

/** `cache-mode: none` at the job or workflow level (GitHub, GA 2026-09-10): the cache service refuses every cache. */
export function cacheModeNone(job: JobNode): boolean | undefined {
  const entry = job.map.byKey.get('cache-mode') ?? job.workflow.root.byKey.get('cache-mode');
  if (!entry) return false;
  const text = scalarText(entry.value);
  if (text === undefined || hasExpression(text)) return undefined;
  return text.toLowerCase() === 'none';
}

/** The package manager setup-node v5+ would cache for from the root package.json, or undefined. */
function declaredManager(context: Analysis): string | undefined {
  const manifest = packageJsonAt(context, '');
  if (!manifest) return undefined;
  if (manifest.packageManager) return manifest.packageManager.name;
  const devEngines = asObject(manifest.json.devEngines)?.packageManager;
  const first = Array.isArray(devEngines) ? devEngines[0] : devEngines;
  const name = asObject(first)?.name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * setup-node's automatic cache (npm-trusted-publishing.md §3.5): v5 caches for any `packageManager`
 * (or `devEngines.packageManager`), v6 and later only for npm; `package-manager-cache: false` turns
 * it off, and an explicit `cache:` input decides instead. An unknown version or package.json: none.
 */
function automaticCache(context: Analysis, step: StepNode): CacheRestore | undefined {
  if (step.with.has('cache') || step.uses?.kind !== 'repository') return undefined;
  const off = step.with.get('package-manager-cache');
  if (off) {
    const text = scalarText(off.value);
    if (text === undefined || hasExpression(text) || text.toLowerCase() === 'false') return undefined;
  }
  const version = actionVersion(step.uses);
  if (!version || version.major < 5) return undefined;
  const manager = declaredManager(context);
  if (!manager || (version.major >= 6 && manager !== 'npm')) return undefined;
  return { kind: 'automatic', step, action: 'actions/setup-node', manager, version };
}

/** The cache restores of one step. */
export function cacheRestoreOf(context: Analysis, step: StepNode): CacheRestore | undefined {
  const uses = step.uses;
  if (uses?.kind !== 'repository') return undefined;
  // Exact: `actions/cache/save` only writes (it cannot poison this job).
  const action = CACHE_ACTIONS.find((name) => uses.fullName === name);
  if (action) return { kind: 'action', step, action };
  for (const { action: name, input, kind } of CACHE_INPUTS) {
    if (!usesAction(step, name)) continue;
    const entry = step.with.get(input);
    const text = entry ? scalarText(entry.value) : undefined;
    if (entry && text !== undefined && !hasExpression(text)) {
      const on = kind === 'name' ? text !== '' && !/^false$/i.test(text) : /^true$/i.test(text);
      const version = actionVersion(uses);
      if (on) return { kind: 'input', step, action: name, entry, ...(version ? { version } : {}) };
    }
    if (name === 'actions/setup-node') return automaticCache(context, step);
    return undefined;
  }
  return undefined;
}

/** Every cache restore of a job, unless `cache-mode: none` forbids caches (or `cache-mode` is unknown). */
export function jobCacheRestores(context: Analysis, job: JobNode): readonly CacheRestore[] {
  return context.facts.memo('cache-restores', job, () => {
    if (cacheModeNone(job) !== false) return [];
    const found: CacheRestore[] = [];
    for (const step of job.steps) {
      const restore = cacheRestoreOf(context, step);
      if (restore) found.push(restore);
    }
    return found;
  });
}
