import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { cacheFilePath, openCache } from './engine/cache.js';
import { ConfigError, loadConfig } from './engine/config/load-config.js';
import { suggest } from './engine/suggest.js';
import type { RuleEntry } from './engine/config/config-schema.js';
import { lintFiles } from './engine/lint-files.js';
import { toPosixPath } from './engine/paths.js';
import type { LintMessage, LintResult } from './engine/result.js';
import { pluginRules, pluginTargets, type Plugin } from './engine/plugin.js';
import { formatters, type FormatterName } from './formatters/index.js';
import { startLanguageServer } from './lsp/server.js';
import { builtinPlugin } from './rules/index.js';
import { VERSION } from './version.js';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_FATAL = 2;

const HELP = `trustlint [options] [--] [paths...]

Lint GitHub Actions workflows and action metadata for safe package publishing.
With no paths, lints the current repository. Directories are searched for
.github/workflows/*.{yml,yaml}, action.{yml,yaml} and committed registry credential
files (.npmrc, .yarnrc.yml, .pypirc, ...); named files are linted whatever their name.
Everything after '--' is a path, even a name that starts with '-'.

Options:
  -f, --format <name>         stylish (default), json, sarif, github
  -o, --output-file <path>    Write the report to a file instead of stdout
      --max-warnings <n>      Exit 1 when there are more than n warnings
      --quiet                 Report errors only (with --fix: apply fixes of errors only)
      --fix                   Apply the safe fixes to the files and report what remains
      --fix-dry-run           Compute the fixes without writing them (JSON results gain output)
  -c, --config <path>         Use this config file (no lookup)
      --no-config-lookup      Ignore config files; use the recommended preset
      --no-inline-config      Ignore # trustlint-disable directives in the linted files
                              (in CI on pull requests, with -c <trusted config>)
      --rule <'id: severity'> Set a rule, e.g. --rule 'require-provenance: off' (repeatable)
      --print-config <file>   Print the configuration used for a file and exit
      --cache                 Reuse the results of files whose content, configuration and
                              dependencies are unchanged (stored in .trustlintcache)
      --cache-location <path> The cache file, or a directory to hold it
      --color, --no-color     Force colour on or off (default: on for a terminal)
      --debug                 Print stack traces of internal errors
      --pre-commit            For hook runners: refuse to run unless the file names
                              follow '--' (the hook's args must end with '--')
      --lsp                   Run the language server on stdin/stdout (docs/editors.md)
  -v, --version               Print the version
  -h, --help                  Print this help

Exit codes: 0 no errors; 1 errors, or more warnings than --max-warnings;
2 bad usage, a bad config, a file that could not be read or written, or an internal error.
Docs: https://github.com/trustlint/trustlint#readme`;

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Runs the CLI and returns the exit code; all output goes through `io`. `plugins` are the rule packs
 * (tests pass their own, e.g. a rule that throws, to check containment end to end).
 */
export function runCli(argv: readonly string[], io: CliIo, plugins: readonly Plugin[] = [builtinPlugin]): number {
  const allRules = pluginRules(plugins);
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`trustlint: ${usageError(error)}; run \`trustlint --help\` for usage\n`);
    return EXIT_FATAL;
  }
  const { values, positionals } = args;
  if (values['pre-commit'] && !args.tokens.some((token) => token.kind === 'option-terminator')) {
    io.stderr(`trustlint: ${PRE_COMMIT_NEEDS_SEPARATOR}\n`);
    return EXIT_FATAL;
  }
  if (values.help) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  if (values.lsp || values.stdio) return startLsp(values.lsp === true, positionals, io, plugins);
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const format = (values.format ?? 'stylish') as FormatterName;
  // Own keys only: `--format constructor` names no formatter.
  if (!Object.hasOwn(formatters, format)) {
    io.stderr(`trustlint: unknown format \`${format}\`; use one of ${Object.keys(formatters).join(', ')}\n`);
    return EXIT_FATAL;
  }
  let maxWarnings = -1;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.stderr(`trustlint: --max-warnings takes a whole number, not \`${values['max-warnings']}\`\n`);
      return EXIT_FATAL;
    }
  }

  if (values.fix && values['fix-dry-run']) {
    io.stderr('trustlint: --fix and --fix-dry-run cannot be used together\n');
    return EXIT_FATAL;
  }

  try {
    const ruleOverrides = parseRuleFlags(values.rule ?? []);
    const config = loadConfig({
      cwd: io.cwd,
      plugins,
      ruleOverrides,
      ...(values.config ? { configFile: values.config } : {}),
      noLookup: values['no-config-lookup'] === true,
    });
    if (values['print-config'] !== undefined) {
      const target = resolve(io.cwd, values['print-config']);
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

    const fixing = values.fix === true || values['fix-dry-run'] === true;
    // As ESLint: with --quiet, only the fixes of errors are applied.
    const fix = fixing ? (message: LintMessage) => !values.quiet || message.severity === 2 : undefined;
    const cache = values.cache ? openCache(cacheFilePath(io.cwd, values['cache-location']), VERSION) : undefined;
    const outcome = lintFiles({
      paths: positionals,
      cwd: io.cwd,
      config,
      rules: allRules,
      noInlineConfig: values['no-inline-config'] === true,
      targets: pluginTargets(plugins),
      // Only the JSON output shows suggestions; the other formats skip making them.
      suggestions: format === 'json',
      // Peak memory stays near 150 MB at 10,000 files without NODE_OPTIONS (docs/performance.md).
      heapBudget: 64 * 1024 * 1024,
      ...(fix ? { fix } : {}),
      ...(cache ? { cache } : {}),
    });
    if (cache && !cache.save()) io.stderr(`trustlint: cannot write the cache ${cacheFilePath(io.cwd, values['cache-location'])}\n`);
    for (const problem of outcome.problems) io.stderr(`trustlint: ${problem.path}: ${problem.message}\n`);
    const unwritten = values.fix ? writeFixes(outcome.results, io) : 0;
    const results = values.quiet ? outcome.results.map(errorsOnly) : outcome.results;
    const useColor = values['no-color'] ? false : values.color ? true : io.isTty && !io.env.NO_COLOR;
    const output = formatters[format](results, { rules: allRules, version: VERSION, color: useColor && !values['output-file'] });
    if (values['output-file']) {
      const target = resolve(io.cwd, values['output-file']);
      try {
        // No directory is created: besides the files `--fix` rewrites, the report is all trustlint writes.
        writeFileSync(target, output);
      } catch (error) {
        io.stderr(`trustlint: cannot write ${values['output-file']}: ${describeWriteError(error)}\n`);
        return EXIT_FATAL;
      }
    } else if (output) io.stdout(output);
    if (values.debug) printStacks(outcome.results, io);

    if (outcome.problems.length > 0 || outcome.hadFatalIoOrInternalError || unwritten > 0) return EXIT_FATAL;
    const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
    const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
    if (errors > 0) return EXIT_FINDINGS;
    if (maxWarnings >= 0 && warnings > maxWarnings) {
      io.stderr(`trustlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`trustlint: ${oneLine(error.message)}\n`);
      return EXIT_FATAL;
    }
    io.stderr(`trustlint: internal error: ${(error as Error).message?.split('\n')[0] ?? String(error)}\n`);
    if (values.debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_FATAL;
  }
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
  startLanguageServer(plugins).catch(
    (error: unknown) => {
      io.stderr(`trustlint: cannot start the language server: ${(error as Error).message?.split('\n')[0] ?? String(error)}\n`);
      process.exitCode = EXIT_FATAL;
    },
  );
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

const OPTION_NAMES = [
  'format', 'output-file', 'max-warnings', 'quiet', 'fix', 'fix-dry-run', 'config', 'no-config-lookup', 'no-inline-config', 'rule', 'print-config', 'color', 'no-color', 'debug', 'version', 'help', 'pre-commit', 'lsp', 'cache', 'cache-location',
];

/**
 * pre-commit runs `entry`, then the user's `args:`, then the file names, with no separator of its
 * own. A file in the repository named `-o/home/me/.bashrc/action.yml` (or in a directory named
 * `--output-file=`) would then be read as an option and the report written over a file outside the
 * repository. The hook therefore runs `trustlint --pre-commit` with `args: ['--']`; a user's own
 * `args:` must end with `--` too, and one that does not is refused rather than trusted.
 */
const PRE_COMMIT_NEEDS_SEPARATOR =
  "--pre-commit needs `--` before the file names: end the hook's `args:` with '--' (for example `args: [--max-warnings, '0', --]`), so that no file name can be read as an option";

/** node:util's messages are long and generic; say what is wrong in trustlint's terms. */
function usageError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message?.split('\n')[0] ?? String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1] ?? message;
    const name = option.replace(/^-+/, '').split('=')[0]!;
    const hint = option.startsWith('--') ? suggest(name, OPTION_NAMES) : undefined;
    return `unknown option \`${option}\`${hint ? ` (did you mean \`--${hint}\`?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `option \`${option}\` needs a value` : message;
  }
  return message.replace(/\.$/, '');
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    // `--` ends the options: everything after it is a path, even `-o…` or `--output-file=…`.
    tokens: true,
    options: {
      format: { type: 'string', short: 'f' },
      'output-file': { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      'no-config-lookup': { type: 'boolean' },
      'no-inline-config': { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      'print-config': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      debug: { type: 'boolean' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
      'pre-commit': { type: 'boolean' },
      lsp: { type: 'boolean' },
      stdio: { type: 'boolean' },
      cache: { type: 'boolean' },
      'cache-location': { type: 'string' },
    },
  });
}

/** `--rule 'id: warn'` or `--rule 'id: [error, { allow: [x] }]'`, read as YAML. */
function parseRuleFlags(flags: readonly string[]): Record<string, RuleEntry> {
  // Without a prototype: `--rule '__proto__: off'` is an unknown rule, not a new prototype.
  const result = Object.create(null) as Record<string, RuleEntry>;
  for (const flag of flags) {
    let parsed: unknown;
    try {
      parsed = parseYaml(flag);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError(`--rule '${flag}': expected 'rule-id: severity' or 'rule-id: [severity, {options}]'`);
    }
    for (const [id, entry] of Object.entries(parsed)) result[id] = entry as RuleEntry;
  }
  return result;
}

function errorsOnly(result: LintResult): LintResult {
  const messages = result.messages.filter((message) => message.severity === 2);
  return { ...result, messages, warningCount: 0, errorCount: messages.length, fixableWarningCount: 0 };
}
