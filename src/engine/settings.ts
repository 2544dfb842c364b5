/**
 * Facts about the linted repository that rules may use, from the config's `settings` key. Each one
 * is something the workflow files alone cannot tell; unset means unknown, and rules stay silent.
 */
export interface Settings {
  /** Canonical `owner/repo`, as npmjs.com shows it in a trusted publisher. */
  readonly repository?: string;
  /** Runner labels (picomatch globs) that are self-hosted in this organisation. */
  readonly selfHostedRunnerLabels?: readonly string[];
  /** Custom runner labels (globs) that are GitHub-hosted larger runners. */
  readonly githubHostedRunnerLabels?: readonly string[];
  /** Extra environment variable names that carry an npm token in this organisation. */
  readonly npmTokenEnvNames?: readonly string[];
}

export const SETTINGS_SCHEMA = {
  type: 'object',
  properties: {
    repository: { type: 'string', pattern: '^[^/\\s]+/[^/\\s]+$', description: 'Canonical owner/repo of the linted repository.' },
    selfHostedRunnerLabels: {
      type: 'array',
      items: { type: 'string' },
      description: 'Runner labels (globs) that are self-hosted in this organisation.',
    },
    githubHostedRunnerLabels: {
      type: 'array',
      items: { type: 'string' },
      description: 'Custom runner labels (globs) that are GitHub-hosted larger runners.',
    },
    npmTokenEnvNames: {
      type: 'array',
      items: { type: 'string' },
      description: 'Extra environment variable names that carry an npm token.',
    },
  },
  additionalProperties: true,
} as const;
