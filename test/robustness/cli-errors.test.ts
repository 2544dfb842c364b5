import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCli, runBuiltCli, type CliRun } from './helpers.js';

// Errors users make, through the built binary: each is one clear line on stderr, no stack trace,
// exit code 2, and nothing on stdout.

let work: string;
let bin: string;
let repo: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-cli-errors-'));
  bin = buildPrivateCli(work);
  repo = join(work, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, '.github/workflows'), { recursive: true });
  writeFileSync(join(repo, '.github/workflows/ci.yml'), 'on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function withConfig(name: string, text: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  writeFileSync(join(dir, '.trustlintrc.yml'), text);
  return dir;
}

function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect(run.signal).toBeNull();
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^trustlint: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('errors users make: one clear line, exit 2', () => {
  it('a typo in a config key', () => {
    const dir = withConfig('typo', 'rulez:\n  valid-permissions: error\n');
    expectOneLineError(runBuiltCli(bin, dir, []), /\.trustlintrc\.yml: invalid config: rulez is not a known key; did you mean `rules`\?$/);
  });

  it('a rule that does not exist', () => {
    const dir = withConfig('unknown-rule', 'rules:\n  valid-permission: error\n');
    expectOneLineError(runBuiltCli(bin, dir, []), /rules\.valid-permission: unknown rule `valid-permission`; did you mean `valid-permissions`\?$/);
  });

  it('rule options of the wrong type', () => {
    const dir = withConfig('bad-options', 'rules:\n  top-level-permissions-empty: [error, {allow: 3}]\n');
    expectOneLineError(runBuiltCli(bin, dir, []), /invalid options for `top-level-permissions-empty`: .*allow must be array/);
  });

  it('a severity that does not exist', () => {
    const dir = withConfig('bad-severity', 'rules:\n  valid-permissions: loud\n');
    expectOneLineError(runBuiltCli(bin, dir, []), /invalid config: rules\.valid-permissions must be one of "off", "warn", "error", 0, 1, 2, or must be array$/);
  });

  it('a config file that is not YAML', () => {
    const dir = withConfig('broken-config', 'rules: [\n');
    expectOneLineError(runBuiltCli(bin, dir, []), /\.trustlintrc\.yml:2:1: cannot parse the config file: /);
  });

  it('an unknown CLI flag, with a suggestion', () => {
    expectOneLineError(runBuiltCli(bin, repo, ['--formt', 'json']), /unknown option `--formt` \(did you mean `--format`\?\)/);
    expectOneLineError(runBuiltCli(bin, repo, ['--bogus']), /unknown option `--bogus`; run `trustlint --help` for usage$/);
  });

  it('a flag without its value', () => {
    expectOneLineError(runBuiltCli(bin, repo, ['--format']), /option `-f, --format <value>` needs a value/);
  });

  it('an unknown format and a bad --max-warnings', () => {
    expectOneLineError(runBuiltCli(bin, repo, ['--format', 'xml']), /unknown format `xml`/);
    expectOneLineError(runBuiltCli(bin, repo, ['--max-warnings', 'many']), /--max-warnings takes a whole number/);
  });

  it('prototype names are ordinary names: `--format constructor` and `--rule \'__proto__: off\'` are unknown (issue 17)', () => {
    // Before: `constructor` and `toString` passed the `in` check and crashed the formatter call (exit 2, an internal
    // error), and `__proto__` replaced the prototype of the rule overrides, so it was taken silently.
    for (const format of ['constructor', 'toString', '__proto__']) expectOneLineError(runBuiltCli(bin, repo, ['--format', format]), new RegExp(`unknown format \`${format}\``));
    expectOneLineError(runBuiltCli(bin, repo, ['--rule', '__proto__: off']), /unknown rule `__proto__`/);
    expectOneLineError(runBuiltCli(bin, repo, ['--rule', '{"__proto__": {"valid-permissions": "off"}}']), /unknown rule `__proto__`/);
    expectOneLineError(runBuiltCli(bin, repo, ['--rule', 'constructor: off']), /unknown rule `constructor`/);
  });

  it('a malformed --rule', () => {
    expectOneLineError(runBuiltCli(bin, repo, ['--rule', 'valid-permissions']), /--rule 'valid-permissions': expected/);
    expectOneLineError(runBuiltCli(bin, repo, ['--rule', 'no-such-rule: error']), /unknown rule `no-such-rule`/);
  });

  it('a config file that is a device, a FIFO, too large, or nested too deep: one line, never read whole (issue 17)', () => {
    // Before: -c /dev/zero read 16 GB then aborted, a FIFO hung, 4 MiB of `}` ran V8 out of heap.
    expectOneLineError(runBuiltCli(bin, repo, ['-c', '/dev/zero']), /^trustlint: \/dev\/zero: the config file is not a regular file \(a character device\); not read$/);
    const fifo = join(work, 'config.fifo.yml');
    execFileSync('mkfifo', [fifo]);
    expectOneLineError(runBuiltCli(bin, repo, ['-c', fifo]), /: the config file is not a regular file \(a named pipe\); not read$/);
    const looked = withConfig('fifo-lookup', '');
    rmSync(join(looked, '.trustlintrc.yml'));
    execFileSync('mkfifo', [join(looked, '.trustlintrc.yml')]);
    expectOneLineError(runBuiltCli(bin, looked, []), /^trustlint: \.trustlintrc\.yml: the config file is not a regular file \(a named pipe\); not read$/);
    const big = withConfig('big-config', '}'.repeat(4 * 1024 * 1024));
    expectOneLineError(runBuiltCli(bin, big, []), /^trustlint: \.trustlintrc\.yml: the config file is 4194304 bytes, more than 1048576 bytes; not read$/);
    const braces = withConfig('braces-config', '}'.repeat(1024 * 1024 - 1));
    expectOneLineError(runBuiltCli(bin, braces, []), /^trustlint: \.trustlintrc\.yml:1:1: cannot parse the config file: /);
    const deep = withConfig('deep-config', `settings:\n  x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expectOneLineError(runBuiltCli(bin, deep, []), /\.trustlintrc\.yml:2:\d+: cannot parse the config file: YAML nesting deeper than 500 levels/);
  });

  it('a config file given with -c that does not exist', () => {
    expectOneLineError(runBuiltCli(bin, repo, ['-c', 'nothere.yml']), /nothere\.yml: config file not found/);
  });

  it('a path that does not exist (the other paths are still linted)', () => {
    const run = runBuiltCli(bin, repo, ['--format', 'json', 'no/such.yml', '.github/workflows/ci.yml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('trustlint: no/such.yml: no such file or directory\n');
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(1);
  });

  it('an output file that cannot be written: no directory is created, nothing else is written', () => {
    expectOneLineError(runBuiltCli(bin, repo, ['-o', 'missing-dir/report.json']), /cannot write missing-dir\/report\.json: its directory does not exist \(ENOENT\)$/);
    expectOneLineError(runBuiltCli(bin, repo, ['-o', '.github']), /cannot write \.github: it is a directory \(EISDIR\)$/);
    expectOneLineError(runBuiltCli(bin, repo, ['-o', '.github/workflows/ci.yml/x.json']), /cannot write .*: a part of the path is not a directory \(ENOTDIR\)$/);
  });

  it('a closed stdout pipe is not an error with a stack trace', () => {
    const result = runBuiltCli(bin, repo, ['--help']);
    expect(result.status).toBe(0);
    // (EPIPE itself needs a real pipe closed early; the handler is in src/main.ts.)
    expect(result.stderr).toBe('');
  });
});
