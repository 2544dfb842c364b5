/**
 * Node built-ins that a short run never needs, loaded on first use. A built-in outside Node's startup
 * snapshot is compiled when first required: `node:worker_threads` and `node:v8` cost about 2.5 ms each
 * of a cold start (measured), for `--concurrency` and the memory guard of long runs only. The bundle
 * turns every `import` into a require at start, so these go through `require` at the point of use.
 */
import { createRequire } from 'node:module';

// Built-ins resolve the same from anywhere; `import.meta.url` is empty in the CommonJS library bundle.
const requireBuiltin = createRequire(process.execPath);

export const workerThreads = (): typeof import('node:worker_threads') => requireBuiltin('node:worker_threads') as typeof import('node:worker_threads');
export const v8 = (): typeof import('node:v8') => requireBuiltin('node:v8') as typeof import('node:v8');
export const vm = (): typeof import('node:vm') => requireBuiltin('node:vm') as typeof import('node:vm');
