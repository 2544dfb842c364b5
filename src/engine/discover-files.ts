import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DiscoveredFile {
  readonly path: string;
  /** Named on the command line (linted whatever its name) rather than found by searching. */
  readonly explicit: boolean;
}

export interface DiscoveryProblem {
  readonly path: string;
  readonly message: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Workflow files and action metadata: what a directory search picks up. */
export function isLintTarget(path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized) || /(^|\/)action\.ya?ml$/i.test(normalized);
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
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, explicit });
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
    const found: string[] = [];
    walk(absolute, found, problems, new Set([safeRealpath(absolute)]));
    found.sort();
    for (const path of found) add(path, false);
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

function walk(dir: string, found: string[], problems: DiscoveryProblem[], visited: Set<string>): void {
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
      } else if (entry.isSymbolicLink()) {
        // A link to a file is linted like the file; a link to a directory is not followed.
        try {
          if (lstatSync(path).isSymbolicLink() && statSync(path).isFile() && isLintTarget(path)) found.push(path);
        } catch {
          // A dangling or looping link is not a lint target.
        }
      } else if (entry.isFile() && isLintTarget(path)) found.push(path);
    }
  }
}
