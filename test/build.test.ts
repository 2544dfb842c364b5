/**
 * The shipped build (`scripts/build.mjs`), built into a temporary directory with `--outdir` so the
 * shared dist/ is never touched: the CLI bundle runs through a loader with a V8 code cache, yaml is
 * bundled from its ES module build, and ajv, semver and picomatch are lazy facades. These tests check
 * that the package built that way behaves exactly like the sources, and that the cache is usable.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
let work: string;
let bin: string;
let dist: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-build-test-'));
  const pkg = join(work, 'pkg');
  dist = join(pkg, 'dist');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'bin/trustlint.js'), join(pkg, 'bin/trustlint.js'));
  cpSync(join(repoRoot, 'bin/package.json'), join(pkg, 'bin/package.json'));
  cpSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--outdir', dist, '--no-types'], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  bin = join(pkg, 'bin/trustlint.js');
  for (const name of ['bad', 'configured']) {
    cpSync(join(repoRoot, 'test/fixtures/repos', name), join(work, name), { recursive: true });
    mkdirSync(join(work, name, '.git'));
  }
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

async function inProcess(cwd: string, args: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTty: false,
    env: {},
  });
  return { status, stdout, stderr };
}

function built(cwd: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the shipped build', () => {
  it('lints like the sources: same JSON report and exit code (yaml ES build, lazy semver)', async () => {
    const cwd = join(work, 'bad');
    const expected = await inProcess(cwd, ['--format', 'json']);
    const actual = built(cwd, ['--format', 'json']);
    expect(actual.stderr).toBe('');
    expect(actual.status).toBe(expected.status);
    expect(JSON.parse(actual.stdout)).toEqual(JSON.parse(expected.stdout));
  });

  it('reads a config through the lazy ajv and picomatch facades like the sources', async () => {
    const cwd = join(work, 'configured');
    const expected = await inProcess(cwd, ['--format', 'json']);
    const actual = built(cwd, ['--format', 'json']);
    expect(actual.status).toBe(expected.status);
    expect(JSON.parse(actual.stdout)).toEqual(JSON.parse(expected.stdout));

    // An invalid config is rejected by ajv, with the same message.
    writeFileSync(join(cwd, '.trustlintrc.yml'), 'rules:\n  valid-permissions: warn\nbogus: 1\n');
    const invalidExpected = await inProcess(cwd, []);
    const invalidActual = built(cwd, []);
    expect(invalidActual.status).toBe(2);
    expect(invalidActual.stderr).toBe(invalidExpected.stderr);
    expect(invalidActual.stderr).toContain('bogus');
  });

  it("ships a V8 code cache that this Node accepts for the bundle the loader runs", () => {
    // The starter bin/trustlint.js requires (CommonJS); the ES one only imports it.
    expect(readFileSync(join(dist, 'cli.js'), 'utf8')).toContain("import './cli.cjs';");
    const loader = readFileSync(join(dist, 'cli.cjs'), 'utf8');
    const name = /'(cli-[0-9a-f]{12})\.cjs'/.exec(loader)?.[1];
    expect(name).toBeDefined();
    expect(loader).toContain(`'${name}.cache'`);
    // The same wrapper as the loader's: a different source would make V8 reject the cache.
    const wrapper = /const wrap = \(source\) => `(.*)\$\{source\}(.*)`;/.exec(loader);
    expect(wrapper).not.toBeNull();
    const source = readFileSync(join(dist, `${name}.cjs`), 'utf8');
    const wrapped = `${wrapper![1]}${source}${wrapper![2]!.replace('\\n', '\n')}`;
    const filename = join(dist, `${name}.cjs`);
    const script = new Script(wrapped, { filename, cachedData: readFileSync(join(dist, `${name}.cache`)) });
    expect(script.cachedDataRejected).toBe(false);
  });
});
