/**
 * Plugins end to end, through the built CLI: docs/plugins.md's example plugin installed as a package
 * in a temporary repository, a scoped one, and one named by a relative path whose rule crashes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, repoRoot } from './build-package.js';

let work: string;
let bin: string;
let repo: string;

const WORKFLOW = `on: push
permissions: {}
jobs:
  test:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/setup-node@v4
      - run: npm test
`;

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
}

function run(args: readonly string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonResult {
  readonly messages: ReadonlyArray<{ ruleId: string | null; message: string; line: number; column: number; fatal?: boolean }>;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-plugins-'));
  bin = join(buildPackage(work), 'bin/trustlint.js');
  repo = join(work, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  const docs = readFileSync(join(repoRoot, 'docs/plugins.md'), 'utf8');
  const example = /<!-- example-plugin -->\n```js\n([\s\S]*?)\n```/.exec(docs)![1]!;
  write({
    'node_modules/trustlint-plugin-example/package.json': '{ "name": "trustlint-plugin-example", "version": "1.0.0", "type": "module", "exports": "./index.js" }\n',
    'node_modules/trustlint-plugin-example/index.js': example,
    'node_modules/@acme/trustlint-plugin-acme/package.json': '{ "name": "@acme/trustlint-plugin-acme", "version": "1.0.0", "type": "module", "main": "main.js" }\n',
    'node_modules/@acme/trustlint-plugin-acme/main.js':
      "export default { meta: { name: 'acme' }, rules: { 'job-name': { meta: { messages: { m: 'Job {{id}} has no name' } }, create: (context) => ({ job(job) { if (!job.name) context.report({ messageId: 'm', at: job.key, data: { id: job.id } }); } }) } } };\n",
    'tools/crash.mjs': "export default { meta: { name: 'crash' }, rules: { boom: { meta: { messages: {} }, create: () => ({ workflow() { throw new Error('boom in a plugin'); } }) } } };\n",
    '.github/workflows/ci.yml': WORKFLOW,
  });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('plugins', () => {
  it("a package plugin's rules are <name>/<id>, on through extends <name>/recommended, with docs links and SARIF help", () => {
    write({ '.trustlintrc.yml': 'plugins: [trustlint-plugin-example, "@acme/trustlint-plugin-acme"]\nextends: [recommended, example/recommended]\nrules:\n  acme/job-name: warn\nsettings:\n  example: { anything: true }\n' });
    const json = run(['-f', 'json']);
    expect(json.stderr).toBe('');
    expect(json.status).toBe(1);
    const [result] = JSON.parse(json.stdout) as JsonResult[];
    expect(result!.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ['acme/job-name', 4, 3],
      ['example/setup-node-version', 9, 15],
    ]);
    expect(result!.messages[1]!.message).toBe('`actions/setup-node` installs no particular Node version: add `node-version`');
    const sarif = JSON.parse(run(['-f', 'sarif']).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri?: string; help: { text: string } }> } } }> };
    const rule = sarif.runs[0]!.tool.driver.rules.find((candidate) => candidate.id === 'example/setup-node-version');
    expect(rule?.helpUri).toBe('https://example.com/rules/setup-node-version');
    expect(rule?.help.text).toContain('runner image');
    expect(run([]).stdout).toContain('example/setup-node-version');
  });

  it('a directive names a plugin rule; options are checked against its schema', () => {
    write({
      '.trustlintrc.yml': 'plugins: [trustlint-plugin-example]\nextends: [example/recommended]\n',
      '.github/workflows/ci.yml': WORKFLOW.replace('actions/setup-node@v4', 'actions/setup-node@v4 # trustlint-disable-line example/setup-node-version -- reviewed'),
    });
    expect(run([])).toEqual({ status: 0, stdout: '1 finding suppressed by directives\n', stderr: '' });
    write({ '.trustlintrc.yml': 'plugins: [trustlint-plugin-example]\nrules:\n  example/setup-node-version: [error, { allowFiles: false }]\n', '.github/workflows/ci.yml': WORKFLOW });
    const bad = run([]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('allowFiles is not a known key; did you mean `allowFile`?');
  });

  it('a crash in a plugin rule (a relative path) is contained like a built-in one', () => {
    write({ '.trustlintrc.yml': 'plugins: [trustlint-plugin-example, ./tools/crash.mjs]\nextends: [example/recommended]\nrules:\n  crash/boom: error\n', '.github/workflows/ci.yml': WORKFLOW });
    const result = run(['-f', 'json']);
    expect(result.status).toBe(2);
    const [only] = JSON.parse(result.stdout) as JsonResult[];
    expect(only!.messages.map((message) => message.ruleId)).toContain('example/setup-node-version');
    expect(only!.messages.find((message) => message.fatal)?.message).toMatch(/crash\/boom.*boom in a plugin|boom in a plugin.*crash\/boom/);
  });

  it('a plugin that cannot be found, or is not a plugin, is a one-line config error', () => {
    write({ '.trustlintrc.yml': 'plugins: [trustlint-plugin-missing]\n' });
    const missing = run([]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^trustlint: \.trustlintrc\.yml: plugins\[0\]: cannot find the plugin `trustlint-plugin-missing`/);
    write({ 'tools/not-a-plugin.mjs': 'export default 42;\n', '.trustlintrc.yml': 'plugins: [./tools/not-a-plugin.mjs]\n' });
    expect(run([]).stderr).toContain('the default export is not a plugin object');
  });
});
