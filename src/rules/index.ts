import type { AnyRule } from '../engine/rule.js';
import { changesetsActionAuth } from './changesets-action-auth.js';
import { idTokenJobScope } from './id-token-job-scope.js';
import { noLongLivedNpmToken } from './no-long-lived-npm-token.js';
import { npmSelfUpgradeEngine } from './npm-self-upgrade-engine.js';
import { oidcUnsupportedNpmCommand } from './oidc-unsupported-npm-command.js';
import { publishJobNeedsIdToken } from './publish-job-needs-id-token.js';
import { publisherSupportsOidc } from './publisher-supports-oidc.js';
import { requireProvenance } from './require-provenance.js';
import { tokenShadowsOidc } from './token-shadows-oidc.js';
import { topLevelPermissionsEmpty } from './top-level-permissions-empty.js';
import { trustedPublishingHostedRunner } from './trusted-publishing-hosted-runner.js';
import { trustedPublishingNpmVersion } from './trusted-publishing-npm-version.js';
import { validPermissions } from './valid-permissions.js';

/** Every rule, by id. The order is the order of the docs table and of SARIF's rule list. */
export const rules: Readonly<Record<string, AnyRule>> = {
  'changesets-action-auth': changesetsActionAuth,
  'id-token-job-scope': idTokenJobScope,
  'no-long-lived-npm-token': noLongLivedNpmToken,
  'npm-self-upgrade-engine': npmSelfUpgradeEngine,
  'oidc-unsupported-npm-command': oidcUnsupportedNpmCommand,
  'publish-job-needs-id-token': publishJobNeedsIdToken,
  'publisher-supports-oidc': publisherSupportsOidc,
  'require-provenance': requireProvenance,
  'token-shadows-oidc': tokenShadowsOidc,
  'top-level-permissions-empty': topLevelPermissionsEmpty,
  'trusted-publishing-hosted-runner': trustedPublishingHostedRunner,
  'trusted-publishing-npm-version': trustedPublishingNpmVersion,
  'valid-permissions': validPermissions,
};

export const allRules: readonly AnyRule[] = Object.values(rules);
