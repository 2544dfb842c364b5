/**
 * `trustlint/eslint` as users load it: the package built with scripts/build.mjs (into a temporary
 * directory), resolved through its `exports` from an `eslint.config.js`, run by ESLint's own CLI,
 * 9 and 10 (the `eslint9` and `eslint10` dev dependencies).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let work: string;
let pkg: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-eslint-cli-'));
  pkg = join(work, 'trustlint');
  mkdirSync(pkg);
  cpSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--outdir', join(pkg, 'dist')], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const WORKFLOW = 'on: push\npermissions:\n  id_token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';

describe.each(['eslint9', 'eslint10'])('%s CLI with trustlint/eslint', (name) => {
  function project(): string {
    const dir = join(work, `project-${name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(pkg, join(dir, 'node_modules', 'trustlint'), 'dir');
    symlinkSync(join(repoRoot, 'node_modules', name), join(dir, 'node_modules', 'eslint'), 'dir');
    writeFileSync(join(dir, 'eslint.config.js'), "import trustlint from 'trustlint/eslint';\nexport default [...trustlint.configs.recommended];\n");
    writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}\n');
    writeFileSync(join(dir, '.github', 'workflows', 'release.yml'), WORKFLOW);
    writeFileSync(join(dir, 'notes.yml'), WORKFLOW);
    return dir;
  }
  const eslint = (cwd: string, args: string[]) =>
    spawnSync(process.execPath, [join(cwd, 'node_modules', 'eslint', 'bin', 'eslint.js'), ...args], { cwd, encoding: 'utf8' });

  it('reports the findings of the workflow (and only of it), then fixes it with --fix', () => {
    const dir = project();
    const run = eslint(dir, ['--format', 'json', '.']);
    expect(run.status, run.stderr).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    // ESLint also lints its own config file (JavaScript, no rules here); notes.yml is no workflow.
    expect(results.map((result) => result.filePath.slice(dir.length + 1)).sort()).toEqual(['.github/workflows/release.yml', 'eslint.config.js']);
    const release = results.find((result) => result.filePath.endsWith('release.yml'))!;
    expect(release.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '2:1 trustlint/top-level-permissions-empty',
      '3:3 trustlint/valid-permissions',
      '5:3 trustlint/publish-job-needs-id-token',
    ]);
    const fixed = eslint(dir, ['--fix', '.']);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(readFileSync(join(dir, '.github', 'workflows', 'release.yml'), 'utf8')).toBe(
      'on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n',
    );
  });
});
