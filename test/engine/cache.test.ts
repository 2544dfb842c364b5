/**
 * `--cache`: a stored result is reused only while the file, its configuration, the trustlint version
 * and every file it depended on are unchanged; a corrupt or foreign cache file is ignored.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { cacheFilePath, openCache } from '../../src/engine/cache.js';
import { definePlugin, presetConfigs } from '../../src/engine/plugin.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';

/** How many times the probe rule ran: a cache hit runs no rule. */
let runs = 0;

/** Reports the package name it reads from package.json (so package.json is a dependency of the result). */
const probe = defineRule({
  id: 'probe',
  meta: {
    type: 'problem',
    docs: { description: 'Report the package name (test probe)', recommended: true },
    severity: 'error',
    security: { severity: 5, precision: 'high' },
    messages: { name: 'package {{name}}' },
  },
  create: (context) => ({
    workflow(node) {
      runs++;
      const name = context.project.json('package.json')?.name;
      // The root listing is a dependency too; the cache file written there must not invalidate it.
      context.project.list('');
      context.report({ messageId: 'name', at: node.root, data: { name: typeof name === 'string' ? name : 'none' } });
    },
  }),
}) as unknown as AnyRule;

const plugin = definePlugin({ meta: { name: 'trustlint' }, rules: { probe }, configs: presetConfigs([probe]) });

describe('--cache', () => {
  let root: string;
  beforeEach(() => {
    runs = 0;
    root = mkdtempSync(join(tmpdir(), 'trustlint-cache-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(root, '.github', 'workflows', 'release.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n');
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'first' }));
    writeFileSync(join(root, 'trustlint.config.yml'), 'rules:\n  probe: error\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const lint = async (...extra: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['-f', 'json', '-c', 'trustlint.config.yml', '--cache', ...extra, '.'], { cwd: root, stdout: (text) => out.push(text), stderr: (text) => err.push(text), isTty: false, env: {} }, [plugin]);
    expect(err.join('')).toBe('');
    return { code, json: JSON.parse(out.join('')) as Array<{ messages: Array<{ message: string; severity: number }> }> };
  };

  it('reuses a result while nothing changed, with identical output', async () => {
    const first = await lint();
    expect(runs).toBe(1);
    expect(first.json[0]!.messages[0]!.message).toBe('package first');
    const second = await lint();
    expect(runs).toBe(1);
    expect(second).toEqual(first);
  });

  it('a changed dependency invalidates the result', async () => {
    await lint();
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'second' }));
    const again = await lint();
    expect(runs).toBe(2);
    expect(again.json[0]!.messages[0]!.message).toBe('package second');
  });

  it('a dependency that appears where none was found invalidates the result', async () => {
    rmSync(join(root, 'package.json'));
    expect((await lint()).json[0]!.messages[0]!.message).toBe('package none');
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'new' }));
    expect((await lint()).json[0]!.messages[0]!.message).toBe('package new');
    expect(runs).toBe(2);
  });

  it('a changed config or changed file content invalidates the result', async () => {
    await lint();
    writeFileSync(join(root, 'trustlint.config.yml'), 'rules:\n  probe: warn\n');
    expect((await lint()).json[0]!.messages[0]!.severity).toBe(1);
    expect(runs).toBe(2);
    writeFileSync(join(root, '.github', 'workflows', 'release.yml'), 'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n');
    await lint();
    expect(runs).toBe(3);
  });

  it('ignores a corrupt cache file or one from another version, and replaces it atomically', async () => {
    const file = cacheFilePath(root, undefined);
    writeFileSync(file, '{"format": 1, "version": "0.0.0-other", "entr');
    await lint();
    expect(runs).toBe(1);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    expect(stored.version).not.toBe('0.0.0-other');
    expect(readdirSync(root).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // A cache of another version is not read.
    writeFileSync(file, JSON.stringify({ ...stored, version: '0.0.0-other' }));
    await lint();
    expect(runs).toBe(2);
  });

  it('--cache-location names a file, or a directory that holds .trustlintcache', async () => {
    await lint('--cache-location', 'custom.cache');
    expect(readdirSync(root)).toContain('custom.cache');
    mkdirSync(join(root, 'cachedir'));
    await lint('--cache-location', 'cachedir');
    expect(readdirSync(join(root, 'cachedir'))).toEqual(['.trustlintcache']);
  });

  it('a cache opened with another version finds nothing', async () => {
    const file = join(root, 'direct.cache');
    const cache = openCache(file, '1.0.0');
    cache.set('/x.yml', 'k', root, { filePath: '/x.yml', relativePath: 'x.yml', messages: [], suppressedMessages: [], errorCount: 0, warningCount: 0, fatalErrorCount: 0 });
    expect(cache.save()).toBe(true);
    expect(openCache(file, '1.0.0').get('/x.yml', 'k')).toBeDefined();
    expect(openCache(file, '1.0.0').get('/x.yml', 'other key')).toBeUndefined();
    expect(openCache(file, '2.0.0').get('/x.yml', 'k')).toBeUndefined();
  });
});
