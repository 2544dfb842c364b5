import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveConfig } from '../src/engine/config/load-config.js';
import { lintFiles } from '../src/engine/lint-files.js';
import { allRules, builtinPlugin } from '../src/rules/index.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const hook = (parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ files: string }>)[0]!;
const hookFiles = new RegExp(hook.files);

/** A repository whose release runs through every kind of file the rules read beside the workflows. */
const REPO: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'package.json': JSON.stringify({ name: 'pkg', version: '1.0.0', workspaces: ['packages/*'], scripts: { release: 'make publish', 'pub:just': 'just publish' } }),
  'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0', scripts: { release: 'npm publish' } }),
  Makefile: 'publish:\n\tnpm publish\n',
  justfile: 'publish:\n  npm publish\n',
  '.npmrc': '//registry.npmjs.org/:_authToken=${MY_NPM}\n',
  '.yarnrc.yml': 'npmAuthToken: "${YARN_TOKEN:-}"\n',
  '.nvmrc': '22\n',
  '.releaserc.json': '{ "branches": ["main"] }\n',
  '.changes/config.json': '{ "pkgManagers": {} }\n',
  '.github/actions/publish/action.yml': 'name: publish\nruns:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n',
  '.github/workflows/release.yml': [
    'on: push',
    'permissions: {}',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    permissions: { contents: read, id-token: write }',
    '    env: { MY_NPM: "${{ secrets.NPM_TOKEN }}" }',
    '    steps:',
    '      - uses: actions/checkout@v5',
    '      - uses: actions/setup-node@v6',
    '        with: { node-version-file: .nvmrc }',
    '      - run: npm run release',
    '      - run: npm run pub:just',
    '      - run: npm run release --workspaces',
    '      - run: npx semantic-release',
    '      - uses: ./.github/actions/publish',
    '      - uses: jbolda/covector/packages/action@covector-v0',
    '        with: { command: publish }',
    '',
  ].join('\n'),
  '.github/workflows/ci.yml': 'on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - run: npm test\n',
};

let repo: string;

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'trustlint-hook-'));
  for (const [path, text] of Object.entries(REPO)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

function lint(paths: readonly string[]) {
  const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd: repo });
  return lintFiles({ paths, cwd: repo, config, rules: allRules });
}

describe('the pre-commit hook and the files workflows depend on', () => {
  it('the hook\'s `files` pattern matches every repository file the rules read for a release', () => {
    const { results } = lint(['.github/workflows/release.yml']);
    const read = (results[0]!.dependencies ?? []).filter((path) => !path.endsWith('/') && existsSync(join(repo, path)));
    // Each kind of file this repository exercises is read; a new kind the rules read must join the hook's pattern.
    expect(read).toEqual(expect.arrayContaining(['package.json', 'packages/a/package.json', 'Makefile', 'justfile', '.npmrc', '.nvmrc', '.github/actions/publish/action.yml']));
    expect(read.filter((path) => !hookFiles.test(path))).toEqual([]);
  });

  it('the pattern keeps workflows and action metadata, and leaves out nested workflows and unrelated files', () => {
    for (const path of ['.github/workflows/release.yml', 'a/b/action.yaml', 'packages/x/package.json', 'Makefile', '.changes/config.json', '.release-it.json']) expect(path, path).toMatch(hookFiles);
    for (const path of ['docs/.github/workflows/x.yml', 'README.md', 'src/index.ts', 'package-lock.json', 'Makefile.bak']) expect(path, path).not.toMatch(hookFiles);
  });

  it('a changed package.json stands for the workflows that read it, and only those', () => {
    const { results } = lint(['packages/a/package.json']);
    expect(results.map((result) => result.relativePath)).toEqual(['.github/workflows/release.yml']);
    expect(results[0]!.errorCount).toBeGreaterThan(0);
  });

  it('a changed Makefile, .npmrc or local action re-lints the release; a changed file nobody reads lints nothing', () => {
    for (const path of ['Makefile', 'justfile']) expect(lint([path]).results.map((result) => result.relativePath), path).toEqual(['.github/workflows/release.yml']);
    // The local action publishes too, so its token settings in .npmrc matter to it as well.
    expect(lint(['.npmrc']).results.map((result) => result.relativePath)).toEqual(['.github/actions/publish/action.yml', '.github/workflows/release.yml']);
    // The local action is linted itself, and stands for the workflow that uses it.
    expect(lint(['.github/actions/publish/action.yml']).results.map((result) => result.relativePath)).toEqual(['.github/actions/publish/action.yml', '.github/workflows/release.yml']);
    writeFileSync(join(repo, 'notes.txt'), 'nothing\n');
    expect(lint(['notes.txt']).results).toEqual([]);
  });

  it('a workflow named with its dependency is linted once', () => {
    const paths = lint(['.github/workflows/release.yml', 'package.json']).results.map((result) => result.relativePath);
    // Every file that reads the root package.json (the CI job's `npm test` looks for its scripts too), each once.
    expect(paths).toEqual(['.github/workflows/release.yml', '.github/actions/publish/action.yml', '.github/workflows/ci.yml']);
  });

  it('through the built CLI, as the hook runs it', () => {
    const cli = join(repoRoot, 'bin', 'trustlint.js');
    if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) return expect.fail('run `npm run build` first: dist/cli.js is missing');
    let stdout = '';
    let status = 0;
    try {
      stdout = execFileSync(process.execPath, [cli, '--pre-commit', '--format', 'json', '--', 'Makefile'], { cwd: repo, encoding: 'utf8' });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      stdout = failed.stdout;
    }
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as Array<{ filePath: string }>).map((result) => result.filePath)).toEqual([join(repo, '.github/workflows/release.yml')]);
  });
});
