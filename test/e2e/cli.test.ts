/**
 * End-to-end: the real binary on fixture repositories. Once, in `beforeAll`, the package is built
 * by its own `scripts/build.mjs` in a private copy (`src`, `scripts`, `bin`, `package.json`, with
 * `node_modules` linked). That is the robust option: it tests the current sources through the real
 * build and loader, never a stale `dist/`, and it never deletes the shared `dist/` under other test
 * files or people (the build starts with `rm -rf dist`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { VERSION } from '../../src/version.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = join(repoRoot, 'test/fixtures/repos');
let work: string;
let bin: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-e2e-'));
  const pkg = join(work, 'pkg');
  for (const part of ['src', 'scripts', 'bin', 'package.json']) cpSync(join(repoRoot, part), join(pkg, part), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs'), '--no-types'], { cwd: pkg, stdio: ['ignore', 'ignore', 'pipe'] });
  bin = join(pkg, 'bin/trustlint.js');
  // Each fixture is copied and given a `.git`, so config lookup stops at it, as in a real clone.
  for (const name of ['bad', 'clean', 'configured']) {
    cpSync(join(fixtures, name), join(work, name), { recursive: true });
    mkdirSync(join(work, name, '.git'));
  }
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(repo: string, args: readonly string[] = []): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: join(work, repo),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Lines of stylish output with the temporary directory replaced by `<repo>`. */
function stylishLines(output: string, repo: string): string[] {
  return output.split(join(work, repo)).join('<repo>').split('\n');
}

const FINDING = (position: string, severity: 'error' | 'warning', rule = 'valid-permissions') =>
  new RegExp(`^  ${position.replace('.', '\\.')} +${severity} +\\S.*  ${rule}$`);

describe('trustlint CLI', () => {
  it('a bad repository: stylish output with exact positions, a fatal YAML error, the other files linted, exit 1', () => {
    const result = run('bad');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const lines = stylishLines(result.stdout, 'bad');
    expect(lines[0]).toBe('');
    expect(lines[1]).toBe('<repo>/.github/workflows/broken.yml');
    expect(lines[2]).toMatch(/^ {2}7:5 {2}error {2}YAML: \S.*[^ ]$/);
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('<repo>/.github/workflows/release.yml');
    expect(lines[5]).toMatch(FINDING('8:17', 'error'));
    // `id_token` is certainly `id-token`: that finding has a fix, and stylish says so.
    expect(lines[6]).toMatch(FINDING('9:7 ', 'error', 'valid-permissions \\(fixable\\)'));
    expect(lines[6]).toContain('id_token');
    expect(lines.slice(7)).toEqual(['', '✖ 3 problems (3 errors, 0 warnings)', '  1 error and 0 warnings potentially fixable with the `--fix` option.', '']);
  });

  it("`--format json` has ESLint's shape, one result per linted file", () => {
    const result = run('bad', ['--format', 'json']);
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout) as Array<Record<string, unknown> & { messages: Array<Record<string, unknown>> }>;
    expect(parsed.map((file) => (file.filePath as string).slice(join(work, 'bad').length))).toEqual([
      '/.github/workflows/broken.yml',
      '/.github/workflows/ok.yml',
      '/.github/workflows/release.yml',
    ]);
    for (const file of parsed) {
      expect(Object.keys(file)).toEqual([
        'filePath',
        'messages',
        'suppressedMessages',
        'errorCount',
        'fatalErrorCount',
        'warningCount',
        'fixableErrorCount',
        'fixableWarningCount',
        'usedDeprecatedRules',
      ]);
    }
    expect(parsed[0]!.messages).toHaveLength(1);
    expect(parsed[0]!.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 7, column: 5 });
    expect(parsed[0]!.fatalErrorCount).toBe(1);
    expect(parsed[1]!.messages).toEqual([]);
    expect(parsed[2]!.messages.map((m) => [m.ruleId, m.messageId, m.line, m.column, m.endLine, m.endColumn])).toEqual([
      ['valid-permissions', 'invalidLevel', 8, 17, 8, 21],
      ['valid-permissions', 'unknownScope', 9, 7, 9, 15],
    ]);
  });

  it('`--fix` writes the fixes and reports what remains; `--fix-dry-run` writes nothing and gives `output`', () => {
    cpSync(join(work, 'bad'), join(work, 'fixing'), { recursive: true });
    const release = join(work, 'fixing/.github/workflows/release.yml');
    const before = readFileSync(release, 'utf8');
    const broken = readFileSync(join(work, 'fixing/.github/workflows/broken.yml'), 'utf8');

    const dry = run('fixing', ['--fix-dry-run', '--format', 'json']);
    expect(dry.status).toBe(1);
    expect(readFileSync(release, 'utf8')).toBe(before);
    const results = JSON.parse(dry.stdout) as Array<{ filePath: string; output?: string; messages: Array<{ messageId?: string; fix?: unknown }>; fixableErrorCount: number }>;
    const fixed = results.find((result) => result.filePath.endsWith('release.yml'))!;
    expect(fixed.output).toBe(before.replace('id_token: write', 'id-token: write'));
    // After the fix `contents: reed` is left, and it has no fix (what was meant is not certain); the
    // repaired `id-token: write` is now read, and the job never requests a token (id-token-unused).
    expect(fixed.messages.map((message) => [message.messageId, message.fix])).toEqual([
      ['invalidLevel', undefined],
      ['unused', undefined],
    ]);
    expect(fixed.fixableErrorCount).toBe(0);
    expect(results.filter((result) => result.output !== undefined)).toHaveLength(1);

    const applied = run('fixing', ['--fix']);
    expect(applied.status).toBe(1);
    expect(applied.stderr).toBe('');
    expect(readFileSync(release, 'utf8')).toBe(fixed.output);
    // A file with a YAML error is never fixed.
    expect(readFileSync(join(work, 'fixing/.github/workflows/broken.yml'), 'utf8')).toBe(broken);
    expect(stylishLines(applied.stdout, 'fixing').slice(-2)).toEqual(['✖ 3 problems (2 errors, 1 warning)', '']);
    expect(run('fixing', ['--fix']).stdout).toBe(applied.stdout);

    expect(run('fixing', ['--fix', '--fix-dry-run'])).toEqual({ status: 2, stdout: '', stderr: 'trustlint: --fix and --fix-dry-run cannot be used together\n' });
  });

  it('a clean repository: exit 0 and no output', () => {
    const result = run('clean');
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('`--rule` changes a severity; `--max-warnings` and `--quiet` act on warnings', () => {
    const warn = run('bad', ['--rule', 'valid-permissions: warn', '.github/workflows/release.yml']);
    expect(warn.status).toBe(0);
    expect(stylishLines(warn.stdout, 'bad').slice(-3)).toEqual(['✖ 2 problems (0 errors, 2 warnings)', '  0 errors and 1 warning potentially fixable with the `--fix` option.', '']);
    const tooMany = run('bad', ['--rule', 'valid-permissions: warn', '--max-warnings', '1', '.github/workflows/release.yml']);
    expect(tooMany.status).toBe(1);
    expect(tooMany.stderr).toBe('trustlint: 2 warnings, more than --max-warnings 1\n');
    const enough = run('bad', ['--rule', 'valid-permissions: warn', '--max-warnings', '2', '.github/workflows/release.yml']);
    expect(enough.status).toBe(0);
    const quiet = run('bad', ['--rule', 'valid-permissions: warn', '--quiet', '.github/workflows/release.yml']);
    expect(quiet).toEqual({ status: 0, stdout: '', stderr: '' });
    const off = run('bad', ['--rule', 'valid-permissions: off', '.github/workflows/release.yml']);
    expect(off).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('a bad `--rule` and a bad `--max-warnings` are usage errors (exit 2)', () => {
    const unknown = run('bad', ['--rule', 'valid-permision: warn']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('did you mean `valid-permissions`?');
    expect(run('bad', ['--max-warnings', 'many']).status).toBe(2);
    expect(run('bad', ['--format', 'xml']).stderr).toBe('trustlint: unknown format `xml`; use one of stylish, json, sarif, github, or the path or package name of a formatter module\n');
    expect(run('bad', ['--no-such-flag']).status).toBe(2);
    const missing = run('bad', ['does-not-exist.yml']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('trustlint: does-not-exist.yml: no such file or directory\n');
  });

  it('finds the config file and applies its rules and ignores; `-c` and `--no-config-lookup` override it', () => {
    const found = run('configured');
    expect(found.status).toBe(0);
    expect(stylishLines(found.stdout, 'configured')).toEqual([
      '',
      '<repo>/.github/workflows/ci.yml',
      expect.stringMatching(FINDING('8:17', 'warning')),
      '',
      '✖ 1 problem (0 errors, 1 warning)',
      '',
    ]);
    const explicit = run('configured', ['-c', 'config/strict.json']);
    expect(explicit.status).toBe(1);
    // The explicit config has no ignores: both files are linted.
    expect(explicit.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
    const noLookup = run('configured', ['--no-config-lookup']);
    expect(noLookup.status).toBe(1);
    expect(noLookup.stdout).toContain('✖ 2 problems (2 errors, 0 warnings)');
    const missing = run('configured', ['-c', 'nope.yml']);
    expect(missing).toEqual({ status: 2, stdout: '', stderr: 'trustlint: nope.yml: config file not found\n' });
  });

  it('`--print-config` prints the resolved configuration for a file', () => {
    const result = run('configured', ['--print-config', '.github/workflows/ci.yml']);
    expect(result.status).toBe(0);
    const printed = JSON.parse(result.stdout) as { configFile: string; rules: Record<string, unknown>; reportUnusedDisableDirectives: string };
    expect(printed.configFile).toBe(join(work, 'configured/.trustlintrc.yml'));
    expect(printed.rules['valid-permissions']).toBe('warn');
    expect(Object.keys(printed.rules).sort()).toEqual(
      allRules.filter((rule) => rule.meta.docs.recommended).map((rule) => rule.id).sort(),
    );
    expect(printed.reportUnusedDisableDirectives).toBe('warn');
  });

  it('`-o` writes the report to a file and nothing to stdout; a missing directory is exit 2', () => {
    const result = run('bad', ['-f', 'json', '-o', 'report.json']);
    expect(result).toEqual({ status: 1, stdout: '', stderr: '' });
    const written = JSON.parse(readFileSync(join(work, 'bad/report.json'), 'utf8')) as unknown[];
    expect(written).toHaveLength(3);
    const missing = run('bad', ['-f', 'json', '-o', 'no-such-dir/report.json']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^trustlint: cannot write no-such-dir\/report\.json: /);
  });

  it('`--version` and `--help`', () => {
    expect(run('clean', ['--version'])).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(run('clean', ['-v']).stdout).toBe(`${VERSION}\n`);
    const help = run('clean', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.startsWith('trustlint [options] [--] [paths...]\n')).toBe(true);
    for (const flag of ['--format', '--output-file', '--max-warnings', '--quiet', '--config', '--no-config-lookup', '--rule', '--print-config', '--pre-commit', '--version', '--help']) {
      expect(help.stdout).toContain(flag);
    }
  });

  it('`--format github` writes annotations with repository-relative paths', () => {
    const result = run('bad', ['--format', 'github', '.github/workflows/release.yml']);
    expect(result.status).toBe(1);
    expect(result.stdout.split('\n').map((line) => (line ? line.slice(0, line.indexOf('::', 2)) : line))).toEqual([
      '::error file=.github/workflows/release.yml,line=8,col=17,endLine=8,endColumn=21,title=trustlint/valid-permissions',
      '::error file=.github/workflows/release.yml,line=9,col=7,endLine=9,endColumn=15,title=trustlint/valid-permissions',
      '',
    ]);
  });

  it('`--color` forces colour', () => {
    expect(run('bad', ['--color', '.github/workflows/release.yml']).stdout).toContain('\u001b[31merror\u001b[39m');
    expect(run('bad', ['.github/workflows/release.yml']).stdout).not.toContain('\u001b[');
  });
});

describe('the published binary', () => {
  it('bin/trustlint.js only loads dist/cli.cjs, as CommonJS (no ES module loader at start)', () => {
    expect(readFileSync(join(repoRoot, 'bin/trustlint.js'), 'utf8')).toBe("#!/usr/bin/env node\nrequire('../dist/cli.cjs');\n");
    expect(JSON.parse(readFileSync(join(repoRoot, 'bin/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it.skipIf(!existsSync(join(repoRoot, 'dist/cli.js')))('runs from the repository after `npm ci` built dist/', () => {
    const version = execFileSync(process.execPath, [join(repoRoot, 'bin/trustlint.js'), '--version'], { encoding: 'utf8' });
    expect(version).toBe(`${VERSION}\n`);
  });
});
