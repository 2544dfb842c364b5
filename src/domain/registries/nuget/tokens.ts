/**
 * nuget.org API keys, for the NuGet registry module (`index.ts`) and the leaked-token rule.
 *
 * A key is `oy2` and 43 lowercase letters and digits (46 characters). Secondary sources only: the
 * format several third-party scanners use (a YARA rule `nuget_api_key` and others, notes/registries.md
 * §6); no Microsoft document states it, and gitleaks has no rule. The prefix and exact length keep
 * it precise. No NuGet tool reads a key from an environment variable (`NUGET_API_KEY` is a naming
 * convention passed as `--api-key`), so there are no env names.
 */
import type { TokenFormat } from '../types.js';

export const NUGET_TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    registry: 'nuget',
    registryName: 'NuGet',
    name: 'nuget.org API key',
    pattern: /\boy2[a-z0-9]{43}\b/,
    prefix: 'oy2',
    revoke: 'on nuget.org (API Keys)',
  },
];

export const NUGET_TOKEN_ENV_NAMES: readonly string[] = [];

/** A nuget.org API key written out in full. */
export function isNugetToken(text: string): boolean {
  return NUGET_TOKEN_FORMATS.some((format) => new RegExp(`^${format.pattern.source}$`).test(text));
}
