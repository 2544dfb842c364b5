/**
 * The project service: any file of the linted repository as a parsed view, read once per run and
 * on demand. Workflows and actions come from the same parser and model as the linted file;
 * package.json and friends are typed views the domain defines (`defineView`); Makefiles and
 * scripts are plain text. Every path a lint asks for, found or not, is recorded as a dependency of
 * its result, so a cache or an editor knows what to re-lint when that file changes.
 *
 * Reads stay inside the repository root (no `..`, no absolute paths, no symbolic link out of it)
 * and under the same size limit as linted files; anything else is absent.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileModel, YamlValue } from './ast.js';
import { modelFile, parseFile, type ParsedFile } from './file-model.js';
import { isInside } from './paths.js';
import { DEFAULT_PARSE_LIMITS, parseYaml, type ParseLimits } from './parse.js';
import { readSource } from './read-source.js';
import { createSourceFile, type SourceFile } from './source-file.js';
import { toYamlValue } from './yaml-value.js';

/** Where the project's files come from: the disk, or memory (tests, an editor's unsaved buffers). */
export interface ProjectSource {
  /** The repository root: absolute for the disk, a label for memory. */
  readonly root: string;
  /** A file's text, or undefined when it is absent, not a regular file, outside the root, too large or binary. */
  read(relativePath: string): string | undefined;
  /** Whether a regular file exists there (without reading it: lockfiles may be large). */
  exists(relativePath: string): boolean;
  /** The entries of a directory ('' is the root), sorted; undefined when it is not a directory inside the root. */
  list(relativePath: string): readonly DirectoryEntry[] | undefined;
}

export interface DirectoryEntry {
  readonly name: string;
  readonly directory: boolean;
}

/** Entries past this many in one directory are not listed (a hostile tree must not cost minutes). */
const MAX_DIRECTORY_ENTRIES = 10_000;

/** A typed view of a file, built from its text once per run (see `defineView`). */
export interface ProjectView<T> {
  readonly name: string;
  build(file: SourceFile, project: Project): T;
}

export function defineView<T>(name: string, build: (file: SourceFile, project: Project) => T): ProjectView<T> {
  return { name, build };
}

/** A YAML file of the project with positions: a tool's configuration, a release config, a workspace file. */
export interface YamlDocument {
  readonly file: SourceFile;
  readonly value: YamlValue;
}

/** The repository as the rules of one linted file see it. Paths are repository-relative, POSIX. */
export interface Project {
  /** The repository root (absolute on disk). */
  readonly root: string;
  file(path: string): SourceFile | undefined;
  text(path: string): string | undefined;
  exists(path: string): boolean;
  /** The entries of a directory of the repository ('' is the root); undefined when there is none. */
  list(path: string): readonly DirectoryEntry[] | undefined;
  /** A JSON file that holds an object; undefined when absent or anything else. */
  json(path: string): Readonly<Record<string, unknown>> | undefined;
  /** A YAML file, parsed with the linter's own parser and limits; undefined when absent or not YAML. */
  yaml(path: string): YamlDocument | undefined;
  /** A workflow or action metadata file, modelled like a linted file. */
  model(path: string): FileModel | undefined;
  view<T>(view: ProjectView<T>, path: string): T | undefined;
}

/** One run's cache of a repository's files, shared by every file linted in it. */
export interface ProjectService {
  readonly root: string;
  /** The parse limits of every YAML file it models. */
  readonly limits: ParseLimits;
  /** A view of the project for one linted file; `dependencies()` lists what it asked for. */
  open(): { readonly project: Project; dependencies(): readonly string[] };
  /**
   * The parse of the file at `path` when its text is `text`: made once per run and shared by the
   * linted file and every `model(path)` of the project (the same bytes were parsed twice before).
   * A text other than the one first parsed there (an editor buffer, a fixed file) is parsed anew.
   */
  parsed(path: string, text: string): ParsedFile;
}

/**
 * A repository-relative POSIX path without `.` and `..` segments, or undefined when it is absolute
 * or climbs out of the root. Backslashes are kept: on POSIX they are file-name characters.
 */
export function normalizeProjectPath(path: string): string | undefined {
  if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path)) return undefined;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Files of a repository on disk, refusing anything that resolves outside it. `realpath` may be the
 * run's memo of resolved directories (a deep tree must not cost a full walk per file).
 */
export function diskSource(root: string, maxBytes: number, realpath: (path: string) => string = realpathSync): ProjectSource {
  const safeRealpath = (path: string): string | undefined => {
    try {
      return realpath(path);
    } catch {
      return undefined;
    }
  };
  const realRoot = safeRealpath(root) ?? root;
  const locate = (relativePath: string, allowRoot = false): string | undefined => {
    const normalized = normalizeProjectPath(relativePath);
    if (normalized === undefined || (normalized === '' && !allowRoot)) return undefined;
    if (normalized === '') return realRoot;
    const real = safeRealpath(resolve(root, ...normalized.split('/')));
    return real !== undefined && isInside(real, realRoot) ? real : undefined;
  };
  return {
    root,
    read(relativePath) {
      const real = locate(relativePath);
      if (real === undefined) return undefined;
      const read = readSource(real, maxBytes);
      return 'text' in read && read.invalidUtf8At === undefined ? read.text : undefined;
    },
    exists(relativePath) {
      const real = locate(relativePath);
      try {
        return real !== undefined && statSync(real).isFile();
      } catch {
        return false;
      }
    },
    list(relativePath) {
      const real = locate(relativePath, true);
      if (real === undefined) return undefined;
      try {
        const entries = readdirSync(real, { withFileTypes: true });
        if (entries.length > MAX_DIRECTORY_ENTRIES) return undefined;
        // A symbolic link is listed as what it is, not what it points to: links are not followed out.
        return entries.map((entry) => ({ name: entry.name, directory: entry.isDirectory() })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return undefined;
      }
    },
  };
}

/** Files held in memory, by repository-relative path. */
export function memorySource(files: Readonly<Record<string, string>>, root = '/'): ProjectSource {
  const byPath = new Map<string, string>();
  for (const [path, text] of Object.entries(files)) {
    const normalized = normalizeProjectPath(path);
    if (normalized) byPath.set(normalized, text);
  }
  return {
    root,
    read: (relativePath) => {
      const normalized = normalizeProjectPath(relativePath);
      return normalized === undefined ? undefined : byPath.get(normalized);
    },
    exists: (relativePath) => {
      const normalized = normalizeProjectPath(relativePath);
      return normalized !== undefined && byPath.has(normalized);
    },
    list: (relativePath) => {
      const normalized = normalizeProjectPath(relativePath);
      if (normalized === undefined) return undefined;
      const prefix = normalized === '' ? '' : `${normalized}/`;
      const entries = new Map<string, boolean>();
      for (const path of byPath.keys()) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        const name = slash === -1 ? rest : rest.slice(0, slash);
        entries.set(name, entries.get(name) === true || slash !== -1);
      }
      if (entries.size === 0) return undefined;
      return [...entries].map(([name, directory]) => ({ name, directory })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}

export function createProjectService(source: ProjectSource, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ProjectService {
  const files = new Map<string, SourceFile | undefined>();
  const existing = new Map<string, boolean>();
  const listings = new Map<string, readonly DirectoryEntry[] | undefined>();
  // Per view name, then per path: a view is built once per run whichever file asks.
  const views = new Map<string, Map<string, unknown>>();
  const parses = new Map<string, ParsedFile>();
  const parsed = (path: string, text: string): ParsedFile => {
    const known = parses.get(path);
    if (known?.text === text) return known;
    const made = parseFile(text, limits);
    if (!known) parses.set(path, made);
    return made;
  };
  const modelView = defineView<FileModel | undefined>(`model:${limits.maxDepth}:${limits.maxAliasNodes}`, (file) => {
    const modelled = modelFile(file, limits, parsed(file.projectPath ?? file.relativePath, file.text));
    return modelled.model.kind === 'other' ? undefined : modelled.model;
  });

  const fileAt = (path: string): SourceFile | undefined => {
    if (files.has(path)) return files.get(path);
    const text = source.read(path);
    const file = text === undefined ? undefined : createSourceFile(resolveDisplay(source.root, path), path, text, path);
    files.set(path, file);
    return file;
  };
  const viewAt = <T>(view: ProjectView<T>, path: string, project: Project): T | undefined => {
    let byPath = views.get(view.name);
    if (!byPath) {
      byPath = new Map();
      views.set(view.name, byPath);
    }
    if (byPath.has(path)) return byPath.get(path) as T | undefined;
    const file = fileAt(path);
    const built = file === undefined ? undefined : view.build(file, project);
    byPath.set(path, built);
    return built;
  };

  return {
    root: source.root,
    limits,
    parsed,
    open() {
      const dependencies = new Set<string>();
      // Every request names a dependency, found or not: creating the file later changes the result.
      const use = (path: string): string | undefined => {
        const normalized = normalizeProjectPath(path);
        if (normalized) dependencies.add(normalized);
        return normalized || undefined;
      };
      const project: Project = {
        root: source.root,
        file: (path) => {
          const normalized = use(path);
          return normalized === undefined ? undefined : fileAt(normalized);
        },
        text: (path) => project.file(path)?.text,
        exists: (path) => {
          const normalized = use(path);
          if (normalized === undefined) return false;
          if (files.get(normalized) !== undefined) return true;
          let found = existing.get(normalized);
          if (found === undefined) {
            found = source.exists(normalized);
            existing.set(normalized, found);
          }
          return found;
        },
        list: (path) => {
          const normalized = normalizeProjectPath(path);
          if (normalized === undefined) return undefined;
          // A listing is a dependency too: a file added there may change the result.
          dependencies.add(normalized === '' ? './' : `${normalized}/`);
          if (!listings.has(normalized)) listings.set(normalized, source.list(normalized));
          return listings.get(normalized);
        },
        json: (path) => project.view(JSON_VIEW, path),
        yaml: (path) => project.view(YAML_VIEW(limits), path),
        model: (path) => project.view(modelView, path),
        view: (view, path) => {
          const normalized = use(path);
          return normalized === undefined ? undefined : viewAt(view, normalized, project);
        },
      };
      return { project, dependencies: () => [...dependencies].sort() };
    },
  };
}

function resolveDisplay(root: string, relativePath: string): string {
  return root.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(root) ? resolve(root, ...relativePath.split('/')) : `${root}/${relativePath}`;
}

const JSON_VIEW = defineView<Readonly<Record<string, unknown>> | undefined>('json', (file) => {
  try {
    const parsed = JSON.parse(file.text) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
});

// Views that depend on the parse limits are named by them, so two limits never share a cache entry.
const YAML_VIEW = (limits: ParseLimits) =>
  defineView<YamlDocument | undefined>(`yaml:${limits.maxDepth}:${limits.maxAliasNodes}`, (file) => {
    const parsed = parseYaml(file.text, limits);
    if (!parsed.document || parsed.errors.length > 0) return undefined;
    return { file, value: toYamlValue(parsed.document, limits, []).value };
  });
