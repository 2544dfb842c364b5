/**
 * Credentials written as literals in npm and Yarn configuration: `.npmrc` entries (`_authToken`,
 * `_auth`, `_password`, each optionally scoped to a registry with `//host/path/:`), `.yarnrc.yml`
 * entries (`npmAuthToken`, `npmAuthIdent`), and the same keys written by commands in a script
 * (`echo "//host/:_authToken=…" >> ~/.npmrc`, `npm config set …:_authToken …`,
 * `yarn config set npmAuthToken …`). A value that references a variable (`${NPM_TOKEN}`, `$TOKEN`)
 * or an expression, or looks like a placeholder, is not a literal credential.
 *
 * Key meanings: npm's `npmrc` docs (`_authToken`, `_auth` = base64 of `user:password`, `_password` =
 * base64 of the password, with `username`); Yarn's `.yarnrc.yml` docs (`npmAuthToken`,
 * `npmAuthIdent` = `user:password`, plain or base64). Detection follows detect-secrets' `NpmDetector`
 * (`detect_secrets/plugins/npm.py`: `//…/:_authToken=<any token>`, `//…/:_auth=<base64>`).
 */
import type { Span, YamlScalar, YamlValue } from '../../engine/ast.js';
import { scalarOffsetMap } from '../run-script.js';
import { registryHost } from '../registries/npm/hosts.js';
import { decodeBase64Text, isPlainCredentialPair, isPlainPassword, isPlainSecret } from './secret-values.js';

/** The configuration keys that hold a credential. */
export type CredentialKey = '_authToken' | '_auth' | '_password' | 'npmAuthToken' | 'npmAuthIdent';

export interface LiteralCredential {
  readonly key: CredentialKey;
  /** The registry host the key is scoped to (`npm.pkg.github.com`), when it says. */
  readonly host?: string;
  /** The value in the file. */
  readonly span: Span;
}

/** Whether a literal value of a credential key is plainly a real credential. */
export function isLiteralCredential(key: CredentialKey, value: string): boolean {
  switch (key) {
    case '_authToken':
    case 'npmAuthToken':
      return isPlainSecret(value);
    case '_auth': {
      const decoded = decodeBase64Text(value);
      return decoded !== undefined && isPlainCredentialPair(decoded);
    }
    case '_password': {
      const decoded = decodeBase64Text(value);
      return decoded !== undefined && isPlainPassword(decoded);
    }
    case 'npmAuthIdent': {
      if (value.includes(':')) return isPlainCredentialPair(value);
      const decoded = decodeBase64Text(value);
      return decoded !== undefined && isPlainCredentialPair(decoded);
    }
  }
}

const NPMRC_KEY = /(?:^|:)(_authToken|_auth|_password)$/;

/** The host of an `.npmrc` key (`//registry.example.com/path/:_authToken`), bounded for messages. */
function hostOf(scope: string): string | undefined {
  const host = registryHost(scope);
  return host === undefined ? undefined : host.slice(0, 100);
}

/**
 * Literal credentials of an `.npmrc`, read as npm's `ini` reads it (ini 4, `decode`/`unsafe`): lines
 * end at `\r` or `\n`; a line whose first non-blank character is `#` or `;` is a comment; the key
 * ends at the first `=`; an unquoted value ends at the first unescaped `;` or `#`; a quoted one is
 * inside its quotes. Sections are read too: a token under `[section]` is still written in the file.
 */
export function npmrcCredentials(text: string): LiteralCredential[] {
  const found: LiteralCredential[] = [];
  for (const line of text.matchAll(/[^\r\n]+/g)) {
    const body = line[0];
    if (/^\s*[;#]/.test(body)) continue;
    const equals = body.indexOf('=');
    if (equals === -1) continue;
    const rawKey = body.slice(0, equals).trim();
    const keyMatch = NPMRC_KEY.exec(rawKey);
    if (!keyMatch) continue;
    const value = iniValue(body, equals + 1);
    if (!value || !isLiteralCredential(keyMatch[1] as CredentialKey, value.text)) continue;
    const host = hostOf(rawKey);
    found.push({ key: keyMatch[1] as CredentialKey, ...(host ? { host } : {}), span: { start: line.index + value.start, end: line.index + value.end } });
  }
  return found;
}

/** An INI value from `from` in the line: its text and where it is (quotes and an inline comment excluded). */
function iniValue(line: string, from: number): { text: string; start: number; end: number } | undefined {
  let start = from;
  while (start < line.length && /\s/.test(line[start]!)) start++;
  let end = line.length;
  while (end > start && /\s/.test(line[end - 1]!)) end--;
  if (end - start >= 2 && (line[start] === '"' || line[start] === "'") && line[end - 1] === line[start]) {
    return { text: line.slice(start + 1, end - 1), start: start + 1, end: end - 1 };
  }
  // Unquoted: up to the first `;` or `#` not escaped by a backslash.
  for (let index = start; index < end; index++) {
    const char = line[index];
    if (char === '\\') index++;
    else if (char === ';' || char === '#') {
      end = index;
      break;
    }
  }
  while (end > start && /\s/.test(line[end - 1]!)) end--;
  return end > start ? { text: line.slice(start, end), start, end } : undefined;
}

/**
 * Literal credentials of a `.yarnrc.yml` document: `npmAuthToken` and `npmAuthIdent` at the top,
 * under `npmScopes.<scope>` or under `npmRegistries."//host"`. Values are scalars; one that Yarn
 * would interpolate (`${NPM_TOKEN}`) is not a literal.
 */
export function yarnrcCredentials(root: YamlValue, fileText: string): LiteralCredential[] {
  const found: LiteralCredential[] = [];
  // Iterative, with the registry key that scopes each level; Yarn's settings are a few levels deep.
  const stack: Array<{ value: YamlValue; host?: string; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, host, depth } = stack.pop()!;
    if (value.type !== 'map' || depth > 8) continue;
    for (const entry of value.entries) {
      const key = entry.key.text;
      if ((key === 'npmAuthToken' || key === 'npmAuthIdent') && entry.value.type === 'scalar' && !entry.value.aliasSpan) {
        const scalar = entry.value;
        if (!isLiteralCredential(key, scalar.text.trim())) continue;
        found.push({ key, ...(host ? { host } : {}), span: valueSpan(scalar, fileText) });
      } else {
        stack.push({ value: entry.value, depth: depth + 1, ...(host ? { host } : key.startsWith('//') || /^https?:\/\//i.test(key) ? { host: hostOf(key) } : {}) });
      }
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** The span of a scalar's value without its quotes, when it maps exactly; else the whole scalar. */
function valueSpan(scalar: YamlScalar, fileText: string): Span {
  const text = scalar.text.trim();
  const offset = scalar.text.indexOf(text);
  const map = scalarOffsetMap(scalar, fileText);
  const start = map(offset);
  const last = text.length > 0 ? map(offset + text.length - 1) : undefined;
  return start !== undefined && last !== undefined && last >= start ? { start, end: last + 1 } : scalar.span;
}

/**
 * Credential keys written by commands in a script, found in the text as written:
 * `//host/:_authToken=<value>` (in `echo`, `printf`, a heredoc), `npm config set <key> <value>`,
 * `yarn config set npmAuthToken <value>`, `npmAuthToken: <value>` in a heredoc. The value is the run
 * of token characters after `=`, `:` or blanks, and counts only when the character after it ends a
 * word (a quote, a blank, `;`, `|`, `&`, `)`, `>`, a backslash escape, the end): `…=abc$X` mixes in a
 * variable and is not a literal.
 */
export function scriptCredentials(text: string): LiteralCredential[] {
  const found: LiteralCredential[] = [];
  if (!/_auth|_password|npmAuth/.test(text)) return found;
  const pattern = /(?<![A-Za-z0-9])(_authToken|_auth|_password|npmAuthToken|npmAuthIdent)(?:[ \t]{0,8}[=:][ \t]{0,8}|[ \t]{1,8})["']?([A-Za-z0-9._~+/=:-]{1,4096})/g;
  for (const match of text.matchAll(pattern)) {
    const key = match[1] as CredentialKey;
    const value = match[2]!;
    const end = match.index + match[0].length;
    const next = text[end];
    if (next !== undefined && !/[\s"'`;|&)<>\\,]/.test(next)) continue;
    if (!isLiteralCredential(key, value)) continue;
    const host = hostOf(scopeBefore(text, match.index));
    found.push({ key, ...(host ? { host } : {}), span: { start: end - value.length, end } });
  }
  return found;
}

/** The `//host/path/:` written right before a key (the word it is part of), or ''. */
function scopeBefore(text: string, keyStart: number): string {
  let start = keyStart;
  // Bounded: a scope is a URL without blanks or quotes; a megabyte of them is not one.
  while (start > 0 && keyStart - start < 2048 && !/[\s"'`=]/.test(text[start - 1]!)) start--;
  return text.slice(start, keyStart);
}
