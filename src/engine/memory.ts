/**
 * Keeps the heap of a long run near a budget. What a run keeps is small (results, a few
 * repositories' project services: ~20 MB after 3,000 files), but V8 lets the heap grow far past
 * that before a full collection, so peak RSS grew with the number of files (284 MB at 10,000).
 * `--max-old-space-size` would bound it, but it cannot be set once the process runs, and users
 * should not need NODE_OPTIONS. So between files, when the heap passes the budget, this asks for a
 * full collection; the budget then follows what survives it (never collecting on every file when
 * the results themselves are large). `gc` is reached as Jest reaches it (`--expose-gc` for a new
 * context); where that is refused, the guard does nothing.
 *
 * The young generation is bounded too: V8 doubles it while objects survive scavenges, up to 32 MB
 * of semi-spaces by default, which a run keeps for good. Once it has grown to YOUNG_CAP, the guard
 * stops its growth (`--semi-space-growth-factor` is read each time V8 grows it, unlike
 * `--max-semi-space-size`, which is fixed when the process starts). Measured on 10,808 files:
 * peak RSS 168 MB -> 144-147 MB with a 48 MB budget, for about 5-10% more time (bench/HISTORY.md).
 * Measured on Node 20 (V8 11.3). Later V8 versions declare a minimum of 2 for the factor
 * (DEFINE_MIN_VALUE_IMPLICATION in flag-definitions.h): where it holds, the cap does nothing and the
 * heap budget alone bounds the run, as before; nothing fails.
 */
import { v8, vm } from './builtins.js';

export interface MemoryGuard {
  /** Call between files: collects when the heap is over the budget. */
  check(): void;
}

/** Heap checks this often (in files): `getHeapStatistics` is cheap, but not free. */
const CHECK_EVERY = 16;

/** Size of the young generation (both semi-spaces) past which it stops growing. */
const YOUNG_CAP = 8 * 1024 * 1024;

/** V8's `gc`, reached through a new context with `--expose-gc`; null where that is refused. */
function exposedGc(): (() => void) | null {
  try {
    v8().setFlagsFromString('--expose-gc');
    const gc = vm().runInNewContext('gc') as unknown;
    // The function stays usable with the flag off again. V8 stamps a code cache with a hash of its
    // flags: left on, the cache the build makes after a sample run (scripts/build.mjs) was rejected at
    // every start, where the flag is still off (about 80 ms of a cold start).
    v8().setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

/** `capYoung`: stop the young generation's growth at YOUNG_CAP (a process-wide V8 flag: the CLI's choice only). */
export function createMemoryGuard(budgetBytes: number, capYoung: boolean): MemoryGuard {
  // Looked up when first needed: a short run (a pre-commit hook) never pays for the new context (~1 ms).
  let collect: (() => void) | null | undefined;
  let threshold = budgetBytes;
  let calls = 0;
  let youngCapped = !capYoung;
  return {
    check() {
      if (collect === null || ++calls % CHECK_EVERY !== 0) return;
      const { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } = v8();
      if (!youngCapped && (getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0) >= YOUNG_CAP) {
        youngCapped = true;
        // Process-wide, every thread included, for the rest of the run: only the CLI asks (lint-job.ts).
        setFlagsFromString('--semi-space-growth-factor=1');
      }
      if (getHeapStatistics().used_heap_size < threshold) return;
      collect ??= exposedGc();
      if (!collect) return;
      collect();
      // What survives is kept (results, live project services): collect again after half a budget more.
      threshold = Math.max(budgetBytes, getHeapStatistics().used_heap_size + budgetBytes / 2);
    },
  };
}
