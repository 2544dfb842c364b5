/** npm as a registry module: registry.npmjs.org, its tokens, its publishing tools and actions. */
import type { StepNode } from '../../../engine/ast.js';
import { actionVersion } from '../../action-version.js';
import type { Analysis } from '../../context.js';
import { runCommands } from '../../run-script.js';
import type { Credential, PublishSite, RegistryModule } from '../types.js';
import { flagTokens } from './config-writes.js';
import { actionInputTokens, isJobTokenArray, NPM_SETTINGS_SCHEMA, npmTokensAtCommand, NPM_TOKEN_ENV_NAMES, projectTokenVariables, type NpmChannel } from './credentials.js';
import { NPM_PUBLISH_BINARIES } from './detect.js';
import { npmSitesOfStep, type NpmPublish } from './sites.js';
import { NPMJS_HOSTS } from './hosts.js';
import { NPM_TOKEN_FORMATS } from './tokens.js';

/** Every long-lived npm token visible to a publish, whichever tool reads it (exposure). */
function visibleTokens(context: Analysis, site: PublishSite): readonly Credential[] {
  // Keyed by the publish command (a prefix assignment reaches one command only), else the step; a
  // publish inside a local action by its site (one calling step may run several).
  // A site built by a caller for another step (`{ ...publish, step }`) has no command of that step: all of its tokens count.
  const command = site.command && runCommands(context, site.step)[site.command.index] === site.command ? site.command : undefined;
  const key = site.inAction ? site : (command ?? site.step);
  const extra = context.facts.memo('npm-visible-extra-tokens', key, () => [...(command ? flagTokens(context, site) : []), ...actionInputTokens(context, site)]);
  // Not memoised: without extras this is the job's array that every publish binding nothing itself
  // shares, and a publish that binds tokens itself gets its own list, which is not kept (memory stays
  // linear when thousands of publishes each bind a token beside thousands of job-level ones).
  const tokens = npmTokensAtCommand(context, site.step, command?.index);
  return extra.length === 0 ? tokens : [...tokens, ...extra];
}

/** Whether the tool that publishes reads this token channel. */
function tokenReaches(token: Credential, site: NpmPublish): boolean {
  const channel = token.channel as NpmChannel;
  if (channel === 'any' || token.kind !== 'env') return true;
  if (site.tool === 'yarn-berry') return channel === 'yarn';
  if (site.tool === 'bun') return channel === 'bun' || channel === 'npm';
  return channel === 'npm' || (channel === 'yarn' && site.tool === 'changesets');
}

/** The long-lived npm tokens the publishing tool reads: they authenticate the publish. */
function tokensFor(context: Analysis, site: PublishSite): readonly Credential[] {
  const npmSite = site as NpmPublish;
  const visible = visibleTokens(context, site);
  // Which tokens a tool reads depends on the tool alone: kept for the job's shared array only.
  const reached = () => visible.filter((token) => tokenReaches(token, npmSite));
  const tokens = isJobTokenArray(context, site.step, visible) ? context.facts.memo(`npm-tokens-for:${npmSite.tool}`, visible, reached) : reached();
  // changesets/action v2 dropped its `.npmrc` handling: `NPM_TOKEN` reaches npm only through a committed `.npmrc`.
  if (npmSite.tool === 'changesets-action' && (actionVersion(site.step.uses!)?.major ?? 0) >= 2 && !projectTokenVariables(context).npm.has('NPM_TOKEN')) {
    return tokens.filter((token) => !(token.kind === 'env' && token.name.toUpperCase() === 'NPM_TOKEN'));
  }
  return tokens;
}

export const npmRegistry: RegistryModule = {
  id: 'npm',
  name: 'npm',
  hosts: NPMJS_HOSTS,
  tokenEnvNames: NPM_TOKEN_ENV_NAMES,
  commands: NPM_PUBLISH_BINARIES,
  actions: [
    'changesets/action',
    'changesets/action/publish',
    'js-devtools/npm-publish',
    'cycjimmy/semantic-release-action',
    'codfish/semantic-release-action',
    'jbolda/covector/packages/action',
    'mikeal/merge-release',
    'pascalgn/npm-publish-action',
  ],
  oidc: 'the npm CLI (11.5.1 or later) exchanges the job\'s OIDC token itself inside `npm publish`',
  tokenFormats: NPM_TOKEN_FORMATS,
  settingsSchema: NPM_SETTINGS_SCHEMA,
  sitesOfStep: (context: Analysis, step: StepNode) => npmSitesOfStep(context, step),
  visibleCredentials: visibleTokens,
  credentialsFor: tokensFor,
};
