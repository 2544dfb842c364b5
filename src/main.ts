import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';
import { workerThreads } from './engine/builtins.js';
import { isWorkerJob, WORKER_ARG } from './engine/parallel.js';
import { runWorkerJob } from './lint-job.js';
import type { ImportModule } from './engine/config/load-plugins.js';

// The bundled CLI runs in a vm.Script (for its code cache), where `import()` has no loader: the
// module that starts it (dist/cli.cjs) passes its own as `__trustlintImport`.
declare const __trustlintImport: ImportModule | undefined;
const importModule: ImportModule = typeof __trustlintImport === 'function' ? __trustlintImport : (url) => import(url);

/**
 * Where worker threads start (`--concurrency`): `cli.cjs` beside the bundle, which loads it with its
 * code cache and comes back here with the job in `workerData`. Only the bundled CLI has one.
 */
function workerEntry(): string | undefined {
  if (typeof __trustlintImport !== 'function') return undefined;
  const starter = fileURLToPath(new URL('./cli.cjs', import.meta.url));
  return existsSync(starter) ? starter : undefined;
}

// A worker: lint the job's files and post the results; an error ends the worker and the main thread reports it.
// `node:worker_threads` is loaded only when the argument says this may be one (a user who types it gets the CLI).
const worker = process.argv.includes(WORKER_ARG) ? workerThreads() : undefined;
if (worker && !worker.isMainThread && isWorkerJob(worker.workerData)) {
  void runWorkerJob(worker.workerData, importModule).then((outcome) => worker.parentPort!.postMessage(outcome));
} else {
  startCli();
}

function startCli(): void {
  // `trustlint | head` closes the pipe early: not an error worth a stack trace. Any other failure to
  // write the report is exit 2, also without one (stderr may be the stream that failed).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 2);
    });
  }

  async function readStdin(): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  // The process entry: everything testable lives in runCli.
  runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    readStdin,
    importModule,
    workerEntry: workerEntry(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`trustlint: internal error: ${(error as Error).message ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
