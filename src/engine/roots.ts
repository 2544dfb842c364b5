import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isInside, nearestUpward, toPosixPath } from './paths.js';

/**
 * The two roots of a linted file, found once per directory for the whole run: walking up from every
 * file with an `existsSync` per level was quadratic in the depth of the tree (a chain of 2,000
 * directories), and a `.git` *file* (a submodule or a worktree) was taken for the checkout that the
 * report is about, so `sub/.github/workflows/release.yml` was reported as the top-level file.
 */
export interface RootFinder {
  /**
   * The repository a file belongs to: the directory that holds its `.github/workflows`, else the
   * nearest ancestor with a `.git` (directory or file), else the working directory. Facts beside a
   * workflow (package.json, .nvmrc) are read relative to it.
   */
  projectRoot(path: string): string;
  /**
   * The directory reported paths (SARIF uris, annotation `file=`) are relative to: the checkout the
   * scan is about. That is the checkout holding the working directory when `given` (the command-line
   * path the file was found under) is inside it, else the checkout holding `given`. A nested checkout
   * (a submodule or a worktree with a `.git` file, a vendored clone) keeps its full path from there,
   * so it never collides with the top-level file of the same name. Without a checkout: the nearest
   * one above the file, else the working directory when the file is inside it, else its project root.
   */
  reportRoot(path: string, given: string): string;
}

/** `listed`: directories already listed (by discovery) and whether they hold a `.git`. */
export function createRootFinder(cwd: string, listed: ReadonlyMap<string, boolean> = new Map()): RootFinder {
  const base = resolve(cwd);
  const checkouts = new Map<string, string | null>();
  /** Nearest directory at or above `dir` with a `.git`; each directory is looked at once. */
  const checkoutOf = (dir: string): string | null =>
    nearestUpward(checkouts, dir, (current) => (listed.has(current) ? (listed.get(current) ? current : null) : checkoutAt(current)));
  const cwdCheckout = checkoutOf(base);
  const anchors = new Map<string, string | null>();
  const anchorOf = (given: string): string | null => {
    let anchor = anchors.get(given);
    if (anchor === undefined) {
      anchor = cwdCheckout !== null && isInside(given, cwdCheckout) ? cwdCheckout : checkoutOf(given);
      anchors.set(given, anchor);
    }
    return anchor;
  };
  // Discovery hands over absolute, normal paths: `resolve` would normalize each again (garbage in
  // proportion to the depth, for every file).
  const absoluteOf = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const projectRoot = (path: string): string => {
    const absolute = absoluteOf(path);
    const match = /^(.*)\/\.github\/workflows\/[^/]+$/.exec(toPosixPath(absolute));
    if (match) return match[1] === '' ? '/' : resolve(match[1]!);
    const checkout = checkoutOf(dirname(absolute));
    // Searching up from a file inside the working directory stops there.
    if (isInside(absolute, base)) return checkout !== null && isInside(checkout, base) ? checkout : base;
    return checkout ?? base;
  };
  return {
    projectRoot,
    reportRoot(path, given) {
      const absolute = absoluteOf(path);
      const anchor = anchorOf(absoluteOf(given));
      if (anchor !== null && isInside(absolute, anchor)) return anchor;
      const checkout = checkoutOf(dirname(absolute));
      if (checkout !== null) return checkout;
      return isInside(absolute, base) && absolute !== base ? base : projectRoot(absolute);
    },
  };
}

/** `path` relative to `dir` (platform separators): a prefix cut when it is inside, else `path.relative`. */
export function relativeTo(dir: string, path: string): string {
  if (path === dir) return '';
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  return path.startsWith(prefix) && isAbsolute(path) ? path.slice(prefix.length) : relative(dir, path);
}

/** The root of the git checkout holding `dir` (the nearest directory at or above it with a `.git`), if any. */
export function gitRootOf(dir: string): string | undefined {
  return nearestUpward(new Map(), resolve(dir), checkoutAt) ?? undefined;
}

/** `dir` itself when it holds a `.git` (a directory, or the file of a worktree or submodule). */
export function checkoutAt(dir: string): string | null {
  return existsSync(join(dir, '.git')) ? dir : null;
}
