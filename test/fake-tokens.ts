/**
 * Fake registry tokens for tests: well-formed (each matches its registry's format and looks
 * random), but generated, so no test source holds a string that a secret scanner takes for a token.
 */

/** A random-looking string of `length` characters from `alphabet`; deterministic for a seed. */
export function fakeBody(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', seed = 7): string {
  let state = seed;
  let body = '';
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    body += alphabet[(state >>> 16) % alphabet.length];
  }
  return body;
}

export const HEX = '0123456789abcdef';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** One fake token per registry format (lengths: npm 40, pypi 140, testpypi 117, rubygems 57, crates 35, nuget 46, jsr 40, ghp 40). */
export const FAKE = {
  npm: `npm_${fakeBody(36)}`,
  npm2: `npm_${fakeBody(36, undefined, 11)}`,
  pypi: `pypi-AgEIcHlwaS5vcmc${fakeBody(120, undefined, 3)}`,
  testpypi: `pypi-AgENdGVzdC5weXBpLm9yZw${fakeBody(90, undefined, 5)}`,
  rubygems: `rubygems_${fakeBody(48, HEX)}`,
  crates: `cio${fakeBody(32)}`,
  nuget: `oy2${fakeBody(43, LOWER_ALNUM)}`,
  jsr: `jsrp_${fakeBody(35)}`,
  /** A GitHub personal access token's shape: not a registry token for the format scan. */
  ghp: `ghp_${fakeBody(36, undefined, 13)}`,
  /** A random literal secret of no known format (20 characters). */
  opaque: fakeBody(20, undefined, 17),
} as const;
