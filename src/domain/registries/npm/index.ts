/** npm as a registry module: registry.npmjs.org, its tokens, its publishing tools and actions. */
import type { StepNode } from '../../../engine/ast.js';
import { actionVersion } from '../../action-version.js';
import type { Analysis } from '../../context.js';
import type { Credential, PublishSite, RegistryModule } from '../types.js';
import { actionInputTokens, NPM_SETTINGS_SCHEMA, npmTokensAtStep, NPM_TOKEN_ENV_NAMES, projectTokenVariables, type NpmChannel } from './credentials.js';
import { NPM_PUBLISH_BINARIES } from './detect.js';
import { npmSitesOfStep, type NpmPublish } from './sites.js';
import { NPMJS_HOSTS } from './hosts.js';
import { NPM_TOKEN_FORMATS } from './tokens.js';

/** Every long-lived npm token visible to a publish step, whichever tool reads it (exposure). */
function visibleTokens(context: Analysis, site: PublishSite): readonly Credential[] {
  // Keyed by step; a publish inside a local action by its site (one calling step may run several).
  return context.facts.memo('npm-visible-tokens', site.inAction ? site : site.step, () => [...npmTokensAtStep(context, site.step), ...actionInputTokens(context, site)]);
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
  const tokens = visibleTokens(context, site).filter((token) => tokenReaches(token, npmSite));
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
