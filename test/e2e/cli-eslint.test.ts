/** End to end, through the built CLI: the behaviours trustlint shares with ESLint's CLI (issue 15 item 1). */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage } from './build-package.js';

let work: string;
let bin: string;

/** One warning (an unknown permission level), with a config that turns only that rule on, as a warning. */
const ONE_WARNING = 'on: push\npermissions:\n  contents: raed\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n';
const WARN_CONFIG = 'extends: []\nrules:\n  valid-permissions: warn\n';

function write(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A repository (with `.git`) under the work directory. */
function repo(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  mkdirSync(join(root, '.git'), { recursive: true });
  return write(root, files);
}

function run(cwd: string, args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-e2e-eslint-'));
  bin = join(buildPackage(work), 'bin/trustlint.js');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('paths and config lookup', () => {
  it('with no paths, a run from a subfolder lints the whole repository; --help says so', () => {
    const root = repo('subfolder', { '.trustlintrc.yml': WARN_CONFIG, '.github/workflows/ci.yml': ONE_WARNING, 'packages/app/index.js': '' });
    const result = run(join(root, 'packages/app'), []);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(join(root, '.github/workflows/ci.yml'));
    expect(result.stdout).toContain('1 problem (0 errors, 1 warning)');
    expect(run(root, ['--help']).stdout).toContain('lints the git repository that contains the working directory');
  });

  it('nothing to lint is exit 2, with one line naming where it looked', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    const result = run(empty, []);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`nothing to lint`);
    expect(result.stderr).toContain(empty);
  });

  it('`trustlint /path/to/repo` from elsewhere uses that repository\'s config', () => {
    const root = repo('elsewhere', { '.trustlintrc.yml': WARN_CONFIG, '.github/workflows/ci.yml': ONE_WARNING });
    const result = run(tmpdir(), ['-f', 'json', root]);
    expect(result.status).toBe(0);
    const [only] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; severity: number }> }>;
    expect(only!.messages).toEqual([expect.objectContaining({ ruleId: 'valid-permissions', severity: 1 })]);
    // Without that config it would be the recommended preset: an error.
    expect(run(tmpdir(), ['--no-config-lookup', root]).status).toBe(1);
  });
});

describe('ignoring', () => {
  const files = {
    '.trustlintrc.yml': WARN_CONFIG,
    '.gitignore': '# build output\nvendor/\n*.generated.yml\n!keep.generated.yml\n',
    '.github/workflows/ci.yml': ONE_WARNING,
    '.github/workflows/x.generated.yml': ONE_WARNING,
    '.github/workflows/keep.generated.yml': ONE_WARNING,
    'vendor/lib/action.yml': 'name: x\nruns:\n  using: composite\n  steps: []\n',
    'tools/action.yml': 'name: x\nruns:\n  using: composite\n  steps: []\n',
  };
  const linted = (stdout: string, root: string) =>
    (JSON.parse(stdout) as Array<{ filePath: string }>).map((result) => result.filePath.slice(root.length + 1)).sort();

  it('.gitignore is honoured (negation too); --no-ignore lints everything', () => {
    const root = repo('gitignored', files);
    expect(linted(run(root, ['-f', 'json']).stdout, root)).toEqual(['.github/workflows/ci.yml', '.github/workflows/keep.generated.yml', 'tools/action.yml']);
    expect(linted(run(root, ['-f', 'json', '--no-ignore']).stdout, root)).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/keep.generated.yml',
      '.github/workflows/x.generated.yml',
      'tools/action.yml',
      'vendor/lib/action.yml',
    ]);
  });

  it('--ignore-pattern, repeatable, relative to the working directory', () => {
    const root = repo('patterns', files);
    const result = run(root, ['-f', 'json', '--ignore-pattern', 'tools/', '--ignore-pattern', '.github/workflows/keep.*']);
    expect(linted(result.stdout, root)).toEqual(['.github/workflows/ci.yml']);
    expect(run(root, ['--ignore-pattern', 'a(b']).status).toBe(2);
  });

  it('a file named explicitly but ignored gets ESLint\'s warning, not a silent pass', () => {
    const root = repo('explicit', files);
    const result = run(root, ['-f', 'json', 'vendor/lib/action.yml']);
    const [only] = JSON.parse(result.stdout) as Array<{ warningCount: number; messages: Array<{ message: string; severity: number }> }>;
    expect(only!.warningCount).toBe(1);
    expect(only!.messages).toEqual([
      expect.objectContaining({ severity: 1, message: 'File ignored because of a matching ignore pattern. Use "--no-ignore" to override.' }),
    ]);
    expect(run(root, ['--no-ignore', '-f', 'json', 'vendor/lib/action.yml']).stdout).not.toContain('File ignored');
  });
});

describe('input and output', () => {
  it('--stdin --stdin-filename lints the text with the config of that path', () => {
    const root = repo('stdin', { '.trustlintrc.yml': WARN_CONFIG, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    const result = run(root, ['--stdin', '--stdin-filename', '.github/workflows/ci.yml', '-f', 'json'], { input: ONE_WARNING });
    expect(result.status).toBe(0);
    const [only] = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ line: number; severity: number }> }>;
    expect(only!.filePath).toBe(join(root, '.github/workflows/ci.yml'));
    expect(only!.messages).toEqual([expect.objectContaining({ line: 3, severity: 1 })]);
    expect(run(root, ['--stdin-filename', 'x.yml']).status).toBe(2);
  });

  it('FORCE_COLOR turns colour on and off; --max-warnings -1 is no limit; "1 warning", not "1 warnings"', () => {
    const root = repo('color', { '.trustlintrc.yml': WARN_CONFIG, '.github/workflows/ci.yml': ONE_WARNING });
    expect(run(root, [], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(run(root, [], { env: { FORCE_COLOR: '0' } }).stdout).not.toContain('\u001b[');
    expect(run(root, ['--max-warnings', '-1']).status).toBe(0);
    expect(run(root, ['--max-warnings', '-2']).status).toBe(2);
    const over = run(root, ['--max-warnings', '0']);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('trustlint: 1 warning, more than --max-warnings 0\n');
  });

  it('--sarif-suppressed keep|omit', () => {
    const root = repo('sarif', {
      '.trustlintrc.yml': WARN_CONFIG,
      '.github/workflows/ci.yml': ONE_WARNING.replace('contents: raed', 'contents: raed # trustlint-disable-line valid-permissions -- reviewed'),
    });
    const results = (args: string[]) => (JSON.parse(run(root, ['-f', 'sarif', ...args]).stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results;
    expect(results([])).toHaveLength(1);
    expect(results(['--sarif-suppressed', 'keep'])).toHaveLength(1);
    expect(results(['--sarif-suppressed', 'omit'])).toHaveLength(0);
    expect(run(root, ['--sarif-suppressed', 'drop']).status).toBe(2);
  });

  it('--format <path> loads a formatter module with ESLint\'s signature', () => {
    const root = repo('formatter', {
      '.trustlintrc.yml': WARN_CONFIG,
      '.github/workflows/ci.yml': ONE_WARNING,
      'fmt/count.mjs': 'export default (results, context) => `files=${results.length} warnings=${results[0].warningCount} meta=${typeof context.rulesMeta["valid-permissions"].docs.url} cwd=${context.cwd === process.cwd()}\\n`;\n',
    });
    const result = run(root, ['--format', './fmt/count.mjs']);
    expect(result).toEqual({ status: 0, stdout: 'files=1 warnings=1 meta=string cwd=true\n', stderr: '' });
    expect(run(root, ['--format', './fmt/missing.mjs']).status).toBe(2);
  });
});

describe('error messages and schemas', () => {
  it('`--rule id:off` without a space; did-you-mean for an option, a rule option and a settings key', () => {
    const root = repo('messages', {
      '.github/workflows/ci.yml': ONE_WARNING,
      'alow.yml': 'rules:\n  top-level-permissions-empty: [error, { alow: [contents] }]\n',
      'bogus.yml': 'rules:\n  top-level-permissions-empty: [error, { allow: [bogus] }]\n',
      'settings.yml': 'settings:\n  repositry: owner/repo\n',
      'broken.yml': 'rules:\n  valid-permissions: [error,\n',
    });
    expect(run(root, ['--no-config-lookup', '--rule', 'valid-permissions:off', '--rule', 'top-level-permissions-empty:off']).status).toBe(0);
    expect(run(root, ['--max-warning', '0']).stderr).toContain('did you mean `--max-warnings`?');
    const alow = run(root, ['-c', 'alow.yml']);
    expect(alow.status).toBe(2);
    expect(alow.stderr).toContain('alow is not a known key; did you mean `allow`?');
    expect(run(root, ['-c', 'bogus.yml']).stderr).toContain('allow[0] must be one of');
    expect(run(root, ['-c', 'settings.yml']).stderr).toContain('settings.repositry is not a known key; did you mean `repository`?');
    expect(run(root, ['-c', 'broken.yml']).stderr).toMatch(/^trustlint: broken\.yml:3:1: cannot parse the config file/);
  });
});
