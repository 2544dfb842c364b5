import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from './config/config-error.js';
import type { RuleEntry } from './config/config-schema.js';
import { suggest } from './suggest.js';

const OPTIONS = {
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
  'ignore-pattern': { type: 'string', multiple: true },
  'no-ignore': { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  'sarif-suppressed': { type: 'string' },
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
} as const;

const OPTION_NAMES = Object.keys(OPTIONS);

/**
 * pre-commit runs `entry`, then the user's `args:`, then the file names, with no separator of its
 * own. A file in the repository named `-o/home/me/.bashrc/action.yml` (or in a directory named
 * `--output-file=`) would then be read as an option and the report written over a file outside the
 * repository. The hook therefore runs `trustlint --pre-commit` with `args: ['--']`; a user's own
 * `args:` must end with `--` too, and one that does not is refused rather than trusted.
 */
export const PRE_COMMIT_NEEDS_SEPARATOR =
  "--pre-commit needs `--` before the file names: end the hook's `args:` with '--' (for example `args: [--max-warnings, '0', --]`), so that no file name can be read as an option";

/** node:util's messages are long and generic; say what is wrong in trustlint's terms. */
export function usageError(error: unknown): string {
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

export function parseCliArgs(argv: readonly string[]) {
  // `--max-warnings -1` (ESLint's "no limit"): node's parser reads `-1` as an option, so join it.
  const args: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      args.push(...argv.slice(index));
      break;
    }
    if (arg === '--max-warnings' && /^-\d+$/.test(argv[index + 1] ?? '')) {
      args.push(`--max-warnings=${argv[++index]}`);
    } else args.push(arg);
  }
  // `--` ends the options: everything after it is a path, even `-o…` or `--output-file=…`.
  return parseArgs({ args, allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
}

/** `--rule 'id: warn'`, `--rule id:off` or `--rule 'id: [error, { allow: [x] }]'`, read as YAML. */
export function parseRuleFlags(flags: readonly string[]): Record<string, RuleEntry> {
  // Without a prototype: `--rule '__proto__: off'` is an unknown rule, not a new prototype.
  const result = Object.create(null) as Record<string, RuleEntry>;
  for (const flag of flags) {
    let parsed: unknown;
    try {
      parsed = parseYaml(flag);
      // `id:off` is one YAML scalar (no space after the colon): read it as ESLint does, `id: off`.
      if (typeof parsed === 'string') {
        const colon = flag.indexOf(':');
        if (colon > 0) parsed = parseYaml(`${flag.slice(0, colon)}: ${flag.slice(colon + 1)}`);
      }
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

/** `--max-warnings`: a whole number, or -1 for no limit (ESLint's default). Undefined: not a valid value. */
export function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return -1;
  const number = Number(value);
  return Number.isInteger(number) && number >= -1 && value.trim() !== '' ? number : undefined;
}

/** Colour: `--color`/`--no-color`, else FORCE_COLOR (`0`/`false` off, anything else on), else NO_COLOR, else a terminal. */
export function useColor(flags: { color?: boolean; 'no-color'?: boolean }, env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (flags['no-color']) return false;
  if (flags.color) return true;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTty && !env.NO_COLOR;
}
