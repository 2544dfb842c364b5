/**
 * npm tokens: which environment variables, action inputs and config writes carry a long-lived
 * token to a job, and which of the npm tools reads which (Yarn Berry reads only its own variable,
 * bun only `NPM_CONFIG_TOKEN`).
 */
import type { ActionNode, JobNode, StepNode, YamlEntry } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { envBinding, envBindings, type EnvBinding } from '../../env.js';
import { valueOrigin } from '../../expressions.js';
import { npmrcTokenVariables, projectNpmrc } from '../../project/npmrc.js';
import { yarnrcAt, yarnrcTokenVariables } from '../../project/yarnrc.js';
import { runCommands } from '../../run-script.js';
import { inputEntry, stepsOf, usesAction } from '../../steps.js';
import { table } from '../../table.js';
import { boundInput } from '../../local-actions.js';
import type { Credential, PublishSite } from '../types.js';
import { isNpmjsHost } from './hosts.js';
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

/** Long-lived npm tokens bound in the env a step sees (step, job and workflow levels). */
export function envTokens(context: Analysis, step: StepNode): Credential[] {
  const settings = context.settings as NpmSettings;
  const projectVars = projectTokenVariables(context);
  const tokens: Credential[] = [];
  const named = (name: string) => tokenChannel(name, settings) !== undefined || projectVars.yarn.has(name) || projectVars.npm.has(name);
  for (const binding of envBindings(context, step, 'npm-token', named)) {
    const channel = tokenChannel(binding.name, settings);
    const resolved: NpmChannel | undefined = projectVars.yarn.has(binding.name)
      ? channel === 'yarn' ? 'yarn' : 'any'
      : (channel ?? (projectVars.npm.has(binding.name) ? 'npm' : undefined));
    if (!resolved) continue;
    const token = longLivedBinding(binding, resolved, step);
    if (token) tokens.push(token);
  }
  return tokens;
}

function longLivedBinding(binding: EnvBinding, channel: NpmChannel, step: StepNode): Credential | undefined {
  const value = binding.entry.value;
  if (value.type !== 'scalar') return undefined;
  const origin = valueOrigin(value.text);
  const literal = origin.origin === 'literal' && isNpmAccessToken(value.text.trim());
  if (origin.origin !== 'long-lived-secret' && !literal) return undefined;
  return {
    registry: 'npm',
    kind: 'env',
    name: binding.name,
    secrets: origin.secrets,
    ...(literal ? { literal } : {}),
    at: binding.entry,
    ...(binding.level === 'step' ? { step } : {}),
    level: binding.level,
    channel,
  };
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

const AUTH_KEY = /(?:^|[\s"'])(\/\/[^\s"':]*\/?:)?(_authToken|npmAuthToken)\s*[=:]/;

/**
 * Steps that write a long-lived token into npm or Yarn configuration: `echo …_authToken=… >> ~/.npmrc`,
 * a heredoc into `.npmrc`, `npm config set //registry.npmjs.org/:_authToken …`, `yarn config set npmAuthToken …`.
 * A write for another registry (GitHub Packages) is ignored.
 */
function configWrites(context: Analysis, step: StepNode): Credential[] {
  const writes: Credential[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const [name, sub, verb, key, value] = words;
    let written: { key: string; value: string; registry?: string } | undefined;
    if ((name === 'npm' || name === 'pnpm' || name === 'yarn') && (sub === 'config' || sub === 'set')) {
      const keyWord = sub === 'set' ? verb : key;
      const valueWord = sub === 'set' ? key : value;
      if ((sub === 'set' || verb === 'set') && keyWord) {
        const [rawKey, inlineValue] = keyWord.includes('=') ? [keyWord.slice(0, keyWord.indexOf('=')), keyWord.slice(keyWord.indexOf('=') + 1)] : [keyWord, valueWord];
        const match = /^(\/\/[^:]*:)?(_authToken|npmAuthToken)$/.exec(rawKey);
        if (match && inlineValue !== undefined) written = { key: match[2]!, value: inlineValue, ...(match[1] ? { registry: match[1] } : {}) };
      }
    } else {
      const target = command.redirects.find((redirect) => redirect.operator === '>' || redirect.operator === '>>' || redirect.operator === '<<' || redirect.operator === '<<-');
      const file = command.redirects.find((redirect) => (redirect.operator === '>' || redirect.operator === '>>') && /npmrc|yarnrc/.test(redirect.target?.value ?? ''));
      const teeFile = name === 'tee' && words.slice(1).some((word) => /npmrc|yarnrc/.test(word));
      if (target && (file || teeFile)) {
        const bodies = [
          ...command.words.slice(1).map((word) => word.value),
          ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : [])),
        ];
        for (const body of bodies) {
          const match = AUTH_KEY.exec(body);
          if (match) written = { key: match[2]!, value: body.slice(match.index + match[0].length), ...(match[1] ? { registry: match[1] } : {}) };
        }
      }
    }
    if (!written) continue;
    if (written.registry && !isNpmjsHost(written.registry)) continue;
    const secrets = secretsInValue(written.value, step);
    if (secrets.length === 0) continue;
    writes.push({
      registry: 'npm',
      kind: 'config-write',
      name: written.key,
      secrets,
      at: command.span,
      step,
      channel: written.key === 'npmAuthToken' ? 'yarn' : 'npm',
    });
  }
  return writes;
}

/** Every token write of a job or composite action, found once per run. */
export function jobConfigWrites(context: Analysis, container: JobNode | ActionNode): readonly Credential[] {
  return context.facts.memo('npm-config-writes', container, () => stepsOf(container).flatMap((step) => configWrites(context, step)));
}

/**
 * The long-lived npm tokens a step can use, publish or not: bound in its env (step, job, workflow),
 * given to it as an input, or written to npm or Yarn config earlier in the job.
 */
export function npmTokensAtStep(context: Analysis, step: StepNode): readonly Credential[] {
  return context.facts.memo('npm-tokens-at-step', step, () => [
    ...envTokens(context, step),
    ...inputTokens(step),
    // An `.npmrc` written earlier in the job (or earlier in the same script) holds the token from then on.
    ...jobConfigWrites(context, step.parent).filter((write) => write.step !== undefined && write.step.index <= step.index),
  ]);
}

/** Long-lived secrets in a written value: inline `${{ secrets.X }}`, or `$VAR` bound to one in env. */
function secretsInValue(value: string, step: StepNode): string[] {
  const inline = valueOrigin(value);
  if (inline.origin === 'long-lived-secret') return [...inline.secrets];
  const secrets: string[] = [];
  for (const match of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const binding = envBinding(step, match[1]!);
    if (binding?.entry.value.type !== 'scalar') continue;
    const origin = valueOrigin(binding.entry.value.text);
    if (origin.origin === 'long-lived-secret') secrets.push(...origin.secrets);
  }
  return secrets;
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
