import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { suggest, type ResolvedConfig } from './config/load-config.js';
import { discoverFiles, type DiscoveryProblem } from './discover-files.js';
import { lintText, type EnabledRule } from './lint-text.js';
import { summarize, type LintResult } from './result.js';
import type { AnyRule, ProjectFiles } from './rule.js';

export interface LintFilesOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly config: ResolvedConfig;
  readonly rules: readonly AnyRule[];
}

export interface LintFilesOutcome {
  readonly results: LintResult[];
  /** Paths that do not exist or cannot be listed (exit code 2). */
  readonly problems: DiscoveryProblem[];
  /** Some file could not be read or a rule crashed (exit code 2). */
  readonly hadFatalIoOrInternalError: boolean;
}

/** Lints the files under `paths` with the resolved config. One bad file never stops the others. */
export function lintFiles(options: LintFilesOptions): LintFilesOutcome {
  const { files, problems } = discoverFiles(options.paths, options.cwd);
  const config = options.config;
  const ruleById = new Map(options.rules.map((rule) => [rule.id, rule]));
  const knownRuleIds = new Set(ruleById.keys());
  const suggestRule = (id: string) => suggest(id, knownRuleIds);
  const projects = new Map<string, ProjectFiles>();
  const results: LintResult[] = [];
  let hadFatal = false;

  const checkoutRoots = new Map<string, string | null>();
  for (const file of files) {
    const repositoryRoot = projectRootOf(file.path, options.cwd);
    const relativePath = toPosix(relative(reportRootOf(file.path, options.cwd, repositoryRoot, checkoutRoots), file.path)) || file.path;
    const configRelative = toPosix(relative(config.baseDir, file.path));
    if (config.isIgnored(configRelative)) continue;
    const displayPath = file.path;

    const read = readSource(file.path, config.limits.maxFileBytes);
    if ('error' in read) {
      hadFatal = true;
      results.push(
        summarize(displayPath, relativePath, [
          { ruleId: null, severity: 2, fatal: true, message: read.error, line: 1, column: 1, endLine: 1, endColumn: 1 },
        ], []),
      );
      continue;
    }
    const { rules: settings, settings: fileSettings } = config.forFile(configRelative);
    const enabled: EnabledRule[] = [];
    for (const [id, setting] of settings) {
      const rule = ruleById.get(id);
      if (rule && setting.severity !== 'off') enabled.push({ rule, severity: setting.severity, options: setting.options });
    }
    let project = projects.get(repositoryRoot);
    if (!project) {
      project = createProjectFiles(repositoryRoot);
      projects.set(repositoryRoot, project);
    }
    const result = lintText(read.text, {
      filePath: displayPath,
      relativePath,
      rules: enabled,
      settings: { ...config.settings, ...fileSettings },
      project,
      limits: config.limits,
      reportUnusedDirectives: config.reportUnusedDisableDirectives,
      knownRuleIds,
      suggestRule,
    });
    if (result.internalError) hadFatal = true;
    results.push(result);
  }
  return { results, problems, hadFatalIoOrInternalError: hadFatal };
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function readSource(path: string, maxBytes: number): { text: string } | { error: string } {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: 'Cannot lint a directory as a file' };
    if (stat.size > maxBytes) {
      return { error: `File is ${stat.size} bytes, larger than the limit of ${maxBytes} (limits.maxFileBytes); not analysed` };
    }
    const buffer = readFileSync(path);
    if (buffer.includes(0)) return { error: 'File holds NUL bytes: it is binary, not YAML; not analysed' };
    return { text: buffer.toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { error: `Cannot read the file (${code})` };
  }
}

/**
 * The repository a file belongs to: the directory that holds its `.github/workflows`, else the
 * nearest ancestor with `.git`, else the working directory. Facts beside a workflow (package.json,
 * .nvmrc) are read relative to it.
 */
export function projectRootOf(path: string, cwd: string): string {
  const normalized = path.replace(/\\/g, '/');
  const match = /^(.*)\/\.github\/workflows\/[^/]+$/.exec(normalized);
  if (match) return match[1] === '' ? '/' : resolve(match[1]!);
  let dir = dirname(path);
  const stop = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (dir === stop || parent === dir) return stop;
    dir = parent;
  }
}

/**
 * The directory that reported paths (SARIF uris, annotation `file=`) are relative to: the enclosing
 * Git checkout (nearest ancestor with a `.git`), else the working directory when the file is inside
 * it, else the project root. Code scanning resolves paths against the checkout, so a workflow under a
 * nested `.github/workflows` (a test fixture, a vendored repository) must keep its full path: relative
 * to its own project root it would point at the top-level workflow of the same name.
 */
export function reportRootOf(path: string, cwd: string, projectRoot: string, cache = new Map<string, string | null>()): string {
  const visited: string[] = [];
  let found: string | null = null;
  for (let dir = dirname(resolve(cwd, path)); ; ) {
    const known = cache.get(dir);
    if (known !== undefined) {
      found = known;
      break;
    }
    visited.push(dir);
    if (existsSync(join(dir, '.git'))) {
      found = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const dir of visited) cache.set(dir, found);
  if (found !== null) return found;
  const base = resolve(cwd);
  const absolute = resolve(cwd, path);
  return absolute.startsWith(base + sep) ? base : projectRoot;
}

/** Reads files of one repository, refusing anything that resolves outside it. */
export function createProjectFiles(root: string): ProjectFiles {
  const realRoot = (() => {
    try {
      return realpathSync(root);
    } catch {
      return root;
    }
  })();
  const cache = new Map<string, string | undefined>();
  return {
    readFile(relativePath) {
      if (cache.has(relativePath)) return cache.get(relativePath);
      let text: string | undefined;
      const candidate = resolve(root, relativePath);
      try {
        const real = realpathSync(candidate);
        const inside = real === realRoot || real.startsWith(realRoot + sep);
        if (inside && statSync(real).isFile() && statSync(real).size <= 1024 * 1024) text = readFileSync(real, 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(relativePath, text);
      return text;
    },
  };
}
