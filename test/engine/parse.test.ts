import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse as parseWithYaml } from 'yaml';
import { lintText } from '../../src/engine/lint-text.js';
import { allRules } from '../../src/rules/index.js';

const rules = allRules.map((rule) => ({ rule, severity: rule.meta.severity, options: rule.meta.defaultOptions }));
const lint = (text: string) => lintText(text, { filePath: '.github/workflows/release.yml', rules });
const yamlFindings = (text: string) =>
  lint(text)
    .messages.filter((message) => message.ruleId === null)
    .map((message) => ({ fatal: message.fatal, at: `${message.line}:${message.column}-${message.endLine}:${message.endColumn}`, message: message.message }));

/** A publish job whose token hides behind `hide` inside a comment on line 8. */
const hiddenToken = (hide: string) => `on: push
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --provenance
        # release${hide}        env: {NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}"}
`;

const BREAK_LIKE = [
  ['\r', 'A carriage return without a line feed (U+000D)'],
  ['\u0085', 'A next-line character (U+0085)'],
  ['\u2028', 'A line separator (U+2028)'],
  ['\u2029', 'A paragraph separator (U+2029)'],
] as const;

describe('characters that end a line for other YAML parsers (issue 17)', () => {
  it('js-yaml ends a comment at a lone carriage return and sees the token that `yaml` reads as comment text', () => {
    // The differential itself: what another parser (and possibly GitHub) sees.
    const text = hiddenToken('\r');
    const otherParser = jsyaml.load(text) as { jobs: { publish: { steps: Array<Record<string, unknown>> } } };
    expect(otherParser.jobs.publish.steps[0]).toHaveProperty('env.NODE_AUTH_TOKEN');
    const ours = parseWithYaml(text) as { jobs: { publish: { steps: Array<Record<string, unknown>> } } };
    expect(ours.jobs.publish.steps[0]).not.toHaveProperty('env');
    // js-yaml is a YAML 1.2 parser: NEL, LS and PS are ordinary characters to it, as to `yaml`. They
    // end the line in YAML 1.1 parsers (PyYAML, YamlDotNet), checked by hand: see docs/robustness.md.
    for (const [char] of BREAK_LIKE.slice(1)) {
      expect(jsyaml.load(hiddenToken(char))).toEqual(parseWithYaml(hiddenToken(char)));
    }
  });

  it.each(BREAK_LIKE)('%j inside a comment is a fatal YAML finding at the character', (char, name) => {
    expect(yamlFindings(hiddenToken(char))).toEqual([
      {
        fatal: true,
        at: '8:18-8:19',
        message: `YAML: ${name} inside a comment ends the line for ${char === '\r' ? 'js-yaml, PyYAML and YamlDotNet' : 'YAML 1.1 parsers (PyYAML, YamlDotNet)'} but not for trustlint's parser, so what follows may be YAML that trustlint does not see; replace it with a line feed or remove it`,
      },
    ]);
  });

  it.each(BREAK_LIKE)('%j in a block scalar or a plain scalar is reported too (it can end the scalar elsewhere)', (char) => {
    const block = `on: push\njobs:\n  a:\n    steps:\n      - run: |\n          echo${char}env: x\n`;
    expect(yamlFindings(block).map((finding) => finding.at)).toEqual(['6:15-6:16']);
    const plain = `on: push\nname: release${char}x\njobs: {}\n`;
    expect(yamlFindings(plain).map((finding) => finding.at)).toContain('2:14-2:15');
  });

  it.each(BREAK_LIKE)('%j inside a quoted string changes only its value: no finding', (char) => {
    expect(yamlFindings(`on: push\nname: "a${char}b"\nrun-name: 'c${char}d'\njobs: {}\n`)).toEqual([]);
  });

  it('CRLF line endings are not reported', () => {
    expect(yamlFindings('on: push\r\n# a comment\r\npermissions: {}\r\njobs: {}\r\n')).toEqual([]);
  });
});

describe('the nesting limit is placed on the collection that passes it', () => {
  const limits = { maxDepth: 5, maxAliasNodes: 1000 };
  const nesting = (text: string) =>
    lintText(text, { filePath: '.github/workflows/x.yml', rules: [], limits }).messages.map((message) => `${message.line}:${message.column}`);

  it('brackets in a comment or a string do not count', () => {
    // Root map (1), then `[` at columns 4, 5, 6, 7, 8: the fifth is level 6.
    expect(nesting(`# [[[[[[[[[[\non: push\nname: "[[[[[[[[[["\nx: [[[[[[[[]]]]]]]]\n`)).toEqual(['4:8']);
  });

  it('block collections count as levels, and the error points at the first one too deep', () => {
    const text = 'a:\n  b:\n    c:\n      d:\n        e:\n          - f\n';
    expect(nesting(text)).toEqual(['6:11']);
  });
});

describe('merge keys (issue 17)', () => {
  const withMerge = (key: string) => `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    env: &env
      A: 1
    steps: [{ run: echo }]
  b:
    runs-on: ubuntu-latest
    env:
      ${key}: *env
      B: 2
    steps: [{ run: echo }]
`;

  it('a `<<` key is a YAML finding at the key: GitHub rejects merge keys', () => {
    expect(yamlFindings(withMerge('<<'))).toEqual([
      {
        fatal: true,
        at: '12:7-12:9',
        message:
          'YAML: GitHub Actions does not support YAML merge keys (`<<`) and rejects this file; write the keys out (anchors and aliases of whole values do work)',
      },
    ]);
  });

  it('is reported once where it is written, not at each alias of its map', () => {
    const text = `on: push\nx: &m\n  <<: {a: 1}\njobs:\n  a: { runs-on: ubuntu-latest, env: *m, steps: [] }\n  b: { runs-on: ubuntu-latest, env: *m, steps: [] }\n`;
    expect(yamlFindings(text).map((finding) => finding.at)).toEqual(['3:3-3:5']);
  });

  // actionlint's own test of the same check, from the shared corpus.
  const actionlintCase = join(resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus'), 'rhysd__actionlint/testdata/err/merge_key_unsupported');
  const hasCase = existsSync(`${actionlintCase}.yaml`);
  if (!hasCase) console.warn('parse.test.ts: ../shared/corpus is absent (a fresh clone has none): the actionlint merge-key comparison is skipped.');
  it.skipIf(!hasCase)('finds the merge keys actionlint finds, at the same positions', () => {
    const expected = [...readFileSync(`${actionlintCase}.out`, 'utf8').matchAll(/^test\.yaml:(\d+):(\d+): GitHub Actions does not support YAML merge key/gm)].map(
      (match) => `${match[1]}:${match[2]}`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const found = yamlFindings(readFileSync(`${actionlintCase}.yaml`, 'utf8')).map((finding) => finding.at.split('-')[0]);
    expect(found).toEqual(expected);
  });

  it('a quoted "<<" is an ordinary key', () => {
    expect(yamlFindings(withMerge('"<<"'))).toEqual([]);
  });
});
