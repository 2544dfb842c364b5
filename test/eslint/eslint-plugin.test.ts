/**
 * The ESLint plugin (`src/eslint`) on ESLint 9 and 10, both installed as dev dependencies under npm
 * aliases (`eslint9`, `eslint10`): the ESLint class on a temporary project, exact findings, `--fix`,
 * `eslint-disable` comments, rule options, and the same messages as trustlint's own `lintText`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import plugin from '../../src/eslint/index.js';
import { allRules, createProjectService, diskSource, lintAndFix, lintText, type LintTextOptions } from '../../src/index.js';

const RELEASE = [
  'on: push', // 1
  'permissions:', // 2
  '  id_token: write', // 3
  'jobs:', // 4
  '  publish:', // 5
  '    runs-on: ubuntu-latest', // 6
  '    steps:', // 7
  '      - run: npm publish', // 8
  '',
].join('\n');

interface Message {
  ruleId: string | null;
  severity: number;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  fatal?: boolean;
}
interface Result {
  filePath: string;
  messages: Message[];
  suppressedMessages: Message[];
  output?: string;
}
interface EslintInstance {
  lintFiles(patterns: string[]): Promise<Result[]>;
  lintText(code: string, options: { filePath: string }): Promise<Result[]>;
}
interface EslintModule {
  ESLint: (new (options: Record<string, unknown>) => EslintInstance) & { version: string; outputFixes(results: Result[]): Promise<void> };
}

const recommended = allRules.filter((rule) => rule.meta.docs.recommended).map((rule) => ({ rule, severity: rule.meta.severity, options: rule.meta.defaultOptions }));

const short = (m: Message) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.severity} ${m.ruleId}`;

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-eslint-'));
  mkdirSync(join(work, '.git'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

describe.each(['eslint9', 'eslint10'])('%s', (name) => {
  const load = async () => (await import(name)) as EslintModule;
  const eslintFor = async (extra: Record<string, unknown>[] = [], options: Record<string, unknown> = {}) => {
    const { ESLint } = await load();
    return new ESLint({ cwd: work, overrideConfigFile: true, overrideConfig: [...plugin.configs.recommended, ...extra], ...options });
  };

  it('is the major version the alias names', async () => {
    const { ESLint } = await load();
    expect(ESLint.version.split('.')[0]).toBe(name.slice('eslint'.length));
  });

  it('lints the workflows and action metadata of a project, and nothing else, with exact findings', async () => {
    write('.github/workflows/release.yml', RELEASE);
    write('actions/setup/action.yml', 'name: setup\nruns:\n  using: composite\n  steps:\n    - run: npm publish --provenance\n      shell: bash\n');
    write('docs/example.yml', RELEASE);
    const eslint = await eslintFor();
    const results = await eslint.lintFiles(['.']);
    const byFile = Object.fromEntries(results.map((result) => [result.filePath.slice(work.length + 1), result.messages.map(short)]));
    expect(Object.keys(byFile).sort()).toEqual(['.github/workflows/release.yml', 'actions/setup/action.yml']);
    expect(byFile['.github/workflows/release.yml']).toEqual([
      '2:1-2:12 1 trustlint/top-level-permissions-empty',
      '3:3-3:11 2 trustlint/valid-permissions',
      '5:3-5:10 2 trustlint/publish-job-needs-id-token',
    ]);
    // The same findings, positions and texts as trustlint itself.
    const own = lintText(RELEASE, {
      filePath: join(work, '.github/workflows/release.yml'),
      relativePath: '.github/workflows/release.yml',
      rules: allRules.filter((rule) => rule.meta.docs.recommended).map((rule) => ({ rule, severity: rule.meta.severity, options: rule.meta.defaultOptions })),
    });
    const release = results.find((result) => result.filePath.endsWith('release.yml'))!;
    expect(release.messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn, m.message])).toEqual(
      own.messages.map((m) => [`trustlint/${m.ruleId}`, m.line, m.column, m.endLine, m.endColumn, m.message]),
    );
  });

  it('--fix applies the safe fix, and suggestions are offered but not applied', async () => {
    write('.github/workflows/release.yml', RELEASE);
    const eslint = await eslintFor([], { fix: true });
    const results = await eslint.lintFiles(['.github/workflows/release.yml']);
    const { ESLint } = await load();
    await ESLint.outputFixes(results);
    const fixed = readFileSync(join(work, '.github/workflows/release.yml'), 'utf8');
    // Two passes, as trustlint's own --fix: the scope's name, then the grant moved to the job that needs it.
    expect(fixed).toBe(RELEASE.replace('permissions:\n  id_token: write', 'permissions: {}').replace('    steps:', '    permissions:\n      id-token: write\n    steps:'));
    const own = lintAndFix(RELEASE, { filePath: join(work, '.github/workflows/release.yml'), relativePath: '.github/workflows/release.yml', rules: recommended }, () => true);
    expect(fixed).toBe(own.output);
    expect(results[0]!.messages.map((m) => m.ruleId)).not.toContain('trustlint/valid-permissions');
    const [suggesting] = await (await eslintFor()).lintText(RELEASE, { filePath: join(work, '.github/workflows/release.yml') });
    const scope = suggesting!.messages.find((m) => m.ruleId === 'trustlint/top-level-permissions-empty') as Message & { suggestions?: Array<{ desc: string; fix: unknown }> };
    expect(scope.suggestions?.map((s) => s.desc)).toEqual([
      'Give each job only what its steps use and set `permissions: {}` at the top: `publish` gets `id-token: write`.',
    ]);
  });

  it('honours eslint-disable comments in YAML comments, but not in strings or scripts', async () => {
    const text = RELEASE.replace('permissions:\n', '# eslint-disable-next-line trustlint/top-level-permissions-empty -- reviewed\npermissions:\n').replace(
      '      - run: npm publish',
      '      - run: |\n          # eslint-disable-next-line trustlint/publish-job-needs-id-token\n          npm publish',
    );
    const [result] = await (await eslintFor()).lintText(text, { filePath: join(work, '.github/workflows/release.yml') });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(['trustlint/valid-permissions', 'trustlint/publish-job-needs-id-token']);
    expect(result!.suppressedMessages.map((m) => [m.ruleId, m.line])).toEqual([['trustlint/top-level-permissions-empty', 3]]);
  });

  it('takes severities and options from the ESLint config, and validates options with the rule schema', async () => {
    const workflow = 'on: push\npermissions:\n  contents: read\njobs: {}\n';
    const filePath = join(work, '.github/workflows/ci.yml');
    // recommended checks only workflows that can publish (`scope: publishing`); this one publishes nothing.
    const [recommended] = await (await eslintFor()).lintText(workflow, { filePath });
    expect(recommended!.messages).toEqual([]);
    const [before] = await (await eslintFor([{ files: ['**/*.yml'], rules: { 'trustlint/top-level-permissions-empty': ['error', { scope: 'all' }] } }])).lintText(workflow, { filePath });
    expect(before!.messages.map(short)).toEqual(['2:1-2:12 2 trustlint/top-level-permissions-empty']);
    const [allowed] = await (await eslintFor([{ files: ['**/*.yml'], rules: { 'trustlint/top-level-permissions-empty': ['error', { scope: 'all', allow: ['contents'] }] } }])).lintText(workflow, { filePath });
    expect(allowed!.messages).toEqual([]);
    const eslint = await eslintFor([{ files: ['**/*.yml'], rules: { 'trustlint/valid-permissions': 'warn', 'trustlint/publish-job-needs-id-token': 'off', 'trustlint/top-level-permissions-empty': 'off' } }]);
    const [result] = await eslint.lintText(RELEASE, { filePath: join(work, '.github/workflows/release.yml') });
    expect(result!.messages.map(short)).toEqual(['3:3-3:11 1 trustlint/valid-permissions']);
    const bad = await eslintFor([{ files: ['**/*.yml'], rules: { 'trustlint/top-level-permissions-empty': ['error', { allow: ['BOGUS'] }] } }]);
    await expect(bad.lintText(RELEASE, { filePath })).rejects.toThrow(/top-level-permissions-empty/);
  });

  it('accepts every rule with its default options', async () => {
    const rules = Object.fromEntries(allRules.map((rule) => [`trustlint/${rule.id}`, rule.meta.defaultOptions === undefined ? 'error' : ['error', rule.meta.defaultOptions]]));
    const [result] = await (await eslintFor([{ files: ['**/*.yml'], rules }])).lintText('on: push\npermissions: {}\njobs: {}\n', {
      filePath: join(work, '.github/workflows/ok.yml'),
    });
    expect(result!.messages).toEqual([]);
  });

  it('reports a YAML error as a parsing error', async () => {
    const [result] = await (await eslintFor()).lintText('on: push\njobs: [\n', { filePath: join(work, '.github/workflows/broken.yml') });
    expect(result!.messages.length).toBeGreaterThan(0);
    expect(result!.messages.every((m) => m.fatal === true && m.ruleId === null && m.message.includes('YAML'))).toBe(true);
  });

  it('reads the repository (package.json) as trustlint does', async () => {
    write('package.json', JSON.stringify({ name: 'pkg', version: '1.0.0' }));
    const workflow = RELEASE.replace('id_token', 'id-token');
    const filePath = join(work, '.github/workflows/release.yml');
    const options: LintTextOptions = { filePath, relativePath: '.github/workflows/release.yml', projectPath: '.github/workflows/release.yml', rules: recommended };
    const [result] = await (await eslintFor()).lintText(workflow, { filePath });
    const own = lintText(workflow, { ...options, project: createProjectService(diskSource(work, 1 << 20)) });
    expect(result!.messages.map((m) => m.ruleId)).toContain('trustlint/provenance-repository-field');
    expect(result!.messages.map((m) => [m.ruleId, m.line, m.column, m.message])).toEqual(own.messages.map((m) => [`trustlint/${m.ruleId}`, m.line, m.column, m.message]));
    // Without the repository the finding is not there: it came from package.json.
    expect(lintText(workflow, options).messages.map((m) => m.ruleId)).not.toContain('provenance-repository-field');
  });
  it('passes settings.trustlint to the rules', async () => {
    const workflow = 'on: push\npermissions: {}\njobs:\n  publish:\n    runs-on: fast-box\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish\n';
    const filePath = join(work, '.github/workflows/release.yml');
    const ids = async (settings: Record<string, unknown>) =>
      (await (await eslintFor([{ files: ['**/*.yml'], settings }])).lintText(workflow, { filePath }))[0]!.messages.map((m) => m.ruleId);
    expect(await ids({})).not.toContain('trustlint/trusted-publishing-hosted-runner');
    expect(await ids({ trustlint: { selfHostedRunnerLabels: ['fast-*'] } })).toContain('trustlint/trusted-publishing-hosted-runner');
  });
});

describe('the plugin object', () => {
  it('has every rule as trustlint/<id>, and recommended presets for workflows and action metadata', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(allRules.map((rule) => rule.id).sort());
    const [recommended] = plugin.configs.recommended;
    expect(recommended!.files).toEqual(['.github/workflows/*.{yml,yaml}', '**/action.{yml,yaml}']);
    expect(recommended!.language).toBe('trustlint/workflow');
    expect(Object.keys(recommended!.rules).sort()).toEqual(allRules.filter((rule) => rule.meta.docs.recommended).map((rule) => `trustlint/${rule.id}`).sort());
    expect(Object.keys(plugin.configs.all[0]!.rules)).toHaveLength(allRules.length);
  });
});
