import { availableParallelism } from 'node:os';
import type { RuleEntry } from './config/config-schema.js';
import type { DiscoveredFile, Discovery, DiscoveryProblem } from './discover-files.js';
import type { LintResult } from './result.js';
import { workerThreads } from './builtins.js';
import { createRootFinder } from './roots.js';

/**
 * `--concurrency`: worker threads, as ESLint's option of the same name. A worker loads the CLI bundle
 * (with its code cache) and lints a share of the files; below `FILES_PER_WORKER` files a worker costs
 * more to start than it saves, so `auto` starts one per that many files, at most one per core.
 * The default is `off`, as ESLint's: every worker has a heap of its own (the corpus on 2 cores:
 * 1.5x faster, 1.7x the peak memory), and bounded memory is the default the CLI promises.
 */
export type Concurrency = number | 'auto' | 'off';

export const FILES_PER_WORKER = 400;

/** `off`, `auto` or a whole number from 1; undefined for anything else (a usage error). */
export function parseConcurrency(text: string | undefined): Concurrency | undefined {
  if (text === 'auto') return 'auto';
  if (text === undefined || text === 'off') return 'off';
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(count) && count >= 1 ? count : undefined;
}

/** How many workers lint `files` files: 1 means no worker (the main thread lints). */
export function workerCount(concurrency: Concurrency, files: number, cores: number = availableParallelism()): number {
  if (concurrency === 'off') return 1;
  const wanted = concurrency === 'auto' ? Math.min(cores, Math.floor(files / FILES_PER_WORKER)) : concurrency;
  return Math.max(1, Math.min(wanted, files));
}

/** What a worker needs to lint its files exactly as the main thread would: plain data only. */
export interface WorkerJob {
  readonly trustlintWorker: 1;
  readonly cwd: string;
  readonly configFile?: string;
  readonly noLookup: boolean;
  readonly ruleOverrides: Readonly<Record<string, RuleEntry>>;
  readonly noIgnore: boolean;
  readonly noInlineConfig: boolean;
  readonly suggestions: boolean;
  readonly files: readonly DiscoveredFile[];
  readonly hasGit: ReadonlyArray<readonly [string, boolean]>;
}

export interface WorkerOutcome {
  readonly results: LintResult[];
  readonly hadFatalIoOrInternalError: boolean;
}

/**
 * Marks a worker's `process.argv`, so that the bundle can tell a worker at start without loading
 * `node:worker_threads` in every run (the main thread then checks `isMainThread` and `workerData`).
 */
export const WORKER_ARG = '--trustlint-worker';

export function isWorkerJob(data: unknown): data is WorkerJob {
  return typeof data === 'object' && data !== null && (data as { trustlintWorker?: unknown }).trustlintWorker === 1;
}

/**
 * The files split into `count` shares of about the same size. A repository's files stay together:
 * cross-file facts (called workflows, package scripts, local actions) come from its project service,
 * and the same service must answer for all of them. Each share keeps discovery order.
 */
export function shareFiles(discovery: Discovery, cwd: string, count: number): DiscoveredFile[][] {
  const roots = createRootFinder(cwd, discovery.hasGit);
  const byRoot = new Map<string, DiscoveredFile[]>();
  for (const file of discovery.files) {
    const root = roots.projectRoot(file.path);
    let group = byRoot.get(root);
    if (!group) byRoot.set(root, (group = []));
    group.push(file);
  }
  const shares = Array.from({ length: count }, () => ({ files: [] as DiscoveredFile[] }));
  // Largest repositories first, each to the share with the fewest files so far.
  for (const group of [...byRoot.values()].sort((a, b) => b.length - a.length)) {
    const smallest = shares.reduce((best, share) => (share.files.length < best.files.length ? share : best));
    smallest.files.push(...group);
  }
  const order = new Map(discovery.files.map((file, index) => [file.path, index]));
  return shares.map((share) => share.files.sort((a, b) => order.get(a.path)! - order.get(b.path)!)).filter((files) => files.length > 0);
}

/**
 * Lints the shares in worker threads started from `entry` (the CLI bundle's starter, which runs the
 * job when it finds one in its `workerData`). Results come back in discovery order, so the report
 * is the one a single thread makes. A worker that fails rejects with a message naming it.
 */
export async function lintInWorkers(
  entry: string,
  job: Omit<WorkerJob, 'files' | 'hasGit'>,
  discovery: Discovery,
  count: number,
): Promise<{ results: LintResult[]; problems: DiscoveryProblem[]; hadFatalIoOrInternalError: boolean }> {
  const hasGit = [...discovery.hasGit];
  const shares = shareFiles(discovery, job.cwd, count);
  const outcomes = await Promise.all(shares.map((files, index) => runWorker(entry, { ...job, files, hasGit }, index)));
  const order = new Map(discovery.files.map((file, index) => [file.path, index]));
  const results = outcomes.flatMap((outcome) => outcome.results);
  results.sort((a, b) => (order.get(a.filePath) ?? 0) - (order.get(b.filePath) ?? 0));
  return { results, problems: [...discovery.problems], hadFatalIoOrInternalError: outcomes.some((outcome) => outcome.hadFatalIoOrInternalError) };
}

function runWorker(entry: string, job: WorkerJob, index: number): Promise<WorkerOutcome> {
  return new Promise((resolvePromise, reject) => {
    let outcome: WorkerOutcome | undefined;
    const worker = new (workerThreads().Worker)(entry, { workerData: job, stdout: false, stderr: false, argv: [WORKER_ARG] });
    worker.on('message', (message: WorkerOutcome) => {
      outcome = message;
    });
    worker.on('error', (error: Error) => reject(new Error(`worker ${index + 1} failed: ${error.message?.split('\n')[0] ?? String(error)}`)));
    worker.on('exit', (code) => {
      if (outcome) resolvePromise(outcome);
      else reject(new Error(`worker ${index + 1} exited (code ${code}) without results`));
    });
  });
}
