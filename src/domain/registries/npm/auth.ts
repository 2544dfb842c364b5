/** Whether a publish can authenticate only through trusted publishing, and the tool that really publishes. */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { parseNpmArgs } from '../../commands/npm-cli.js';
import { runtimeBindings } from '../../env.js';
import { valueOrigin } from '../../expressions.js';
import { npmrcHasToken, projectNpmrc } from '../../project/npmrc.js';
import { runCommands } from '../../run-script.js';
import { fileOf, stepsOf } from '../../steps.js';
import { tokenChannel, type NpmSettings } from './credentials.js';
import { publishAuth, type NpmPublishFacts } from './facts.js';
import type { NpmPublish } from './sites.js';
import { oidcCapability } from './tools/oidc-tools.js';

/** Indexes of the commands of a step that write an npm or Yarn token into configuration, from whatever source. */
function authWrites(context: Analysis, step: StepNode): readonly number[] {
  return context.facts.memo('npm-auth-writes', step, () => {
    const text = fileOf(step).text;
    return runCommands(context, step)
      .filter((command) => {
        const source = text.slice(command.span.start, command.span.end);
        const bodies = [source, ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : []))];
        return bodies.some((body) => /_authToken|npmAuthToken|NPM_CONFIG_TOKEN/i.test(body) && !/\$\{\{\s*(?:secrets\.GITHUB_TOKEN|github\.token)\s*\}\}/.test(body));
      })
      .map((command) => command.index);
  });
}

/**
 * A publish whose only possible credential is the OIDC exchange: `publishAuth` says `oidc` (no long-lived
 * secret, `id-token: write`) and no token of another origin reaches it either — a token minted by an
 * earlier step (`NODE_AUTH_TOKEN: ${{ steps.auth.outputs.token }}`), an env value, an `_authToken` written
 * from one. Such a token makes even an old npm or a tool without OIDC publish fine, so version rules stay silent.
 * `GITHUB_TOKEN` does not count: registry.npmjs.org rejects it.
 */
export function isOidcOnly(context: Analysis, facts: NpmPublishFacts, publish: NpmPublish): boolean {
  if (publishAuth(facts, publish) !== 'oidc') return false;
  const step = publish.step;
  const settings = context.settings as NpmSettings;
  // The publish command's environment: env blocks, `$GITHUB_ENV` writes, and its script's assignments.
  const command = publish.command && runCommands(context, step)[publish.command.index] === publish.command ? publish.command.index : undefined;
  for (const binding of runtimeBindings(context, step, command, 'npm-token-channel', (name) => tokenChannel(name, settings) !== undefined)) {
    if (binding.value === undefined) return false;
    const text = binding.value.trim();
    if (text === '' || text === '""' || text === "''") continue;
    if (valueOrigin(text).origin !== 'github-token') return false;
  }
  // A token flag on the publish itself: `--//registry.npmjs.org/:_authToken=…`.
  if ([...parseNpmArgs(publish.args, 1).config.keys()].some((key) => /(?:^|:)_authToken$/.test(key))) return false;
  const token = step.with.get('token');
  if (token?.value.type === 'scalar' && token.value.text.trim() !== '' && valueOrigin(token.value.text).origin !== 'github-token') return false;
  // A token written into npm or Yarn configuration earlier in the job, from whatever source.
  for (const candidate of stepsOf(step.parent)) {
    if (candidate.index > step.index) break;
    const before = candidate === step && publish.command ? publish.command.index : Infinity;
    if (authWrites(context, candidate).some((index) => index < before)) return false;
  }
  if (publish.tool === 'bun') {
    const bunfig = context.project.text('bunfig.toml');
    if (bunfig !== undefined && /\btoken\s*=/.test(bunfig)) return false;
  }
  return true;
}

/**
 * Whether npm's OIDC exchange certainly replaces the long-lived tokens that reach a publish: npm
 * 11.5.1+ with `id-token: write` exchanges the token before publishing and stores the result at the
 * user level of its config, over a user-level token (setup-node's `.npmrc` with `NODE_AUTH_TOKEN`).
 * A token at a level above (a committed project `.npmrc`, an `npm_config_*` variable), a token npm
 * is handed in a way not visible here, or a tool other than the npm CLI leaves it unknown (false).
 */
export function oidcReplacesTokens(context: Analysis, facts: NpmPublishFacts, publish: NpmPublish): boolean {
  if (facts.idToken !== true || facts.tokenInActionInput || npmrcHasToken(projectNpmrc(context))) return false;
  const tokens = facts.tokensFor(publish);
  // Once per array of tokens: the publishes of a job that bind no token themselves share one.
  const onlyEnv = context.facts.memo('npm-tokens-only-env', tokens, () => tokens.every((token) => token.kind === 'env' && !/^npm_config_/i.test(token.name)));
  if (!onlyEnv) return false;
  return oidcCapability(context, publish).kind === 'capable';
}
