import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProjectService, defineView, diskSource, memorySource, normalizeProjectPath } from '../../src/engine/project.js';

describe('normalizeProjectPath', () => {
  it.each([
    ['package.json', 'package.json'],
    ['./package.json', 'package.json'],
    ['packages/a/../b/package.json', 'packages/b/package.json'],
    ['a//b/./c', 'a/b/c'],
    ['.github/actions/x/', '.github/actions/x'],
    ['../package.json', undefined],
    ['a/../../package.json', undefined],
    ['/etc/passwd', undefined],
    ['C:\\\\Windows', undefined],
    ['rel\\\\ease.yml', 'rel\\\\ease.yml'],
  ])('%s → %s', (path, expected) => {
    expect(normalizeProjectPath(path)).toBe(expected);
  });
});

describe('project service', () => {
  const files = {
    'package.json': '{"name":"app","scripts":{"release":"changeset publish"}}',
    'broken.json': '{not json',
    'list.json': '[1, 2]',
    '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN}"\n',
    'bad.yml': 'a: [\n',
    '.github/workflows/publish.yml': 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps: [{ run: npm publish }]\n',
    '.github/actions/setup/action.yml': 'runs:\n  using: composite\n  steps: [{ run: npm ci, shell: bash }]\n',
  };

  it('gives text, JSON objects, YAML with positions and models of other workflow and action files', () => {
    const { project } = createProjectService(memorySource(files)).open();
    expect(project.text('package.json')).toContain('changeset publish');
    expect(project.json('package.json')).toMatchObject({ name: 'app' });
    expect([project.json('broken.json'), project.json('list.json'), project.json('absent.json')]).toEqual([undefined, undefined, undefined]);
    const yaml = project.yaml('.yarnrc.yml')!;
    expect(yaml.value.type).toBe('map');
    expect(yaml.file.lineIndex.locate(yaml.value.span)).toEqual({ line: 1, column: 1, endLine: 1, endColumn: 29 });
    expect(project.yaml('bad.yml')).toBeUndefined();
    const model = project.model('.github/workflows/publish.yml')!;
    expect(model.kind === 'workflow' && model.workflow.jobs[0]!.steps[0]!.run!.text).toBe('npm publish');
    expect(model.kind === 'workflow' && model.workflow.file.relativePath).toBe('.github/workflows/publish.yml');
    const action = project.model('.github/actions/setup/action.yml')!;
    expect(action.kind).toBe('action');
    expect(project.exists('package.json')).toBe(true);
    expect(project.exists('nope')).toBe(false);
  });

  it('records every path asked for, found or not, as a dependency of the result', () => {
    const { project, dependencies } = createProjectService(memorySource(files)).open();
    project.json('package.json');
    project.text('./package.json');
    project.exists('pnpm-lock.yaml');
    project.model('.github/workflows/publish.yml');
    project.text('../outside.txt');
    expect(dependencies()).toEqual(['.github/workflows/publish.yml', 'package.json', 'pnpm-lock.yaml']);
    // Another linted file of the same run starts with no dependencies of its own.
    expect(createProjectService(memorySource(files)).open().dependencies()).toEqual([]);
  });

  it('builds a view once per run, whichever file asks', () => {
    let builds = 0;
    const names = defineView('names', (file) => (builds++, file.text.length));
    const service = createProjectService(memorySource(files));
    expect(service.open().project.view(names, 'package.json')).toBe(files['package.json'].length);
    expect(service.open().project.view(names, 'package.json')).toBe(files['package.json'].length);
    expect(builds).toBe(1);
    expect(service.open().project.view(names, 'absent')).toBeUndefined();
    expect(builds).toBe(1);
  });

  it('applies the parse limits to YAML and models', () => {
    const deep = `${'['.repeat(40)}${']'.repeat(40)}\n`;
    const { project } = createProjectService(memorySource({ 'deep.yml': deep }), { maxDepth: 20, maxAliasNodes: 100 }).open();
    expect(project.yaml('deep.yml')).toBeUndefined();
  });

  describe('on disk', () => {
    const root = mkdtempSync(join(tmpdir(), 'trustlint-project-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    const repo = join(root, 'repo');
    mkdirSync(join(repo, 'sub'), { recursive: true });
    writeFileSync(join(root, 'secret.json'), '{"secret":true}');
    writeFileSync(join(repo, 'package.json'), '{"name":"x"}');
    writeFileSync(join(repo, 'big.json'), `{"pad":"${'x'.repeat(2000)}"}`);
    symlinkSync(join(root, 'secret.json'), join(repo, 'sub', 'link.json'));

    it('reads stay inside the root and under the size limit', () => {
      const { project } = createProjectService(diskSource(repo, 1000)).open();
      expect(project.json('package.json')).toEqual({ name: 'x' });
      expect(project.json('../secret.json')).toBeUndefined();
      expect(project.json('sub/link.json')).toBeUndefined();
      expect(project.exists('sub/link.json')).toBe(false);
      expect(project.text('big.json')).toBeUndefined();
      expect(project.file('package.json')!.path).toBe(join(repo, 'package.json'));
    });
  });
});
