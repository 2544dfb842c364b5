import { loadConfigSet, type ConfigSet } from './engine/config/config-set.js';
import type { ImportModule } from './engine/config/load-plugins.js';
import type { Discovery } from './engine/discover-files.js';
import { lintFiles, type LintFilesOptions, type LintFilesOutcome } from './engine/lint-files.js';
import type { WorkerJob, WorkerOutcome } from './engine/parallel.js';
import { pluginTargets, type Plugin } from './engine/plugin.js';
import type { AnyRule } from './engine/rule.js';
import { builtinPlugin } from './rules/index.js';

/** Heap the CLI keeps near: peak memory stays under 150 MB at 10,000 files without NODE_OPTIONS (bench/HISTORY.md). */
const CLI_HEAP_BUDGET = 48 * 1024 * 1024;

/** The lint options of a CLI run that the main thread and its workers share, so both lint a file alike. */
export interface SharedLintOptions {
  readonly cwd: string;
  readonly noIgnore: boolean;
  readonly noInlineConfig: boolean;
  readonly suggestions: boolean;
}

/** Every rule a run's configs know, the first definition of an id winning. */
export function knownRules(configs: ConfigSet): AnyRule[] {
  const byId = new Map<string, AnyRule>();
  for (const rule of configs.configs.flatMap((config) => config.ruleDefinitions)) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()];
}

/** Lints discovered files as the CLI does; `extra` adds what only the main thread does (fixes, cache, stdin, progress). */
export function lintDiscovered(
  shared: SharedLintOptions,
  configs: ConfigSet,
  plugins: readonly Plugin[],
  discovery: Discovery,
  extra: Partial<LintFilesOptions> = {},
): LintFilesOutcome {
  return lintFiles({
    paths: [],
    cwd: shared.cwd,
    configFor: configs.forFile,
    rules: knownRules(configs),
    discovery,
    noIgnore: shared.noIgnore,
    noInlineConfig: shared.noInlineConfig,
    targets: pluginTargets(plugins),
    suggestions: shared.suggestions,
    heapBudget: CLI_HEAP_BUDGET,
    capYoungGeneration: true,
    ...extra,
  });
}

/** A worker's part of a run (engine/parallel.ts): its files, with the configs it loads itself. */
export async function runWorkerJob(job: WorkerJob, importModule: ImportModule): Promise<WorkerOutcome> {
  // Rebuilt without a prototype: a rule named `__proto__` stays a (unknown) rule, as on the main thread.
  const ruleOverrides = Object.create(null) as Record<string, WorkerJob['ruleOverrides'][string]>;
  for (const [id, entry] of Object.entries(job.ruleOverrides)) ruleOverrides[id] = entry;
  const plugins = [builtinPlugin];
  const configs = await loadConfigSet(
    job.files.map((file) => file.path),
    { cwd: job.cwd, plugins, ruleOverrides, importModule, ...(job.configFile ? { configFile: job.configFile } : {}), noLookup: job.noLookup },
  );
  const outcome = lintDiscovered(job, configs, plugins, { files: [...job.files], problems: [], hasGit: new Map(job.hasGit) });
  return { results: outcome.results, hadFatalIoOrInternalError: outcome.hadFatalIoOrInternalError };
}
