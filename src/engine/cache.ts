/**
 * `--cache` and `--cache-location`, as ESLint has them: a file's result is reused when nothing it
 * depends on changed since it was stored. The key of an entry covers
 *
 * - the file's content (a hash, not its modification time: a checkout rewrites every file),
 * - the configuration that applies to it (rules, options, settings, limits, run options: `configKey`),
 * - the trustlint version (a cache written by another version is ignored whole),
 * - and every other file the result depended on (`LintResult.dependencies`: a called workflow, a
 *   package.json, a directory listing), by content, or by absence when it was looked for and not found.
 *
 * A cache file that cannot be read or parsed, or that is of another format or version, is ignored and
 * replaced. It is written atomically (a temporary file beside it, then a rename), so a run killed
 * half-way never leaves a truncated cache behind.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { normalizeProjectPath } from './project.js';
import type { LintResult } from './result.js';

/** The default file name, in the working directory (ESLint's is `.eslintcache`). */
export const DEFAULT_CACHE_FILE = '.trustlintcache';
const FORMAT = 1;

interface Entry {
  /** Hash of the file's content, its configuration key and its report root. */
  readonly key: string;
  /** Repository root the dependencies are relative to. */
  readonly root: string;
  /** Each dependency's fingerprint when the result was made. */
  readonly dependencies: Readonly<Record<string, string>>;
  readonly result: LintResult;
}

interface CacheFile {
  readonly format: number;
  readonly version: string;
  readonly entries: Record<string, Entry>;
}

export interface LintCache {
  /** The stored result of `path` for this key, if every dependency is unchanged; undefined otherwise. */
  get(path: string, key: string): LintResult | undefined;
  /** Stores a result under its key, with the fingerprints of its dependencies (relative to `root`). */
  set(path: string, key: string, root: string, result: LintResult): void;
  /** Writes the cache file (atomically); false when it could not be written. */
  save(): boolean;
}

export function hashOf(...parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url');
}

/**
 * Where the cache lives: `--cache-location` as ESLint reads it (a directory, existing or named with a
 * trailing separator, holds `.trustlintcache`; anything else is the file), else `.trustlintcache` in `cwd`.
 */
export function cacheFilePath(cwd: string, location: string | undefined): string {
  if (location === undefined || location === '') return resolve(cwd, DEFAULT_CACHE_FILE);
  const path = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(path, DEFAULT_CACHE_FILE);
  try {
    if (statSync(path).isDirectory()) return join(path, DEFAULT_CACHE_FILE);
  } catch {
    // Absent: a file to create.
  }
  return path;
}

function readCache(file: string, version: string): Map<string, Entry> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile> | null;
    if (!parsed || parsed.format !== FORMAT || parsed.version !== version || typeof parsed.entries !== 'object' || parsed.entries === null) return new Map();
    return new Map(Object.entries(parsed.entries).filter(([, entry]) => isEntry(entry)));
  } catch {
    // Absent, unreadable or corrupt: start empty (and replace it on save).
    return new Map();
  }
}

function isEntry(entry: unknown): entry is Entry {
  if (!entry || typeof entry !== 'object') return false;
  const { key, root, dependencies, result } = entry as Partial<Entry>;
  return (
    typeof key === 'string' &&
    typeof root === 'string' &&
    !!dependencies &&
    typeof dependencies === 'object' &&
    !!result &&
    typeof result === 'object' &&
    Array.isArray(result.messages) &&
    Array.isArray(result.suppressedMessages)
  );
}

/**
 * The fingerprint of one dependency as the project service names it: a repository-relative file
 * (its content's hash, or `absent`), or a directory listing (`dir/`, `./` for the root: its entries).
 */
function fingerprint(root: string, dependency: string, cacheFile: string): string {
  const listing = dependency.endsWith('/');
  const normalized = normalizeProjectPath(listing ? dependency.slice(0, -1) : dependency);
  if (normalized === undefined) return 'outside';
  const path = normalized === '' ? root : resolve(root, ...normalized.split('/'));
  try {
    if (listing) {
      // The cache file itself (and its temporary twin) never counts: writing it must not invalidate it.
      const own = (name: string) => join(path, name) === cacheFile || join(path, name).startsWith(`${cacheFile}.`);
      const entries = readdirSync(path, { withFileTypes: true }).filter((entry) => !own(entry.name)).map((entry) => `${entry.isDirectory() ? 'd' : 'f'}:${entry.name}`);
      return `dir:${hashOf(...entries.sort())}`;
    }
    if (!statSync(path).isFile()) return 'not-a-file';
    return `file:${hashOf(readFileSync(path, 'latin1'))}`;
  } catch {
    return 'absent';
  }
}

/** Opens the cache file for a run of this trustlint `version`; nothing is read from disk again until `save`. */
export function openCache(file: string, version: string): LintCache {
  const entries = readCache(file, version);
  // One run sees one state of the disk: each dependency is fingerprinted once per run.
  const fingerprints = new Map<string, string>();
  const fingerprintOf = (root: string, dependency: string): string => {
    const id = `${root}\0${dependency}`;
    let known = fingerprints.get(id);
    if (known === undefined) {
      known = fingerprint(root, dependency, file);
      fingerprints.set(id, known);
    }
    return known;
  };
  return {
    get(path, key) {
      const entry = entries.get(path);
      if (!entry || entry.key !== key) return undefined;
      for (const [dependency, stored] of Object.entries(entry.dependencies)) {
        if (fingerprintOf(entry.root, dependency) !== stored) return undefined;
      }
      return entry.result;
    },
    set(path, key, root, result) {
      const dependencies: Record<string, string> = {};
      for (const dependency of result.dependencies ?? []) dependencies[dependency] = fingerprintOf(root, dependency);
      entries.set(path, { key, root, dependencies, result });
    },
    save() {
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const content: CacheFile = { format: FORMAT, version, entries: Object.fromEntries(entries) };
        writeFileSync(temporary, JSON.stringify(content));
        renameSync(temporary, file);
        return true;
      } catch {
        rmSync(temporary, { force: true });
        return false;
      }
    },
  };
}
