/**
 * npm tokens: which environment variables, action inputs and config writes carry a long-lived
 * token to a job, and which of the npm tools reads which (Yarn Berry reads only its own variable,
 * bun only `NPM_CONFIG_TOKEN`).
 */
import type { ActionNode, JobNode, StepNode, YamlEntry } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { inheritedBindings, localBindings, localNames, runtimeOrigin, type RuntimeBinding } from '../../env.js';
import { valueOrigin } from '../../expressions.js';
import { npmrcTokenVariables, projectNpmrc } from '../../project/npmrc.js';
import { yarnrcAt, yarnrcTokenVariables } from '../../project/yarnrc.js';
import { runCommands } from '../../run-script.js';
import { inputEntry, usesAction } from '../../steps.js';
import { table } from '../../table.js';
import { boundInput } from '../../local-actions.js';
import type { Credential, PublishSite } from '../types.js';
import { jobConfigWrites } from './config-writes.js';
import { isNpmAccessToken } from './tokens.js';

/** Which npm tools read a token: `npm` (npm, pnpm, changesets…), `yarn` (Yarn Berry), `bun`, or `any`. */
export type NpmChannel = 'npm' | 'yarn' | 'bun' | 'any';

/** The npm module's settings. */
export interface NpmSettings {
  /** Extra environment variable names that carry an npm token in this organisation. */
  readonly npmTokenEnvNames?: readonly string[];
  /** The trusted publisher of each package on npmjs.com (package name -> workflow file name and environment). */
  readonly trustedPublishers?: Readonly<Record<string, { readonly workflow: string; readonly environment?: string }>>;
}

export const NPM_SETTINGS_SCHEMA = {
  npmTokenEnvNames: {
    type: 'array',
    items: { type: 'string' },
    description: 'Extra environment variable names that carry an npm token.',
  },
  trustedPublishers: {
    type: 'object',
    description: 'The trusted publisher of each package as configured on npmjs.com: package name -> { workflow, environment }.',
    additionalProperties: {
      type: 'object',
      properties: {
        // npm: "Enter only the filename, not the full path"; "Must include the .yml or .yaml extension".
        workflow: { type: 'string', pattern: '^[^/\\\\]+\\.ya?ml$', description: 'The workflow file name, without a path (release.yml).' },
        environment: { type: 'string', description: 'The GitHub environment name, when one is configured.' },
      },
      required: ['workflow'],
      additionalProperties: false,
    },
  },
} as const;

/** Env names npm tools read a token from. Yarn reads its own; bun reads NPM_CONFIG_TOKEN. */
const TOKEN_ENV_CHANNELS = table<NpmChannel>({
  NODE_AUTH_TOKEN: 'npm',
  NPM_TOKEN: 'any',
  NPM_AUTH_TOKEN: 'npm',
  YARN_NPM_AUTH_TOKEN: 'yarn',
  NPM_CONFIG_TOKEN: 'bun',
  NPM_CONFIG__AUTHTOKEN: 'npm',
});
export const NPM_TOKEN_ENV_NAMES: readonly string[] = [...TOKEN_ENV_CHANNELS.keys()];

/** Looks like an npm token name (`NPM_PUBLISH_TOKEN`, `NPMJS_TOKEN`): a committed .npmrc may reference it. */
const TOKEN_NAME_HEURISTIC = /(^|_)(NPM|NODE_AUTH|NPMJS|YARN_NPM)(_|$)/i;
const TOKEN_WORD = /(TOKEN|AUTH|KEY|SECRET)/i;
/** An OIDC ID token (GitLab/CircleCI convention): a short-lived credential, never a long-lived token. */
const NOT_TOKENS: ReadonlySet<string> = new Set(['NPM_ID_TOKEN']);

/** The channel of an environment variable that carries an npm token, or undefined when it carries none. */
export function tokenChannel(name: string, settings: NpmSettings): NpmChannel | undefined {
  const upper = name.toUpperCase();
  if (NOT_TOKENS.has(upper)) return undefined;
  const known = TOKEN_ENV_CHANNELS.get(upper);
  if (known) return known;
  if (/^npm_config_\/\/.*:_authtoken$/i.test(name)) return 'npm';
  if ((settings.npmTokenEnvNames ?? []).some((extra) => extra.toUpperCase() === upper)) return 'any';
  if (TOKEN_NAME_HEURISTIC.test(name) && TOKEN_WORD.test(name)) return 'any';
  return undefined;
}

/**
 * Env variables that committed config files read a token from: `.yarnrc.yml` `npmAuthToken: "${VAR}"`
 * (GitHub's documented Yarn setup) and `.npmrc` `//registry…/:_authToken=${VAR}`.
 */
export function projectTokenVariables(context: Analysis): { readonly yarn: ReadonlySet<string>; readonly npm: ReadonlySet<string> } {
  return { yarn: yarnrcTokenVariables(yarnrcAt(context, '')), npm: npmrcTokenVariables(projectNpmrc(context)) };
}

/**
 * Long-lived npm tokens in the environment of a step's process (its `env`, the job's and workflow's,
 * `$GITHUB_ENV` writes of earlier steps) or, with `command`, of one command of its script (prefix
 * assignments, `export`s before it; a shell assignment can also take a token away).
 */
export function envTokens(context: Analysis, step: StepNode, command?: number): readonly Credential[] {
  const named = tokenNamed(context);
  // The job's tokens, one array per job: a step that binds no token name of its own sees exactly these
  // (linear in the workflow's size however many tokens and steps it has).
  const inherited = jobTokens(context, step, named);
  const local = localNames(context, step, command, 'npm-token', named);
  if (local.size === 0) return inherited;
  return [...inherited.filter((token) => !local.has(token.name)), ...credentialsOf(context, localBindings(context, step, command, local))];
}

function jobTokens(context: Analysis, step: StepNode, named: (name: string) => boolean): readonly Credential[] {
  return context.facts.memo('npm-env-tokens:job', step.parent, () => credentialsOf(context, inheritedBindings(context, step.parent, 'npm-token', named)));
}

/** Whether `tokens` is the array of tokens every step of `step`'s job sees (facts about it can be kept). */
export function isJobTokenArray(context: Analysis, step: StepNode, tokens: readonly Credential[]): boolean {
  return tokens === jobTokens(context, step, tokenNamed(context));
}

/** The tokens one command of a step's script binds itself (prefix assignments, `export`s before it). */
function scriptTokens(context: Analysis, step: StepNode, command: number): Credential[] {
  const local = localNames(context, step, command, 'npm-token', tokenNamed(context));
  if (local.size === 0) return [];
  return credentialsOf(context, localBindings(context, step, command, local)).filter((token) => token.command !== undefined && token.step === step);
}

/** Names of variables that carry an npm token: npm's own, the settings', and those a committed .npmrc or .yarnrc.yml reads. */
function tokenNamed(context: Analysis): (name: string) => boolean {
  const settings = context.settings as NpmSettings;
  const projectVars = projectTokenVariables(context);
  return (name) => tokenChannel(name, settings) !== undefined || projectVars.yarn.has(name) || projectVars.npm.has(name);
}

function credentialsOf(context: Analysis, bindings: readonly RuntimeBinding[]): Credential[] {
  const settings = context.settings as NpmSettings;
  const projectVars = projectTokenVariables(context);
  const tokens: Credential[] = [];
  for (const binding of bindings) {
    const channel = tokenChannel(binding.name, settings);
    const resolved: NpmChannel | undefined = projectVars.yarn.has(binding.name)
      ? channel === 'yarn' ? 'yarn' : 'any'
      : (channel ?? (projectVars.npm.has(binding.name) ? 'npm' : undefined));
    if (!resolved) continue;
    const token = longLivedBinding(context, binding, resolved);
    if (token) tokens.push(token);
  }
  return tokens;
}

/** The credential of one binding, the same object whichever step asks. */
function longLivedBinding(context: Analysis, binding: RuntimeBinding, channel: NpmChannel): Credential | undefined {
  return context.facts.memo(`npm-env-credential:${channel}`, binding.key, () => {
    if (binding.value === undefined) return undefined;
    const origin = runtimeOrigin(context, binding);
    const literal = origin.origin === 'literal' && isNpmAccessToken(binding.value.trim());
    if (origin.origin !== 'long-lived-secret' && !literal) return undefined;
    const level = binding.source === 'step' || binding.source === 'job' || binding.source === 'workflow' ? binding.source : undefined;
    return {
      registry: 'npm',
      kind: 'env',
      name: binding.name,
      secrets: origin.secrets,
      ...(literal ? { literal } : {}),
      at: binding.at,
      ...(binding.step ? { step: binding.step } : {}),
      ...(binding.command !== undefined ? { command: binding.command } : {}),
      ...(level ? { level } : {}),
      ...(origin.via ? { via: origin.via } : {}),
      channel,
    };
  });
}

/** Token inputs of publish actions (`JS-DevTools/npm-publish` `token:`). */
export function inputTokens(step: StepNode): Credential[] {
  if (!usesAction(step, 'js-devtools/npm-publish')) return [];
  const entry = inputEntry(step, 'token');
  if (!entry || entry.value.type !== 'scalar') return [];
  const origin = valueOrigin(entry.value.text);
  if (origin.origin !== 'long-lived-secret') return [];
  return [{ registry: 'npm', kind: 'input', name: 'token', secrets: origin.secrets, at: entry, step, channel: 'any' }];
}

/**
 * The long-lived npm tokens around a step, publish or not: bound in its env (step, job, workflow,
 * `$GITHUB_ENV`), set by its script for any of its commands, given to it as an input, or written to
 * npm or Yarn config earlier in the job or in the step. A rule that stays silent when a token may be
 * in play asks this.
 */
export function npmTokensAtStep(context: Analysis, step: StepNode): readonly Credential[] {
  return context.facts.memo('npm-tokens-at-step', step, () => {
    const scripted = runCommands(context, step).flatMap((command) => scriptTokens(context, step, command.index));
    return [
      ...envTokens(context, step),
      ...new Set(scripted),
      ...inputTokens(step),
      ...jobConfigWrites(context, step.parent).filter((write) => write.step !== undefined && write.step.index <= step.index),
    ];
  });
}

/**
 * The long-lived npm tokens one command of a step sees (all of the step's when `command` is
 * undefined, as for a publish action): its environment, inputs, config written before it, and its
 * own config flags.
 */
export function npmTokensAtCommand(context: Analysis, step: StepNode, command: number | undefined): readonly Credential[] {
  if (command === undefined) return npmTokensAtStep(context, step);
  const env = envTokens(context, step, command);
  const inputs = inputTokens(step);
  // An `.npmrc` written earlier in the job, or earlier in the same script, holds the token from then on.
  const writes = jobConfigWrites(context, step.parent).filter((write) => write.step !== undefined && (write.step.index < step.index || (write.step === step && (write.command ?? -1) < command)));
  return inputs.length === 0 && writes.length === 0 ? env : [...env, ...inputs, ...writes];
}

/**
 * An npm token handed to an action as an input (`with: { npm-token: ${{ secrets.NPM_TOKEN }} }`).
 * A composite or JavaScript action may write it into `~/.npmrc` where the workflow cannot show it,
 * so a job that looks token-free may still publish (and run `npm whoami`) with it. Rules that
 * conclude "this job authenticates through OIDC only" stay silent when this returns an entry.
 *
 * A secret counts when its name looks like an npm token (`NPM_TOKEN`, `NPM_PUBLISH_TOKEN`, the
 * `npmTokenEnvNames` setting) or when the input's name does (`npm-token`, `npm_auth_token`).
 */
export function npmTokenPassedToAction(context: Analysis, container: JobNode | ActionNode): YamlEntry | undefined {
  const settings = context.settings as NpmSettings;
  for (const step of container.steps) {
    if (!step.uses) continue;
    for (const [name, entry] of step.with) {
      if (entry.value.type !== 'scalar') continue;
      const origin = valueOrigin(entry.value.text);
      if (origin.origin !== 'long-lived-secret') continue;
      const inputLooksNpm = /npm|node[-_]?auth|registry[-_]?token/i.test(name);
      if (inputLooksNpm || origin.secrets.some((secret) => tokenChannel(secret.replace(/^vars\./, ''), settings) !== undefined)) return entry;
    }
  }
  return undefined;
}

/**
 * Tokens a local composite action gets through its inputs: an env variable or a config write inside
 * the action whose value is `${{ inputs.X }}`, where the calling step passes a stored secret as X.
 * Reported at the caller's `with:` entry, the line the user edits.
 */
export function actionInputTokens(context: Analysis, site: PublishSite): Credential[] {
  const inAction = site.inAction;
  if (!inAction) return [];
  const settings = context.settings as NpmSettings;
  const found: Credential[] = [];
  const bound = (text: string): { entry: YamlEntry; secrets: readonly string[] } | undefined => {
    const entry = boundInput(site.step, inAction.action, text);
    if (entry?.value.type !== 'scalar') return undefined;
    const origin = valueOrigin(entry.value.text);
    return origin.origin === 'long-lived-secret' ? { entry, secrets: origin.secrets } : undefined;
  };
  for (const step of inAction.action.steps) {
    if (step.index > inAction.step.index) break;
    for (const [name, entry] of step.env?.vars ?? []) {
      const channel = tokenChannel(name, settings);
      const input = channel && entry.value.type === 'scalar' ? bound(entry.value.text) : undefined;
      if (input) found.push({ registry: 'npm', kind: 'input', name: input.entry.key.text, secrets: input.secrets, at: input.entry, step: site.step, channel: channel! });
    }
    const tokenInput = usesAction(step, 'js-devtools/npm-publish') ? inputEntry(step, 'token') : undefined;
    const input = tokenInput?.value.type === 'scalar' ? bound(tokenInput.value.text) : undefined;
    if (input) found.push({ registry: 'npm', kind: 'input', name: input.entry.key.text, secrets: input.secrets, at: input.entry, step: site.step, channel: 'any' });
  }
  return found;
}
