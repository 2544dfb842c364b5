/**
 * jsonValueSpan against the YAML parser's positions (what packageJsonLocation used before): the same
 * span for the whole document, every top-level key and every script, on small cases and on every
 * package.json of the shared corpus (`../shared/corpus`, absent in a fresh clone: then skipped).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Span, YamlValue } from '../../src/engine/ast.js';
import { jsonValueSpan } from '../../src/domain/project/json-span.js';
import { analysis } from '../engine/helpers.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(resolve(repoRoot, '../shared'), 'corpus');
const present = existsSync(corpus);

/** Every path the rules ask for ([], each top-level key, each script) with the YAML parser's span. */
function yamlSpans(text: string): Array<[string[], Span | undefined]> {
  const document = analysis({ 'package.json': text }).project.yaml('package.json');
  const root = document?.value;
  const spans: Array<[string[], Span | undefined]> = [[[], root?.span]];
  if (root?.type !== 'map') return spans;
  for (const [key, entry] of root.byKey) {
    spans.push([[key], entry.value.span]);
    if (key !== 'scripts' || entry.value.type !== 'map') continue;
    for (const [name, script] of (entry.value as YamlValue & { type: 'map' }).byKey) spans.push([['scripts', name], script.value.span]);
  }
  return spans;
}

function* packageJsons(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* packageJsons(path);
    else if (entry.name === 'package.json') yield path;
  }
}

describe('jsonValueSpan', () => {
  it('finds values at any depth, as the YAML parser places them', () => {
    const text = '{\n  "name": "demo",\n  "scripts": { "build": "tsc", "re\\u006cease": "npm publish" },\n  "n": 1, "t": true, "a": [1, {"b": "]"}], "o": {}\n}\n';
    for (const [keys, span] of yamlSpans(text)) expect(jsonValueSpan(text, keys), keys.join('.')).toEqual(span);
    expect(text.slice(jsonValueSpan(text, ['scripts', 'release'])!.start, jsonValueSpan(text, ['scripts', 'release'])!.end)).toBe('"npm publish"');
    expect(jsonValueSpan(text, ['scripts', 'test'])).toBeUndefined();
    expect(jsonValueSpan(text, ['name', 'x'])).toBeUndefined();
  });

  it('a key written twice is the last one, as JSON.parse reads it', () => {
    const text = '{"scripts": {"a": "1", "a": "2"}}';
    expect(text.slice(jsonValueSpan(text, ['scripts', 'a'])!.start, jsonValueSpan(text, ['scripts', 'a'])!.end)).toBe('"2"');
  });

  it('gives up on text that is not JSON instead of guessing', () => {
    expect(jsonValueSpan('{"a": "unterminated', ['a'])).toBeUndefined();
    expect(jsonValueSpan('{"a" 1}', ['a'])).toBeUndefined();
    expect(jsonValueSpan('', [])).toBeUndefined();
    expect(jsonValueSpan('[{"a": 1}]', ['a'])).toBeUndefined();
    // Deep nesting is skipped without recursion.
    const deep = `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "b": 2}`;
    expect(jsonValueSpan(deep, ['b'])).toEqual({ start: deep.length - 2, end: deep.length - 1 });
  });

  describe.skipIf(!present)('on every package.json of the shared corpus', () => {
    it('matches the YAML parser on the whole file, each top-level key and each script', { timeout: 120_000 }, () => {
      let compared = 0;
      for (const path of packageJsons(corpus)) {
        const text = readFileSync(path, 'utf8');
        try {
          JSON.parse(text);
        } catch {
          continue;
        }
        for (const [keys, span] of yamlSpans(text)) {
          expect(jsonValueSpan(text, keys), `${path} ${keys.join('.')}`).toEqual(span);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(1000);
    });
  });
  if (!present) it.skip(`corpus comparison skipped: ${corpus} is absent (it is not part of a clone)`, () => {});
});
