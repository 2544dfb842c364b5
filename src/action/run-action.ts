import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { runCli, type CliIo } from '../cli.js';

/**
 * The GitHub Action (action.yml): its inputs, which the runner passes as `INPUT_<NAME>` variables,
 * turned into CLI arguments; the CLI runs in this process (action/dist/index.mjs is the bundle).
 * Nothing is installed and nothing is fetched at run time.
 */
export interface ActionInputs {
  readonly paths: readonly string[];
  readonly config: string;
  readonly rules: readonly string[];
  readonly maxWarnings: string;
  readonly quiet: boolean;
  readonly format: string;
  readonly failOn: string;
  readonly sarifFile: string;
  readonly sarifSuppressed: string;
  readonly inlineConfig: boolean;
}

/** An input as the runner passes it (`INPUT_MAX-WARNINGS`: upper-cased, hyphens kept), trimmed. */
export function input(env: NodeJS.ProcessEnv, name: string, fallback = ''): string {
  const value = env[`INPUT_${name.toUpperCase().replace(/ /g, '_')}`];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function booleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = input(env, name, String(fallback));
  if (value !== 'true' && value !== 'false') throw new Error(`input ${name} must be true or false, not '${value}'`);
  return value === 'true';
}

function oneOf(env: NodeJS.ProcessEnv, name: string, fallback: string, allowed: readonly string[]): string {
  const value = input(env, name, fallback);
  if (!allowed.includes(value)) throw new Error(`input ${name} must be ${allowed.join(', ')}, not '${value}'`);
  return value;
}

/** The inputs, checked; a bad one throws with the message the step shows. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const maxWarnings = input(env, 'max-warnings');
  if (maxWarnings !== '' && !/^-?\d+$/.test(maxWarnings)) throw new Error(`input max-warnings must be a whole number, not '${maxWarnings}'`);
  return {
    paths: input(env, 'paths', '.').split(/\s+/).filter(Boolean),
    config: input(env, 'config'),
    // One rule per line: `id: severity` or `id: [severity, {options}]`, as --rule takes them.
    rules: input(env, 'rules').split('\n').map((line) => line.trim()).filter(Boolean),
    maxWarnings,
    quiet: booleanInput(env, 'quiet', false),
    format: oneOf(env, 'format', 'github', ['github', 'stylish', 'json']),
    failOn: oneOf(env, 'fail-on', 'error', ['error', 'warning', 'never']),
    sarifFile: input(env, 'sarif-file'),
    // `include` is the name the input had before the CLI's `keep`.
    sarifSuppressed: oneOf(env, 'sarif-suppressed', 'omit', ['omit', 'keep', 'include']).replace('include', 'keep'),
    inlineConfig: booleanInput(env, 'inline-config', true),
  };
}

/** The CLI arguments every run shares (config, rules, thresholds), before `--format` and the paths. */
export function commonArgs(inputs: ActionInputs): string[] {
  const args: string[] = [];
  if (inputs.config) args.push('--config', inputs.config);
  if (!inputs.inlineConfig) args.push('--no-inline-config');
  for (const rule of inputs.rules) args.push('--rule', rule);
  if (inputs.quiet) args.push('--quiet');
  const maxWarnings = inputs.maxWarnings || (inputs.failOn === 'warning' ? '0' : '');
  if (maxWarnings) args.push('--max-warnings', maxWarnings);
  return args;
}

/** Runs the action; returns the step's exit code. */
export async function runAction(env: NodeJS.ProcessEnv, io: Omit<CliIo, 'env'>): Promise<number> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (error) {
    io.stdout(`::error title=trustlint::${(error as Error).message}\n`);
    return 2;
  }
  const output = (name: string, value: string) => {
    if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  };
  const common = commonArgs(inputs);
  const cliIo: CliIo = { ...io, env };
  if (inputs.sarifFile) {
    // The CLI does not create directories for --output-file; in the workspace it is safe to.
    mkdirSync(dirname(resolve(io.cwd, inputs.sarifFile)), { recursive: true });
    const sarifArgs = [...common, '--format', 'sarif', '--sarif-suppressed', inputs.sarifSuppressed, '--output-file', inputs.sarifFile, '--', ...inputs.paths];
    const status = await runCli(sarifArgs, cliIo);
    if (status >= 2) {
      output('exit-code', String(status));
      return status;
    }
    output('sarif-file', inputs.sarifFile);
  }
  const status = await runCli([...common, '--format', inputs.format, '--', ...inputs.paths], cliIo);
  output('exit-code', String(status));
  return status === 1 && inputs.failOn === 'never' ? 0 : status;
}
