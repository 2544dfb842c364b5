import { dirname, sep } from 'node:path';

/**
 * A platform path with `/` separators, for matching and reporting. Only Windows separates with a
 * backslash: on POSIX a backslash is an ordinary file-name character (`rel\ease.yml` is one name),
 * and turning it into `/` made such a workflow invisible to discovery and misreported it. Every
 * conversion in the engine and the CLI goes through here. `separator` is for tests.
 */
export function toPosixPath(path: string, separator: string = sep): string {
  return separator === '\\' ? path.split('\\').join('/') : path;
}

/** `path` is `dir` or below it (both absolute and normal, with platform separators). */
export function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/**
 * The nearest directory at or above `start` for which `probe` finds something, or null; the walk
 * stops at the file-system root, or after a directory for which `stopAfter` holds (a repository
 * root). Every directory visited is remembered in `memo` with the answer, so each is probed once
 * in a run however many files below it ask: git roots, `.gitignore` chains and config lookup.
 */
export function nearestUpward<T>(memo: Map<string, T | null>, start: string, probe: (dir: string) => T | null, stopAfter?: (dir: string) => boolean): T | null {
  const visited: string[] = [];
  let found: T | null = null;
  for (let dir = start; ; ) {
    const known = memo.get(dir);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(dir);
    found = probe(dir);
    if (found !== null) break;
    const parent = dirname(dir);
    if (parent === dir || stopAfter?.(dir)) break;
    dir = parent;
  }
  for (const dir of visited) memo.set(dir, found);
  return found;
}
