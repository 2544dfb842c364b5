#!/usr/bin/env node
// Benchmark of the bundled CLI (`npm run bench`). Not a test: it measures and prints, it never fails on a number.
//
// Every case runs as a fresh process, because that is what a pre-commit hook or a CI step pays. The machine is
// noisy, so each round runs every command of a group once in a freshly shuffled order and we report medians, next to
// two baselines measured in the same rounds: `node -e 0` (the process floor) and js-yaml `load` over the same files
// (a parse-only floor with no positions, no comments, no rules). Ratios to those baselines are what compare across
// machines; absolute times do not.
//
// Usage: npm run bench [-- --rounds <factor>] [-- --json <file>] [-- --cli <entry.js>] [-- --compare <entry.js>]
//   BENCH_ROUNDS=<factor> multiplies the default repetitions (cold 15, corpus 5, 10k files 3).
//   --cli measures another build of the CLI (default bin/trustlint.js); --compare adds a second CLI
//   to the same interleaved rounds, for a before/after on one noisy machine.
//   BENCH_MIN_FILES=<n> sets the size of the replicated corpus (default 10000).
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repoRoot, '../shared');
const corpus = join(shared, 'corpus');
const argv = process.argv.slice(2);
const optionValue = (name) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const cli = resolve(optionValue('--cli') ?? join(repoRoot, 'bin', 'trustlint.js'));
const compareCli = optionValue('--compare') ? resolve(optionValue('--compare')) : undefined;
const jsYamlEntry = join(repoRoot, 'node_modules', 'js-yaml', 'dist', 'js-yaml.mjs');

const factor = Number(optionValue('--rounds') ?? process.env.BENCH_ROUNDS ?? 1);
const rounds = (base) => Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
const minFiles = Number(process.env.BENCH_MIN_FILES ?? 10_000);
const jsonOut = optionValue('--json');

if (!optionValue('--cli') && !existsSync(join(repoRoot, 'dist', 'cli.js'))) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first.');
  process.exit(2);
}
if (!existsSync(jsYamlEntry)) {
  console.error('bench: js-yaml is not installed (devDependency); run `npm ci` first.');
  process.exit(2);
}

// /usr/bin/time reports the peak RSS of exactly the child; without it a preload reads resourceUsage().
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(join(tmpdir(), 'trustlint-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const rssFile = join(work, 'rss.txt');
/** Runs one command, returns wall seconds, peak RSS in MB and the exit status. */
function runOnce(command, args, cwd) {
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  let result;
  if (timeBinary) {
    result = spawnSync(timeBinary, ['-f', '%M', '-o', rssFile, command, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } else {
    // Fallback: every command here is node, so a preload reports the child's own peak RSS.
    result = spawnSync(command, ['--import', rssPreload, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  let rssMb = NaN;
  try {
    rssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024;
  } catch {
    // No measurement: reported as n/a.
  }
  return { wall, rssMb, status: result.status, stderr: String(result.stderr ?? '') };
}

// Without /usr/bin/time: a preload module writes process.resourceUsage().maxRSS (KiB) on exit.
const rssPreload = join(work, 'rss-preload.mjs');
writeFileSync(
  rssPreload,
  `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`,
);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function shuffle(items) {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

/**
 * Interleaved rounds: every command once per round, in a new random order. A warm-up round (file
 * cache, first-run effects) is discarded unless the files are already warm.
 */
function measureGroup(name, commands, count, warmUp = true) {
  process.stderr.write(`bench: ${name}: ${count} rounds of ${commands.length} commands `);
  const samples = new Map(commands.map((command) => [command.label, []]));
  const statuses = new Map();
  for (let round = warmUp ? -1 : 0; round < count; round++) {
    for (const command of shuffle(commands)) {
      const sample = runOnce(command.bin, command.args, command.cwd);
      statuses.set(command.label, sample);
      if (round >= 0) samples.get(command.label).push(sample);
    }
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  for (const [label, last] of statuses) {
    if (last.status !== 0 && last.status !== 1) {
      process.stderr.write(`bench: warning: ${label} exited ${last.status}: ${last.stderr.split('\n').slice(0, 3).join(' | ')}\n`);
    }
  }
  return commands.map((command) => {
    const list = samples.get(command.label);
    return {
      group: name,
      label: command.label,
      role: command.role,
      files: command.files,
      bytes: command.bytes,
      rounds: list.length,
      wall: median(list.map((sample) => sample.wall)),
      min: Math.min(...list.map((sample) => sample.wall)),
      rssMb: median(list.map((sample) => sample.rssMb)),
      maxRssMb: Math.max(...list.map((sample) => sample.rssMb)),
    };
  });
}

// The same rule as src/engine/discover-files.ts: workflows, action metadata and the built-in plugin's text
// targets (src/domain/leaks/files.ts: registry credential files), skipping node_modules and .git.
function isLintTarget(path) {
  // Backslashes separate paths only on Windows; on POSIX they are file-name characters (src/engine/paths.ts).
  const normalized = sep === '\\' ? path.split('\\').join('/') : path;
  return (
    /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalized) ||
    /(^|\/)action\.ya?ml$/i.test(normalized) ||
    /(^|\/)(\.npmrc|\.yarnrc\.yml|\.pypirc|\.gem\/credentials|\.cargo\/credentials(\.toml)?)$/i.test(normalized)
  );
}

function findActionlint() {
  const fromPath = spawnSync('sh', ['-c', 'command -v actionlint'], { encoding: 'utf8' }).stdout?.trim();
  if (fromPath && existsSync(fromPath)) return fromPath;
  for (const candidate of [join(shared, 'actionlint'), join(shared, 'bin', 'actionlint'), join(shared, 'tools', 'actionlint')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function listTargets(root) {
  const found = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') stack.push(path);
      } else if (entry.isFile() && isLintTarget(path)) found.push(path);
    }
  }
  return found.sort();
}

/** Hard links when possible (same file system, cheap), copies otherwise. */
function replicateTree(source, target) {
  let linked = true;
  const stack = [[source, target]];
  while (stack.length > 0) {
    const [from, to] = stack.pop();
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const src = join(from, entry.name);
      const dst = join(to, entry.name);
      if (entry.isDirectory()) stack.push([src, dst]);
      else if (entry.isFile()) {
        if (linked) {
          try {
            linkSync(src, dst);
            continue;
          } catch {
            linked = false;
          }
        }
        copyFileSync(src, dst);
      }
    }
  }
  return linked;
}

// A fresh process that parses each listed file with js-yaml `load` (no positions, no comments) and nothing else.
const jsYamlScript = join(work, 'js-yaml-parse.mjs');
writeFileSync(
  jsYamlScript,
  `import { readFileSync } from 'node:fs';
import { load } from ${JSON.stringify(jsYamlEntry)};
let parsed = 0;
for (const path of readFileSync(process.argv[2], 'utf8').split('\\n')) {
  if (!path) continue;
  try { load(readFileSync(path, 'utf8')); parsed++; } catch { /* invalid YAML still costs its parse */ }
}
if (parsed < 0) console.log(parsed);
`,
);

// The cold-start case: a typical 30-line release workflow in a one-workflow repository.
const smallRepo = join(work, 'small-repo');
mkdirSync(join(smallRepo, '.github', 'workflows'), { recursive: true });
mkdirSync(join(smallRepo, '.git'));
const smallWorkflow = join(smallRepo, '.github', 'workflows', 'release.yml');
writeFileSync(
  smallWorkflow,
  `name: Release
on:
  push:
    tags: ['v*']
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          registry-url: https://registry.npmjs.org
          cache: npm
      - run: npm ci
      - run: npm test
      - name: Publish
        if: \${{ github.ref_type == 'tag' }}
        run: npm publish --provenance --access public
        env:
          CI: true
  notify:
    needs: publish
    runs-on: ubuntu-latest
    steps:
      - run: echo "published \${{ github.ref_name }}"
`,
);
writeFileSync(join(smallRepo, 'package.json'), JSON.stringify({ name: 'demo', version: '1.0.0', repository: 'github:demo/demo' }));
// A config file (`extends: all`), for the cold start with a config and for the corpus runs with one.
const allConfig = join(work, 'all.yml');
writeFileSync(allConfig, 'extends: all\n');
const cacheFile = join(work, 'corpus.cache');
// Native actionlint, when it is on this machine (PATH, or under ../shared); never downloaded.
const actionlint = findActionlint();
const smallList = join(work, 'small.list');
writeFileSync(smallList, `${smallWorkflow}\n`);
const node = process.execPath;
const compareRow = (files, target) =>
  compareCli
    ? [{ label: 'trustlint (compare)', role: 'compare', bin: node, args: [compareCli, target], cwd: smallRepo, files: files.length, bytes: bytesOf(files) }]
    : [];
const bytesOf = (files) => files.reduce((sum, file) => sum + statSync(file).size, 0);

// trustlint runs from a directory with .git (as in a repository), so config lookup stops there.
const results = [];
const header = {
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  rss: timeBinary ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS',
  factor,
  date: new Date().toISOString(),
  cli,
  ...(compareCli ? { compareCli } : {}),
};
const startedAt = Date.now();

results.push(
  ...measureGroup(
    'cold start (1 file)',
    [
      { label: 'node -e 0', role: 'floor', bin: node, args: ['-e', '0'], cwd: smallRepo, files: 1, bytes: bytesOf([smallWorkflow]) },
      { label: 'js-yaml load', role: 'parse', bin: node, args: [jsYamlScript, smallList], cwd: smallRepo, files: 1, bytes: bytesOf([smallWorkflow]) },
      { label: 'trustlint', role: 'cli', bin: node, args: [cli, smallWorkflow], cwd: smallRepo, files: 1, bytes: bytesOf([smallWorkflow]) },
      { label: 'trustlint -c (config file)', role: 'cli-config', bin: node, args: [cli, '-c', allConfig, smallWorkflow], cwd: smallRepo, files: 1, bytes: bytesOf([smallWorkflow]) },
      ...compareRow([smallWorkflow], smallWorkflow),
      ...(actionlint ? [{ label: 'actionlint (native)', role: 'actionlint', bin: actionlint, args: ['-no-color', smallWorkflow], cwd: smallRepo, files: 1, bytes: bytesOf([smallWorkflow]) }] : []),
    ],
    rounds(15),
  ),
);

let corpusNote = '';
if (!existsSync(corpus)) {
  corpusNote = `bench: ${corpus} is absent (a fresh clone has no ../shared): the corpus and 10,000-file parts are skipped.`;
  console.error(corpusNote);
} else {
  const corpusFiles = listTargets(corpus);
  const corpusList = join(work, 'corpus.list');
  writeFileSync(corpusList, `${corpusFiles.join('\n')}\n`);
  const corpusBytes = bytesOf(corpusFiles);
  results.push(
    ...measureGroup(
      `corpus (${corpusFiles.length} files)`,
      [
        { label: 'node -e 0', role: 'floor', bin: node, args: ['-e', '0'], cwd: smallRepo, files: corpusFiles.length, bytes: corpusBytes },
        { label: 'js-yaml load', role: 'parse', bin: node, args: [jsYamlScript, corpusList], cwd: smallRepo, files: corpusFiles.length, bytes: corpusBytes },
        { label: 'trustlint', role: 'cli', bin: node, args: [cli, corpus], cwd: smallRepo, files: corpusFiles.length, bytes: corpusBytes },
        { label: 'trustlint -c (extends: all)', role: 'cli-config', bin: node, args: [cli, '-c', allConfig, corpus], cwd: smallRepo, files: corpusFiles.length, bytes: corpusBytes },
        // The cache is filled by the warm-up round; every measured round reads it (and rewrites it, as a real run does).
        { label: 'trustlint --cache (warm)', role: 'cli-cache', bin: node, args: [cli, '--cache', '--cache-location', cacheFile, corpus], cwd: smallRepo, files: corpusFiles.length, bytes: corpusBytes },
        ...compareRow(corpusFiles, corpus),
        ...(actionlint ? [{ label: 'actionlint (native)', role: 'actionlint', bin: actionlint, args: ['-no-color', ...corpusFiles.filter((file) => /\.github\/workflows\//.test(file))], cwd: smallRepo, files: corpusFiles.length, bytes: corpusBytes }] : []),
      ],
      rounds(5),
    ),
  );

  // The corpus replicated as r0/, r1/, … (whole trees, so package.json and friends stay beside each workflow).
  const copies = Math.max(1, Math.ceil(minFiles / Math.max(1, corpusFiles.length)));
  const big = join(work, 'big');
  let allLinked = true;
  for (let index = 0; index < copies; index++) allLinked = replicateTree(corpus, join(big, `r${index}`)) && allLinked;
  const bigFiles = listTargets(big);
  const bigList = join(work, 'big.list');
  writeFileSync(bigList, `${bigFiles.join('\n')}\n`);
  const bigBytes = bytesOf(bigFiles);
  process.stderr.write(`bench: replicated the corpus ${copies}× (${allLinked ? 'hard links' : 'copies'}): ${bigFiles.length} files\n`);
  results.push(
    ...measureGroup(
      `replicated (${bigFiles.length} files)`,
      [
        { label: 'node -e 0', role: 'floor', bin: node, args: ['-e', '0'], cwd: smallRepo, files: bigFiles.length, bytes: bigBytes },
        { label: 'js-yaml load', role: 'parse', bin: node, args: [jsYamlScript, bigList], cwd: smallRepo, files: bigFiles.length, bytes: bigBytes },
        { label: 'trustlint', role: 'cli', bin: node, args: [cli, big], cwd: smallRepo, files: bigFiles.length, bytes: bigBytes },
        ...compareRow(bigFiles, big),
      ],
      rounds(3),
      // Hard links share the page cache the corpus rounds just warmed; copies need a warm-up.
      !allLinked,
    ),
  );
  rmSync(big, { recursive: true, force: true });
}

// ---- Report ----
const fmt = (value, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const int = (value) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a');
const lines = [];
lines.push(`Node ${header.node}, ${header.cpus} × ${header.cpuModel}; peak RSS from ${header.rss}; medians of interleaved rounds.`);
lines.push(`trustlint: ${cli}${compareCli ? `; compare: ${compareCli}` : ''}`);
lines.push('');
lines.push('| case | command | rounds | wall median | wall min | files/s | MB/s | peak RSS | × node -e 0 | × js-yaml |');
lines.push('|---|---|---|---|---|---|---|---|---|---|');
const groups = [...new Set(results.map((result) => result.group))];
const summary = {};
for (const group of groups) {
  const rows = results.filter((result) => result.group === group);
  const floor = rows.find((row) => row.role === 'floor');
  const parse = rows.find((row) => row.role === 'parse');
  for (const row of rows) {
    const perSecond = row.role === 'floor' ? 'n/a' : int(row.files / row.wall);
    const mbPerSecond = row.role === 'floor' ? 'n/a' : fmt(row.bytes / 1e6 / row.wall, 2);
    lines.push(
      `| ${group} | ${row.label} | ${row.rounds} | ${fmt(row.wall)} s | ${fmt(row.min)} s | ${perSecond} | ${mbPerSecond} | ${fmt(row.rssMb, 0)} MB | ${fmt(row.wall / floor.wall, 2)} | ${fmt(row.wall / parse.wall, 2)} |`,
    );
  }
  const cliRow = rows.find((row) => row.role === 'cli');
  summary[group] = { files: cliRow.files, bytes: cliRow.bytes, cli: cliRow.wall, floor: floor.wall, parse: parse.wall, rssMb: cliRow.rssMb, maxRssMb: cliRow.maxRssMb };
}
lines.push('');

// Targets (issue 7), judged on this run's ratios.
const cold = summary[groups[0]];
const check = (ok) => (ok ? 'met' : 'NOT met');
lines.push(`Targets (this run):`);
lines.push(`- cold start ${fmt(cold.cli / cold.floor, 2)}× node -e 0 (target ≤ 1.6×, stretch 1.4×): ${check(cold.cli / cold.floor <= 1.6)}${cold.cli / cold.floor <= 1.4 ? ', stretch met' : ''}`);
if (groups.length >= 3) {
  const whole = summary[groups[1]];
  const big = summary[groups[2]];
  lines.push(`- corpus ${fmt(whole.cli / whole.parse, 2)}× js-yaml parse-only (target ≤ 2.0×, stretch 1.5×): ${check(whole.cli / whole.parse <= 2)}${whole.cli / whole.parse <= 1.5 ? ', stretch met' : ''}`);
  lines.push(`- peak RSS on ${int(big.files)} files: ${fmt(big.rssMb, 0)} MB median, ${fmt(big.maxRssMb, 0)} MB max (target ≤ 150 MB): ${check(big.maxRssMb <= 150)}`);
  // Linearity: the cost per file above the process floor, small set vs 10,000 files (1.00 = perfectly linear).
  const perFileWhole = (whole.cli - whole.floor) / whole.files;
  const perFileBig = (big.cli - big.floor) / big.files;
  lines.push(`- per-file cost above the floor: ${fmt(perFileWhole * 1e3)} ms (${int(whole.files)} files) vs ${fmt(perFileBig * 1e3)} ms (${int(big.files)} files): ratio ${fmt(perFileBig / perFileWhole, 2)} (1.00 = linear)`);
} else {
  lines.push(`- corpus, RSS and linearity: skipped (${corpusNote ? 'no ../shared' : 'not run'})`);
}
// Ratios of the other cases to the plain run of the same group.
const ratioOf = (group, role) => {
  const rows = results.filter((result) => result.group === group);
  const row = rows.find((result) => result.role === role);
  const plain = rows.find((result) => result.role === 'cli');
  return row && plain ? { row, toCli: row.wall / plain.wall, toParse: row.wall / rows.find((result) => result.role === 'parse').wall, toFloor: row.wall / rows.find((result) => result.role === 'floor').wall } : undefined;
};
for (const group of groups) {
  const config = ratioOf(group, 'cli-config');
  if (config) lines.push(`- ${group}, with a config file: ${fmt(config.toFloor, 2)}× node -e 0, ${fmt(config.toParse, 2)}× js-yaml, ${fmt(config.toCli, 2)}× without one`);
  const cache = ratioOf(group, 'cli-cache');
  if (cache) lines.push(`- ${group}, --cache warm: ${fmt(cache.toCli, 3)}× a run without the cache, ${fmt(cache.toParse, 2)}× js-yaml parse-only`);
  const native = ratioOf(group, 'actionlint');
  if (native) lines.push(`- ${group}: trustlint takes ${fmt(1 / native.toCli, 1)}× native actionlint's time`);
}
if (!actionlint) lines.push('- native actionlint: not on this machine (PATH or ../shared), not measured');
lines.push('');
lines.push(`Total bench time ${fmt((Date.now() - startedAt) / 1000, 1)} s.`);
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(resolve(jsonOut), `${JSON.stringify({ header, results, summary }, null, 2)}\n`);
