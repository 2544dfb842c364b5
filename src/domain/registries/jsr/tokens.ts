/**
 * JSR access tokens, for the JSR registry module (`index.ts`) and the leaked-token rule.
 *
 * A token is `jsrp_` (personal), `jsrd_` (device) or `jsrw_` (web) and 35 base62 characters (29
 * random, then a 6-character base62 CRC32): jsr-io/jsr `api/src/token.rs` `generate_token` (asserts
 * 40 characters) and `crates/jsr_types/src/models.rs` `TokenType::prefix`; notes/registries.md §6.
 * The jsr CLI reads no token from the environment (`--token` only; `JSR_TOKEN` is only the secret
 * name JSR's docs suggest), so there are no env names.
 */
import type { TokenFormat } from '../types.js';

/** One format per kind of token, so a message can name the kind and show its prefix. */
const KINDS = [
  ['p', 'JSR personal access token'],
  ['d', 'JSR device token'],
  ['w', 'JSR web token'],
] as const;

export const JSR_TOKEN_FORMATS: readonly TokenFormat[] = KINDS.map(([kind, name]) => ({
  registry: 'jsr',
  registryName: 'JSR',
  name,
  pattern: new RegExp(`\\bjsr${kind}_[0-9A-Za-z]{35}\\b`),
  prefix: `jsr${kind}_`,
  revoke: 'on jsr.io (Account settings, Tokens)',
}));

export const JSR_TOKEN_ENV_NAMES: readonly string[] = [];

/** A JSR token written out in full. */
export function isJsrToken(text: string): boolean {
  return JSR_TOKEN_FORMATS.some((format) => new RegExp(`^${format.pattern.source}$`).test(text));
}
