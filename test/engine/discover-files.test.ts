import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config/load-config.js';
import { discoverFiles, isLintTarget } from '../../src/engine/discover-files.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';

const TOKEN_WORKFLOW = `on: push
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --provenance
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trustlint-discover-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, '.github/workflows'), { recursive: true });
  for (const name of ['action.yml', 'ACTION.yaml', 'rel\\ease.yml']) writeFileSync(join(root, '.github/workflows', name), TOKEN_WORKFLOW);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('discovery', () => {
  it('finds a workflow whose POSIX file name holds a backslash', () => {
    expect(isLintTarget(join(root, '.github/workflows/rel\\ease.yml'))).toBe(true);
    const found = discoverFiles(['.'], root).files.map((file) => file.path);
    expect(found).toContain(join(root, '.github/workflows/rel\\ease.yml'));
  });

  it('lints every file in .github/workflows as a workflow, even one named action.yml', () => {
    const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd: root });
    const { results } = lintFiles({ paths: ['.'], cwd: root, config, rules: allRules });
    const byPath = new Map(results.map((result) => [result.relativePath, result.messages.map((message) => message.ruleId)]));
    for (const name of ['action.yml', 'ACTION.yaml', 'rel\\ease.yml']) {
      expect(byPath.get(`.github/workflows/${name}`), name).toContain('no-long-lived-npm-token');
    }
  });
});
