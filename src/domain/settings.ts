/**
 * The settings the built-in rules read, with their schema: the repository's identity, runner
 * labels, and each registry module's own keys.
 */
import { PERMISSIONS_SETTINGS_SCHEMA, type DefaultTokenPermissions } from './permissions.js';
import { REGISTRIES } from './registries/index.js';
import { RUNNER_SETTINGS_SCHEMA } from './runner.js';

/** Settings about the repository itself. */
export interface RepositorySettings {
  /** Canonical `owner/repo`, as the registries show it in a trusted publisher. */
  readonly repository?: string;
  /** The repository's default GITHUB_TOKEN permissions (Settings → Actions → Workflow permissions). */
  readonly defaultTokenPermissions?: DefaultTokenPermissions;
}

export const DOMAIN_SETTINGS_SCHEMA: Readonly<Record<string, object>> = {
  repository: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$', description: 'Canonical owner/repo of the linted repository.' },
  ...PERMISSIONS_SETTINGS_SCHEMA,
  ...RUNNER_SETTINGS_SCHEMA,
  ...Object.assign({}, ...REGISTRIES.map((registry) => registry.settingsSchema)),
};
