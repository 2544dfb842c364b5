import { sep } from 'node:path';

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
