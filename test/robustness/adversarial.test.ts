/**
 * The permanent adversarial suite: one case per way a hostile repository (a pull request) once made
 * trustlint miss something, misreport it, hang, or act outside the linted tree. Each case runs the
 * real CLI, built from the current sources (`buildPrivateCli`), on files generated in a temporary
 * directory, and asserts the exit code and the findings.
 *
 * EVERY FUTURE EVASION BUG ADDS A CASE HERE, with the issue it came from, before it is fixed: the
 * case must fail on the unfixed code. Threat model: docs/robustness.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCli, runBuiltCli, type CliRun } from './helpers.js';

let work: string;
let bin: string;
let repoCount = 0;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'trustlint-adversarial-'));
  bin = buildPrivateCli(work);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

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
