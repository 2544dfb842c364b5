import { writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cacheFilePath, openCache } from './engine/cache.js';
import { loadConfigSet } from './engine/config/config-set.js';
import { ConfigError } from './engine/config/config-error.js';
import { defaultImport, type ImportModule } from './engine/config/load-plugins.js';
import { HELP } from './cli-help.js';
import { parseCliArgs, parseMaxWarnings, parseRuleFlags, PRE_COMMIT_NEEDS_SEPARATOR, usageError, useColor } from './engine/cli-options.js';
import { discoverFiles, type Discovery } from './engine/discover-files.js';
import { compileFileTargets } from './engine/file-targets.js';
import { checkIgnorePattern, createIgnoreFilter } from './engine/ignore.js';
import { lintFiles } from './engine/lint-files.js';
import { loadFormatter, type CustomFormatter } from './engine/load-formatter.js';
import { toPosixPath } from './engine/paths.js';
import { createRealpath } from './engine/realpath.js';
import { gitRootOf } from './engine/roots.js';
import type { LintMessage, LintResult } from './engine/result.js';
import type { AnyRule } from './engine/rule.js';
import { pluginTargets, type Plugin } from './engine/plugin.js';
import { formatters, type FormatterName } from './formatters/index.js';
import { startLanguageServer } from './lsp/server.js';
import { builtinPlugin } from './rules/index.js';
import { VERSION } from './version.js';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_FATAL = 2;

/** A run with more files than this shows its progress on stderr, when stderr is a terminal. */
const PROGRESS_MIN_FILES = 200;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  /** stderr is a terminal (progress is shown only then). */
  readonly stderrIsTty?: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** All of standard input (`--stdin`). */
  readonly readStdin?: () => Promise<string>;
  /** Imports plugins and formatters (the bundled CLI passes its host's `import`). */
  readonly importModule?: ImportModule;
}

/**
 * Runs the CLI and returns the exit code; all output goes through `io`. `plugins` are the rule packs
 * (tests pass their own, e.g. a rule that throws, to check containment end to end); a config's
 * `plugins:` add to them.
 */
export async function runCli(argv: readonly string[], io: CliIo, plugins: readonly Plugin[] = [builtinPlugin]): Promise<number> {
  let args: ReturnType<typeof parseCliArgs>;
  try {
    args = parseCliArgs(argv);
  } catch (error) {
    io.stderr(`trustlint: ${usageError(error)}; run \`trustlint --help\` for usage\n`);
    return EXIT_FATAL;
  }
  const { values, positionals } = args;
  const usage = (message: string) => {
    io.stderr(`trustlint: ${message}\n`);
    return EXIT_FATAL;
  };
  if (values['pre-commit'] && !args.tokens.some((token) => token.kind === 'option-terminator')) return usage(PRE_COMMIT_NEEDS_SEPARATOR);
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  if (values.lsp || values.stdio) return startLsp(values.lsp === true, positionals, io, plugins);
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  if (maxWarnings === undefined) return usage(`--max-warnings takes a whole number (or -1 for no limit), not \`${values['max-warnings']}\``);
  if (values.fix && values['fix-dry-run']) return usage('--fix and --fix-dry-run cannot be used together');
  const sarifSuppressed = values['sarif-suppressed'] ?? 'keep';
  if (sarifSuppressed !== 'keep' && sarifSuppressed !== 'omit') return usage(`--sarif-suppressed takes keep or omit, not \`${sarifSuppressed}\``);
  if (values['stdin-filename'] !== undefined && !values.stdin) return usage('--stdin-filename needs --stdin');
  if (values.stdin && positionals.length > 0) return usage('--stdin lints standard input: give no paths with it');
  if (values.stdin && values.fix) return usage('--fix cannot write to standard input; use --fix-dry-run (the JSON output has the fixed text)');
  for (const pattern of values['ignore-pattern'] ?? []) {
    const problem = checkIgnorePattern(pattern);
    if (problem) return usage(`--ignore-pattern \`${pattern}\` ${problem}`);
  }
  const importModule = io.importModule ?? defaultImport;

  try {
    const ruleOverrides = parseRuleFlags(values.rule ?? []);
    const format = values.format ?? 'stylish';
    // Own keys only: `--format constructor` names no built-in formatter.
    const custom: CustomFormatter | undefined = Object.hasOwn(formatters, format) ? undefined : await loadFormatter(format, io.cwd, importModule);
    const configOptions = {
      cwd: io.cwd,
      plugins,
      ruleOverrides,
      importModule,
      ...(values.config ? { configFile: values.config } : {}),
      noLookup: values['no-config-lookup'] === true,
    };
    if (values['print-config'] !== undefined) {
      const target = resolve(io.cwd, values['print-config']);
      const config = (await loadConfigSet([target], configOptions)).forFile(target);
      const forFile = config.forFile(toPosixPath(relative(config.baseDir, target)));
      const printed = {
        configFile: config.filePath ?? null,
        rules: Object.fromEntries(
          [...forFile.rules].map(([id, setting]) => [id, setting.options === undefined ? setting.severity : [setting.severity, setting.options]]),
        ),
        settings: forFile.settings,
        reportUnusedDisableDirectives: config.reportUnusedDisableDirectives,
        limits: config.limits,
      };
      io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
      return EXIT_OK;
    }

    const realpath = createRealpath();
    const targetList = pluginTargets(plugins);
    const ignore = createIgnoreFilter({ cwd: io.cwd, gitignore: values['no-ignore'] !== true, patterns: values['no-ignore'] ? [] : (values['ignore-pattern'] ?? []) });
    let discovery: Discovery;
    let texts: Map<string, string> | undefined;
    // With no paths: the repository the working directory is in, from its root (ESLint lints from the cwd; a
    // subfolder of a repository has no .github/workflows, so that would lint nothing).
    const searched = positionals.length > 0 ? positionals : [gitRootOf(io.cwd) ?? io.cwd];
    if (values.stdin) {
      const path = resolve(io.cwd, values['stdin-filename'] ?? '<text>');
      texts = new Map([[path, await (io.readStdin ?? (() => Promise.resolve('')))()]]);
      const ignored = values['stdin-filename'] !== undefined && ignore.ignoredWithAncestors(path);
      discovery = { files: [{ path, given: path, explicit: true, ...(ignored ? { ignored } : {}) }], problems: [], hasGit: new Map() };
    } else {
      discovery = discoverFiles(searched, io.cwd, realpath, compileFileTargets(targetList), ignore);
    }
    if (discovery.files.length === 0 && discovery.problems.length === 0) {
      // A broken config where it looked is the error to report first (the user is fixing it).
      await loadConfigSet(searched.map((path) => join(resolve(io.cwd, path), '-')), configOptions);
      const where = searched.map((path) => resolve(io.cwd, path)).join(', ');
      return usage(`nothing to lint: no workflow (.github/workflows/*.yml), action metadata (action.yml) or registry credential file found in ${where}${values['no-ignore'] ? '' : ' (outside what is ignored)'}`);
    }
    const configs = await loadConfigSet(discovery.files.map((file) => file.path), configOptions);
    const allRules = knownRules(configs.configs.flatMap((config) => config.ruleDefinitions));

    const fixing = values.fix === true || values['fix-dry-run'] === true;
    // As ESLint: with --quiet, only the fixes of errors are applied.
    const fix = fixing ? (message: LintMessage) => !values.quiet || message.severity === 2 : undefined;
    const cache = values.cache ? openCache(cacheFilePath(io.cwd, values['cache-location']), VERSION) : undefined;
    const progress = io.stderrIsTty === true && discovery.files.length > PROGRESS_MIN_FILES;
    const format2 = format as FormatterName;
    const outcome = lintFiles({
      paths: searched,
      cwd: io.cwd,
      configFor: configs.forFile,
      rules: allRules,
      discovery,
      ...(texts ? { texts } : {}),
      noIgnore: values['no-ignore'] === true,
      noInlineConfig: values['no-inline-config'] === true,
      targets: targetList,
      // Only the JSON output (and custom formatters) shows suggestions; the other formats skip making them.
      suggestions: format === 'json' || custom !== undefined,
      // Peak memory stays near 150 MB at 10,000 files without NODE_OPTIONS (bench/HISTORY.md).
      heapBudget: 64 * 1024 * 1024,
      ...(fix ? { fix } : {}),
      ...(cache ? { cache } : {}),
      ...(progress ? { onProgress: (done: number, total: number) => done % 50 === 0 && io.stderr(`\rtrustlint: ${done}/${total} files`) } : {}),
    });
    if (progress) io.stderr('\r\x1b[K');
    if (cache && !cache.save()) io.stderr(`trustlint: cannot write the cache ${cacheFilePath(io.cwd, values['cache-location'])}\n`);
    for (const problem of outcome.problems) io.stderr(`trustlint: ${problem.path}: ${problem.message}\n`);
    const unwritten = values.fix ? writeFixes(outcome.results, io) : 0;
    let results = values.quiet ? outcome.results.map(errorsOnly) : outcome.results;
    if (format === 'sarif' && sarifSuppressed === 'omit') results = results.map((result) => ({ ...result, suppressedMessages: [] }));
    const color = useColor(values, io.env, io.isTty) && !values['output-file'];
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
    const output = custom
      ? await custom(results, {
          cwd: io.cwd,
          rulesMeta: Object.fromEntries(allRules.map((rule) => [rule.id, rule.meta])),
          version: VERSION,
          color,
          ...(tooManyWarnings ? { maxWarningsExceeded: { maxWarnings, foundWarnings: warnings } } : {}),
        })
      : formatters[format2](results, { rules: allRules, version: VERSION, color });
    if (values['output-file']) {
      const target = resolve(io.cwd, values['output-file']);
      try {
        // No directory is created: besides the files `--fix` rewrites, the report is all trustlint writes.
        writeFileSync(target, output);
      } catch (error) {
        return usage(`cannot write ${values['output-file']}: ${describeWriteError(error)}`);
      }
    } else if (output) io.stdout(output);
    if (values.debug) printStacks(outcome.results, io);

    if (outcome.problems.length > 0 || outcome.hadFatalIoOrInternalError || unwritten > 0) return EXIT_FATAL;
    if (errors > 0) return EXIT_FINDINGS;
    if (tooManyWarnings) {
      io.stderr(`trustlint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${maxWarnings}\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ConfigError) return usage(oneLine(error.message));
    io.stderr(`trustlint: internal error: ${(error as Error).message?.split('\n')[0] ?? String(error)}\n`);
    if (values.debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_FATAL;
  }
}

/** Each rule once, by id, in the order first seen (the built-in ones first: SARIF's rule list). */
function knownRules(rules: readonly AnyRule[]): AnyRule[] {
  const byId = new Map<string, AnyRule>();
  for (const rule of rules) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return [...byId.values()];
}

/**
 * `--lsp` (a trailing `--stdio`, which LSP clients append, is accepted). The server's libraries are
 * imported only now, from their own bundle, so no other run pays for them. It runs until `exit`.
 */
function startLsp(lsp: boolean, positionals: readonly string[], io: CliIo, plugins: readonly Plugin[]): number {
  if (!lsp || positionals.length > 0) {
    io.stderr(`trustlint: ${lsp ? '--lsp takes no paths' : '--stdio is only for --lsp'}; run \`trustlint --help\` for usage\n`);
    return EXIT_FATAL;
  }
  startLanguageServer(plugins).catch((error: unknown) => {
    io.stderr(`trustlint: cannot start the language server: ${(error as Error).message?.split('\n')[0] ?? String(error)}\n`);
    process.exitCode = EXIT_FATAL;
  });
  return EXIT_OK;
}

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** Writes each fixed file (`--fix`); returns how many could not be written. */
function writeFixes(results: readonly LintResult[], io: CliIo): number {
  let failed = 0;
  for (const result of results) {
    if (result.output === undefined) continue;
    try {
      writeFileSync(resolve(io.cwd, result.filePath), result.output);
    } catch (error) {
      failed++;
      io.stderr(`trustlint: cannot write the fixes to ${result.filePath}: ${describeWriteError(error)}\n`);
    }
  }
  return failed;
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && Object.hasOwn(WRITE_ERRORS, code)) return `${WRITE_ERRORS[code]} (${code})`;
  return code ?? (error as Error).message?.split('\n')[0] ?? String(error);
}

/** The stacks of internal errors (rule crashes), which formatters never show. */
function printStacks(results: readonly LintResult[], io: CliIo): void {
  for (const result of results) {
    for (const message of result.messages) {
      if (message.stack) io.stderr(`trustlint: ${result.filePath}: ${message.message}\n${message.stack}\n`);
    }
  }
}

/** A config error with a single problem reads as one line; several stay listed one per line. */
function oneLine(message: string): string {
  const lines = message.split('\n');
  return lines.length === 2 && /^\s+/.test(lines[1]!) ? `${lines[0]!.replace(/:$/, '')}: ${lines[1]!.trim()}` : message;
}

function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((message) => message.severity === 2);
  return { ...result, messages, warningCount: 0, errorCount: messages.length, fixableWarningCount: 0 };
}
