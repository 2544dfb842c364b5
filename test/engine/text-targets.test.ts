/**
 * Plugins' text lint targets (`Plugin.targets`): matching, discovery, the `textFile` visitor, that no
 * workflow or action visitor ever sees such a file, directives in their comments, and every output
 * format. A probe rule stands in for real ones, so these tests do not move with a rule.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/cli.js';
import { loadConfig } from '../../src/engine/config/load-config.js';
import { discoverFiles } from '../../src/engine/discover-files.js';
import { compileFileTargets, type FileTarget } from '../../src/engine/file-targets.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import { lintText } from '../../src/engine/lint-text.js';
import { definePlugin, pluginRules, pluginTargets, presetConfigs } from '../../src/engine/plugin.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { buildSarif } from '../../src/formatters/sarif.js';
import { formatters } from '../../src/formatters/index.js';
import { VERSION } from '../../src/version.js';
import { FAKE } from '../fake-tokens.js';

const TARGETS: readonly FileTarget[] = [
  { name: 'examplerc', files: ['.examplerc'], comments: { lineStart: ['#', ';'] } },
  { name: 'example-yaml', files: ['.example.yml'], comments: 'yaml' },
  { name: 'tool-credentials', files: ['.tool/credentials{,.toml}'], comments: { lineStart: ['#'] } },
];

const seen: string[] = [];

/** Reports every `SECRET` in a text target; records which visitors it got. */
const probe = defineRule({
  id: 'probe',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow the word SECRET in text targets (test probe)', recommended: true },
    severity: 'error',
    security: { severity: 5, precision: 'high' },
    messages: { secret: 'SECRET in a {{target}} file{{yaml}}' },
  },
  create: (context) => ({
    workflow: () => void seen.push('workflow'),
    action: () => void seen.push('action'),
    textFile(node) {
      seen.push(`text:${node.target}`);
      for (const match of node.file.text.matchAll(/SECRET/g)) {
        context.report({ messageId: 'secret', at: { start: match.index, end: match.index + 6 }, data: { target: node.target, yaml: node.yaml ? ' (parsed)' : '' } });
      }
    },
  }),
}) as unknown as AnyRule;

/** A rule that knows nothing of text targets: it must never run on one. */
const workflowOnly = defineRule({
  id: 'workflow-only',
  meta: {
    type: 'problem',
    docs: { description: 'Disallow everything (test probe)', recommended: true },
    severity: 'error',
    security: { severity: 5, precision: 'high' },
    messages: { any: 'any' },
  },
  create: (context) => ({
    workflow: (node) => context.report({ messageId: 'any', at: node.root }),
    action: (node) => context.report({ messageId: 'any', at: node.root }),
  }),
}) as unknown as AnyRule;

const plugin = definePlugin({ meta: { name: 'trustlint' }, rules: { probe, 'workflow-only': workflowOnly }, configs: presetConfigs([probe, workflowOnly]), targets: TARGETS });
const rules = pluginRules([plugin]);
const enabled = rules.map((rule) => ({ rule, severity: 'error' as const, options: undefined }));
const targets = compileFileTargets(pluginTargets([plugin]));

function lint(text: string, filePath: string, options: { noInlineConfig?: boolean } = {}) {
  return lintText(text, { filePath, rules: enabled, targets, reportUnusedDirectives: 'warn', ...options });
}

const show = (messages: readonly { line: number; column: number; endLine: number; endColumn: number; ruleId: string | null; message: string }[]) =>
  messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId ?? 'null'} ${m.message}`);

describe('compileFileTargets', () => {
  it('matches the trailing path segments, in any directory, ignoring case', () => {
    expect(targets.targetOf('.examplerc')?.name).toBe('examplerc');
    expect(targets.targetOf('/abs/deep/dir/.examplerc')?.name).toBe('examplerc');
    expect(targets.targetOf('a/.EXAMPLERC')?.name).toBe('examplerc');
    expect(targets.targetOf('x/.examplerc.bak')).toBeUndefined();
    expect(targets.targetOf('home/.tool/credentials')?.name).toBe('tool-credentials');
    expect(targets.targetOf('.tool/credentials.toml')?.name).toBe('tool-credentials');
    expect(targets.targetOf('credentials.toml')).toBeUndefined();
    expect(targets.targetOf('other/credentials')).toBeUndefined();
  });

  it('refuses globs that are not trailing segments, and bad globs', () => {
    expect(() => compileFileTargets([{ name: 'x', files: ['**/.x'], comments: 'yaml' }])).toThrow(/trailing path segments/);
    expect(() => compileFileTargets([{ name: 'x', files: ['/.x'], comments: 'yaml' }])).toThrow(/trailing path segments/);
    expect(() => compileFileTargets([{ name: 'x', files: ['(a|b)'], comments: 'yaml' }])).toThrow(/file target `x`/);
  });
});

describe('lintText on a text target', () => {
  it('gives the file to textFile visitors only, with exact positions', () => {
    seen.length = 0;
    const result = lint('registry=https://example.test/\n_token=SECRET\n', 'sub/.examplerc');
    expect(seen).toEqual(['text:examplerc']);
    expect(show(result.messages)).toEqual(['2:8-2:14 probe SECRET in a examplerc file']);
  });

  it('reports no YAML error for a file that is not YAML, and no finding of workflow rules', () => {
    const result = lint('{{{ not: [yaml\nkey: SECRET\n', '.examplerc');
    expect(show(result.messages)).toEqual(['2:6-2:12 probe SECRET in a examplerc file']);
  });

  it('parses a YAML target with the linter parser, and gives no document when it does not parse', () => {
    expect(show(lint('token: SECRET\n', '.example.yml').messages)).toEqual(['1:8-1:14 probe SECRET in a example-yaml file (parsed)']);
    expect(show(lint('token: [SECRET\n', '.example.yml').messages)).toEqual(['1:9-1:15 probe SECRET in a example-yaml file']);
  });

  it('lets location and name decide first: a file in .github/workflows is a workflow, action.yml is action metadata', () => {
    const plugin2 = definePlugin({ meta: { name: 'trustlint' }, rules: { probe, 'workflow-only': workflowOnly }, targets: [{ name: 'all-yaml', files: ['*.yml'], comments: 'yaml' }] });
    const greedy = compileFileTargets(pluginTargets([plugin2]));
    seen.length = 0;
    lintText('on: push\njobs: {}\n', { filePath: '.github/workflows/ci.yml', rules: enabled, targets: greedy });
    lintText('runs: { using: composite, steps: [] }\n', { filePath: 'dir/action.yml', rules: enabled, targets: greedy });
    lintText('a: SECRET\n', { filePath: 'other.yml', rules: enabled, targets: greedy });
    expect(seen).toEqual(['workflow', 'action', 'text:all-yaml']);
  });

  it('without targets, the file is read as before (YAML that is neither a workflow nor an action: nothing)', () => {
    seen.length = 0;
    const result = lintText('_token=SECRET\n', { filePath: '.examplerc', rules: enabled });
    expect(seen).toEqual([]);
    expect(result.messages).toEqual([]);
  });
});

describe('directives in text targets', () => {
  it('whole-line # and ; comments: disable-next-line, disable/enable blocks, unused and unknown ids', () => {
    const text = [
      '# trustlint-disable-next-line probe -- fixture',
      'a=SECRET',
      '; trustlint-disable probe',
      'b=SECRET',
      '  ;trustlint-enable probe',
      'c=SECRET',
      '# trustlint-disable-next-line probe',
      'd=nothing',
      '# trustlint-disable-next-line no-such-rule',
      '',
    ].join('\n');
    const result = lint(text, '.examplerc');
    expect(result.suppressedMessages.map((m) => `${m.line}:${m.suppressions?.[0]?.justification ?? ''}`)).toEqual(['2:fixture', '4:']);
    expect(show(result.messages)).toEqual([
      '6:3-6:9 probe SECRET in a examplerc file',
      '7:1-7:36 null Unused trustlint-disable-next-line directive (no problems were reported from `probe`); remove it so it cannot hide a future finding',
      '9:1-9:43 null Unknown rule `no-such-rule` in a trustlint directive',
    ]);
  });

  it('a marker after other text is not a comment (`a=b # …` is a value for line-comment targets)', () => {
    const result = lint('a=SECRET # trustlint-disable-line probe\n', '.examplerc');
    expect(show(result.messages)).toEqual(['1:3-1:9 probe SECRET in a examplerc file']);
  });

  it('a lone carriage return ends a comment line, so it cannot hide a line inside the comment', () => {
    const result = lint('# trustlint-disable-next-line probe\rx=SECRET\n', '.examplerc');
    // The directive covers the next line feed-separated line (2), not the hidden one: nothing is suppressed.
    expect(result.suppressedMessages).toEqual([]);
    expect(result.messages.map((m) => m.ruleId)).toContain('probe');
  });

  it('YAML targets use real YAML comments, trailing ones included; --no-inline-config ignores them', () => {
    const text = 'a: SECRET # trustlint-disable-line probe\n# trustlint-disable-next-line probe\nb: "# SECRET"\n';
    const result = lint(text, '.example.yml');
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages.length).toBe(2);
    expect(lint(text, '.example.yml', { noInlineConfig: true }).messages.length).toBe(2);
  });
});

describe('discovery and lintFiles', () => {
  let root: string;
  const io = (cwd: string, out: string[]): CliIo => ({ cwd, stdout: (text) => out.push(text), stderr: (text) => out.push(text), isTty: false, env: {} });

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'trustlint-text-targets-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'packages/a/.tool'), { recursive: true });
    mkdirSync(join(root, 'node_modules/dep'), { recursive: true });
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    writeFileSync(join(root, '.examplerc'), 'x=SECRET\n');
    writeFileSync(join(root, 'packages/a/.tool/credentials.toml'), 'token = "SECRET"\n');
    writeFileSync(join(root, 'packages/a/.examplerc.orig'), 'x=SECRET\n');
    writeFileSync(join(root, 'node_modules/dep/.examplerc'), 'x=SECRET\n');
    writeFileSync(join(root, '.github/workflows/ci.yml'), 'on: push\npermissions: {}\njobs: {}\n');
    writeFileSync(join(root, 'explicit.txt'), 'x=SECRET\n');
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('finds text targets at any depth, except under node_modules and .git', () => {
    const found = discoverFiles(['.'], root, undefined, targets).files.map((file) => file.path.slice(root.length + 1));
    expect(found).toEqual(['.examplerc', '.github/workflows/ci.yml', 'packages/a/.tool/credentials.toml']);
    // Without targets: workflows and actions only, as before.
    expect(discoverFiles(['.'], root).files.map((file) => file.path.slice(root.length + 1))).toEqual(['.github/workflows/ci.yml']);
  });

  it('lints them with the plugins targets; a text target named on the command line is linted as text', () => {
    const config = loadConfig({ cwd: root, plugins: [plugin], noLookup: true });
    const outcome = lintFiles({ paths: ['.', join(root, 'packages/a/.examplerc.orig')], cwd: root, config, rules, targets: pluginTargets([plugin]) });
    const byPath = Object.fromEntries(outcome.results.map((result) => [result.relativePath, show(result.messages)]));
    expect(byPath).toEqual({
      '.examplerc': ['1:3-1:9 probe SECRET in a examplerc file'],
      '.github/workflows/ci.yml': ['1:1-3:9 workflow-only any'],
      'packages/a/.tool/credentials.toml': ['1:10-1:16 probe SECRET in a tool-credentials file'],
      // Named explicitly but neither a target nor YAML: not linted, it stands for the workflows that read it (none here).
    });
    const explicit = lintFiles({ paths: [join(root, 'packages/a/.tool/credentials.toml')], cwd: root, config, rules, targets: pluginTargets([plugin]) });
    expect(explicit.results.map((result) => [result.relativePath, result.errorCount])).toEqual([['packages/a/.tool/credentials.toml', 1]]);
  });

  it('the size limit and the reader protections apply to text targets', () => {
    const big = join(root, 'big');
    mkdirSync(big, { recursive: true });
    writeFileSync(join(big, '.examplerc'), `x=${'a'.repeat(2000)}\n`);
    writeFileSync(join(big, '.example.yml'), 'a: b\0c\n');
    const config = loadConfig({ cwd: root, plugins: [plugin], noLookup: true, ruleOverrides: {} });
    const limited = { ...config, limits: { ...config.limits, maxFileBytes: 1000 } };
    const outcome = lintFiles({ paths: [big], cwd: root, config: limited, rules, targets: pluginTargets([plugin]) });
    expect(outcome.hadFatalIoOrInternalError).toBe(true);
    expect(outcome.results.map((result) => result.messages[0]?.message)).toEqual([
      'File holds NUL bytes: it is binary, not text; not analysed',
      expect.stringContaining('larger than the limit of 1000'),
    ]);
    rmSync(big, { recursive: true, force: true });
  });

  it('every output format names the text file; exit codes are unchanged', async () => {
    for (const format of ['stylish', 'json', 'sarif', 'github'] as const) {
      const out: string[] = [];
      const code = await runCli(['--no-config-lookup', '-f', format, '.examplerc'], io(root, out), [plugin]);
      expect(code, format).toBe(1);
      expect(out.join(''), format).toContain('.examplerc');
    }
    const clean = join(root, 'clean');
    mkdirSync(clean, { recursive: true });
    writeFileSync(join(clean, '.examplerc'), 'x=y\n');
    expect(await runCli(['--no-config-lookup', clean], io(root, []), [plugin])).toBe(0);
  });

  it('SARIF gives the text file its own artifact with an exact region', () => {
    const config = loadConfig({ cwd: root, plugins: [plugin], noLookup: true });
    const outcome = lintFiles({ paths: [join(root, 'packages')], cwd: root, config, rules, targets: pluginTargets([plugin]) });
    const log = buildSarif(outcome.results, { rules, version: VERSION, color: false });
    const result = log.runs[0]!.results![0]!;
    expect(result.ruleId).toBe('probe');
    expect(result.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'packages/a/.tool/credentials.toml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 10, endLine: 1, endColumn: 16 },
    });
    expect(formatters.json(outcome.results, { rules, version: VERSION, color: false })).toContain('credentials.toml');
  });
});

describe("the built-in plugin's credential files, through the CLI", () => {
  let root: string;
  const run = async (args: readonly string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { cwd: root, stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTty: false, env: {} });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'trustlint-credential-files-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'packages/app'), { recursive: true });
    mkdirSync(join(root, 'node_modules/dep'), { recursive: true });
    writeFileSync(join(root, '.npmrc'), `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${FAKE.npm}\n`);
    writeFileSync(
      join(root, 'packages/app/.yarnrc.yml'),
      `npmScopes:\n  acme:\n    # trustlint-disable-next-line no-hardcoded-registry-token -- fixture\n    npmAuthToken: ${FAKE.npm2}\n    npmRegistryServer: https://npm.acme.example\n`,
    );
    writeFileSync(join(root, 'node_modules/dep/.npmrc'), `//registry.npmjs.org/:_authToken=${FAKE.npm}\n`);
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('a directory search finds them (not under node_modules); a directive in .yarnrc.yml suppresses; exit 1', async () => {
    const { code, stdout } = await run(['--no-config-lookup', '-f', 'json', '.']);
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }>; suppressedMessages: unknown[] }>;
    expect(results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`), result.suppressedMessages.length])).toEqual([
      ['.npmrc', ['no-hardcoded-registry-token@2:34'], 0],
      ['packages/app/.yarnrc.yml', [], 1],
    ]);
  });

  it('an .npmrc named on the command line is linted, with a SARIF artifact of its own and no token in any output', async () => {
    const sarif = await run(['--no-config-lookup', '-f', 'sarif', '.npmrc']);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: unknown }> }> }> };
    expect(log.runs[0]!.results.map((result) => [result.ruleId, result.locations[0]!.physicalLocation])).toEqual([
      [
        'no-hardcoded-registry-token',
        { artifactLocation: { uri: '.npmrc', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 34, endLine: 2, endColumn: 74 } },
      ],
    ]);
    for (const format of ['stylish', 'json', 'sarif', 'github'] as const) {
      const output = await run(['--no-config-lookup', '-f', format, '.npmrc']);
      expect(output.code, format).toBe(1);
      expect(output.stdout, format).toContain('npm_…');
      expect(output.stdout, format).not.toContain(FAKE.npm);
    }
  });

  it('the reader protections hold for credential files: a FIFO is never opened; links are not followed in a search', async () => {
    const hostile = join(root, 'hostile');
    mkdirSync(join(hostile, 'fifo'), { recursive: true });
    mkdirSync(join(hostile, 'link'), { recursive: true });
    mkdirSync(join(hostile, 'dangling'), { recursive: true });
    mkdirSync(join(hostile, 'inside'), { recursive: true });
    execFileSync('mkfifo', [join(hostile, 'fifo/.npmrc')]);
    const outside = mkdtempSync(join(tmpdir(), 'trustlint-outside-'));
    writeFileSync(join(outside, 'secret'), `//registry.npmjs.org/:_authToken=${FAKE.npm}\n`);
    symlinkSync(join(outside, 'secret'), join(hostile, 'link/.npmrc'));
    symlinkSync('/nonexistent/home/.npmrc', join(hostile, 'dangling/.npmrc'));
    writeFileSync(join(hostile, 'inside/shared'), `//registry.npmjs.org/:_authToken=${FAKE.npm2}\n`);
    symlinkSync('shared', join(hostile, 'inside/.npmrc'));
    try {
      const { code, stdout } = await run(['--no-config-lookup', '-f', 'json', 'hostile']);
      expect(code).toBe(2);
      const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ message: string }> }>;
      // The FIFO is reported and never opened; the three links are skipped (git keeps a link, not its target's content).
      expect(results.map((result) => [result.filePath.slice(root.length + 1), result.messages.map((m) => m.message)])).toEqual([
        ['hostile/fifo/.npmrc', ['Not a regular file (a named pipe); not read']],
      ]);
      expect(stdout).not.toContain(FAKE.npm);
      // Named on the command line, a link is read like the file (the user asked for it).
      const named = await run(['--no-config-lookup', '-f', 'json', 'hostile/inside/.npmrc']);
      expect(named.code).toBe(1);
    } finally {
      rmSync(hostile, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('--no-inline-config ignores the directive in .yarnrc.yml', async () => {
    const { code, stdout } = await run(['--no-config-lookup', '--no-inline-config', '-f', 'json', 'packages']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as Array<{ errorCount: number }>).map((result) => result.errorCount)).toEqual([1]);
  });
});
