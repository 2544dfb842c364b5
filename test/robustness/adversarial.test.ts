/**
 * The permanent adversarial suite: one case per way a hostile repository (a pull request) once made
 * trustlint miss something, misreport it, hang, or act outside the linted tree. Each case runs the
 * real CLI, built from the current sources (`buildPrivateCli`), on files generated in a temporary
 * directory, and asserts the exit code and the findings.
 *
 * EVERY FUTURE EVASION BUG ADDS A CASE HERE, with the issue it came from, before it is fixed: the
 * case must fail on the unfixed code. Threat model: docs/robustness.md.
 *
 * Elsewhere, also through the built CLI: config files that are devices, FIFOs or too large
 * (cli-errors.test.ts); the timing of once super-linear inputs is measured by scripts/scaling.mjs,
 * not asserted here (the cases below only have to finish).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildPrivateCli, repoRoot, runBuiltCli, type CliRun } from './helpers.js';

let work: string;
let bin: string;
let repoCount = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-adversarial-'));
  bin = buildPrivateCli(work);
}, 120_000);

afterAll(() => {
  // `rm -rf`: rmSync recurses once per level and overflows the stack on the 1,900-level chain.
  if (work) execFileSync('rm', ['-rf', '--', work]);
  // Removing the deep chain takes seconds on a loaded machine: more than vitest's 10 s hook default.
}, 120_000);

/** A fresh repository (with `.git`, so config lookup stops there) holding `files`. */
function repo(files: Readonly<Record<string, string>>): string {
  const root = join(work, `repo-${++repoCount}`);
  mkdirSync(join(root, '.git'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

interface JsonMessage {
  readonly ruleId: string | null;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly fatal?: boolean;
}
interface JsonResult {
  readonly filePath: string;
  readonly messages: readonly JsonMessage[];
}

function json(run: CliRun): JsonResult[] {
  expect(run.signal, run.stderr).toBeNull();
  return JSON.parse(run.stdout) as JsonResult[];
}

/** `rule@line:column` for every finding of the file whose path ends with `suffix`. */
function findingsOf(results: readonly JsonResult[], suffix: string): string[] {
  const result = results.find((candidate) => candidate.filePath.endsWith(suffix));
  expect(result, `a result for ${suffix}`).toBeDefined();
  return result!.messages.map((message) => `${message.ruleId ?? 'yaml'}@${message.line}:${message.column}`);
}

/** A publish job with a long-lived npm token: `no-long-lived-npm-token` must report line 9. */
const TOKEN_WORKFLOW = `on: push
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --provenance
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

describe('issue 17: a workflow is found and linted as a workflow, whatever its name', () => {
  it('.github/workflows/action.yml and ACTION.yaml are workflows, not action metadata', () => {
    const root = repo({ '.github/workflows/action.yml': TOKEN_WORKFLOW, '.github/workflows/ACTION.yaml': TOKEN_WORKFLOW });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    const results = json(run);
    for (const name of ['action.yml', 'ACTION.yaml']) {
      expect(findingsOf(results, `/.github/workflows/${name}`)).toContain('no-long-lived-npm-token@9:11');
    }
    // Named explicitly, too.
    expect(runBuiltCli(bin, root, ['.github/workflows/ACTION.yaml']).status).toBe(1);
  });

  it('a backslash in a POSIX file name (rel\\ease.yml) does not hide the workflow', () => {
    const root = repo({ '.github/workflows/rel\\ease.yml': TOKEN_WORKFLOW });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    expect(findingsOf(json(run), '/.github/workflows/rel\\ease.yml')).toContain('no-long-lived-npm-token@9:11');
    const sarif = runBuiltCli(bin, root, ['--format', 'sarif']);
    expect(sarif.stdout).toContain('"uri": ".github/workflows/rel%5Cease.yml"');
  });
});

describe('issue 17: no file name is ever read as an option (pre-commit)', () => {
  const hook = (parseYaml(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>)[0]!;

  /**
   * A Git repository with a workflow, and two action files whose repository paths are options that
   * would write the report over `victim` files outside the repository: a directory named `-o`, and
   * one named `--output-file=`, each followed by the victim's absolute path.
   */
  function hostileCheckout(): { root: string; victims: string[]; files: string[] } {
    const victims = [join(work, `victim-${repoCount}-a/action.yml`), join(work, `victim-${repoCount}-b/action.yml`)];
    for (const victim of victims) {
      mkdirSync(dirname(victim), { recursive: true });
      writeFileSync(victim, 'original\n');
    }
    const action = 'name: x\nruns:\n  using: composite\n  steps: []\n';
    const root = repo({
      '.github/workflows/ci.yml': TOKEN_WORKFLOW,
      [`-o${victims[0]}`]: action,
      [`--output-file=${victims[1]}`]: action,
    });
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
    // What pre-commit passes: the tracked files its `files` pattern matches, as repository paths.
    const pattern = new RegExp(hook.files as string);
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((path) => path && pattern.test(path));
    return { root, victims, files };
  }

  /** pre-commit's command line: entry (split on spaces), then args, then the file names. */
  function runHook(root: string, files: readonly string[], args: readonly string[] = (hook.args as string[] | undefined) ?? []): CliRun {
    const [command, ...entryArgs] = (hook.entry as string).split(/\s+/);
    expect(command).toBe('trustlint');
    return runBuiltCli(bin, root, [...entryArgs, ...args, ...files]);
  }

  const unchanged = (victims: readonly string[]) => victims.map((victim) => readFileSync(victim, 'utf8'));

  it('the hook as pre-commit runs it lints every file and writes nothing', () => {
    const { root, victims, files } = hostileCheckout();
    expect(files).toHaveLength(3);
    expect(files.filter((file) => file.startsWith('-'))).toHaveLength(2);
    const run = runHook(root, files);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('no-long-lived-npm-token');
    expect(unchanged(victims)).toEqual(['original\n', 'original\n']);

    // A user's args ending with `--`, as docs/pre-commit.md says.
    const withArgs = runHook(root, files, ['--format', 'json', '--']);
    expect(withArgs.status).toBe(1);
    expect(json(withArgs).map((result) => result.filePath.slice(root.length + 1)).sort()).toEqual([...files].sort());
    expect(unchanged(victims)).toEqual(['original\n', 'original\n']);
  });

  it('a user args list without `--` is refused: exit 2, nothing linted, nothing written', () => {
    const { root, victims, files } = hostileCheckout();
    const run = runHook(root, files, ['--max-warnings', '0']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^trustlint: --pre-commit needs `--` before the file names/);
    expect(unchanged(victims)).toEqual(['original\n', 'original\n']);
  });

  it('after `--`, a name that looks like an option is a path', () => {
    const { root, victims } = hostileCheckout();
    const run = runBuiltCli(bin, root, ['--format', 'json', '--', `-o${victims[0]}`, `--output-file=${victims[1]}`]);
    expect(run.status).toBe(0);
    expect(json(run)).toHaveLength(2);
    expect(unchanged(victims)).toEqual(['original\n', 'original\n']);
  });
});

describe('issue 17: YAML that other parsers read differently is never silently hidden', () => {
  it.each([
    ['\r', 'A carriage return without a line feed (U+000D)'],
    ['\u0085', 'A next-line character (U+0085)'],
    ['\u2028', 'A line separator (U+2028)'],
    ['\u2029', 'A paragraph separator (U+2029)'],
  ])('a token behind %j in a comment is a fatal YAML finding at that character', (char, name) => {
    const text = TOKEN_WORKFLOW.replace('        env:\n          NODE_AUTH_TOKEN:', `        # release${char}        env: {NODE_AUTH_TOKEN:`).replace('}}\n', '}}"}\n').replace('NODE_AUTH_TOKEN: ${{', 'NODE_AUTH_TOKEN: "${{');
    const root = repo({ '.github/workflows/release.yml': text });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    const [result] = json(run);
    expect(result!.messages.filter((message) => message.fatal).map((message) => [message.line, message.column, message.message.split(' ends ')[0]])).toEqual([
      [8, 18, `YAML: ${name} inside a comment`],
    ]);
  });

  it('the nesting limit is reported at the collection past it, not in a comment before it', () => {
    const root = repo({
      '.github/workflows/deep.yml': `# ${'['.repeat(600)}\non: push\nx: ${'['.repeat(600)}${']'.repeat(600)}\n`,
    });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    expect(findingsOf(json(run), '/deep.yml')).toEqual([`yaml@3:${4 + 499}`]);
  });
});

describe('issue 17: merge keys', () => {
  it('a token merged in with `<<` is a YAML finding at the key (GitHub rejects merge keys)', () => {
    const root = repo({
      '.github/workflows/release.yml': `on: push
permissions: {}
x-secrets: &secrets
  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish --provenance
        env:
          <<: *secrets
`,
    });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    const [result] = json(run);
    expect(result!.messages.filter((message) => message.fatal).map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([
      '11:11 YAML: GitHub Actions does not support YAML merge keys (`<<`) and rejects this file; write the keys out (anchors and aliases of whole values do work)',
    ]);
  });
});

describe('issue 17: inputs that were super-linear finish (scripts/scaling.mjs measures them)', () => {
  it('a config glob with a regex group is a config error, not 100 s of backtracking', () => {
    const root = repo({ '.github/workflows/ci.yml': TOKEN_WORKFLOW, '.trustlintrc.yml': "ignores: ['(a|aa)+b.yml']\n" });
    const run = runBuiltCli(bin, root, []);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^trustlint: \.trustlintrc\.yml: ignores\[0\]: the glob `\(a\|aa\)\+b\.yml` uses `\(` at character 1: regex groups/);
  });

  it('star-heavy globs against a long file name, and a long runner label against a label glob', () => {
    const name = `${'a'.repeat(240)}.yml`;
    const root = repo({
      [`.github/workflows/${name}`]: TOKEN_WORKFLOW.replace('ubuntu-latest', `'${'-gpu-'.repeat(160_000)}/x'`),
      '.trustlintrc.yml': [
        "ignores: ['.github/workflows/*a*a*a*a*a*a*b.yml']",
        "overrides: [{ files: ['**/*a*a*a*a*a*a*b.yml'], rules: {} }]",
        "settings: { selfHostedRunnerLabels: ['*-gpu-*'] }",
        'limits: { maxFileBytes: 4194304 }',
        '',
      ].join('\n'),
    });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    expect(findingsOf(json(run), name)).toContain('no-long-lived-npm-token@9:11');
  });
});

describe('issue 17: directory trees', () => {
  it('a chain of 1,900 directories is searched in one pass (minutes before) and its workflow linted', () => {
    const deep = `${Array(1900).fill('d').join('/')}/.github/workflows/release.yml`;
    const root = repo({ [deep]: TOKEN_WORKFLOW });
    const run = runBuiltCli(bin, root, ['--format', 'json']);
    expect(run.status).toBe(1);
    expect(findingsOf(json(run), '/.github/workflows/release.yml')).toContain('no-long-lived-npm-token@9:11');
  });

  it('a nested checkout (`.git` file: submodule, worktree) is reported under its own path, not as the top-level file', () => {
    const root = repo({
      '.github/workflows/release.yml': 'on: push\npermissions: {}\njobs: {}\n',
      'sub/.git': 'gitdir: ../.git/modules/sub\n',
      'sub/.github/workflows/release.yml': TOKEN_WORKFLOW,
    });
    const run = runBuiltCli(bin, root, ['--format', 'sarif']);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    const tokenUris = log.runs[0]!.results.filter((result) => result.ruleId === 'no-long-lived-npm-token').map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(tokenUris).toEqual(['sub/.github/workflows/release.yml']);
    const annotations = runBuiltCli(bin, root, ['--format', 'github']);
    expect(annotations.stdout).toContain('file=sub/.github/workflows/release.yml,line=9');
  });
});

describe('issue 17: a config in the repository is read like a workflow', () => {
  it('a looked-up config that links outside the repository is refused, and none of its bytes are shown', () => {
    const outside = join(work, `secret-${repoCount}.yml`);
    writeFileSync(outside, 'GITHUB_TOKEN=ghs_s3cr3tvalue\nnot: [yaml\n');
    const root = repo({ '.github/workflows/ci.yml': TOKEN_WORKFLOW });
    symlinkSync(outside, join(root, '.trustlintrc.yml'));
    const run = runBuiltCli(bin, root, []);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('trustlint: .trustlintrc.yml: symbolic link to a file outside the repository; not followed\n');
    expect(run.stdout).toBe('');
    // A link to a file inside the repository is a config like any other.
    const inside = repo({ '.github/workflows/ci.yml': TOKEN_WORKFLOW, 'config/trustlint.yml': 'rules: { no-long-lived-npm-token: off }\n' });
    symlinkSync('config/trustlint.yml', join(inside, '.trustlintrc.yml'));
    const allowed = runBuiltCli(bin, inside, ['--format', 'json']);
    expect(findingsOf(json(allowed), '/ci.yml')).not.toContain('no-long-lived-npm-token@9:11');
  });
});

describe('issue 17: SARIF that code scanning accepts, whatever the repository holds', () => {
  interface SarifLog {
    runs: Array<{
      results: Array<{ ruleId: string; message: { text: string } }>;
      invocations: Array<{ toolExecutionNotifications?: Array<{ message: { text: string } }> }>;
    }>;
  }

  it('a link written into a finding by the file is escaped, not rendered', () => {
    const root = repo({ '.github/workflows/ci.yml': "on: push\npermissions:\n  '[Fix it here](https://evil.example/login)': read\njobs: {}\n" });
    const run = runBuiltCli(bin, root, ['--format', 'sarif']);
    expect(run.status).toBe(1);
    const texts = (JSON.parse(run.stdout) as SarifLog).runs[0]!.results.filter((result) => result.ruleId === 'valid-permissions').map((result) => result.message.text);
    expect(texts).toEqual([expect.stringContaining('\\[Fix it here\\](https://evil.example/login)')]);
  });

  it('more than 25,000 findings: the 25,000 most severe, and a notification that says how many were left out', () => {
    const scopes = Array.from({ length: 25_010 }, (_, index) => `  s${index}: read`).join('\n');
    const root = repo({ '.github/workflows/ci.yml': `on: push\npermissions:\n${scopes}\njobs: {}\n` });
    const run = runBuiltCli(bin, root, ['--format', 'sarif']);
    expect(run.status).toBe(1);
    const sarifRun = (JSON.parse(run.stdout) as SarifLog).runs[0]!;
    expect(sarifRun.results).toHaveLength(25_000);
    const total = json(runBuiltCli(bin, root, ['--format', 'json']))[0]!.messages.length;
    // Every scope is unknown (valid-permissions); top-level-permissions-empty says nothing in `recommended`: no job can publish.
    expect(total).toBe(25_010);
    expect(sarifRun.invocations[0]!.toolExecutionNotifications!.map((note) => note.message.text)).toEqual([
      expect.stringMatching(new RegExp(`^${total - 25_000} results were left out: GitHub code scanning accepts at most 25000 results per run`)),
    ]);
  });
});

describe('issue 17: what a pull request can silence, and how CI stops it', () => {
  it('--no-inline-config ignores directives, and -c <trusted config> ignores the config in the repository', () => {
    const silenced = TOKEN_WORKFLOW.replace('        env:\n', '        # trustlint-disable-next-line no-long-lived-npm-token -- trust me\n        env:\n').replace(
      'NODE_AUTH_TOKEN',
      '# trustlint-disable-line\n          NODE_AUTH_TOKEN',
    );
    const root = repo({
      '.github/workflows/release.yml': silenced,
      // The pull request's own config turns the rule off too.
      '.trustlintrc.yml': 'rules: { no-long-lived-npm-token: off }\nignores: [".github/workflows/release.yml"]\n',
    });
    const trusted = join(work, `trusted-${repoCount}.yml`);
    writeFileSync(trusted, 'extends: recommended\n');
    expect(runBuiltCli(bin, root, []).status).toBe(0);
    const ci = runBuiltCli(bin, root, ['--no-inline-config', '-c', trusted, '--format', 'json']);
    expect(ci.status).toBe(1);
    const findings = findingsOf(json(ci), '/release.yml');
    expect(findings.filter((finding) => finding.startsWith('no-long-lived-npm-token'))).toHaveLength(1);
    // No report about the directives themselves: they are not read at all.
    expect(findings.filter((finding) => finding.startsWith('yaml'))).toEqual([]);
  });
});

/**
 * A publish job with `id-token: write`, a job env that holds a secret under a name no npm tool reads,
 * and setup-node (which exports `NODE_AUTH_TOKEN`); `steps` start at line 11. Returns the
 * `no-long-lived-npm-token` findings as `line:column`.
 */
function publishJob(steps: string, files: Readonly<Record<string, string>> = {}, idToken = true): string[] {
  return publishRun(steps, files, idToken).tokens;
}

/** `publishJob`, with the exit code and every finding's rule. */
function publishRun(steps: string, files: Readonly<Record<string, string>> = {}, idToken = true): { status: number | null; tokens: string[]; rules: string[] } {
  const text = `on: push
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions: { ${idToken ? 'id-token: write' : 'contents: read'} }
    env: { RELEASE_SECRET: "\${{ secrets.NPM_TOKEN }}" }
    steps:
      - uses: actions/setup-node@v6
        with: { node-version: 24, registry-url: https://registry.npmjs.org }
${steps}`;
  const root = repo({ '.github/workflows/release.yml': text, 'package.json': '{"name": "x", "version": "1.0.0"}\n', ...files });
  const run = runBuiltCli(bin, root, ['--format', 'json', '--no-config-lookup']);
  expect(run.stderr).toBe('');
  const findings = findingsOf(json(run), '/release.yml');
  expect(findings.filter((finding) => finding.startsWith('yaml'))).toEqual([]);
  // Exit 1 on errors only: a warning (such as a needless id-token grant) leaves it 0.
  const errors = (json(run) as unknown as ReadonlyArray<{ errorCount: number }>).reduce((sum, result) => sum + result.errorCount, 0);
  expect(run.status).toBe(errors > 0 ? 1 : 0);
  const tokens = findings.filter((finding) => finding.startsWith('no-long-lived-npm-token@')).map((finding) => finding.slice('no-long-lived-npm-token@'.length));
  return { status: run.status, tokens, rules: findings.map((finding) => finding.slice(0, finding.indexOf('@'))) };
}

const SECRET = '${{ secrets.NPM_TOKEN }}';

/** Each token-flow row of issue 17, the steps from line 11 on, and where the token is reported. */
const TOKEN_FORMS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    ['a prefix assignment on the publish', `      - run: NODE_AUTH_TOKEN=${SECRET} npm publish\n`, ['11:14']],
    ['`export` on an earlier line', `      - run: |\n          export NODE_AUTH_TOKEN=${SECRET}\n          npm publish\n`, ['12:18']],
    ['a plain assignment of a variable setup-node exported', `      - run: |\n          NODE_AUTH_TOKEN=${SECRET}\n          npm publish\n`, ['12:11']],
    ['`declare -x` and `typeset -x`', `      - run: |\n          declare -x NODE_AUTH_TOKEN=$RELEASE_SECRET\n          typeset -x NPM_CONFIG_TOKEN=${SECRET}\n          npm publish\n`, ['12:22']],
    ['`${{ env.X }}` indirection', '      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ env.RELEASE_SECRET }}\n', ['13:11']],
    ['a `$GITHUB_ENV` write in an earlier step', `      - run: echo "NODE_AUTH_TOKEN=${SECRET}" >> "$GITHUB_ENV"\n      - run: npm publish\n`, ['11:14']],
    [
      'the `{name}<<EOF` form of a `$GITHUB_ENV` write',
      `      - run: |\n          {\n            echo "NODE_AUTH_TOKEN<<EOF"\n            echo "${SECRET}"\n            echo "EOF"\n          } >> $GITHUB_ENV\n      - run: npm publish\n`,
      ['13:13'],
    ],
    ['`printf` into ~/.npmrc', `      - run: |\n          printf '//registry.npmjs.org/:_authToken=%s\\n' "$RELEASE_SECRET" > ~/.npmrc\n          npm publish\n`, ['12:11']],
    ['`tee` into ~/.npmrc', `      - run: |\n          echo "//registry.npmjs.org/:_authToken=${SECRET}" | tee -a ~/.npmrc\n          npm publish\n`, ['12:11']],
    ['`npm config set` with a location flag first', `      - run: |\n          npm config set --location=user //registry.npmjs.org/:_authToken ${SECRET}\n          npm publish\n`, ['12:11']],
    ['`npm set`', `      - run: |\n          npm set //registry.npmjs.org/:_authToken=${SECRET}\n          npm publish\n`, ['12:11']],
    ['a token flag on the publish itself', `      - run: npm publish --//registry.npmjs.org/:_authToken=${SECRET}\n`, ['11:26']],
    ['an `--_authToken` flag', '      - run: npm publish --_authToken=$RELEASE_SECRET\n', ['11:26']],
    ['a password written in a `--registry` URL', '      - run: npm publish --registry https://user:pass@registry.npmjs.org/\n', ['11:37']],
    ['a secret in the userinfo of a `--registry` URL', `      - run: npm pub --reg "https://ci:${SECRET}@registry.npmjs.org/"\n`, ['11:28']],
    ['a prefix assignment on the command that runs a nested script', `      - run: NODE_AUTH_TOKEN=${SECRET} bash -c 'npm publish'\n`, ['11:14']],
];

describe('issue 17: a long-lived npm token is found in every form, also beside id-token: write', () => {
  it.each(TOKEN_FORMS)('%s', (_name, steps, expected) => {
    const run = publishRun(steps);
    expect(run.status).toBe(1);
    expect(run.tokens).toEqual(expected);
  });

  it.each(TOKEN_FORMS)('without id-token: %s is reported, and the job is not said to publish without a token', (_name, steps, expected) => {
    const run = publishRun(steps, {}, false);
    expect(run.status).toBe(1);
    expect(run.tokens).toEqual(expected);
    expect(run.rules).not.toContain('publish-job-needs-id-token');
  });

  it('where the token comes from stays precise: GITHUB_TOKEN, step outputs, inputs and a same-step env key are not stored secrets', () => {
    expect(
      publishJob(
        [
          '      - run: NODE_AUTH_TOKEN=${{ secrets.GITHUB_TOKEN }} npm publish',
          '      - run: NODE_AUTH_TOKEN=${{ steps.auth.outputs.token }} npm publish',
          '      - run: echo "NODE_AUTH_TOKEN=${{ inputs.token }}" >> $GITHUB_ENV',
          '      - run: npm publish',
          '        env:',
          `          T: ${SECRET}`,
          '          NODE_AUTH_TOKEN: ${{ env.T }}',
          // Not exported and not read by npm: the assignment stays in the shell.
          '      - run: |',
          `          MY_VALUE=${SECRET}`,
          '          npm publish',
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });
});

/** The same job with the token in the publish step's env (line 13): a finding there proves the publish was seen. */
function publishSeen(run: string, files: Readonly<Record<string, string>> = {}): boolean {
  const findings = publishJob(`      - run: ${run}\n        env:\n          NODE_AUTH_TOKEN: ${SECRET}\n`, files);
  expect(findings.every((finding) => finding === '13:11')).toBe(true);
  return findings.length > 0;
}

describe('issue 17: npm runs these as publishes, and so does the linter', () => {
  it.each([
    'npm pub',
    'npm publ',
    'npm pu --access public',
    'npm --cache /tmp/c publish',
    'npm --registry https://registry.npmjs.org/ publish',
    'npm -w pkg publish',
    'npm --workspace=pkg publish',
    'npm --loglevel=silly --userconfig ./ci.npmrc publish',
    'npm publish --dry-run false',
    'npm publish --dry-run=false',
    'npm publish --no-dry-run',
    "npm exec -c 'npm publish'",
    'npm x --call="npm publish"',
    "npx -c 'npm publish'",
    'npm exec -- npm publish',
    'timeout -k 5 60 npm publish',
    'timeout --signal KILL 5m npm publish',
    'env -u X npm publish',
    'env -i A=1 npm publish',
    '/usr/bin/env -C . npm publish',
    'nice -n 5 npm publish',
    'sudo -E npm publish',
    'time -p npm publish',
    'stdbuf -o 0 npm publish',
    'nohup npm publish',
    'command npm publish',
    'exec -a rel npm publish',
    'npm publish --registry https://ci@registry.npmjs.org/',
    'bash -c "echo \\"releasing\\" && npm publish"',
    "sh -c 'npm publish'",
  ])('%s', (command) => {
    expect(publishSeen(command)).toBe(true);
  });

  it.each(['npm publish --dry-run', 'npm publish --dry-run true', 'npm publish --dry', 'echo npm publish', 'npm view', 'npm run publish-docs', 'npm pack', 'npm help publish', 'npm publish --help', 'bash -c "echo \\"npm publish\\""'])(
    'not a publish: %s',
    (command) => {
      expect(publishSeen(command)).toBe(false);
    },
  );
});
