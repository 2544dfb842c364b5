/**
 * Whether a literal value is a secret or a placeholder. Conservative: a value is a secret only when
 * nothing suggests otherwise, because a finding here says "revoke this now".
 *
 * Placeholders seen in practice: setup-node's `XXXXX-XXXXX-XXXXX-XXXXX`, `<token>`,
 * `your-token-here`, `secret_token` and `XXXXXXXXX` (dependabot's fixtures), `npm_xxxx…`, nil UUIDs,
 * counting sequences (`1234567890abcdef`).
 */

/** Words that only placeholders contain (a random token holds one by chance about once in 10^5). */
const PLACEHOLDER_WORDS = /token|secret|example|placeholder|dummy|redacted|sample|changeme|passw(?:or)?d|your|here|fake|xxx|\*\*\*|\.\.\./i;
/** Longer words only, for the body of a recognised token format: it is random, so a short word may occur. */
const PLACEHOLDER_WORDS_IN_TOKENS = /token|secret|example|placeholder|dummy|redacted|sample|changeme|xxxxx/i;

/** Distinct characters in a string (bounded: a real secret has many). */
function distinctCharacters(text: string): number {
  return new Set(text).size;
}

/** A run of `length` characters counting up or down by one (`123456`, `abcdef`, `fedcba`). */
function hasCountingRun(text: string, length: number): boolean {
  let up = 1;
  let down = 1;
  for (let index = 1; index < text.length; index++) {
    const step = text.charCodeAt(index) - text.charCodeAt(index - 1);
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    if (up >= length || down >= length) return true;
  }
  return false;
}

/**
 * Whether the random part of a token that has a recognised format is a placeholder: too few
 * distinct characters (`npm_XXXX…`, `npm_0000…`), a counting run, or a placeholder word. A real
 * token's body of 32 or more random characters has about 25 distinct ones.
 */
export function isPlaceholderBody(body: string): boolean {
  return distinctCharacters(body) < 10 || hasCountingRun(body, 6) || PLACEHOLDER_WORDS_IN_TOKENS.test(body);
}

/** Characters of tokens, base64 and `user:password` pairs; anything else (`$`, `{`, `<`, a space) is not a plain literal. */
const LITERAL = /^[A-Za-z0-9._~+/=:-]+$/;

/**
 * A value that is plainly a literal secret: at least 16 characters of token characters only (no
 * `${VAR}`, `$VAR`, `${{ }}`, `<token>`, spaces), with letters and digits, at least 8 distinct
 * characters, no counting run and no placeholder word. An all-letter value (`secret_token`,
 * `your-token-here`) is never one: random tokens have digits.
 */
export function isPlainSecret(value: string): boolean {
  if (value.length < 16 || value.length > 4096 || !LITERAL.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return distinctCharacters(value) >= 8 && !hasCountingRun(value, 6) && !PLACEHOLDER_WORDS.test(value);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text a base64 value decodes to, when it is well-formed base64 of printable UTF-8; else undefined. */
export function decodeBase64Text(value: string): string | undefined {
  if (value.length < 4 || value.length > 4096 || !BASE64.test(value)) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // A replacement character means the bytes were not UTF-8; control characters mean not text.
  return /[\u0000-\u001f\u007f\ufffd]/.test(decoded) ? undefined : decoded;
}

/**
 * A `user:password` pair that is plainly real: a user, and a password of at least 6 characters that
 * is not a placeholder (`user:password`, `me:changeme`, `x:xxxxxx`, `${USER}:${PASS}`).
 */
export function isPlainCredentialPair(pair: string): boolean {
  const colon = pair.indexOf(':');
  if (colon <= 0) return false;
  const password = pair.slice(colon + 1);
  return isPlainPassword(password) && !/[$<>{}\s]/.test(pair.slice(0, colon));
}

/** A password that is plainly real: 6 characters or more, no reference, not a placeholder, not one repeated character. */
export function isPlainPassword(password: string): boolean {
  return password.length >= 6 && !/[$<>{}\s]/.test(password) && distinctCharacters(password) >= 4 && !hasCountingRun(password, 6) && !PLACEHOLDER_WORDS.test(password);
}
