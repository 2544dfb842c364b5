/**
 * crates.io API tokens and the environment variable Cargo reads one from, for the crates.io
 * registry module (`index.ts`) and the leaked-token rule.
 *
 * A token is `cio` and 32 letters and digits: rust-lang/crates.io
 * `crates/crates_io_database/src/utils/token.rs` (`TOKEN_PREFIX = "cio"`, `TOKEN_LENGTH = 32`,
 * `generate_secure_alphanumeric_string` over `[a-zA-Z0-9]`; tokens without the prefix are rejected);
 * notes/registries.md §6. Not in gitleaks. Trusted-publishing tokens (`cio_tp_…`, 30 minutes, revoked
 * by crates-io-auth-action's post step) are never written in a file and are not matched.
 */
import type { TokenFormat } from '../types.js';

export const CRATES_TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    registry: 'crates',
    registryName: 'crates.io',
    name: 'crates.io API token',
    pattern: /\bcio[A-Za-z0-9]{32}\b/,
    prefix: 'cio',
    revoke: 'on crates.io (Account Settings, API Tokens)',
  },
];

/**
 * `CARGO_REGISTRY_TOKEN` is crates.io's token for `cargo publish` (cargo `options-token.md`,
 * notes/registries.md §3.2). `CARGO_REGISTRIES_<NAME>_TOKEN` is for other registries.
 */
export const CRATES_TOKEN_ENV_NAMES: readonly string[] = ['CARGO_REGISTRY_TOKEN'];

/** A crates.io API token written out in full. */
export function isCratesToken(text: string): boolean {
  return CRATES_TOKEN_FORMATS.some((format) => new RegExp(`^${format.pattern.source}$`).test(text));
}
