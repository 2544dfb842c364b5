import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../src/engine/config/load-config.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';

// An exception in the engine itself (here: the model builder, on a file holding a marker) must not
// lose the other files: the file gets an internal-error finding and the run goes on.
vi.mock('../../src/engine/model.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/engine/model.js')>();
  return {
    ...actual,
    buildModel: (...args: Parameters<typeof actual.buildModel>) => {
      if (args[2]?.text.includes('ENGINE-CRASH-MARKER')) throw new RangeError('simulated engine failure');
      return actual.buildModel(...args);
    },
  };
});

let root: string | undefined;
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('an engine exception on one file is contained', () => {
  it('becomes an internal-error finding with its stack; the other files are still linted', () => {
    root = mkdtempSync(join(tmpdir(), 'trustlint-engine-crash-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, '.github/workflows/a.yml'), 'on: push\nname: ENGINE-CRASH-MARKER\njobs: {}\n');
    writeFileSync(join(root, '.github/workflows/b.yml'), 'on: push\npermissions:\n  id_token: write\njobs: {}\n');
    const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd: root });
    const outcome = lintFiles({ paths: [root], cwd: root, config, rules: allRules });
    expect(outcome.hadFatalIoOrInternalError).toBe(true);
    const [crashed, other] = outcome.results;
    expect(crashed!.filePath).toMatch(/a\.yml$/);
    expect(crashed!.internalError).toBe(true);
    expect(crashed!.messages.map((message) => message.message)).toEqual([
      'Internal error while linting this file: RangeError: simulated engine failure. Please report this',
    ]);
    expect(crashed!.messages[0]!.stack).toMatch(/RangeError: simulated engine failure\n\s+at /);
    expect(other!.filePath).toMatch(/b\.yml$/);
    expect(other!.messages.some((message) => message.ruleId === 'valid-permissions')).toBe(true);
  });
});
