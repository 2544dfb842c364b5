#!/usr/bin/env node
// Scaling check (not a test: it measures time, which tests never assert). Runs the built CLI as a
// fresh process on generated inputs at three sizes for each input class that was once super-linear
// (docs/robustness.md, "Linear in every input"), and exits 1 when the time grows clearly faster
// than the input: the work at the largest size (time minus a bare run's) is more than 1.5 times the
// size ratio times the work at the smallest, above a noise floor. A run that exceeds
// the timeout fails too.
//
// Usage: node scripts/scaling.mjs [--cli <bin/trustlint.js>] [--case <name>] [--timeout <seconds>]
//   --cli      another build to measure (for example an older one, for before/after numbers)
//   --case     run one case only: deep-directories, config-glob, runner-label, directives, env-steps,
//              env-token-publishes, script-assignments
// With GNU time at /usr/bin/time, each run's CPU time (user + system) and peak resident memory are
// printed too, and the growth is judged on CPU time, which a loaded machine disturbs less than wall
// time; memory is not checked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const cli = resolve(option('--cli') ?? join(repoRoot, 'bin', 'trustlint.js'));
const onlyCase = option('--case');
const timeoutMs = Number(option('--timeout') ?? 120) * 1000;
/** Work below this (seconds beyond a bare run) is noise on a shared machine, whatever the ratio. */
const NOISE_FLOOR = 0.5;
/**
 * Linear work grows with the input (×4 here); n log n a little more. A quadratic rule input that
 * also has a linear part measured ×6.6 for ×4 (runner-label before the fix), so anything beyond
 * 1.5 times the size ratio fails.
 */
const GROWTH_LIMIT = 1.5;

const CLEAN_WORKFLOW = 'on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

/** A fresh repository (a `.git` directory, so config lookup stops there) in a short temporary path. */
function makeRepo() {
  const root = mkdtempSync(join(tmpdir(), 'tls-'));
  mkdirSync(join(root, '.git'));
  return root;
}

function write(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * A workflow of `size` bytes: N workflow-level `env` variables and N steps (`variable(i)` and
 * `step(i)` give their lines), with a config that admits a file of that size.
 */
function envWorkflow(root, size, variable, step, jobExtra) {
  const head = ['on: push', 'permissions: {}', 'env:'];
  const middle = ['jobs:', '  build:', '    runs-on: ubuntu-latest', ...(jobExtra ? [jobExtra] : []), '    steps:'];
  const vars = [];
  const steps = [];
  let bytes = [...head, ...middle].join('\n').length + 2;
  for (let index = 0; bytes < size; index++) {
    vars.push(variable(index));
    steps.push(step(index));
    bytes += vars[index].length + steps[index].length + 2;
  }
  write(join(root, '.github/workflows/ci.yml'), [...head, ...vars, ...middle, ...steps, ''].join('\n'));
  const config = join(root, 'trustlint.yml');
  writeFileSync(config, 'limits:\n  maxFileBytes: 4194304\n');
  return ['-c', config, '--format', 'json', '.'];
}

const CASES = [
  {
    // realpath of every directory walked made discovery cubic in the depth (115 s at 2,000 levels).
    name: 'deep-directories',
    unit: 'levels',
    sizes: [500, 1000, 2000],
    setup(root, size) {
      const deepest = join(root, ...Array(size).fill('d'));
      mkdirSync(deepest, { recursive: true });
      write(join(root, '.github/workflows/ci.yml'), CLEAN_WORKFLOW);
      // Action metadata at the bottom: its project root is looked up from there.
      writeFileSync(join(deepest, 'action.yml'), 'name: x\nruns:\n  using: composite\n  steps: []\n');
      return ['--no-config-lookup', '--format', 'json', '.'];
    },
  },
  {
    // picomatch compiles `*` to a lazy regex quantifier: a glob with several stars backtracked
    // polynomially in the file name (22 s for a 100-character name, minutes beyond).
    name: 'config-glob',
    unit: 'characters',
    sizes: [60, 120, 240],
    setup(root, size) {
      write(join(root, '.github/workflows', `${'a'.repeat(size - 4)}.yml`), CLEAN_WORKFLOW);
      const config = join(root, 'trustlint.yml');
      writeFileSync(
        config,
        "ignores: ['.github/workflows/*a*a*a*a*a*a*b.yml']\noverrides:\n  - files: ['**/*a*a*a*a*a*a*b.yml']\n    rules: {}\n",
      );
      return ['-c', config, '--format', 'json', '.'];
    },
  },
  {
    // `selfHostedRunnerLabels: ['*-gpu-*']` against a long `runs-on` label backtracked
    // quadratically (83 s for 800 KB).
    name: 'runner-label',
    unit: 'bytes',
    sizes: [200_000, 400_000, 800_000],
    setup(root, size) {
      const label = `${'-gpu-'.repeat(Math.floor(size / 5))}/x`;
      write(join(root, '.github/workflows/ci.yml'), `on: push\npermissions: {}\njobs:\n  build:\n    runs-on: '${label}'\n    steps:\n      - run: npm test\n`);
      const config = join(root, 'trustlint.yml');
      writeFileSync(config, "settings:\n  selfHostedRunnerLabels: ['*-gpu-*']\nlimits:\n  maxFileBytes: 4194304\n");
      return ['-c', config, '--format', 'json', '.'];
    },
  },
  {
    // Each finding scanned every directive (and each directive was looked up with indexOf).
    name: 'directives',
    unit: 'findings',
    sizes: [5000, 10_000, 20_000],
    setup(root, size) {
      const lines = ['on: push', 'permissions: {}', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    permissions:'];
      for (let index = 0; index < size; index++) {
        lines.push('      # trustlint-disable-next-line valid-permissions -- generated', `      scope-${index}: read`);
      }
      lines.push('    steps:', '      - run: npm test', '');
      write(join(root, '.github/workflows/ci.yml'), lines.join('\n'));
      const config = join(root, 'trustlint.yml');
      writeFileSync(config, 'limits:\n  maxFileBytes: 8388608\n');
      return ['-c', config, '--format', 'json', '.'];
    },
  },
  {
    // A workflow-level env of N variables seen by N steps, N chosen so the file has the size
    // given: `effectiveEnv` copied the whole env for every step (332 s and 701 MB for 1 MB).
    name: 'env-steps',
    unit: 'bytes',
    sizes: [250_000, 500_000, 1_000_000],
    setup(root, size) {
      return envWorkflow(root, size, (index) => `  V${index}: x`, (index) => `      - run: echo ${index}`);
    },
  },
  {
    // The same with names npm reads a token from, and every step a publish: each publish sees
    // every token, so the work per publish must not grow with the tokens found for the others.
    name: 'env-token-publishes',
    unit: 'bytes',
    sizes: [250_000, 500_000, 1_000_000],
    setup(root, size) {
      return envWorkflow(root, size, (index) => `  NPM_TOKEN_${index}: \${{ secrets.NPM_TOKEN }}`, () => '      - run: npm publish', '    permissions: { id-token: write }');
    },
  },
  {
    // One `run:` script of N exports of a token and N publishes in nested shells: each publish finds
    // what it sees by binary search per enclosing scope (a filter of every assignment per lookup
    // before).
    name: 'script-assignments',
    unit: 'bytes',
    sizes: [250_000, 500_000, 1_000_000],
    setup(root, size) {
      const lines = ['on: push', 'permissions: {}', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    steps:', '      - run: |'];
      let bytes = lines.join('\n').length;
      for (let index = 0; bytes < size; index++) {
        const pair = [`          export NODE_AUTH_TOKEN=\${{ secrets.T${index % 50} }}`, `          bash -c "X${index}=1 npm publish"`];
        lines.push(...pair);
        bytes += pair[0].length + pair[1].length + 2;
      }
      write(join(root, '.github/workflows/ci.yml'), `${lines.join('\n')}\n`);
      const config = join(root, 'trustlint.yml');
      writeFileSync(config, 'limits:\n  maxFileBytes: 4194304\n');
      return ['-c', config, '--format', 'json', '.'];
    },
  },
];

/** GNU time, when the machine has it: it reports the peak resident memory of the run. */
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const RSS_MARK = 'trustlint-scaling-peak-rss-kb=';

function timeRun(cwd, args) {
  const command = GNU_TIME ? [GNU_TIME, '-f', `${RSS_MARK}%M %U %S`, process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const start = performance.now();
  const run = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  let stderr = run.stderr ?? '';
  let rssMb;
  let cpu;
  const mark = stderr.lastIndexOf(RSS_MARK);
  if (mark !== -1) {
    const [kb, user, system] = stderr.slice(mark + RSS_MARK.length).trim().split(/\s+/).map(Number);
    rssMb = kb / 1024;
    cpu = user + system;
    stderr = stderr.slice(0, mark);
  }
  return { seconds, rssMb, cpu, status: run.status, timedOut: run.error?.code === 'ETIMEDOUT' || run.signal === 'SIGTERM', stderr };
}

function bareRun() {
  const root = makeRepo();
  try {
    write(join(root, '.github/workflows/ci.yml'), CLEAN_WORKFLOW);
    const runs = [0, 1, 2].map(() => timeRun(root, ['--no-config-lookup', '.'])).sort((a, b) => a.seconds - b.seconds);
    return runs[1];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const base = bareRun();
const cpuNote = base.cpu === undefined ? '' : `, ${base.cpu.toFixed(2)} s CPU`;
console.log(`scaling: ${cli}\nbare run: ${base.seconds.toFixed(2)} s${cpuNote} (subtracted as start-up cost)\n`);
let failed = false;
for (const testCase of CASES) {
  if (onlyCase && testCase.name !== onlyCase) continue;
  const rows = [];
  for (const size of testCase.sizes) {
    const root = makeRepo();
    try {
      const args = testCase.setup(root, size);
      const run = timeRun(root, args);
      rows.push({ size, ...run });
      const note = run.timedOut ? `timed out after ${timeoutMs / 1000} s` : `exit ${run.status}`;
      const rss = run.rssMb === undefined ? '' : `  ${run.cpu.toFixed(2).padStart(7)} s CPU  ${run.rssMb.toFixed(0).padStart(5)} MB peak RSS`;
      console.log(`${testCase.name.padEnd(19)} ${String(size).padStart(9)} ${testCase.unit.padEnd(10)} ${run.seconds.toFixed(2).padStart(7)} s${rss}  ${note}`);
      if (run.status === 2) console.log(`  stderr: ${run.stderr.trim().split('\n')[0]}`);
      if (run.timedOut) break;
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  let verdict = 'linear';
  if (rows.some((row) => row.timedOut)) verdict = 'TIMED OUT';
  else {
    // CPU time when GNU time gives it: a loaded machine disturbs it less than wall time.
    const work = (row) => (row.cpu !== undefined && base.cpu !== undefined ? Math.max(0, row.cpu - base.cpu) : Math.max(0, row.seconds - base.seconds));
    const sizeRatio = last.size / first.size;
    const timeRatio = work(last) / Math.max(work(first), NOISE_FLOOR / 4);
    if (work(last) > NOISE_FLOOR && timeRatio > GROWTH_LIMIT * sizeRatio) verdict = `SUPER-LINEAR (work ×${timeRatio.toFixed(1)} for input ×${sizeRatio})`;
    else verdict = `ok (work ×${timeRatio.toFixed(1)} for input ×${sizeRatio})`;
  }
  if (verdict !== 'linear' && !verdict.startsWith('ok')) failed = true;
  console.log(`${testCase.name}: ${verdict}\n`);
}
process.exit(failed ? 1 : 0);
