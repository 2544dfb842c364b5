#!/usr/bin/env node
// Every finding of the built CLI on ../shared/corpus with `extends: all`, one line each, sorted, so two
// builds can be compared with `diff` (the "compare the JSON of the whole corpus" step of a change that
// alters findings). Not a test; prints a message and exits 0 when ../shared is absent.
//
// Usage: node scripts/corpus-findings.mjs [--cli <entry.js>] [--preset all|recommended] > findings.txt
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(repoRoot, '../shared/corpus');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
if (!existsSync(corpus)) {
  console.error(`corpus-findings: ${corpus} is absent (it is not part of a clone); nothing to do`);
  process.exit(0);
}
const cli = resolve(option('--cli') ?? join(repoRoot, 'bin', 'trustlint.js'));
const work = mkdtempSync(join(tmpdir(), 'trustlint-corpus-'));
const config = join(work, 'config.yml');
writeFileSync(config, `extends: ${option('--preset') ?? 'all'}\n`);
const run = spawnSync(process.execPath, [cli, '--format', 'json', '-c', config, corpus], { maxBuffer: 1 << 30, encoding: 'utf8' });
rmSync(work, { recursive: true, force: true });
if (run.status !== 0 && run.status !== 1) {
  console.error(run.stderr);
  process.exit(2);
}
const lines = [];
for (const result of JSON.parse(run.stdout)) {
  const file = relative(corpus, result.filePath);
  for (const message of result.messages) {
    const related = (message.related ?? []).map((item) => `${item.filePath ? `${relative(corpus, item.filePath)}:` : ''}${item.line}:${item.column}`).join(',');
    lines.push(`${file}:${message.line}:${message.column}-${message.endLine}:${message.endColumn}\t${message.ruleId}\t${message.severity}\t${message.message}${related ? `\t[${related}]` : ''}`);
  }
}
lines.sort();
process.stdout.write(`${lines.join('\n')}\n`);
console.error(`corpus-findings: ${lines.length} findings`);
