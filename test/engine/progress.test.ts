/** Progress on stderr: for large runs, and only when stderr is a terminal. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trustlint-progress-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, '.github/workflows'), { recursive: true });
  for (let index = 0; index < 210; index++) writeFileSync(join(root, `.github/workflows/w${index}.yml`), 'on: push\npermissions: {}\njobs: {}\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function stderrOf(stderrIsTty: boolean, args: string[] = []): Promise<string> {
  let stderr = '';
  await runCli(['--no-config-lookup', ...args], { cwd: root, stdout: () => {}, stderr: (text) => (stderr += text), isTty: false, stderrIsTty, env: {} });
  return stderr;
}

describe('progress', () => {
  it('shows on a terminal for a large run, and never otherwise', async () => {
    expect(await stderrOf(true)).toContain('trustlint: 200/210 files');
    expect(await stderrOf(false)).toBe('');
    // A small run on a terminal: no progress either.
    expect(await stderrOf(true, ['.github/workflows/w1.yml'])).toBe('');
  });
});
