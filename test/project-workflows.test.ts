import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileFileTargets } from '../src/engine/file-targets.js';
import { pluginTargets } from '../src/engine/plugin.js';
import { loadConfig } from '../src/engine/config/load-config.js';
import { lintFiles } from '../src/engine/lint-files.js';
import { lintText, type EnabledRule } from '../src/engine/lint-text.js';
import { allRules, builtinPlugin } from '../src/rules/index.js';

// trustlint publishes itself the way it preaches: its own workflows and action metadata must lint
// clean with the recommended preset, and keep the release shape the rules ask of everyone.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const workflowDir = join(repoRoot, '.github/workflows');
const workflowFiles = readdirSync(workflowDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => `.github/workflows/${name}`);
const ownFiles = [...workflowFiles, 'action.yml'];

type Yaml = Record<string, any>;
const load = (path: string): Yaml => parse(readFileSync(join(repoRoot, path), 'utf8')) as Yaml;

describe("this repository's workflows and action", () => {
  it('exist: CI, release and the action', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml']));
    expect(existsSync(join(repoRoot, 'action.yml'))).toBe(true);
  });

  it('lint clean with the recommended preset (no finding, nothing suppressed)', () => {
    const config = loadConfig({ cwd: repoRoot, plugins: [builtinPlugin], noLookup: true });
    const outcome = lintFiles({ paths: ownFiles, cwd: repoRoot, config, rules: allRules });
    expect(outcome.problems).toEqual([]);
    expect(outcome.results.map((result) => result.relativePath).sort()).toEqual([...ownFiles].sort());
    const findings = outcome.results.flatMap((result) =>
      [...result.messages, ...result.suppressedMessages].map((message) => `${result.relativePath}:${message.line}:${message.column} ${message.ruleId ?? '(no rule)'} ${message.message}`),
    );
    expect(findings).toEqual([]);
  });

  it('pin every action to a full commit SHA with a version comment', () => {
    for (const path of ownFiles) {
      const uses = readFileSync(join(repoRoot, path), 'utf8').match(/^\s*(?:-\s+)?uses:.*$/gm) ?? [];
      for (const line of uses) {
        const value = line.replace(/^\s*(?:-\s+)?uses:\s*/, '');
        if (value === './') continue;
        expect(value, `${path}: ${line.trim()}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
      }
    }
  });

  it('start every workflow from `permissions: {}`', () => {
    for (const path of workflowFiles) expect(load(path).permissions, path).toEqual({});
  });

  it('release: a build job hands the tarball to a publish job that alone can mint an OIDC token', () => {
    const release = load('.github/workflows/release.yml');
    const jobs = release.jobs as Record<string, Yaml>;
    const idTokenJobs = Object.entries(jobs).filter(([, job]) => job.permissions?.['id-token'] === 'write');
    expect(idTokenJobs.map(([id]) => id)).toEqual(['publish']);
    const publish = jobs.publish!;
    expect(publish.permissions).toEqual({ 'id-token': 'write' });
    expect(publish.needs).toBe('build');
    const publishUses = (publish.steps as Yaml[]).map((step) => String(step.uses ?? '').split('@')[0]);
    // No checkout, no cache: the job only downloads the artifact, sets up Node 24 and publishes.
    expect(publishUses.filter(Boolean)).toEqual(['actions/download-artifact', 'actions/setup-node']);
    for (const step of publish.steps as Yaml[]) {
      expect(JSON.stringify(step)).not.toMatch(/actions\/cache|NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
      if (String(step.uses).startsWith('actions/setup-node')) {
        expect(step.with).toMatchObject({ 'node-version': 24, 'package-manager-cache': false });
      }
    }
    expect((publish.steps as Yaml[]).at(-1)!.run).toMatch(/^npm publish .*\.tgz --provenance/);
    const build = jobs.build!;
    expect(build.permissions).toEqual({ contents: 'read' });
    const upload = (build.steps as Yaml[]).find((step) => String(step.uses).startsWith('actions/upload-artifact'))!;
    const download = (publish.steps as Yaml[]).find((step) => String(step.uses).startsWith('actions/download-artifact'))!;
    expect(download.with.name).toBe(upload.with.name);
  });

  it('CI: only the code-scanning job may write security events', () => {
    const jobs = load('.github/workflows/ci.yml').jobs as Record<string, Yaml>;
    for (const [id, job] of Object.entries(jobs)) {
      const permissions = job.permissions as Record<string, string>;
      expect(permissions, id).toBeDefined();
      expect(permissions['id-token'], id).toBeUndefined();
      if (id !== 'code-scanning') expect(permissions['security-events'], id).toBeUndefined();
    }
    expect(jobs['code-scanning']!.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
  });
});

describe('docs/ci.md', () => {
  it('its ready-to-copy workflow lints clean with the recommended preset', () => {
    const doc = readFileSync(join(repoRoot, 'docs/ci.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Ready-to-copy workflow'));
    const code = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    expect(code).toMatch(/^permissions: \{\}$/m);
    const config = loadConfig({ cwd: repoRoot, plugins: [builtinPlugin], noLookup: true });
    const rules: EnabledRule[] = [];
    for (const [id, setting] of config.forFile('.github/workflows/trustlint.yml').rules) {
      const rule = allRules.find((candidate) => candidate.id === id);
      if (rule && setting.severity !== 'off') rules.push({ rule, severity: setting.severity, options: setting.options });
    }
    expect(rules.length).toBeGreaterThan(0);
    const result = lintText(code, { filePath: '.github/workflows/trustlint.yml', rules, knownRuleIds: new Set(allRules.map((rule) => rule.id)) });
    expect(result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`)).toEqual([]);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Yaml[];

  it('declares a node hook that runs the trustlint binary', () => {
    expect(hooks).toHaveLength(1);
    // `--pre-commit` + `args: ['--']`: file names always follow `--` (test/robustness/adversarial.test.ts
    // runs the hook as pre-commit builds its command line).
    expect(hooks[0]).toMatchObject({ id: 'trustlint', language: 'node', entry: 'trustlint --pre-commit', args: ['--'] });
    const bin = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    expect(Object.keys(bin)).toContain((hooks[0]!.entry as string).split(' ')[0]);
  });

  it('matches workflow files, action metadata and the built-in text targets, nothing else', () => {
    // pre-commit uses Python's `re.search`; this pattern uses only syntax JavaScript reads the same way.
    const files = new RegExp(hooks[0]!.files as string);
    const credentials = ['.npmrc', 'packages/a/.npmrc', '.yarnrc.yml', '.pypirc', 'home/.gem/credentials', '.cargo/credentials.toml', '.cargo/credentials'];
    for (const path of ['.github/workflows/ci.yml', '.github/workflows/release.yaml', 'action.yml', 'action.yaml', 'actions/setup/action.yml', ...credentials]) {
      expect(files.test(path), path).toBe(true);
    }
    // Every file the built-in plugin lints as text is one the hook passes (and the reverse, for these).
    const targets = compileFileTargets(pluginTargets([builtinPlugin]));
    for (const path of credentials) expect(targets.targetOf(path), path).toBeDefined();
    for (const path of ['ci.yml', '.github/dependabot.yml', '.github/workflows/sub/x.yml', 'test/fixtures/repo/.github/workflows/a.yml', 'my-action.yml', 'action.yml.bak', '.npmrc.bak', 'my.npmrc', '.yarnrc.yaml', 'credentials.toml', '.gem/credentials.bak']) {
      expect(files.test(path), path).toBe(false);
    }
  });
});

/**
 * The action, run the way the runner runs a JavaScript action: its committed bundle (`runs.main`)
 * copied alone into a temporary directory (no node_modules: it installs and needs nothing), with
 * every declared input as an `INPUT_<NAME>` variable (its default when not given) and GITHUB_OUTPUT.
 */
describe('action.yml', () => {
  const action = load('action.yml');
  let work: string;
  let actionDir: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'trustlint-action-'));
    actionDir = join(work, 'action');
    mkdirSync(actionDir, { recursive: true });
    cpSync(join(repoRoot, action.runs.main as string), join(actionDir, 'index.mjs'));
    cpSync(join(repoRoot, 'test/fixtures/sarif-repo'), join(work, 'repo'), { recursive: true });
    mkdirSync(join(work, 'repo/.git'));
    mkdirSync(join(work, 'warn/.github/workflows'), { recursive: true });
    mkdirSync(join(work, 'warn/.git'));
    // Only a warning: a directive that suppresses nothing.
    writeFileSync(
      join(work, 'warn/.github/workflows/ci.yml'),
      'on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    # trustlint-disable-next-line valid-permissions\n    steps:\n      - run: echo\n',
    );
  }, 60_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  function runAction(workspace: string, inputs: Record<string, string>) {
    const output = join(work, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', GITHUB_OUTPUT: output, GITHUB_WORKSPACE: workspace };
    for (const [name, declared] of Object.entries(action.inputs as Record<string, Yaml>)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? String(declared.default);
    const run = spawnSync(process.execPath, [join(actionDir, 'index.mjs')], { cwd: workspace, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    return { status: run.status, stdout: run.stdout + run.stderr, outputs };
  }

  it('is a JavaScript action that runs its committed bundle and installs nothing', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'action/dist/index.mjs' });
    expect(Object.keys(action.inputs).sort()).toEqual(['config', 'fail-on', 'format', 'inline-config', 'max-warnings', 'paths', 'quiet', 'rules', 'sarif-file', 'sarif-suppressed']);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
    expect(readFileSync(join(repoRoot, 'action.yml'), 'utf8')).not.toMatch(/npm (ci|install)/);
  });

  it('passes config, rules, max-warnings and quiet to the CLI', () => {
    const warn = join(work, 'warn');
    writeFileSync(join(warn, 'strict.yml'), 'reportUnusedDisableDirectives: error\n');
    expect(runAction(warn, { config: 'strict.yml' }).status).toBe(1);
    expect(runAction(warn, { 'max-warnings': '0' }).status).toBe(1);
    expect(runAction(warn, { 'max-warnings': '1' }).status).toBe(0);
    const quiet = runAction(join(work, 'repo'), { quiet: 'true', format: 'json' });
    expect((JSON.parse(quiet.stdout) as Array<{ warningCount: number }>).every((result) => result.warningCount === 0)).toBe(true);
    const ruled = runAction(join(work, 'repo'), { rules: 'valid-permissions: off\n  top-level-permissions-empty: off\n', format: 'json' });
    const ids = (JSON.parse(ruled.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(ids).not.toContain('valid-permissions');
    expect(runAction(join(work, 'repo'), { 'max-warnings': 'many' }).status).toBe(2);
    expect(runAction(join(work, 'repo'), { quiet: 'yes' }).status).toBe(2);
  });

  it('annotates the findings, writes the SARIF file and fails on errors', () => {
    const { status, stdout, outputs } = runAction(join(work, 'repo'), { 'sarif-file': 'out/trustlint.sarif' });
    expect(status, stdout).toBe(1);
    expect(stdout).toMatch(/^::error file=\.github\/workflows\/release\.yml,line=7,col=3,/m);
    expect(outputs).toEqual({ 'sarif-file': 'out/trustlint.sarif', 'exit-code': '1' });
    const log = JSON.parse(readFileSync(join(work, 'repo/out/trustlint.sarif'), 'utf8'));
    expect(log.runs[0].tool.driver.name).toBe('trustlint');
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    // Code scanning would open alerts for suppressed findings: omitted by default, kept on request.
    const suppressed = (file: string) => JSON.parse(readFileSync(join(work, 'repo', file), 'utf8')).runs[0].results.filter((result: Yaml) => result.suppressions);
    expect(suppressed('out/trustlint.sarif')).toEqual([]);
    expect(runAction(join(work, 'repo'), { 'sarif-file': 'all.sarif', 'sarif-suppressed': 'include' }).status).toBe(1);
    expect(suppressed('all.sarif')).toHaveLength(1);
    expect(runAction(join(work, 'repo'), { 'sarif-file': 'x.sarif', 'sarif-suppressed': 'maybe' }).status).toBe(2);
    // inline-config: false ignores the directive: the finding it suppressed is a result like any other.
    const results = (file: string) => JSON.parse(readFileSync(join(work, 'repo', file), 'utf8')).runs[0].results as Yaml[];
    expect(runAction(join(work, 'repo'), { 'sarif-file': 'strict.sarif', 'sarif-suppressed': 'include', 'inline-config': 'false' }).status).toBe(1);
    expect(results('strict.sarif').filter((result) => result.suppressions || result.ruleId === 'trustlint/directive')).toEqual([]);
    const findings = (file: string) => results(file).filter((result) => result.ruleId !== 'trustlint/directive').length;
    expect(findings('strict.sarif')).toBe(findings('all.sarif'));
    expect(runAction(join(work, 'repo'), { 'inline-config': 'no' }).status).toBe(2);
  });

  it('honours fail-on, paths and format', () => {
    const warn = join(work, 'warn');
    expect(runAction(warn, {}).status).toBe(0);
    expect(runAction(warn, { 'fail-on': 'warning' }).status).toBe(1);
    const never = runAction(join(work, 'repo'), { 'fail-on': 'never', format: 'stylish' });
    expect(never.status).toBe(0);
    expect(never.outputs['exit-code']).toBe('1');
    expect(never.stdout).toMatch(/problems? \(/);
    // Paths separated by new lines and spaces; a clean file and a composite action.
    const some = runAction(join(work, 'repo'), { paths: '.github/workflows/clean.yml\n  actions/setup/action.yml' });
    expect(some).toMatchObject({ status: 0, outputs: { 'exit-code': '0' } });
  });

  it('refuses bad inputs and fails on usage errors whatever fail-on says', () => {
    const badFormat = runAction(join(work, 'repo'), { format: 'sarif' });
    expect(badFormat.status).toBe(2);
    expect(badFormat.stdout).toContain('::error title=trustlint::input format must be github, stylish, json');
    expect(runAction(join(work, 'repo'), { 'fail-on': 'sometimes' }).status).toBe(2);
    const missing = runAction(join(work, 'repo'), { paths: 'no-such-dir', 'fail-on': 'never', 'sarif-file': 'x.sarif' });
    expect(missing.status).toBe(2);
    expect(missing.outputs['exit-code']).toBe('2');
    // A path that looks like an option is still a path.
    expect(runAction(join(work, 'repo'), { paths: '--version' }).status).toBe(2);
  });
});
