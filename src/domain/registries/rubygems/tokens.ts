/**
 * RubyGems.org API keys and the environment variables that carry one, for the RubyGems registry
 * module (`index.ts`) and the leaked-token rule.
 *
 * A key is `rubygems_` and 48 lowercase hex digits: rubygems.org generates
 * `"rubygems_#{SecureRandom.hex(24)}"` (`app/controllers/concerns/api_keyable.rb` @d4cfcc96, as
 * quoted in notes/registries.md §6); gitleaks `rubygems-api-token` (`\brubygems_[a-f0-9]{48}\b`,
 * `config/gitleaks.toml` @b58d3f10). The OIDC role ids of configure-rubygems-credentials
 * (`rg_oidc_akr_…`) are not secrets and do not match.
 */
import type { TokenFormat } from '../types.js';

export const RUBYGEMS_TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    registry: 'rubygems',
    registryName: 'RubyGems',
    name: 'RubyGems API key',
    pattern: /\brubygems_[a-f0-9]{48}\b/,
    prefix: 'rubygems_',
    revoke: 'on rubygems.org (Settings, API keys)',
  },
];

/**
 * `GEM_HOST_API_KEY` is what `gem push` reads first (rubygems `lib/rubygems/gemcutter_utilities.rb`
 * `api_key`); `RUBYGEMS_API_KEY` is not read by `gem` but exported by
 * rubygems/configure-rubygems-credentials for other tools (`src/configure-api-token.ts`).
 * `BUNDLE_GEM__PUSH_KEY` names a key in the credentials file, it is not one. notes/registries.md §2.2.
 */
export const RUBYGEMS_TOKEN_ENV_NAMES: readonly string[] = ['GEM_HOST_API_KEY', 'RUBYGEMS_API_KEY'];

/** A RubyGems API key written out in full. */
export function isRubygemsToken(text: string): boolean {
  return RUBYGEMS_TOKEN_FORMATS.some((format) => new RegExp(`^${format.pattern.source}$`).test(text));
}
