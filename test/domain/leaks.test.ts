import { describe, expect, it } from 'vitest';
import { npmrcCredentials, scriptCredentials } from '../../src/domain/leaks/config-credentials.js';
import { findRegistryTokens } from '../../src/domain/leaks/scan.js';
import { decodeBase64Text, isPlaceholderBody, isPlainCredentialPair, isPlainSecret } from '../../src/domain/leaks/secret-values.js';
import { inLineComment } from '../../src/domain/leaks/yaml-places.js';
import { createFactStore } from '../../src/engine/facts.js';
import { FAKE, fakeBody } from '../fake-tokens.js';

const context = { facts: createFactStore() };
const base64 = (text: string) => Buffer.from(text).toString('base64');
const spans = (list: ReadonlyArray<{ span: { start: number; end: number } }>, text: string) => list.map((item) => text.slice(item.span.start, item.span.end));

describe('secret values', () => {
  it('tells plain secrets from references and placeholders', () => {
    for (const secret of [FAKE.opaque, '3f2a9c1e-7b4d-4e8a-9c2f-1d6b8e0a4c7f', FAKE.ghp]) expect(isPlainSecret(secret), secret).toBe(true);
    for (const value of [
      '${NPM_TOKEN}',
      '$NPM_TOKEN',
      '${{ secrets.NPM_TOKEN }}',
      '<token>',
      'XXXXX-XXXXX-XXXXX-XXXXX',
      'your-token-here',
      'secret_token',
      '00000000-0000-0000-0000-000000000000',
      '1234567890abcdef1234',
      'abcdefghijklmnop1234',
      'short1A',
      'npm_token_here_123456',
      `${fakeBody(12)} ${fakeBody(12)}`,
    ]) {
      expect(isPlainSecret(value), value).toBe(false);
    }
  });

  it('token bodies: degenerate or placeholder-worded bodies are placeholders, random ones are not', () => {
    expect(isPlaceholderBody(fakeBody(36))).toBe(false);
    expect(isPlaceholderBody('X'.repeat(36))).toBe(true);
    expect(isPlaceholderBody('0123456789abcdefghijklmnopqrstuvwxyz')).toBe(true);
    expect(isPlaceholderBody(`YourTokenHere${fakeBody(23)}`)).toBe(true);
  });

  it('reads base64 user:password pairs', () => {
    expect(decodeBase64Text(base64('ci-bot:Zq8vN3xw1Lp'))).toBe('ci-bot:Zq8vN3xw1Lp');
    expect(decodeBase64Text('not base64!')).toBeUndefined();
    expect(decodeBase64Text(Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64'))).toBeUndefined();
    expect(isPlainCredentialPair('ci-bot:Zq8vN3xw1Lp')).toBe(true);
    for (const pair of ['user:password', 'me:changeme', 'x:xxxxxx', '${USER}:${PASS}', ':Zq8vN3xw1Lp', 'nopair', 'u:abc']) expect(isPlainCredentialPair(pair), pair).toBe(false);
  });
});

describe('findRegistryTokens', () => {
  it('finds every format in text order, and leaves out placeholders shaped like tokens', () => {
    const text = `a ${FAKE.crates} b ${FAKE.npm} c npm_${'X'.repeat(36)} d ${FAKE.jsr}`;
    expect(findRegistryTokens(context, text).map((match) => match.format.registry)).toEqual(['crates', 'npm', 'jsr']);
    expect(spans(findRegistryTokens(context, text), text)).toEqual([FAKE.crates, FAKE.npm, FAKE.jsr]);
  });

  it('stays linear on a megabyte of near-tokens', () => {
    const text = `${'npm_'.repeat(100_000)}${'cio'.repeat(100_000)}${'pypi-AgEIcHlwaS5vcmc'.repeat(10_000)}`;
    const started = performance.now();
    expect(findRegistryTokens(context, text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('.npmrc credentials', () => {
  it('reads values as npm ini does: trims, quotes, inline comments, escapes, lone carriage returns, sections', () => {
    const text = [
      `_authToken = "${FAKE.opaque}"`,
      `//h.example/:_authToken=${FAKE.opaque};comment`,
      `//h.example/:_authToken=${FAKE.opaque}\\#x`,
      `[section]\r//s.example/:_authToken='${FAKE.opaque}'`,
      `  ; //h.example/:_authToken=${FAKE.opaque}`,
      `//h.example/:_authToken`,
      `//h.example/:username=ci`,
      '',
    ].join('\n');
    const found = npmrcCredentials(text);
    expect(found.map((item) => [item.key, item.host ?? '', text.slice(item.span.start, item.span.end)])).toEqual([
      ['_authToken', '', FAKE.opaque],
      ['_authToken', 'h.example', FAKE.opaque],
      ['_authToken', 's.example', FAKE.opaque],
    ]);
  });
});

describe('credentials written by scripts', () => {
  it('finds key=value, config set, and yarn keys; skips references and values mixed with variables', () => {
    const text = [
      `echo "//r.example/:_authToken=${FAKE.opaque}" > .npmrc`,
      `npm config set //r.example/:_authToken ${FAKE.opaque}`,
      `yarn config set npmAuthToken ${FAKE.opaque}`,
      `export npm_config__authToken=${FAKE.opaque}`,
      `echo "_authToken=${FAKE.opaque}$SUFFIX"`,
      'echo "_authToken=${NPM_TOKEN}"',
      `printf '_auth=${base64('ci-bot:Zq8vN3xw1Lp')}\\n' >> .npmrc`,
      `echo "npmAuthIdent: ci-bot:Zq8vN3xw1Lp" >> .yarnrc.yml`,
      `echo "x_authToken=${FAKE.opaque}"`,
    ].join('\n');
    const found = scriptCredentials(text);
    expect(found.map((item) => `${item.key}${item.host ? `@${item.host}` : ''}=${text.slice(item.span.start, item.span.end)}`)).toEqual([
      `_authToken@r.example=${FAKE.opaque}`,
      `_authToken@r.example=${FAKE.opaque}`,
      `npmAuthToken=${FAKE.opaque}`,
      `_authToken=${FAKE.opaque}`,
      `_auth=${base64('ci-bot:Zq8vN3xw1Lp')}`,
      'npmAuthIdent=ci-bot:Zq8vN3xw1Lp',
    ]);
  });

  it('stays linear on hostile input', () => {
    const text = `${'_authToken'.repeat(50_000)}${'_authToken= '.repeat(20_000)}_authToken=${'a'.repeat(100_000)}`;
    const started = performance.now();
    scriptCredentials(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('inLineComment', () => {
  it('whole-line and trailing markers, within a bounded window', () => {
    expect(inLineComment('a\n  # x TOKEN', 9, ['#'], false)).toBe(true);
    expect(inLineComment('a=b # x TOKEN', 8, ['#'], false)).toBe(false);
    expect(inLineComment('a=b # x TOKEN', 8, ['#'], true)).toBe(true);
    expect(inLineComment('a=b#x TOKEN', 6, ['#'], true)).toBe(false);
    expect(inLineComment('; x TOKEN', 4, ['#', ';'], false)).toBe(true);
    // The line start is 5,000 characters back: not known, so not a whole-line comment.
    expect(inLineComment(`#${'x'.repeat(5000)}TOKEN`, 5001, ['#'], false)).toBe(false);
  });
});
