import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { ResolvedConfig } from './config/load-config.js';
import { suggest } from './suggest.js';
import { discoverFiles, type DiscoveryProblem } from './discover-files.js';
import { lintText, type EnabledRule } from './lint-text.js';
import { createLineIndex } from './line-index.js';
import { toPosixPath } from './paths.js';
import { createRealpath, type Realpath } from './realpath.js';
import { createRootFinder, relativeTo } from './roots.js';
import { summarize, type LintMessage, type LintResult } from './result.js';
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
  // One memo of resolved directories for the whole run: discovery and project files share it.
  const realpath = createRealpath();
  const { files, problems, hasGit } = discoverFiles(options.paths, options.cwd, realpath);
  const config = options.config;
  const ruleById = new Map(options.rules.map((rule) => [rule.id, rule]));
  const knownRuleIds = new Set(ruleById.keys());
  const suggestRule = (id: string) => suggest(id, knownRuleIds);
  const projects = new Map<string, ProjectFiles>();
  const results: LintResult[] = [];
  let hadFatal = false;

  const roots = createRootFinder(options.cwd, hasGit);
  for (const file of files) {
    const repositoryRoot = roots.projectRoot(file.path);
    const relativePath = toPosixPath(relativeTo(roots.reportRoot(file.path, file.given), file.path)) || file.path;
    const configRelative = toPosixPath(relativeTo(config.baseDir, file.path));
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
      project = createProjectFiles(repositoryRoot, realpath);
      projects.set(repositoryRoot, project);
    }
    let result: LintResult;
    try {
      result = lintText(read.text, {
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
    } catch (error) {
      // lintText contains rule crashes itself; this catches the engine (parser, model, directives)
      // so one file that breaks it still gets a result and the other files are still linted.
      result = summarize(displayPath, relativePath, [internalErrorMessage(error)], [], true);
    }
    if (read.invalidUtf8At !== undefined) result = withInvalidUtf8(result, read.text, read.invalidUtf8At);
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
  const lineIndex = createLineIndex(body);
  const position = lineIndex.position(at);
  const end = lineIndex.position(Math.min(body.length, at + 1));
  const message: LintMessage = {
    ruleId: null,
    severity: 2,
    fatal: true,
    message: 'File is not valid UTF-8: this byte (and any later invalid one) is read as U+FFFD',
    line: position.line,
    column: position.column,
    endLine: end.line,
    endColumn: end.column,
  };
  return summarize(result.filePath, result.relativePath, [...result.messages, message], [...result.suppressedMessages], result.internalError === true);
}

/**
 * Reads a file to lint, refusing what is not a regular file before opening it: opening a FIFO blocks
 * until someone writes to it, and `/dev/zero` or `/dev/urandom` never end. The read is bounded by
 * `maxBytes` even if the file grows between the size check and the read.
 */
export function readSource(path: string, maxBytes: number): { text: string; invalidUtf8At?: number } | { error: string } {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: 'Cannot lint a directory as a file' };
    if (!stat.isFile()) return { error: `Not a regular file (${fileKind(stat)}); not read` };
    if (stat.size > maxBytes) {
      return { error: `File is ${stat.size} bytes, larger than the limit of ${maxBytes} (limits.maxFileBytes); not analysed` };
    }
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { error: `Not a regular file (${fileKind(opened)}); not read` };
    // One byte more than allowed tells a file that grew past the limit from one that is exactly at it.
    const buffer = Buffer.alloc(Math.min(maxBytes, Math.max(opened.size, stat.size)) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) {
      return { error: `File is larger than the limit of ${maxBytes} bytes (limits.maxFileBytes); not analysed` };
    }
    const content = buffer.subarray(0, length);
    if (content.includes(0)) return { error: 'File holds NUL bytes: it is binary, not YAML; not analysed' };
    const invalidAt = firstInvalidUtf8(content);
    if (invalidAt === undefined) return { text: content.toString('utf8') };
    // Linted anyway (each bad byte reads as U+FFFD), with a finding at the first one.
    return { text: content.toString('utf8'), invalidUtf8At: content.subarray(0, invalidAt).toString('utf8').length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { error: `Cannot read the file (${code})` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fileKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** Byte offset of the first byte that is not part of well-formed UTF-8, or undefined when all is. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index++;
      continue;
    }
    // Lead byte: length of the sequence and the allowed range of the second byte (RFC 3629 table),
    // which excludes overlong forms and UTF-16 surrogates.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return index;
    if (index + length > bytes.length) return index;
    const second = bytes[index + 1]!;
    if (second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next]!;
      if (continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return undefined;
}

/** Reads files of one repository, refusing anything that resolves outside it. */
export function createProjectFiles(root: string, realpath: Realpath = createRealpath()): ProjectFiles {
  const realRoot = (() => {
    try {
      return realpath(root);
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
        const real = realpath(candidate);
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
