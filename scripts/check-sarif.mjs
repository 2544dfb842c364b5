#!/usr/bin/env node
// Validates trustlint's SARIF with Microsoft's SARIF Multitool and GitHub's ingestion rules
// (`--rule-kind "Sarif;Gh"`, the strict config in ../shared/sarif). The Multitool always exits 0,
// so this script reads its output log and fails when it holds any `error`.
//
//   node scripts/check-sarif.mjs            # the fixture repository and this repository's own files
//   node scripts/check-sarif.mjs a.sarif …   # given files
//
// Needs the built CLI (npm run build) and network access for `npx` the first time (~100 MB).
// Skips with a message when ../shared (the strict config) is absent, as in a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MULTITOOL = '@microsoft/sarif-multitool@5.7.0';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repoRoot, '../shared');
const config = join(shared, 'sarif', 'multitool-gh-strict.config.xml');

if (!existsSync(config)) {
  console.log(`check-sarif: skipped, ${config} not found (../shared is not part of a clone).`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'trustlint-sarif-'));
let failed = false;
try {
  const inputs = process.argv.length > 2 ? process.argv.slice(2).map((file) => resolve(file)) : generate();
  for (const file of inputs) failed = validate(file) || failed;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** SARIF of the fixture repository (findings, a suppressed one, a YAML error) and of this repository. */
function generate() {
  const cli = join(repoRoot, 'bin', 'trustlint.js');
  if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) fail('dist/cli.js is missing; run `npm run build` first');
  const targets = [
    { name: 'fixture.sarif', cwd: join(repoRoot, 'test', 'fixtures', 'sarif-repo'), args: ['--no-config-lookup', '.'] },
    { name: 'self.sarif', cwd: repoRoot, args: ['.github/workflows', 'action.yml'] },
  ];
  return targets.map(({ name, cwd, args }) => {
    const output = join(work, name);
    const run = spawnSync(process.execPath, [cli, ...args, '--format', 'sarif', '--output-file', output], { cwd, encoding: 'utf8' });
    // 0 = clean, 1 = findings; both write the report. 2 is a usage or internal error.
    if (run.status !== 0 && run.status !== 1) fail(`trustlint exited ${run.status} in ${cwd}:\n${run.stderr}`);
    return output;
  });
}

function validate(file) {
  const out = join(work, 'multitool-out.sarif');
  // The npm wrapper spawns the binary through a shell: `;` must stay quoted for it.
  const args = ['--yes', '--prefer-offline', MULTITOOL, 'validate', quote(file), '--rule-kind', '"Sarif;Gh"', '--level', '"Error;Warning;Note"', '-c', quote(config), '-o', quote(out), '--log', 'ForceOverwrite'];
  const run = spawnSync('npx', args, { cwd: work, encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  if (run.error || !existsSync(out)) fail(`the SARIF Multitool did not run (${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}\n${run.stderr}`);
  const log = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out);
  const run0 = log.runs?.[0] ?? {};
  const rules = new Map((run0.tool?.driver?.rules ?? []).map((rule) => [rule.id, rule]));
  const results = run0.results ?? [];
  const counts = { error: 0, warning: 0, note: 0 };
  const notes = new Map();
  for (const result of results) {
    const level = result.level ?? 'warning';
    counts[level] = (counts[level] ?? 0) + 1;
    if (level === 'note') {
      notes.set(result.ruleId, (notes.get(result.ruleId) ?? 0) + 1);
      continue;
    }
    const where = result.locations?.[0]?.physicalLocation?.region?.startLine;
    console.log(`  ${level} ${result.ruleId}${where ? ` (line ${where})` : ''}: ${render(result, rules.get(result.ruleId))}`);
  }
  if (notes.size > 0) console.log(`  notes (advice, not GitHub requirements): ${[...notes].map(([id, n]) => `${id}×${n}`).join(', ')}`);
  const name = file.startsWith(work) ? file.slice(work.length + 1) : file;
  console.log(`check-sarif: ${name}: ${counts.error} errors, ${counts.warning} warnings, ${counts.note} notes (${MULTITOOL}, Sarif;Gh, strict config)`);
  return counts.error > 0;
}

/** The Multitool's messages are `{id, arguments}` against its rules' messageStrings. */
function render(result, rule) {
  if (result.message?.text) return result.message.text;
  const template = rule?.messageStrings?.[result.message?.id]?.text ?? result.message?.id ?? '';
  return template.replace(/\{(\d+)\}/g, (_, index) => result.message?.arguments?.[Number(index)] ?? '');
}

function quote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function fail(message) {
  console.error(`check-sarif: ${message}`);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}
