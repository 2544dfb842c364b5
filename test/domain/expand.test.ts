import { describe, expect, it } from 'vitest';
import { expandCommand } from '../../src/domain/commands/expand.js';
import { scriptCall } from '../../src/domain/commands/package-scripts.js';
import { parseJustfile, parseMakefile } from '../../src/domain/project/task-files.js';
import { createSourceFile } from '../../src/engine/source-file.js';
import { analysis, parse, step } from '../engine/helpers.js';

/** The leaves of `command` run in the root of a repository made of `files`: words, and each chain link's file:line. */
function leaves(command: string, files: Record<string, string>, workingDirectory?: string) {
  const text = `on: push\njobs:\n  a:\n    steps:\n      - run: ${command}\n${workingDirectory ? `        working-directory: ${workingDirectory}\n` : ''}`;
  const context = analysis(files);
  const expansion = expandCommand(context, step(parse(text), 'a', 0), command.split(' '));
  return {
    opaque: expansion.opaque,
    leaves: expansion.leaves.map((leaf) => ({
      words: leaf.words.join(' '),
      chain: leaf.chain.map((link) => `${link.at.file.relativePath}:${link.at.file.lineIndex.position(link.at.span.start).line}`),
      ...(leaf.directory !== undefined ? { directory: leaf.directory } : {}),
    })),
  };
}

const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'root', scripts, ...extra }, null, 2);

describe('scriptCall', () => {
  it.each([
    ['npm run release', 'release', 'current'],
    ['npm run-script release', 'release', 'current'],
    ['pnpm release', 'release', 'current'],
    ['pnpm run release', 'release', 'current'],
    ['yarn release', 'release', 'current'],
    ['bun run release', 'release', 'current'],
    ['npm run release -w packages/a', 'release', 'select'],
    ['npm -w packages/a run release', 'release', 'select'],
    ['npm run release --workspaces', 'release', 'all'],
    ['pnpm -r release', 'release', 'all'],
    ['pnpm -r run release', 'release', 'all'],
    ['pnpm --filter @acme/a release', 'release', 'select'],
    ['pnpm --filter=./packages/a run release', 'release', 'select'],
    ['yarn workspace @acme/a release', 'release', 'select'],
    ['yarn workspace @acme/a run release', 'release', 'select'],
    ['yarn workspaces foreach -A run release', 'release', 'all'],
    ['yarn workspaces run release', 'release', 'all'],
    ['pnpm -C packages/a release', 'release', 'unknown'],
    // npm reads its own command line: abbreviations, aliases and value options anywhere.
    ['npm rum release', 'release', 'current'],
    ['npm run-s release', 'release', 'current'],
    ['npm --cache /tmp/c run release', 'release', 'current'],
    ['npm tst', 'test', 'current'],
  ])('%s → %s in %s packages', (command, script, kind) => {
    const call = scriptCall(command.split(' '));
    expect([call?.script, call?.packages.kind]).toEqual([script, kind]);
  });

  it.each(['npm publish', 'pnpm install', 'yarn', 'npm run', './npm run release', 'npx release', 'npm ru release', 'npm constructor'])('%s runs no script', (command) => {
    expect(scriptCall(command.split(' '))).toBeUndefined();
  });
});

describe('expandCommand', () => {
  it('follows nested scripts and && chains to the commands at the end, with the chain into package.json', () => {
    const files = { 'package.json': pkg({ release: 'pnpm build && pnpm ci-publish', build: 'tsc', 'ci-publish': 'changeset publish' }) };
    expect(leaves('pnpm release', files)).toEqual({
      opaque: false,
      leaves: [
        { words: 'tsc', chain: ['package.json:4', 'package.json:5'], directory: '' },
        { words: 'changeset publish', chain: ['package.json:4', 'package.json:6'], directory: '' },
      ],
    });
  });

  it('runs pre and post scripts around the script (npm, pnpm, bun), not with Yarn', () => {
    const files = { 'package.json': pkg({ prerelease: 'tsc', release: 'npm publish', postrelease: 'git push' }) };
    expect(leaves('npm run release', files).leaves.map((leaf) => leaf.words)).toEqual(['tsc', 'npm publish', 'git push']);
    expect(leaves('yarn release', files).leaves.map((leaf) => leaf.words)).toEqual(['npm publish']);
  });

  it('npm-run-all, run-s and run-p, with :-globs', () => {
    const files = { 'package.json': pkg({ 'publish:a': 'npm publish a', 'publish:b': 'npm publish b', release: 'run-s build publish:*', build: 'tsc' }) };
    expect(leaves('npm run release', files).leaves.map((leaf) => leaf.words)).toEqual(['tsc', 'npm publish a', 'npm publish b']);
  });

  it('workspace selection: -w, --filter, -r, yarn workspace', () => {
    const files = {
      'package.json': pkg({}, { workspaces: ['packages/*'] }),
      'packages/a/package.json': JSON.stringify({ name: '@acme/a', scripts: { release: 'npm publish' } }),
      'packages/b/package.json': JSON.stringify({ name: '@acme/b', scripts: { build: 'tsc' } }),
    };
    expect(leaves('pnpm -r release', files)).toEqual({ opaque: false, leaves: [{ words: 'npm publish', chain: ['packages/a/package.json:1'], directory: 'packages/a' }] });
    expect(leaves('npm run release -w packages/a', files).leaves.map((leaf) => leaf.directory)).toEqual(['packages/a']);
    expect(leaves('pnpm --filter @acme/a release', files).leaves.map((leaf) => leaf.directory)).toEqual(['packages/a']);
    expect(leaves('yarn workspace @acme/a release', files).leaves.map((leaf) => leaf.directory)).toEqual(['packages/a']);
    // A filter syntax not read here selects nothing known: opaque, never a guess.
    expect(leaves('pnpm --filter ...[origin/main] release', files).opaque).toBe(true);
  });

  it('pnpm-workspace.yaml globs, negations and ** are expanded', () => {
    const files = {
      'pnpm-workspace.yaml': "packages:\n  - 'packages/**'\n  - '!packages/internal'\n",
      'packages/a/package.json': JSON.stringify({ name: 'a', scripts: { release: 'npm publish' } }),
      'packages/nested/b/package.json': JSON.stringify({ name: 'b', scripts: { release: 'npm publish' } }),
      'packages/internal/package.json': JSON.stringify({ name: 'internal', scripts: { release: 'npm publish' } }),
    };
    expect(leaves('pnpm -r release', files).leaves.map((leaf) => leaf.directory)).toEqual(['packages/a', 'packages/nested/b']);
  });

  it('a missing script, a cycle or an unknown working directory is opaque; a script that runs nothing known is a leaf', () => {
    expect(leaves('npm run release', { 'package.json': pkg({}) }).opaque).toBe(true);
    expect(leaves('npm run a', { 'package.json': pkg({ a: 'npm run b', b: 'npm run a' }) }).opaque).toBe(true);
    expect(leaves('npm run release', { 'package.json': pkg({ release: 'npm publish' }) }, '${{ inputs.dir }}').opaque).toBe(true);
    expect(leaves('npm run release', { 'package.json': pkg({ release: 'node scripts/release.mjs' }) })).toEqual({
      opaque: false,
      leaves: [{ words: 'node scripts/release.mjs', chain: ['package.json:4'], directory: '' }],
    });
  });

  it('Makefile targets with prerequisites, $(MAKE) recursion and -C', () => {
    const files = {
      Makefile: 'VERSION := 1.0\n.PHONY: publish-all\n\npublish-all: check publish-npm\n\t@echo done\n\ncheck:\n\tnpx vitest run\n\npublish-npm:\n\t$(MAKE) -C npm publish\n',
      'npm/Makefile': 'publish:\n\tcd pkg && npm publish\n',
    };
    const result = leaves('make publish-all', files);
    expect(result.opaque).toBe(false);
    expect(result.leaves.map((leaf) => `${leaf.words} @ ${leaf.chain.join(' > ')}`)).toEqual([
      'npx vitest run @ Makefile:8',
      'cd pkg @ Makefile:11 > npm/Makefile:2',
      'npm publish @ Makefile:11 > npm/Makefile:2',
      'echo done @ Makefile:5',
    ]);
    expect(leaves('make missing', files).opaque).toBe(true);
    expect(leaves('make', files).leaves.map((leaf) => leaf.words)).toContain('npm publish');
  });

  it('justfile recipes with dependencies; a non-shell shebang recipe is opaque', () => {
    const files = { justfile: 'set shell := ["bash", "-c"]\n\nrelease: build\n    npm publish\n\nbuild:\n    @tsc\n\npy:\n    #!/usr/bin/env python3\n    print(1)\n' };
    expect(leaves('just release', files).leaves.map((leaf) => leaf.words)).toEqual(['tsc', 'npm publish']);
    expect(leaves('just py', files).opaque).toBe(true);
  });
});

describe('task file parsers', () => {
  it('reads Makefile rules, continuations and skips assignments, pattern rules and specials', () => {
    const file = createSourceFile('Makefile', 'Makefile', 'A = 1\n%.o: %.c\n\tcc $<\n.PHONY: x\nx y: z\n\techo a \\\n\t  b\n\n# comment\nz: ; echo z\n');
    const parsed = parseMakefile(file);
    expect([...parsed.tasks.keys()]).toEqual(['x', 'y', 'z']);
    expect(parsed.defaultTask).toBe('x');
    expect(parsed.tasks.get('x')!.recipe.map((line) => line.text)).toEqual(['echo a  b']);
    expect(parsed.tasks.get('z')!.recipe.map((line) => line.text)).toEqual(['echo z']);
  });

  it('reads justfile recipes, parameters and attributes', () => {
    const parsed = parseJustfile(createSourceFile('justfile', 'justfile', '[private]\n@publish version *args: check\n  npm publish {{args}}\ndefault:\n  just --list\ncheck:\n  npm test\n'));
    expect([...parsed.tasks.keys()]).toEqual(['publish', 'default', 'check']);
    expect(parsed.defaultTask).toBe('default');
    expect(parsed.tasks.get('publish')!.prerequisites).toEqual(['check']);
  });
});
