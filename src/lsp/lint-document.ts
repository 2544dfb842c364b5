/**
 * One editor document linted as the CLI lints the file on disk: the config found from its directory,
 * its repository read through the project service, but with the editor's open (possibly unsaved)
 * documents read in preference to the disk. Config files are checked as the CLI loads them.
 */
import { basename, dirname, join, relative, sep } from 'node:path';
import { ConfigError, loadConfig, resolveConfig, CONFIG_FILE_NAMES } from '../engine/config/load-config.js';
import { parseConfigText } from '../engine/config/read-config.js';
import { isLintTarget } from '../engine/discover-files.js';
import { compileFileTargets } from '../engine/file-targets.js';
import { lintText, type EnabledRule } from '../engine/lint-text.js';
import { isInside, toPosixPath } from '../engine/paths.js';
import { pluginRules, pluginTargets, type Plugin } from '../engine/plugin.js';
import { createProjectService, diskSource, normalizeProjectPath, type ProjectSource } from '../engine/project.js';
import type { LintMessage } from '../engine/result.js';
import { createRootFinder } from '../engine/roots.js';
import type { AnyRule } from '../engine/rule.js';
import { suggest } from '../engine/suggest.js';

export type DocumentKind = 'lint' | 'config';

/** The text of an open document at an absolute path, or undefined when none is open there. */
export type OpenText = (path: string) => string | undefined;

export interface DocumentLint {
  readonly messages: readonly LintMessage[];
  /** The repository the document belongs to, and the files of it the result read (repository-relative). */
  readonly root: string;
  readonly dependencies: readonly string[];
}

/** What the server lints: workflows, action metadata and credential files as the CLI finds them, and config files. */
export function documentKind(path: string, plugins: readonly Plugin[]): DocumentKind | undefined {
  const posix = toPosixPath(path);
  if (CONFIG_FILE_NAMES.some((name) => posix.endsWith(`/${name}`))) return 'config';
  return isLintTarget(path, compileFileTargets(pluginTargets(plugins))) ? 'lint' : undefined;
}

/** A message at the start of the file (configuration problems have no place in the linted file). */
function atStart(message: string): LintMessage {
  return { ruleId: null, severity: 2, message, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** A config error, at the `file:line:column` it names when it names one in this file. */
function configMessage(error: ConfigError, shownAs: string, text: string): LintMessage {
  const located = new RegExp(`^${shownAs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+): `).exec(error.message);
  if (!located) return atStart(`trustlint config: ${error.message}`);
  const line = Number(located[1]);
  const column = Number(located[2]);
  const lineText = text.split('\n')[line - 1] ?? '';
  const endColumn = Math.max(column, lineText.replace(/\r$/, '').length + 1);
  return { ruleId: null, severity: 2, message: error.message.slice(located[0].length), line, column, endLine: line, endColumn };
}

/** The disk, with open documents read first (by absolute path under `root`). */
function withOpenDocuments(disk: ProjectSource, root: string, open: OpenText): ProjectSource {
  const openAt = (relativePath: string): string | undefined => {
    const normalized = normalizeProjectPath(relativePath);
    return normalized ? open(join(root, ...normalized.split('/'))) : undefined;
  };
  return {
    root: disk.root,
    read: (relativePath) => openAt(relativePath) ?? disk.read(relativePath),
    exists: (relativePath) => openAt(relativePath) !== undefined || disk.exists(relativePath),
    list: (relativePath) => disk.list(relativePath),
  };
}

/** Lints a config document's text: parse errors and invalid values, as the CLI would report them. */
function lintConfig(path: string, text: string, plugins: readonly Plugin[]): DocumentLint {
  const root = createRootFinder(dirname(path)).projectRoot(path);
  const shownAs = basename(path);
  try {
    resolveConfig(parseConfigText(text, path, shownAs), path, { plugins, cwd: dirname(path) });
    return { messages: [], root, dependencies: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { messages: [configMessage(error, shownAs, text)], root, dependencies: [] };
  }
}

/** Lints a document's text; never throws for a bad config (it becomes the document's one diagnostic). */
export function lintDocument(path: string, text: string, kind: DocumentKind, plugins: readonly Plugin[], open: OpenText): DocumentLint {
  if (kind === 'config') return lintConfig(path, text, plugins);
  const root = createRootFinder(dirname(path)).projectRoot(path);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ cwd: dirname(path), plugins });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { messages: [atStart(`trustlint config: ${error.message}`)], root, dependencies: [] };
  }
  const configRelative = toPosixPath(relative(config.baseDir, path));
  if (config.isIgnored(configRelative)) return { messages: [], root, dependencies: [] };
  const rules: readonly AnyRule[] = pluginRules(plugins);
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  const { rules: settings, settings: fileSettings } = config.forFile(configRelative);
  const enabled: EnabledRule[] = [];
  for (const [id, setting] of settings) {
    const rule = ruleById.get(id);
    if (rule && setting.severity !== 'off') enabled.push({ rule, severity: setting.severity, options: setting.options });
  }
  const inside = isInside(path, root) && path !== root;
  const relativePath = inside ? toPosixPath(relative(root, path)) : toPosixPath(path);
  const knownRuleIds = new Set(ruleById.keys());
  // A project service per lint: what the editor holds now, never a cache from an earlier keystroke.
  const project = createProjectService(withOpenDocuments(diskSource(root, config.limits.maxFileBytes), root, open), config.limits);
  const result = lintText(text, {
    filePath: path,
    relativePath,
    ...(inside ? { projectPath: relativePath } : {}),
    rules: enabled,
    settings: fileSettings,
    project,
    limits: config.limits,
    reportUnusedDirectives: config.reportUnusedDisableDirectives,
    knownRuleIds,
    suggestRule: (id) => suggest(id, knownRuleIds),
    targets: compileFileTargets(pluginTargets(plugins)),
  });
  return { messages: result.messages, root, dependencies: result.dependencies ?? [] };
}

/** Whether a result that read `dependencies` of `root` may change when the file at `path` changes. */
export function dependsOn(lint: DocumentLint, path: string): boolean {
  if (!isInside(path, lint.root) || path === lint.root) return false;
  const relativePath = relative(lint.root, path).split(sep).join('/');
  const slash = relativePath.lastIndexOf('/');
  const listing = slash < 0 ? './' : `${relativePath.slice(0, slash)}/`;
  return lint.dependencies.includes(relativePath) || lint.dependencies.includes(listing);
}
