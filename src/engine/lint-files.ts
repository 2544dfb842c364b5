import type { ResolvedConfig } from './config/load-config.js';
import { suggest } from './suggest.js';
import { discoverFiles, isLintTarget, type DiscoveredFile, type Discovery, type DiscoveryProblem } from './discover-files.js';
import type { IgnoreFilter } from './ignore.js';
import { createFactStore } from './facts.js';
import { compileFileTargets, type FileTarget } from './file-targets.js';
import { lintAndFix } from './fix/lint-and-fix.js';
import { lintText, type EnabledRule } from './lint-text.js';
import { createLineIndex } from './line-index.js';
import { fileKindHint } from './file-kind.js';
import { isInside, toPosixPath } from './paths.js';
import { createProjectService, diskSource, type ProjectService } from './project.js';
import { hashOf, type LintCache } from './cache.js';
import { createMemoryGuard } from './memory.js';
import { createProjectPool } from './project-pool.js';
import { readSource } from './read-source.js';
import { createRealpath, type Realpath } from './realpath.js';
import { createRootFinder, relativeTo, type RootFinder } from './roots.js';
import { summarize, type LintMessage, type LintResult } from './result.js';
import type { AnyRule } from './rule.js';

export interface LintFilesOptions {
  readonly paths: readonly string[];
  readonly cwd: string;
  /** The config of every file; or see `configFor`. */
  readonly config?: ResolvedConfig;
  /** The config of one file (absolute path): the CLI looks configs up from each file's directory. Wins over `config`. */
  readonly configFor?: (path: string) => ResolvedConfig;
  /** Every rule that exists; a config that carries its own (`ruleDefinitions`, from its plugins) uses those. */
  readonly rules: readonly AnyRule[];
  /** `.gitignore` and `--ignore-pattern` (createIgnoreFilter); nothing is ignored without it. */
  readonly ignore?: IgnoreFilter;
  /** `--no-ignore`: the configs' `ignores` do not apply either. */
  readonly noIgnore?: boolean;
  /** Texts to lint instead of the files' contents on disk, by absolute path (`--stdin`). */
  readonly texts?: ReadonlyMap<string, string>;
  /** Called after each file is linted (the CLI's progress line). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Files already discovered (the CLI discovers first, to load the configs they need); `paths` is then unused. */
  readonly discovery?: Discovery;
  /** Ignore `# trustlint-…` directives in the linted files (`--no-inline-config`). */
  readonly noInlineConfig?: boolean;
  /** The plugins' text targets (`pluginTargets`): searched for besides workflows and action metadata. */
  readonly targets?: readonly FileTarget[];
  /**
   * Apply fixes (`--fix`, `--fix-dry-run`): the fixes of the messages this accepts. Results whose file
   * would change get `output`; nothing is written here.
   */
  readonly fix?: (message: LintMessage) => boolean;
  /** Compute suggestions (default true); the CLI asks only for output that shows them. */
  readonly suggestions?: boolean;
  /**
   * Keep the heap near this many bytes by collecting between files when it grows past them
   * (memory.ts). Off when absent: the CLI sets it; a library caller decides for its own process.
   */
  readonly heapBudget?: number;
  /**
   * With `heapBudget`, also stop the young generation growing past 8 MB (memory.ts). It sets a V8
   * flag for the whole process, every thread included: only the CLI, which owns its process, asks.
   */
  readonly capYoungGeneration?: boolean;
  /** Reuse and store results (`--cache`); not used when fixing. The caller opens and saves it. */
  readonly cache?: LintCache;
}

export interface LintFilesOutcome {
  readonly results: LintResult[];
  /** Paths that do not exist or cannot be listed (exit code 2). */
  readonly problems: DiscoveryProblem[];
  /** Some file could not be read or a rule crashed (exit code 2). */
  readonly hadFatalIoOrInternalError: boolean;
}

/** Repository services kept alive at once (see project-pool.ts). */
const PROJECTS_ALIVE = 4;

/** Lints the files under `paths` with the resolved config. One bad file never stops the others. */
export function lintFiles(options: LintFilesOptions): LintFilesOutcome {
  // One memo of resolved directories for the whole run: discovery and project files share it.
  const realpath = createRealpath();
  const targets = compileFileTargets(options.targets ?? []);
  const { files, problems, hasGit } = options.discovery ?? discoverFiles(options.paths, options.cwd, realpath, targets, options.ignore);
  const configFor = options.configFor ?? ((): ResolvedConfig => {
    if (!options.config) throw new TypeError('lintFiles needs `config` or `configFor`');
    return options.config;
  });
  const defaultRules = rulesIndex(options.rules);
  const rulesOf = new Map<ResolvedConfig, RulesIndex>();
  const indexOf = (config: ResolvedConfig): RulesIndex => {
    if (!config.ruleDefinitions) return defaultRules;
    let index = rulesOf.get(config);
    if (!index) rulesOf.set(config, (index = rulesIndex(config.ruleDefinitions)));
    return index;
  };
  // A few repositories' services alive at a time: memory stays bounded over an organisation's repositories.
  const projects = createProjectPool<ProjectService>(PROJECTS_ALIVE);
  // The run-wide store: facts about strings (globs) are shared across files, never across runs.
  const facts = createFactStore();
  const results: LintResult[] = [];
  let hadFatal = false;
  const memory = options.heapBudget === undefined ? undefined : createMemoryGuard(options.heapBudget, options.capYoungGeneration === true);

  const roots = createRootFinder(options.cwd, hasGit);
  /** A result naming why a file cannot be read, or undefined when it can. */
  const unreadableResult = (file: DiscoveredFile): LintResult | undefined => {
    const read = file.refusal ? { error: file.refusal } : readSource(file.path, configFor(file.path).limits.maxFileBytes);
    if (!('error' in read)) return undefined;
    hadFatal = true;
    const relativePath = toPosixPath(relativeTo(roots.reportRoot(file.path, file.given), file.path)) || file.path;
    return summarize(file.path, relativePath, [{ ruleId: null, severity: 2, fatal: true, message: read.error, line: 1, column: 1, endLine: 1, endColumn: 1 }], []);
  };
  /** Lints one file; undefined when the config ignores it. */
  const lintOne = (file: DiscoveredFile): LintResult | undefined => {
    const repositoryRoot = roots.projectRoot(file.path);
    const reportRoot = roots.reportRoot(file.path, file.given);
    const relativePath = toPosixPath(relativeTo(reportRoot, file.path)) || file.path;
    const config = configFor(file.path);
    const { ruleById, knownRuleIds, suggestRule } = indexOf(config);
    const configRelative = toPosixPath(relativeTo(config.baseDir, file.path));
    const displayPath = file.path;
    if (file.ignored || (!options.noIgnore && config.isIgnored(configRelative))) {
      // As ESLint: a file named explicitly but ignored is a warning, not a silent pass.
      return file.explicit ? summarize(displayPath, relativePath, [IGNORED_FILE_WARNING], []) : undefined;
    }

    const given = options.texts?.get(file.path);
    const read = given !== undefined ? { text: given, invalidUtf8At: undefined } : file.refusal ? { error: file.refusal } : readSource(file.path, config.limits.maxFileBytes);
    if ('error' in read) {
      hadFatal = true;
      return summarize(displayPath, relativePath, [
        { ruleId: null, severity: 2, fatal: true, message: read.error, line: 1, column: 1, endLine: 1, endColumn: 1 },
      ], []);
    }
    const { rules: settings, settings: fileSettings } = config.forFile(configRelative);
    const enabled: EnabledRule[] = [];
    for (const [id, setting] of settings) {
      const rule = ruleById.get(id);
      if (rule && setting.severity !== 'off') enabled.push({ rule, severity: setting.severity, options: setting.options });
    }
    const project = projects.get(repositoryRoot, () => createProjectService(diskSource(repositoryRoot, config.limits.maxFileBytes, realpath), config.limits));
    const cache = options.fix ? undefined : options.cache;
    const cacheKey = cache && cacheKeyOf(read.text, { displayPath, relativePath, reportRoot, settings: [...settings], fileSettings, config, knownRuleIds, options });
    const cached = cacheKey === undefined ? undefined : cache!.get(displayPath, cacheKey);
    if (cached) return cached;
    let result: LintResult;
    // A file with bytes that are not UTF-8 reads them as U+FFFD: writing it back would destroy them.
    const fix = read.invalidUtf8At === undefined ? options.fix : undefined;
    try {
      const lintOptions = {
        filePath: displayPath,
        relativePath,
        ...(isInside(file.path, repositoryRoot) ? { projectPath: toPosixPath(relativeTo(repositoryRoot, file.path)) } : {}),
        rules: enabled,
        settings: fileSettings,
        project,
        facts,
        limits: config.limits,
        reportUnusedDirectives: config.reportUnusedDisableDirectives,
        knownRuleIds,
        suggestRule,
        noInlineConfig: options.noInlineConfig === true,
        targets,
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
    else if (cacheKey !== undefined) cache!.set(displayPath, cacheKey, repositoryRoot, result);
    return result;
  };

  // A file named explicitly that is not a workflow (a package manifest, a Makefile, a local action)
  // also stands for the workflows that read it: pre-commit passes the changed files, and a change
  // there can change their findings. It is linted itself when it is action metadata or YAML.
  const linted = new Set<string>();
  const standIns: DiscoveredFile[] = [];
  let done = 0;
  for (const file of files) {
    options.onProgress?.(done++, files.length);
    const standsIn = file.explicit && fileKindHint(toPosixPath(file.path)) !== 'workflow';
    if (standsIn) standIns.push(file);
    if (standsIn && !isLintTarget(file.path, targets) && !/\.ya?ml$/i.test(file.path) && !options.texts?.has(file.path)) {
      // Not linted, but a named file that cannot be read (a device, a FIFO, a dangling link) is still reported.
      const unreadable = unreadableResult(file);
      if (unreadable) results.push(unreadable);
      continue;
    }
    linted.add(file.path);
    const result = lintOne(file);
    if (result) results.push(result);
    memory?.check();
  }
  for (const dependent of dependentFiles(standIns, roots, linted, options.cwd, realpath)) {
    linted.add(dependent.file.path);
    memory?.check();
    const result = lintOne(dependent.file);
    if (result && dependsOn(result, dependent.paths)) results.push(result);
  }
  return { results, problems, hadFatalIoOrInternalError: hadFatal };
}

/** What a file's result depends on besides other files: its text, its configuration, how it is named, the run's options. */
function cacheKeyOf(text: string, parts: { displayPath: string; relativePath: string; reportRoot: string; settings: unknown; fileSettings: unknown; config: ResolvedConfig; knownRuleIds: ReadonlySet<string>; options: LintFilesOptions }): string {
  const { config, options } = parts;
  const run = {
    paths: [parts.displayPath, parts.relativePath, parts.reportRoot],
    rules: parts.settings,
    settings: parts.fileSettings,
    limits: config.limits,
    unused: config.reportUnusedDisableDirectives,
    known: [...parts.knownRuleIds],
    targets: options.targets ?? [],
    noInlineConfig: options.noInlineConfig === true,
    suggestions: options.suggestions !== false,
  };
  return hashOf(text, JSON.stringify(run));
}

interface RulesIndex {
  readonly ruleById: ReadonlyMap<string, AnyRule>;
  readonly knownRuleIds: ReadonlySet<string>;
  readonly suggestRule: (id: string) => string | undefined;
}

function rulesIndex(rules: readonly AnyRule[]): RulesIndex {
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  const knownRuleIds = new Set(ruleById.keys());
  return { ruleById, knownRuleIds, suggestRule: (id) => suggest(id, knownRuleIds) };
}

/** ESLint's words, so that editor integrations and users recognise it. */
export const IGNORED_FILE_MESSAGE = 'File ignored because of a matching ignore pattern. Use "--no-ignore" to override.';
const IGNORED_FILE_WARNING: LintMessage = { ruleId: null, severity: 1, message: IGNORED_FILE_MESSAGE, line: 1, column: 1, endLine: 1, endColumn: 1 };

/** The workflows and actions of each stand-in's repository, with the stand-in paths (repository-relative) they may depend on. */
function dependentFiles(
  standIns: readonly DiscoveredFile[],
  roots: RootFinder,
  linted: ReadonlySet<string>,
  cwd: string,
  realpath: Realpath,
): Array<{ file: DiscoveredFile; paths: readonly string[] }> {
  const byRoot = new Map<string, string[]>();
  for (const file of standIns) {
    const root = roots.projectRoot(file.path);
    if (!isInside(file.path, root) || file.path === root) continue;
    byRoot.set(root, [...(byRoot.get(root) ?? []), toPosixPath(relativeTo(root, file.path))]);
  }
  const dependents: Array<{ file: DiscoveredFile; paths: readonly string[] }> = [];
  for (const [root, paths] of byRoot) {
    // Only workflows and action metadata read other files; text targets depend on nothing.
    for (const file of discoverFiles([root], cwd, realpath).files) {
      if (!linted.has(file.path)) dependents.push({ file, paths });
    }
  }
  return dependents;
}

/** Whether a result read one of `paths`, or listed the directory that holds one (a new file there may change it). */
function dependsOn(result: LintResult, paths: readonly string[]): boolean {
  const dependencies = new Set(result.dependencies ?? []);
  return paths.some((path) => {
    const slash = path.lastIndexOf('/');
    return dependencies.has(path) || dependencies.has(slash < 0 ? './' : `${path.slice(0, slash)}/`);
  });
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
  const crosses = (message: LintMessage) => message.related?.some((item) => item.filePath !== undefined) === true;
  if (![...result.messages, ...result.suppressedMessages].some(crosses)) return result;
  const remap = (message: LintMessage): LintMessage =>
    crosses(message)
      ? {
          ...message,
          related: message.related!.map((item) =>
            item.filePath === undefined ? item : { ...item, relativePath: toPosixPath(relativeTo(reportRoot, item.filePath)) || item.filePath },
          ),
        }
      : message;
  return { ...result, messages: result.messages.map(remap), suppressedMessages: result.suppressedMessages.map(remap) };
}
