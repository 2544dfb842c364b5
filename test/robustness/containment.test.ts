import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { allRules } from '../../src/rules/index.js';
import { pluginOf } from '../plugins.js';

// A rule that throws must become a finding on that file naming the rule; the other rules and files
// still run; the exit code is 2; the stack reaches stderr only with --debug.

const crashing = defineRule({
  id: 'test-crashing-rule',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow nothing; throws on the publish job', recommended: true },
    severity: 'error',
    messages: { never: 'never reported' },
    security: { severity: 1, precision: 'low' },
  },
  create() {
    return {
      job(job) {
        if (job.id === 'publish') throw new TypeError('cannot read properties of undefined (reading "boom")');
      },
    };
  },
});

const rules: readonly AnyRule[] = [...allRules, crashing as unknown as AnyRule];
let root: string;

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd: root, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTty: false, env: {} }, [pluginOf(rules)]);
  return { code, stdout, stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trustlint-containment-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, '.github/workflows'), { recursive: true });
  // `id_token` is a finding of valid-permissions: it shows the other rules still ran on the crashing file.
  writeFileSync(
    join(root, '.github/workflows/release.yml'),
    'on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    permissions:\n      id_token: write\n    steps:\n      - run: echo\n',
  );
  writeFileSync(join(root, '.github/workflows/ci.yml'), 'on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    permissions:\n      id_token: write\n    steps:\n      - run: echo\n');
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('a crashing rule is contained', () => {
  it('becomes an internal-error finding on that file; other rules and files still run; exit 2', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json', '--no-config-lookup']);
    expect(code).toBe(2);
    const results = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string | null; message: string; fatal?: boolean }[] }[];
    const release = results.find((result) => result.filePath.endsWith('release.yml'))!;
    const ci = results.find((result) => result.filePath.endsWith('ci.yml'))!;
    const internal = release.messages.filter((message) => message.message.startsWith('Internal error'));
    expect(internal).toEqual([
      expect.objectContaining({ ruleId: null, fatal: true, message: expect.stringContaining('Internal error in rule `test-crashing-rule`: TypeError: cannot read properties') }),
    ]);
    expect(release.messages.some((message) => message.ruleId === 'valid-permissions')).toBe(true);
    expect(ci.messages.some((message) => message.ruleId === 'valid-permissions')).toBe(true);
    expect(ci.messages.some((message) => message.message.startsWith('Internal error'))).toBe(false);
    // No stack without --debug, and none inside the report.
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/\n\s+at /);
    expect(stdout).not.toContain('"stack"');
  });

  it('--debug prints the stack of the crash (with the rule\'s own frame) on stderr', async () => {
    const { code, stderr, stdout } = await run(['--debug', '--no-config-lookup']);
    expect(code).toBe(2);
    expect(stderr).toContain('Internal error in rule `test-crashing-rule`');
    expect(stderr).toMatch(/TypeError: cannot read properties of undefined \(reading "boom"\)\n\s+at Object\.job .*containment\.test\.ts/);
    expect(stdout).not.toMatch(/\n\s+at /);
  });

  it('the stylish report names the rule in one line per crash', async () => {
    const { stdout } = await run(['--no-config-lookup']);
    const lines = stdout.split('\n').filter((line) => line.includes('Internal error'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('test-crashing-rule');
  });
});
