import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isLintTarget as isLintTargetPath } from './file-kind.js';
import { toPosixPath } from './paths.js';

export interface DiscoveredFile {
  readonly path: string;
  /** Named on the command line (linted whatever its name) rather than found by searching. */
  readonly explicit: boolean;
  /** Why the file is reported without being read (a symbolic link out of the searched tree). */
  readonly refusal?: string;
}

export interface DiscoveryProblem {
  readonly path: string;
  readonly message: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Workflow files and action metadata: what a directory search picks up (a platform path). */
export function isLintTarget(path: string): boolean {
  return isLintTargetPath(toPosixPath(path));
}


/**
 * Expands the paths given on the command line. Directories are searched recursively, without
 * following symbolic links to directories (no loops, nothing outside the tree); files named
 * explicitly are linted whatever their name.
 */
export function discoverFiles(paths: readonly string[], cwd: string): { files: DiscoveredFile[]; problems: DiscoveryProblem[] } {
  const files: DiscoveredFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean, refusal?: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, explicit, ...(refusal ? { refusal } : {}) });
  };
  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({ path: given, message: code === 'ENOENT' ? 'no such file or directory' : `cannot read (${code ?? 'error'})` });
      continue;
    }
    if (!isDirectory) {
      add(absolute, true);
      continue;
    }
    const found: Found[] = [];
    const realRoot = safeRealpath(absolute);
    walk(absolute, realRoot, found, problems, new Set([realRoot]));
    found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const { path, refusal } of found) add(path, false, refusal);
  }
  return { files, problems };
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

interface Found {
  readonly path: string;
  readonly refusal?: string;
}

function isInside(real: string, realRoot: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/**
 * Every file with a lint target's name is returned, so none is dropped in silence: one that cannot
 * be read (a dangling or looping link, a FIFO) comes back and is reported as unreadable. A link
 * that leads out of the searched tree is returned with a refusal and never read: in CI the tree may
 * be an untrusted pull request, and `ci.yml -> /proc/self/environ` would otherwise print the
 * runner's secrets in YAML error messages.
 */
function walk(dir: string, realRoot: string, found: Found[], problems: DiscoveryProblem[], visited: Set<string>): void {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: current, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
        const real = safeRealpath(path);
        if (visited.has(real)) continue;
        visited.add(real);
        stack.push(path);
        continue;
      }
      if (!isLintTarget(path)) continue;
      if (entry.isSymbolicLink()) {
        // A link to a file is linted like the file; a link to a directory is not followed.
        let real: string;
        try {
          real = realpathSync(path);
          if (statSync(real).isDirectory()) continue;
        } catch {
          // Dangling or looping: reported as unreadable by the reader.
          found.push({ path });
          continue;
        }
        if (!isInside(real, realRoot)) {
          found.push({ path, refusal: 'Symbolic link to a file outside the linted directory; not followed' });
        } else found.push({ path });
      } else found.push({ path });
    }
  }
}
