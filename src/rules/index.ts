import { BUILTIN_PLUGIN_NAME, definePlugin, pluginRules, presetConfigs, type Plugin } from '../engine/plugin.js';
import type { AnyRule } from '../engine/rule.js';
import { CREDENTIAL_FILES } from '../domain/leaks/files.js';
import { DOMAIN_SETTINGS_SCHEMA } from '../domain/settings.js';
import { VERSION } from '../version.js';
import { changesetsActionAuth } from './changesets-action-auth.js';
import { RULE_DOCS_BASE_URL } from './docs-url.js';
import { idTokenJobScope } from './id-token-job-scope.js';
import { idTokenUnused } from './id-token-unused.js';
import { noHardcodedRegistryToken } from './no-hardcoded-registry-token.js';
import { noLongLivedCargoToken } from './no-long-lived-cargo-token.js';
import { noLongLivedJsrToken } from './no-long-lived-jsr-token.js';
import { noLongLivedNpmToken } from './no-long-lived-npm-token.js';
import { noLongLivedNugetKey } from './no-long-lived-nuget-key.js';
import { noLongLivedPypiToken } from './no-long-lived-pypi-token.js';
import { noLongLivedRubygemsKey } from './no-long-lived-rubygems-key.js';
import { npmSelfUpgradeEngine } from './npm-self-upgrade-engine.js';
import { oidcUnsupportedNpmCommand } from './oidc-unsupported-npm-command.js';
import { provenanceRepositoryField } from './provenance-repository-field.js';
import { publishActionsPinned } from './publish-actions-pinned.js';
import { publishCheckoutCredentials } from './publish-checkout-credentials.js';
import { publishDangerousTrigger } from './publish-dangerous-trigger.js';
import { publishEnvironment } from './publish-environment.js';
import { publishJobIsolation } from './publish-job-isolation.js';
import { publishJobNeedsIdToken } from './publish-job-needs-id-token.js';
import { publishJobNoCache } from './publish-job-no-cache.js';
import { publishSecretsInherit } from './publish-secrets-inherit.js';
import { publisherSupportsOidc } from './publisher-supports-oidc.js';
import { pypiTrustedPublishingReusableWorkflow } from './pypi-trusted-publishing-reusable-workflow.js';
import { requireProvenance } from './require-provenance.js';
import { reusablePublishIdToken } from './reusable-publish-id-token.js';
import { RULE_HELP } from './rule-help.generated.js';
import { builtinValidators } from './validators.generated.js';
import { setupNodeRemovedInputs } from './setup-node-removed-inputs.js';
import { tokenShadowsOidc } from './token-shadows-oidc.js';
import { topLevelPermissionsEmpty } from './top-level-permissions-empty.js';
import { trustedPublisherIdentity } from './trusted-publisher-identity.js';
import { trustedPublishingHostedRunner } from './trusted-publishing-hosted-runner.js';
import { trustedPublishingNpmVersion } from './trusted-publishing-npm-version.js';
import { validPermissions } from './valid-permissions.js';
import { validWorkflowKeys } from './valid-workflow-keys.js';

/** Every built-in rule as written, by id. The order is the order of the docs table and of SARIF's rule list. */
const RULES: readonly AnyRule[] = [
  changesetsActionAuth,
  idTokenJobScope,
  idTokenUnused,
  noHardcodedRegistryToken,
  noLongLivedCargoToken,
  noLongLivedJsrToken,
  noLongLivedNpmToken,
  noLongLivedNugetKey,
  noLongLivedPypiToken,
  noLongLivedRubygemsKey,
  npmSelfUpgradeEngine,
  oidcUnsupportedNpmCommand,
  provenanceRepositoryField,
  publishActionsPinned,
  publishCheckoutCredentials,
  publishDangerousTrigger,
  publishEnvironment,
  publishJobIsolation,
  publishJobNeedsIdToken,
  publishJobNoCache,
  publishSecretsInherit,
  publisherSupportsOidc,
  pypiTrustedPublishingReusableWorkflow,
  requireProvenance,
  reusablePublishIdToken,
  setupNodeRemovedInputs,
  tokenShadowsOidc,
  topLevelPermissionsEmpty,
  trustedPublisherIdentity,
  trustedPublishingHostedRunner,
  trustedPublishingNpmVersion,
  validPermissions,
  validWorkflowKeys,
] as readonly AnyRule[];

/** A built-in rule with its docs URL and its code-scanning help (built from its docs page). */
function documented(rule: AnyRule): AnyRule {
  const help = Object.hasOwn(RULE_HELP, rule.id) ? RULE_HELP[rule.id] : undefined;
  return { ...rule, meta: { ...rule.meta, docs: { ...rule.meta.docs, url: `${RULE_DOCS_BASE_URL}${rule.id}.md`, ...(help ? { help } : {}) } } };
}

/** The built-in rules, registered as a plugin the way a third-party rule pack is. */
export const builtinPlugin: Plugin = definePlugin({
  meta: { name: BUILTIN_PLUGIN_NAME, version: VERSION },
  rules: Object.fromEntries(RULES.map((rule) => [rule.id, documented(rule)])),
  configs: presetConfigs(RULES),
  settingsSchema: DOMAIN_SETTINGS_SCHEMA,
  docsUrl: (id) => `${RULE_DOCS_BASE_URL}${id}.md`,
  // Option and settings schemas compiled at build time (scripts/validators.ts): no run compiles them.
  validators: builtinValidators,
  // Committed client configurations and credentials files, for no-hardcoded-registry-token.
  targets: CREDENTIAL_FILES.map(({ name, files, comments }) => ({ name, files, comments })),
});

/** Every built-in rule, documented, in registry order. */
export const allRules: readonly AnyRule[] = pluginRules([builtinPlugin]);

/** Every built-in rule, by id. */
export const rules: Readonly<Record<string, AnyRule>> = builtinPlugin.rules;
