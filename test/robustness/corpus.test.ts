import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../../src/rules/index.js';
import { buildPrivateCli, corpusDir, hasCorpus, runBuiltCli } from './helpers.js';

// Every file of the shared corpus (real workflows, action metadata, package.json/.npmrc files, and
// peer tools' test data, much of it deliberately invalid) is named explicitly, with every rule on:
// every YAML file is linted (a named file that is neither YAML nor a workflow stands for the
// workflows that read it, which are named too), no internal error, no file dropped. Through the
// built CLI: in-process under vitest's transform it takes four times as long.

function allFiles(dir: string): string[] {
  const files: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.isFile()) files.push(path);
    }
  }
  return files.sort();
}

interface JsonResult {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly message: string }[];
}

let work: string | undefined;
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const skipNote = hasCorpus ? '' : ' [skipped: ../shared/corpus not found; it is beside the repository in the development environment]';

describe('real corpora', () => {
  it.skipIf(!hasCorpus)(`every file under ../shared/corpus lints with no internal error${skipNote}`, () => {
    const files = allFiles(corpusDir);
    expect(files.length).toBeGreaterThan(1000);
    work = mkdtempSync(join(tmpdir(), 'trustlint-corpus-'));
    const bin = buildPrivateCli(work);
    const config = join(work, 'all-rules.yml');
    writeFileSync(config, 'extends: all\n');
    const run = runBuiltCli(bin, corpusDir, ['--format', 'json', '-c', config, ...files]);
    // 1: the corpus has findings; 2 would mean an unreadable file or an internal error.
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as JsonResult[];
    // YAML files and the built-in plugin's credential files (text targets) are linted.
    const linted = (file: string) => /\.ya?ml$/i.test(file) || /(?:^|\/)(?:\.npmrc|\.pypirc|\.gem\/credentials|\.cargo\/credentials(?:\.toml)?)$/.test(file);
    expect(results.length).toBe(files.filter(linted).length);
    const internal = results.flatMap((result) =>
      result.messages.filter((message) => message.message.startsWith('Internal error')).map((message) => `${result.filePath}: ${message.message}`),
    );
    expect(internal).toEqual([]);
    console.info(`robustness corpus: ${files.length} files linted with ${allRules.length} rules, no internal error`);
  }, 120_000);
});
