/**
 * `trustlint --lsp` end to end: the CLI built with scripts/build.mjs (into a temporary directory) is
 * spawned as editors spawn it, and spoken to in JSON-RPC with Content-Length framing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type LspClient, type RpcMessage } from './lsp-client.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const RELEASE = 'on: push\npermissions:\n  id_token: write\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
let work: string;
let repo: string;
let client: LspClient;
let uri: string;

const diagnosticsOf = (target: string, version?: number) => (message: RpcMessage) =>
  message.method === 'textDocument/publishDiagnostics' && message.params.uri === target && (version === undefined || message.params.version === version);
const codes = (message: RpcMessage) => (message.params.diagnostics as Array<{ code?: string }>).map((diagnostic) => diagnostic.code);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-lsp-'));
  const pkg = join(work, 'pkg');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  // bin/ is CommonJS through its own package.json.
  cpSync(join(repoRoot, 'bin'), join(pkg, 'bin'), { recursive: true });
  cpSync(join(repoRoot, 'package.json'), join(pkg, 'package.json'));
  const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--outdir', join(pkg, 'dist')], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  repo = join(work, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(repo, '.github', 'workflows', 'release.yml'), RELEASE);
  uri = pathToFileURL(join(repo, '.github', 'workflows', 'release.yml')).href;
  // `--stdio` as vscode-languageclient appends it.
  client = startClient(process.execPath, [join(pkg, 'bin/trustlint.js'), '--lsp', '--stdio'], repo);
  const init = await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(repo).href, capabilities: {} });
  expect(init.result.serverInfo.name).toBe('trustlint');
  expect(init.result.capabilities).toMatchObject({ hoverProvider: true, codeActionProvider: { codeActionKinds: ['quickfix'] } });
  client.notify('initialized', {});
}, 120_000);

afterAll(() => {
  client?.child.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('trustlint --lsp', () => {
  it('publishes diagnostics on open, with 0-based ranges', async () => {
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: RELEASE } });
    const { params } = await client.waitFor(diagnosticsOf(uri, 1));
    expect(params.diagnostics.map((d: { range: unknown; code: string; severity: number; source: string }) => [d.code, d.range, d.severity, d.source])).toEqual([
      ['top-level-permissions-empty', { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } }, 2, 'trustlint'],
      ['valid-permissions', { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } }, 1, 'trustlint'],
      ['publish-job-needs-id-token', { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } }, 1, 'trustlint'],
    ]);
    expect(params.diagnostics[1].codeDescription.href).toBe('https://github.com/trustlint/trustlint/blob/main/docs/rules/valid-permissions.md');
  });

  it('offers the fix and the suggestions as quick fixes', async () => {
    const { params } = await client.waitFor(diagnosticsOf(uri, 1));
    const response = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: params.diagnostics[1].range,
      context: { diagnostics: params.diagnostics },
    });
    const fix = response.result.find((action: { isPreferred?: boolean }) => action.isPreferred);
    expect(fix).toMatchObject({ kind: 'quickfix', title: expect.stringMatching(/^Fix: Unknown permission scope `id_token`/) });
    expect(fix.edit.changes[uri]).toEqual([{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } }, newText: 'id-token' }]);
    const titles = response.result.map((action: { title: string }) => action.title);
    expect(titles).toContain('Give each job only what its steps use and set `permissions: {}` at the top: `publish` gets `id-token: write`.');
  });

  it('shows the rule docs on hover', async () => {
    const response = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } });
    expect(response.result.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 10 } });
    expect(response.result.contents.kind).toBe('markdown');
    expect(response.result.contents.value).toMatch(/^\*\*trustlint\/valid-permissions\*\*: /);
    expect(response.result.contents.value).toContain('A misspelled permission scope is not a harmless typo.');
    expect(response.result.contents.value).toContain('(https://github.com/trustlint/trustlint/blob/main/docs/rules/valid-permissions.md)');
    const nothing = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    expect(nothing.result).toBeNull();
  });

  it('re-lints on change (incremental edits) and on save', async () => {
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 10 } }, text: 'id-token' }],
    });
    const changed = await client.waitFor(diagnosticsOf(uri, 2));
    expect(codes(changed)).toEqual(['top-level-permissions-empty']);
    const from = client.notes.length;
    client.notify('textDocument/didSave', { textDocument: { uri } });
    expect(codes(await client.waitFor(diagnosticsOf(uri, 2), from))).toEqual(['top-level-permissions-empty']);
  });

  it('re-lints a workflow when a file it reads changes, reading the open (unsaved) text', async () => {
    const from = client.notes.length;
    const packageUri = pathToFileURL(join(repo, 'package.json')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: packageUri, languageId: 'json', version: 1, text: '{"name":"pkg","version":"1.0.0"}\n' } });
    const relinted = await client.waitFor(diagnosticsOf(uri, 2), from);
    expect(codes(relinted)).toEqual(['top-level-permissions-empty', 'provenance-repository-field']);
    // Closed without saving: the workflow reads the disk again, where there is no package.json.
    const closedFrom = client.notes.length;
    client.notify('textDocument/didClose', { textDocument: { uri: packageUri } });
    expect(codes(await client.waitFor(diagnosticsOf(uri, 2), closedFrom))).toEqual(['top-level-permissions-empty']);
  });

  it('reports config errors in a trustlint config file', async () => {
    const configUri = pathToFileURL(join(repo, '.trustlintrc.yml')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'yaml', version: 1, text: 'rules:\n  valid-permisions: error\n' } });
    const { params } = await client.waitFor(diagnosticsOf(configUri, 1));
    expect(params.diagnostics).toHaveLength(1);
    expect(params.diagnostics[0].message).toMatch(/valid-permisions.*valid-permissions/s);
    client.notify('textDocument/didChange', { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ text: 'rules:\n  valid-permissions: error\n' }] });
    expect((await client.waitFor(diagnosticsOf(configUri, 2))).params.diagnostics).toEqual([]);
    const broken = 'rules: [\n';
    client.notify('textDocument/didChange', { textDocument: { uri: configUri, version: 3 }, contentChanges: [{ text: broken }] });
    const parseError = (await client.waitFor(diagnosticsOf(configUri, 3))).params.diagnostics[0];
    expect(parseError.message).toMatch(/cannot parse the config file/);
  });

  it('shuts down and exits 0', async () => {
    const response = await client.request('shutdown', null);
    expect(response.result).toBeNull();
    client.notify('exit', null);
    expect(await client.exited).toBe(0);
  });
});
