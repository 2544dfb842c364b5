/**
 * `--fix` on generated workflows: every permissions shape GitHub accepts (none, a shorthand, a block
 * or flow mapping, with comments), jobs in block and flow style with and without blocks of their own,
 * 2- and 4-space indentation, LF and CRLF, a known or unknown repository default. For each rule that
 * fixes, alone and all together, every guarantee of test/fix-guarantees.ts must hold; in particular
 * no job's grant changes beyond what the rule is for. `TRUSTLINT_FUZZ_RUNS` raises the runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../src/engine/rule.js';
import { rules } from '../src/rules/index.js';
import { checkFix } from './fix-guarantees.js';

const RUNS = Math.max(1, Number(process.env.TRUSTLINT_FUZZ_RUNS) || 100);
// Fixed by default, so that CI sees the same workflows on every run (the count of fixed ones below varied
// with the random seed: 4 of 100 once for id-token-job-scope); `TRUSTLINT_FUZZ_SEED` explores others.
const SEED = Number(process.env.TRUSTLINT_FUZZ_SEED) || 20261205;

const SCOPES = ['contents', 'id-token', 'pull-requests', 'packages', 'issues', 'actions'] as const;
const levelOf = (scope: string) => (scope === 'id-token' ? fc.constantFrom('write', 'none') : fc.constantFrom('read', 'write', 'none'));

interface Grant {
  readonly kind: 'mapping' | 'shorthand' | 'empty';
  readonly scopes: ReadonlyArray<readonly [string, string]>;
  readonly shorthand: string;
  readonly flow: boolean;
  readonly comment: boolean;
}

const grant: fc.Arbitrary<Grant> = fc.record({
  kind: fc.constantFrom('mapping', 'mapping', 'shorthand', 'empty'),
  scopes: fc.uniqueArray(fc.constantFrom(...SCOPES), { minLength: 1, maxLength: 4 }).chain((names) => fc.tuple(...names.map((name) => levelOf(name).map((level) => [name, level] as const)))),
  shorthand: fc.constantFrom('read-all', 'write-all'),
  flow: fc.boolean(),
  comment: fc.boolean(),
});

/** Steps that exercise the publish model, the OIDC consumers, the inference table and the unknown. */
const STEPS = {
  checkout: { uses: 'actions/checkout@v5' },
  node: { uses: 'actions/setup-node@v6', with: 'node-version: 24' },
  test: { run: 'npm test' },
  publish: { run: 'npm publish' },
  tokenPublish: { run: 'npm publish --provenance', env: 'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}' },
  release: { run: 'gh release create v1', env: 'GH_TOKEN: ${{ github.token }}' },
  aws: { uses: 'aws-actions/configure-aws-credentials@v4', with: 'role-to-assume: arn:aws:iam::1:role/r' },
  unknown: { uses: 'some-owner/some-action@v1' },
} as const;
type StepKind = keyof typeof STEPS;

interface Job {
  readonly flow: boolean;
  readonly own: Grant | undefined;
  readonly steps: readonly StepKind[];
  readonly selfHosted: boolean;
  readonly comment: boolean;
}

const job: fc.Arbitrary<Job> = fc.record({
  flow: fc.boolean(),
  own: fc.option(grant, { nil: undefined, freq: 2 }),
  steps: fc.array(fc.constantFrom(...(Object.keys(STEPS) as StepKind[])), { minLength: 1, maxLength: 4 }),
  selfHosted: fc.constantFrom(false, false, false, true),
  comment: fc.boolean(),
});

/** A top-level mapping that grants `id-token: write`: what id-token-job-scope moves. */
const idTokenGrant: fc.Arbitrary<Grant> = grant.map((value) => ({ ...value, kind: 'mapping', scopes: [...value.scopes.filter(([scope]) => scope !== 'id-token'), ['id-token', 'write']] }));

const workflowSpec = fc.record({
  top: fc.option(fc.oneof(grant, idTokenGrant), { nil: undefined, freq: 3 }),
  jobs: fc.array(job, { minLength: 1, maxLength: 5 }),
  indent: fc.constantFrom(2, 4),
  crlf: fc.boolean(),
  called: fc.constantFrom(false, false, false, true),
  defaults: fc.constantFrom(undefined, 'read', 'write'),
});

function flowGrant(value: Grant): string {
  if (value.kind === 'shorthand') return value.shorthand;
  if (value.kind === 'empty') return '{}';
  return `{ ${value.scopes.map(([scope, level]) => `${scope}: ${level}`).join(', ')} }`;
}

/** `permissions:` at column `at`, its entries `unit` deeper, in block or flow style. */
function blockGrant(value: Grant, at: number, unit: number, tag: string): string[] {
  const pad = ' '.repeat(at);
  const trailing = value.comment ? ` # ${tag}` : '';
  if (value.kind !== 'mapping' || value.flow) return [`${pad}permissions: ${flowGrant(value)}${trailing}`];
  return [`${pad}permissions:${trailing}`, ...value.scopes.map(([scope, level], index) => `${pad}${' '.repeat(unit)}${scope}: ${level}${value.comment && index === 0 ? ` # ${tag} ${scope}` : ''}`)];
}

type Spec = typeof workflowSpec extends fc.Arbitrary<infer T> ? T : never;

function render(spec: Spec): string {
  const unit = spec.indent;
  const lines = [spec.called ? 'on: workflow_call' : 'on: push'];
  if (spec.top) lines.push(...blockGrant(spec.top, 0, unit, 'top'));
  lines.push('jobs:');
  spec.jobs.forEach((value, index) => {
    const id = `job${index}`;
    const runner = value.selfHosted ? '[self-hosted, linux]' : 'ubuntu-latest';
    if (value.comment) lines.push(`${' '.repeat(unit)}# the ${id} job`);
    if (value.flow) {
      const steps = value.steps.map((kind) => {
        const step = STEPS[kind] as { uses?: string; run?: string; with?: string; env?: string };
        const parts = [step.uses ? `uses: ${step.uses}` : `run: ${step.run}`];
        if (step.with) parts.push(`with: { ${step.with} }`);
        if (step.env) parts.push(`env: { ${step.env.replace(': ', ': "')}" }`);
        return `{ ${parts.join(', ')} }`;
      });
      const own = value.own ? `permissions: ${flowGrant(value.own)}, ` : '';
      lines.push(`${' '.repeat(unit)}${id}: { runs-on: ${runner}, ${own}steps: [${steps.join(', ')}] }`);
      return;
    }
    const at = unit * 2;
    lines.push(`${' '.repeat(unit)}${id}:`, `${' '.repeat(at)}runs-on: ${runner}`);
    if (value.own) lines.push(...blockGrant(value.own, at, unit, id));
    lines.push(`${' '.repeat(at)}steps:`);
    for (const kind of value.steps) {
      const step = STEPS[kind] as { uses?: string; run?: string; with?: string; env?: string };
      const item = at + unit;
      lines.push(`${' '.repeat(item)}- ${step.uses ? `uses: ${step.uses}` : `run: ${step.run}`}`);
      if (step.with) lines.push(`${' '.repeat(item + 2)}with:`, `${' '.repeat(item + 2 + unit)}${step.with}`);
      if (step.env) lines.push(`${' '.repeat(item + 2)}env:`, `${' '.repeat(item + 2 + unit)}${step.env}`);
    }
  });
  return lines.join(spec.crlf ? '\r\n' : '\n') + (spec.crlf ? '\r\n' : '\n');
}

const FIXING: ReadonlyArray<readonly AnyRule[]> = [
  [rules['top-level-permissions-empty']!],
  [rules['id-token-job-scope']!],
  [rules['publish-job-needs-id-token']!],
  [rules['top-level-permissions-empty']!, rules['id-token-job-scope']!, rules['publish-job-needs-id-token']!],
];

describe('--fix on generated workflows', () => {
  it('renders workflows the fixes apply to (the generator is not vacuous)', () => {
    const samples = fc.sample(workflowSpec, { numRuns: 200, seed: 7 });
    const fixed = samples.filter((spec) => checkFix({ code: render(spec), settings: spec.defaults ? { defaultTokenPermissions: spec.defaults } : {}, fixing: FIXING[3]! }).output !== undefined);
    expect(fixed.length).toBeGreaterThan(100);
  });

  for (const fixing of FIXING) {
    it(`every guarantee holds for ${fixing.map((rule) => rule.id).join(' + ')}`, { timeout: 60_000 + RUNS * 500 }, () => {
      let fixed = 0;
      fc.assert(
        fc.property(workflowSpec, (spec) => {
          const code = render(spec);
          const outcome = checkFix({ code, settings: spec.defaults ? { defaultTokenPermissions: spec.defaults } : {}, fixing });
          if (outcome.output !== undefined) fixed++;
          expect(outcome.problems, `${code}\n--- fixed:\n${outcome.output ?? '(unchanged)'}`).toEqual([]);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // The runs must exercise the fix, not only inputs it leaves alone.
      expect(fixed).toBeGreaterThan(RUNS / 20);
    });
  }

  it('catches a broken guarantee (the checker is not vacuous)', () => {
    // A rule whose "fix" drops the top-level block: the grant of every inheriting job changes.
    const dropping = {
      ...rules['top-level-permissions-empty']!,
      create: (context: Parameters<AnyRule['create']>[0]) => ({
        workflow: (workflow: { permissions?: { entry: { span: { start: number; end: number } } } }) => {
          const entry = workflow.permissions?.entry;
          // Through the end of its line: the comment goes too.
          if (entry) context.report({ messageId: 'grants', at: entry.span, data: { scopes: '' }, fix: { range: [entry.span.start, context.file.text.indexOf('\njobs:')], text: 'permissions: {}' } });
        },
      }),
    } as AnyRule;
    const outcome = checkFix({ code: 'on: push\npermissions:\n  contents: write # keep\njobs:\n  a: { runs-on: ubuntu-latest, steps: [{ run: x }] }\n', fixing: [dropping] });
    expect(outcome.problems.join('\n')).toMatch(/job `a`: contents write → none/);
    expect(outcome.problems.join('\n')).toMatch(/the comment `# keep` was lost/);
  });
});
