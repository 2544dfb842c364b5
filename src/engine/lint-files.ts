import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ResolvedConfig } from './config/load-config.js';
import { suggest } from './suggest.js';
import { discoverFiles, type DiscoveryProblem } from './discover-files.js';
import { createFactStore } from './facts.js';
import { lintAndFix } from './fix/lint-and-fix.js';
import { lintText, type EnabledRule } from './lint-text.js';
import { createLineIndex } from './line-index.js';
import { createProjectService, diskSource, type ProjectService } from './project.js';
import { readSource } from './read-source.js';
import { summarize, type LintMessage, type LintResult } from './result.js';
import type { AnyRule } from './rule.js';

export interface LintFilesOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly config: ResolvedConfig;
  readonly rules: readonly AnyRule[];
  /**
   * Apply fixes (`--fix`, `--fix-dry-run`): the fixes of the messages this accepts. Results whose file
   * would change get `output`; nothing is written here.
   */
  readonly fix?: (message: LintMessage) => boolean;
  /** Compute suggestions (default true); the CLI asks only for output that shows them. */
  readonly suggestions?: boolean;
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
  const projects = new Map<string, ProjectService>();
  // One store for the run: facts are keyed by node, settings and repository, never shared across runs.
  const facts = createFactStore();
  const results: LintResult[] = [];
  let hadFatal = false;

  const checkoutRoots = new Map<string, string | null>();
  for (const file of files) {
    const repositoryRoot = projectRootOf(file.path, options.cwd);
    const reportRoot = reportRootOf(file.path, options.cwd, repositoryRoot, checkoutRoots);
    const relativePath = toPosix(relative(reportRoot, file.path)) || file.path;
    const configRelative = toPosix(relative(config.baseDir, file.path));
    if (config.isIgnored(configRelative)) continue;
    const displayPath = file.path;

    const read = file.refusal ? { error: file.refusal } : readSource(file.path, config.limits.maxFileBytes);
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
      project = createProjectService(diskSource(repositoryRoot, config.limits.maxFileBytes), config.limits);
      projects.set(repositoryRoot, project);
    }
    let result: LintResult;
    // A file with bytes that are not UTF-8 reads them as U+FFFD: writing it back would destroy them.
    const fix = read.invalidUtf8At === undefined ? options.fix : undefined;
    try {
      const lintOptions = {
        filePath: displayPath,
        relativePath,
        rules: enabled,
        settings: fileSettings,
        project,
        facts,
        limits: config.limits,
        reportUnusedDirectives: config.reportUnusedDisableDirectives,
        knownRuleIds,
        suggestRule,
        suggestions: options.suggestions !== false,
      };
      result = fix ? lintAndFix(read.text, lintOptions, fix) : lintText(read.text, lintOptions);
    } catch (error) {
      // lintText contains rule crashes itself; this catches the engine (parser, model, directives)
      // so one file that breaks it still gets a result and the other files are still linted.
      result = summarize(displayPath, relativePath, [internalErrorMessage(error)], [], true);
    }
    if (read.invalidUtf8At !== undefined) result = withInvalidUtf8(result, read.text, read.invalidUtf8At);
    result = withReportPaths(result, reportRoot);
    if (result.internalError) hadFatal = true;
    results.push(result);
  }
  return { results, problems, hadFatalIoOrInternalError: hadFatal };
}

function internalErrorMessage(error: unknown): LintMessage {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    ruleId: null,
    severity: 2,
    fatal: true,
    message: `Internal error while linting this file: ${text.split('\n')[0]}. Please report this`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
  };
}

/** Adds the finding for bytes that are not UTF-8 (GitHub reads workflows as UTF-8). */
function withInvalidUtf8(result: LintResult, text: string, offset: number): LintResult {
  // lintText counts positions after dropping a BOM; so does this.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const at = Math.max(0, text.charCodeAt(0) === 0xfeff ? offset - 1 : offset);
  const message: LintMessage = {
    ruleId: null,
    severity: 2,
    fatal: true,
    message: 'File is not valid UTF-8: this byte (and any later invalid one) is read as U+FFFD',
    ...createLineIndex(body).locate({ start: at, end: Math.min(body.length, at + 1) }),
  };
  return summarize(result.filePath, result.relativePath, [...result.messages, message], [...result.suppressedMessages], result.internalError === true);
}

/**
 * Related locations in other files name them relative to the repository the project service read;
 * reports name every file relative to the report root (the checkout), as the linted file is.
 */
function withReportPaths(result: LintResult, reportRoot: string): LintResult {
  const remap = (message: LintMessage): LintMessage =>
    message.related?.some((item) => item.filePath !== undefined)
      ? {
          ...message,
          related: message.related.map((item) =>
            item.filePath === undefined ? item : { ...item, relativePath: toPosix(relative(reportRoot, item.filePath)) || item.filePath },
          ),
        }
      : message;
  if (![...result.messages, ...result.suppressedMessages].some((message) => message.related?.some((item) => item.filePath !== undefined))) return result;
  return { ...result, messages: result.messages.map(remap), suppressedMessages: result.suppressedMessages.map(remap) };
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The repository a file belongs to: the directory that holds its `.github/workflows`, else the
 * nearest ancestor with `.git`, else the working directory. Facts beside a workflow (package.json,
 * .nvmrc) are read relative to it.
 */
function projectRootOf(path: string, cwd: string): string {
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
function reportRootOf(path: string, cwd: string, projectRoot: string, cache = new Map<string, string | null>()): string {
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
