/**
 * The published package, as a user gets it: `npm pack` (which builds through `prepack`) in a private
 * copy of the sources, the tarball extracted into a fresh project's node_modules (no network, no
 * install scripts), then used through `require`, `import`, its types, its bin and the README's example.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './build-package.js';

let work: string;
let project: string;
let installed: string;
let tarball: string;

const RELEASE = 'on: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions:\n      id_token: write\n    steps:\n      - run: npm publish\n';

function node(args: readonly string[], cwd = project) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-pack-'));
  const source = join(work, 'source');
  for (const part of ['src', 'scripts', 'bin', 'docs', 'schema.json', 'action.yml', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE']) {
    cpSync(join(repoRoot, part), join(source, part), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(source, 'node_modules'), 'dir');
  const packed = execFileSync('npm', ['pack', '--json', '--pack-destination', work, '--offline', '--no-audit', '--no-fund'], {
    cwd: source,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  tarball = join(work, (JSON.parse(packed.slice(packed.indexOf('['))) as Array<{ filename: string }>)[0]!.filename);
  project = join(work, 'project');
  installed = join(project, 'node_modules/trustlint');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "fresh", "version": "1.0.0", "private": true }\n');
  execFileSync('tar', ['xzf', tarball, '-C', installed, '--strip-components=1']);
  // The package's own dependencies, as npm would install them beside it (the bundles need none of them; the types do).
  for (const dependency of Object.keys((JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: object }).dependencies)) {
    mkdirSync(join(project, 'node_modules', dependency, '..'), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
  }
  mkdirSync(join(project, '.git'));
  mkdirSync(join(project, '.github/workflows'), { recursive: true });
  writeFileSync(join(project, '.github/workflows/release.yml'), RELEASE);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('has a LICENSE, no install-time script, and no benchmark history in docs/', () => {
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; license: string };
    expect(manifest.license).toBe('MIT');
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[hook], hook).toBeUndefined();
    expect(existsSync(join(installed, 'docs/performance.md'))).toBe(false);
    expect(existsSync(join(installed, 'bench'))).toBe(false);
  });

  it('one bundle per entry: the library once (CommonJS, re-exported for import), the CLI once', () => {
    const dist = readdirSync(join(installed, 'dist')).filter((name) => /\.(c|m)?js$/.test(name)).sort();
    // cli.cjs and cli.js are the two starters (CommonJS for the bin, ES for an import) of the one CLI bundle.
    expect(dist.filter((name) => name !== 'cli.js' && name !== 'cli.cjs')).toEqual([expect.stringMatching(/^cli-[0-9a-f]{12}\.cjs$/), 'eslint.js', 'index.cjs', 'index.mjs', 'lsp-vendor.cjs']);
    expect(statSync(join(installed, 'dist/cli.js')).size).toBeLessThan(300);
    expect(readFileSync(join(installed, 'bin/package.json'), 'utf8')).toContain('"commonjs"');
    expect(statSync(join(installed, 'dist/index.mjs')).size).toBeLessThan(300);
    // The ESLint plugin imports the library bundle beside it rather than carrying its own copy.
    expect(statSync(join(installed, 'dist/eslint.js')).size).toBeLessThan(30_000);
    expect(readFileSync(join(installed, 'dist/eslint.js'), 'utf8')).toContain('./index.mjs');
    expect(existsSync(join(installed, 'dist/types/index.d.ts'))).toBe(true);
  });

  it("require('trustlint') and import 'trustlint' both work; lintText uses the recommended preset", () => {
    const script = "const r = lintText(process.argv[2], { filePath: '.github/workflows/release.yml' }); console.log(r.errorCount, typeof VERSION);";
    writeFileSync(join(project, 'a.cjs'), `const { lintText, VERSION } = require('trustlint');\n${script}\n`);
    writeFileSync(join(project, 'b.mjs'), `import { lintText, VERSION } from 'trustlint';\n${script}\n`);
    expect(node(['a.cjs', RELEASE])).toEqual({ status: 0, stdout: '2 string\n', stderr: '' });
    expect(node(['b.mjs', RELEASE])).toEqual({ status: 0, stdout: '2 string\n', stderr: '' });
  });

  it('ships type declarations that a TypeScript project compiles against', () => {
    writeFileSync(join(project, 'c.ts'), "import { lintText, type LintResult } from 'trustlint';\nconst result: LintResult = lintText('on: push', { filePath: 'a.yml' });\nexport const count: number = result.errorCount;\n");
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['c.ts'] }),
    );
    const tsc = node([join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('the bin lints the project', () => {
    const result = node([join(installed, 'bin/trustlint.js'), '-f', 'json']);
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as Array<{ errorCount: number }>)[0]!.errorCount).toBe(2);
  });

  it("runs the README's API example", () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const example = /<!-- api-example -->\n```js\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(project, 'example.mjs'), example!);
    const result = node(['example.mjs']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('2 errors: publish-job-needs-id-token, valid-permissions');
    expect(result.stdout).toContain('Job `release` has no name');
    expect(result.stdout).toContain('.github/workflows/release.yml');
  });
});
