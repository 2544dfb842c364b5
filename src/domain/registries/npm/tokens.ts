/**
 * npm access tokens as they are written out: `npm_` and 36 letters and digits. Since the legacy
 * (UUID) tokens were removed in November 2025, this is the only kind npmjs.com accepts
 * (npm-trusted-publishing.md §1.12: "only Granular access tokens are supported"). Format: gitleaks
 * `npm-access-token` (gitleaks/gitleaks `config/gitleaks.toml` @b58d3f10, `(?i)\b(npm_[a-z0-9]{36})`;
 * notes/registries.md §6), the same as the pattern this module used for literal env tokens.
 */
import type { TokenFormat } from '../types.js';

export const NPM_TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    registry: 'npm',
    registryName: 'npm',
    name: 'npm access token',
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/,
    prefix: 'npm_',
    revoke: 'on npmjs.com (Access Tokens)',
  },
];

/** An npm access token written out in full, and nothing else (`NODE_AUTH_TOKEN: npm_…`). */
export function isNpmAccessToken(text: string): boolean {
  return /^npm_[A-Za-z0-9]{36}$/.test(text);
}
