import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config/load-config.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import { createRealpath } from '../../src/engine/realpath.js';
import { createRootFinder } from '../../src/engine/roots.js';
import { buildSarif } from '../../src/formatters/sarif.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';
import { VERSION } from '../../src/version.js';

let work: string;

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), 'trustlint-roots-')));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function write(path: string, text = ''): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('createRealpath', () => {
  it('resolves like realpathSync: links to files and directories, relative, absolute and chained', () => {
    const root = join(work, 'links');
    write(join(root, 'real/dir/file.yml'));
    symlinkSync('real/dir', join(root, 'dirlink'));
    symlinkSync(join(root, 'real/dir/file.yml'), join(root, 'abs.yml'));
    symlinkSync('dirlink/file.yml', join(root, 'rel.yml'));
    symlinkSync('rel.yml', join(root, 'chain.yml'));
    symlinkSync('../dirlink', join(root, 'real/up'));
    const realpath = createRealpath();
    for (const path of ['real/dir/file.yml', 'dirlink/file.yml', 'abs.yml', 'rel.yml', 'chain.yml', 'real/up/file.yml', 'dirlink', '.']) {
      expect(realpath(join(root, path)), path).toBe(realpathSync(join(root, path)));
    }
  });

  it('throws what realpathSync throws for a dangling link and a loop', () => {
    const root = join(work, 'broken');
    mkdirSync(root, { recursive: true });
    symlinkSync('nowhere.yml', join(root, 'dangling.yml'));
    symlinkSync('b.yml', join(root, 'a.yml'));
    symlinkSync('a.yml', join(root, 'b.yml'));
    const realpath = createRealpath();
    expect(() => realpath(join(root, 'dangling.yml'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => realpath(join(root, 'a.yml'))).toThrow(expect.objectContaining({ code: 'ELOOP' }));
  });
});

describe('roots of a file in a nested checkout (a submodule or worktree: `.git` is a file)', () => {
  const workflow = 'on: push\npermissions:\n  id_token: write\njobs: {}\n';
  let top: string;

  beforeAll(() => {
    top = join(work, 'top');
    mkdirSync(join(top, '.git'), { recursive: true });
    write(join(top, '.github/workflows/release.yml'), workflow);
    write(join(top, 'sub/.git'), 'gitdir: ../.git/modules/sub\n');
    write(join(top, 'sub/.github/workflows/release.yml'), workflow);
    write(join(top, 'sub/actions/build/action.yml'), 'name: x\nruns:\n  using: composite\n  steps: []\n');
  });

  const relativePaths = (cwd: string, paths: string[]) => {
    const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd });
    return lintFiles({ paths, cwd, config, rules: allRules }).results.map((result) => result.relativePath).sort();
  };

  it('from the top-level checkout, the nested file keeps its full path (no collision)', () => {
    expect(relativePaths(top, [])).toEqual(['.github/workflows/release.yml', 'sub/.github/workflows/release.yml', 'sub/actions/build/action.yml']);
    // Named one by one, as pre-commit does.
    expect(relativePaths(top, ['sub/.github/workflows/release.yml', '.github/workflows/release.yml'])).toEqual([
      '.github/workflows/release.yml',
      'sub/.github/workflows/release.yml',
    ]);
    // From outside any checkout, naming the top-level one.
    expect(relativePaths(work, [top])).toContain('sub/.github/workflows/release.yml');
  });

  it('from inside the nested checkout, the scan is about it', () => {
    expect(relativePaths(join(top, 'sub'), [])).toEqual(['.github/workflows/release.yml', 'actions/build/action.yml']);
  });

  it('SARIF uris are relative to the checkout the scan is about', () => {
    const config = resolveConfig(undefined, undefined, { plugins: [builtinPlugin], cwd: top });
    const log = buildSarif(lintFiles({ paths: [], cwd: top, config, rules: allRules }).results, { rules: allRules, version: VERSION, color: false });
    const uris = new Set(log.runs[0]!.results!.map((result) => result.locations![0]!.physicalLocation!.artifactLocation!.uri));
    expect([...uris].sort()).toEqual(['.github/workflows/release.yml', 'sub/.github/workflows/release.yml']);
  });

  it('project facts are still read from the nested checkout', () => {
    const roots = createRootFinder(top);
    expect(roots.projectRoot(join(top, 'sub/.github/workflows/release.yml'))).toBe(join(top, 'sub'));
    expect(roots.projectRoot(join(top, 'sub/actions/build/action.yml'))).toBe(join(top, 'sub'));
    expect(roots.projectRoot(join(top, '.github/workflows/release.yml'))).toBe(top);
  });
});
