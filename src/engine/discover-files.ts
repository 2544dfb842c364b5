import { readdirSync, statSync, type Dirent } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isLintTarget as isLintTargetPath } from './file-kind.js';
import { NO_FILE_TARGETS, type FileTargets } from './file-targets.js';
import { NO_IGNORE, type IgnoreFilter } from './ignore.js';
import { isInside, toPosixPath } from './paths.js';
import { createRealpath, type Realpath } from './realpath.js';

export interface DiscoveredFile {
  readonly path: string;
  /** The path given on the command line (absolute) that the file was found under, or the file itself. */
  readonly given: string;
  /** Named on the command line (linted whatever its name) rather than found by searching. */
  readonly explicit: boolean;
  /** Why the file is reported without being read (a symbolic link out of the searched tree). */
  readonly refusal?: string;
  /** Named on the command line but ignored (`.gitignore`, `--ignore-pattern`): reported with ESLint's warning, not linted. */
  readonly ignored?: boolean;
}

export interface DiscoveryProblem {
  readonly path: string;
  readonly message: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Workflow files, action metadata and the plugins' text targets: what a directory search picks up (a platform path). */
export function isLintTarget(path: string, targets: FileTargets = NO_FILE_TARGETS): boolean {
  return isLintTargetPath(toPosixPath(path)) || targets.targetOf(path) !== undefined;
}

export interface Discovery {
  readonly files: DiscoveredFile[];
  readonly problems: DiscoveryProblem[];
  /** Each directory searched, and whether it holds a `.git` (so roots are found without asking again). */
  readonly hasGit: ReadonlyMap<string, boolean>;
}

/**
 * Expands the paths given on the command line. Directories are searched recursively, without
 * following symbolic links to directories (no loops, nothing outside the tree), for workflows,
 * action metadata and the files of the plugins' `targets`; files named explicitly are linted
 * whatever their name. `realpath` is the run's memo (lint-files shares it).
 */
export function discoverFiles(
  paths: readonly string[],
  cwd: string,
  realpath: Realpath = createRealpath(),
  targets: FileTargets = NO_FILE_TARGETS,
  ignore: IgnoreFilter = NO_IGNORE,
): Discovery {
  const files: DiscoveredFile[] = [];
  const problems: DiscoveryProblem[] = [];
  const hasGit = new Map<string, boolean>();
  const seen = new Set<string>();
  const add = (path: string, given: string, explicit: boolean, refusal?: string, ignored?: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, given, explicit, ...(refusal ? { refusal } : {}), ...(ignored ? { ignored } : {}) });
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
      add(absolute, absolute, true, undefined, ignore.ignoredWithAncestors(absolute));
      continue;
    }
    const found: Found[] = [];
    let realRoot: string;
    try {
      realRoot = realpath(absolute);
    } catch {
      realRoot = absolute;
    }
    walk({ dir: absolute, realRoot, found, problems, hasGit, realpath, targets, ignore });
    found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const { path, refusal } of found) add(path, absolute, false, refusal);
  }
  return { files, problems, hasGit };
}

interface Found {
  readonly path: string;
  readonly refusal?: string;
}

function childPath(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

interface Walk {
  readonly dir: string;
  readonly realRoot: string;
  readonly found: Found[];
  readonly problems: DiscoveryProblem[];
  readonly hasGit: Map<string, boolean>;
  readonly realpath: Realpath;
  readonly targets: FileTargets;
  readonly ignore: IgnoreFilter;
}

/**
 * Every workflow and action file is returned, so none is dropped in silence: one that cannot
 * be read (a dangling or looping link, a FIFO) comes back and is reported as unreadable. A link
 * that leads out of the searched tree is returned with a refusal and never read: in CI the tree may
 * be an untrusted pull request, and `ci.yml -> /proc/self/environ` would otherwise print the
 * runner's secrets in YAML error messages.
 *
 * One `readdir` per directory and nothing else: a directory entry that is not a link has the real
 * path of its parent plus its name, so no directory is resolved again (resolving each one made a
 * chain 2,000 levels deep take minutes), and the `.git` entries seen on the way tell where the
 * checkouts are.
 */
function walk({ dir, realRoot, found, problems, hasGit, realpath, targets, ignore }: Walk): void {
  const stack: Array<readonly [string, string]> = [[dir, realRoot]];
  const visited = new Set([realRoot]);
  while (stack.length > 0) {
    const [current, currentReal] = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      problems.push({ path: current, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    hasGit.set(current, entries.some((entry) => entry.name === '.git'));
    for (const entry of entries) {
      // Concatenation, not `join`: both parts are already normal, and `join` re-normalizes the whole
      // path, a quadratic amount of garbage down a deep tree.
      const path = childPath(current, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || ignore.ignored(path, true)) continue;
        const real = childPath(currentReal, entry.name);
        if (visited.has(real)) continue;
        visited.add(real);
        realpath.remember(path, real);
        stack.push([path, real]);
        continue;
      }
      const workflowOrAction = isLintTargetPath(toPosixPath(path));
      if (!workflowOrAction && targets.targetOf(path) === undefined) continue;
      if (ignore.ignored(path, false)) continue;
      // A link named like a text target is not followed: what it points to is not content of the
      // repository (git keeps the link, not the file), and a dangling or outward link, common for
      // shared client configurations, must not fail the run. Named on the command line, it is read.
      if (!workflowOrAction && entry.isSymbolicLink()) continue;
      if (entry.isSymbolicLink()) {
        // A link to a file is linted like the file; a link to a directory is not followed.
        let real: string;
        try {
          real = realpath(path);
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
