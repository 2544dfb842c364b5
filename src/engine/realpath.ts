import { lstatSync, readlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** Resolves symbolic links like `fs.realpathSync`, throwing the same errors (ENOENT, ENOTDIR, ELOOP). */
export interface Realpath {
  (path: string): string;
  /** Records a resolution known without asking the file system (a directory walked from a real one); `path` absolute and normal. */
  remember(path: string, real: string): void;
}

/** Symbolic links followed for one path before giving up, as Linux does (ELOOP). */
const MAX_LINKS = 40;

/**
 * A `realpathSync` that remembers every directory it resolved, for one run. `realpathSync` looks at
 * each component of the path again on every call, so resolving every directory of a tree 2,000
 * levels deep cost 2,000 × 2,000 lstat calls (each of them a kernel walk of the whole path): 115 s.
 * Here each directory costs one `lstat` (plus a `readlink` when it is a link) for the whole run.
 */
export function createRealpath(): Realpath {
  const cache = new Map<string, string>();
  const real = (path: string, links: number): string => {
    const absolute = resolve(path);
    const pending: string[] = [];
    for (let dir = absolute; !cache.has(dir); ) {
      const parent = dirname(dir);
      if (parent === dir) {
        cache.set(dir, dir);
        break;
      }
      pending.push(dir);
      dir = parent;
    }
    // From the top down: each parent is resolved before its child.
    for (let index = pending.length - 1; index >= 0; index--) {
      const path = pending[index]!;
      const candidate = join(cache.get(dirname(path))!, basename(path));
      let resolved = candidate;
      if (lstatSync(candidate).isSymbolicLink()) {
        if (links >= MAX_LINKS) throw Object.assign(new Error(`ELOOP: too many symbolic links, realpath '${absolute}'`), { code: 'ELOOP' });
        // Relative to the directory that holds the link, which is already resolved.
        resolved = real(resolve(dirname(candidate), readlinkSync(candidate)), links + 1);
      }
      cache.set(path, resolved);
    }
    return cache.get(absolute)!;
  };
  return Object.assign((path: string) => real(path, 0), {
    remember(path: string, resolved: string) {
      cache.set(path, resolved);
    },
  });
}
