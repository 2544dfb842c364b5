/**
 * `--concurrency` end to end, through the built CLI (workers start from the bundle's `cli.js`):
 * the report of a run in worker threads is byte for byte the report of a run in one thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from './build-package.js';

let work: string;
let bin: string;

const CALLER = 'on:\n  push:\n    tags: [v*]\njobs:\n  release:\n    uses: ./.github/workflows/publish.yml\n';
const CALLED =
  'on: workflow_call\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm run release\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
const PACKAGE = JSON.stringify({ name: 'x', scripts: { release: 'npm publish' } });

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function run(args: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('--concurrency (built CLI)', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'trustlint-concurrency-'));
    bin = join(buildPackage(work), 'bin/trustlint.js');
    // Six repositories; findings that need cross-file facts (a called workflow, a package script) and a repository config.
    for (let index = 0; index < 6; index++) {
      const root = join(work, 'repos', `r${index}`);
      mkdirSync(join(root, '.git'), { recursive: true });
      write(root, {
        '.github/workflows/release.yml': CALLER,
        '.github/workflows/publish.yml': CALLED,
        'package.json': PACKAGE,
        ...(index % 2 === 0 ? { '.trustlintrc.yml': 'extends: all\n' } : {}),
      });
    }
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reports exactly what one thread reports, in JSON, SARIF and stylish', () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      const single = run(['--concurrency', 'off', '-f', format, 'repos']);
      const parallel = run(['--concurrency', '3', '--debug', '-f', format, 'repos']);
      expect(single.status).toBe(1);
      expect(parallel.stderr).toBe('trustlint: linting 12 files in 3 worker threads\n');
      expect(parallel.status).toBe(single.status);
      expect(parallel.stdout).toBe(single.stdout);
    }
    // The cross-file finding is there in both: the token reaches `npm publish` through the package script.
    expect(run(['--concurrency', '2', '-f', 'json', 'repos']).stdout).toContain('no-long-lived-npm-token');
  }, 120_000);

  it('stays in one thread for --fix-dry-run, --cache and named files, and rejects a bad value', () => {
    expect(run(['--concurrency', '2', '--debug', '--fix-dry-run', '-f', 'json', 'repos']).stderr).toBe('');
    expect(run(['--concurrency', '2', '--debug', '--cache', '--cache-location', join(work, 'cache'), '-f', 'json', 'repos']).stderr).toBe('');
    expect(run(['--concurrency', '2', '--debug', 'repos/r1/.github/workflows/release.yml', 'repos/r2/.github/workflows/release.yml']).stderr).toBe('');
    const bad = run(['--concurrency', '0', 'repos']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('trustlint: --concurrency takes off, auto or a whole number from 1, not `0`\n');
  }, 120_000);
});
