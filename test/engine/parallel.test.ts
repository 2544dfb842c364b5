import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveredFile, Discovery } from '../../src/engine/discover-files.js';
import { lintInWorkers, parseConcurrency, shareFiles, workerCount } from '../../src/engine/parallel.js';

describe('--concurrency', () => {
  it('reads off, auto and whole numbers from 1; off by default', () => {
    expect(parseConcurrency(undefined)).toBe('off');
    expect(parseConcurrency('off')).toBe('off');
    expect(parseConcurrency('auto')).toBe('auto');
    expect(parseConcurrency('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '', '1e3']) expect(parseConcurrency(bad)).toBeUndefined();
  });

  it('auto starts one worker per 400 files, at most one per core; a number is taken as given, never more than the files', () => {
    expect(workerCount('off', 10_000, 8)).toBe(1);
    expect(workerCount('auto', 399, 8)).toBe(1);
    expect(workerCount('auto', 800, 8)).toBe(2);
    expect(workerCount('auto', 10_000, 4)).toBe(4);
    expect(workerCount(3, 10, 1)).toBe(3);
    expect(workerCount(8, 2, 16)).toBe(2);
  });
});

describe('shareFiles', () => {
  const file = (path: string): DiscoveredFile => ({ path, given: '/w', explicit: false });
  it("keeps each repository's files in one share, balances the shares and keeps discovery order", () => {
    const files = ['/w/a/.github/workflows/1.yml', '/w/b/.github/workflows/1.yml', '/w/a/.github/workflows/2.yml', '/w/c/.github/workflows/1.yml', '/w/a/action.yml'].map(file);
    const hasGit = new Map([['/w', false], ['/w/a', true], ['/w/b', true], ['/w/c', true]]);
    const discovery: Discovery = { files, problems: [], hasGit };
    const shares = shareFiles(discovery, '/w', 2).map((share) => share.map((each) => each.path));
    expect(shares).toEqual([
      ['/w/a/.github/workflows/1.yml', '/w/a/.github/workflows/2.yml', '/w/a/action.yml'],
      ['/w/b/.github/workflows/1.yml', '/w/c/.github/workflows/1.yml'],
    ]);
  });
});

describe('lintInWorkers', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'trustlint-workers-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'throws.mjs'), "throw new Error('boom in the worker');\n");
    writeFileSync(join(dir, 'silent.mjs'), 'process.exit(3);\n');
    writeFileSync(
      join(dir, 'echo.mjs'),
      "import { parentPort, workerData } from 'node:worker_threads';\n" +
        "parentPort.postMessage({ results: workerData.files.map((f) => ({ filePath: f.path, messages: [] })), hadFatalIoOrInternalError: workerData.files.length > 1 });\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const job = { trustlintWorker: 1 as const, cwd: '/w', noLookup: true, ruleOverrides: {}, noIgnore: false, noInlineConfig: false, suggestions: false };
  const discovery: Discovery = {
    files: ['/w/b/x.yml', '/w/a/x.yml', '/w/b/y.yml'].map((path) => ({ path, given: '/w', explicit: false })),
    problems: [{ path: '/w/missing', message: 'no such file' }],
    hasGit: new Map([['/w/a', true], ['/w/b', true]]),
  };

  it('puts the results back in discovery order and keeps the problems and the fatal flag', async () => {
    const outcome = await lintInWorkers(join(dir, 'echo.mjs'), job, discovery, 2);
    expect(outcome.results.map((result) => result.filePath)).toEqual(['/w/b/x.yml', '/w/a/x.yml', '/w/b/y.yml']);
    expect(outcome.problems).toEqual(discovery.problems);
    expect(outcome.hadFatalIoOrInternalError).toBe(true);
  });

  it('a worker that throws or exits without results rejects with a message naming it', async () => {
    await expect(lintInWorkers(join(dir, 'throws.mjs'), job, discovery, 2)).rejects.toThrow(/^worker \d failed: boom in the worker$/);
    await expect(lintInWorkers(join(dir, 'silent.mjs'), job, discovery, 1)).rejects.toThrow('worker 1 exited (code 3) without results');
  });
});
