import { describe, expect, it } from 'vitest';
import type { YamlScalar } from '../../src/engine/ast.js';
import { fileKindHint, parseActionRef } from '../../src/engine/model.js';
import { toPosixPath } from '../../src/engine/paths.js';
import { workflow } from '../rule-tester.js';
import { actionOf, job, lintWith, parse, positions, probeRule, step, textOf, workflowOf } from './helpers.js';

describe('model: ranges', () => {
  const source = workflow`
    on: push
    jobs:
      build:
        runs-on: ubuntu-latest
        steps:
          - name: 日本😀 build
            run: echo hi
          - uses: actions/checkout@v4 # pinned later
        # a comment after the last step

      test: { runs-on: [a, b], steps: [ { run: y } ] }
  `;
  const parsed = parse(source);

  it('places jobs from the key to the end of their last value, not on the next line', () => {
    const build = job(parsed, 'build');
    expect(parsed.at(build.key.span)).toBe('3:3-3:8');
    expect(parsed.at(build.span)).toBe('3:3-8:34');
    expect(parsed.at(build.map.span)).toBe('4:5-8:34');
    expect(parsed.at(build.runsOn!.span)).toBe('4:5-4:27');
    expect(parsed.at(build.runsOn!.value.span)).toBe('4:14-4:27');
  });

  it('places steps; columns count UTF-16 code units after CJK and an emoji', () => {
    const first = step(parsed, 'build', 0);
    expect(parsed.at(first.span)).toBe('6:9-7:21');
    // `日本😀 build`: 2 CJK units + 2 surrogate units + 6.
    expect(parsed.at(first.name!.span)).toBe('6:15-6:25');
    expect(first.name!.text).toBe('日本😀 build');
    expect(parsed.at(first.run!.span)).toBe('7:14-7:21');
    expect(parsed.at(first.runEntry!.span)).toBe('7:9-7:21');
    const second = step(parsed, 'build', 1);
    expect(second.index).toBe(1);
    expect(parsed.at(second.span)).toBe('8:9-8:34');
    expect(parsed.at(second.uses!.scalar.span)).toBe('8:15-8:34');
  });

  it('places flow-style jobs and steps', () => {
    const test = job(parsed, 'test');
    expect(parsed.at(test.span)).toBe('11:3-11:51');
    expect(parsed.at(test.runsOn!.value.span)).toBe('11:20-11:26');
    expect(parsed.at(test.steps[0]!.span)).toBe('11:37-11:47');
    expect(parsed.at(test.steps[0]!.run!.span)).toBe('11:44-11:45');
  });

  it('ends the workflow and `jobs:` entry at the last character of content', () => {
    const wf = workflowOf(parsed);
    expect(parsed.at(wf.span)).toBe('1:1-11:51');
    expect(parsed.at(wf.jobsEntry!.span)).toBe('2:1-11:51');
    expect(parsed.at(wf.on!.span)).toBe('1:1-1:9');
  });

  it('places a value after an emoji on the same line (UTF-16 columns)', () => {
    const p = parse('on: push\nenv: { 名前😀: "x", B: y }\njobs: {}\n');
    const env = workflowOf(p).env!;
    expect(p.at(env.vars.get('名前😀')!.key.span)).toBe('2:8-2:12');
    expect(p.at(env.vars.get('名前😀')!.value.span)).toBe('2:14-2:17');
    expect(p.at(env.vars.get('B')!.value.span)).toBe('2:22-2:23');
  });

  it('reports through lintText with the same ranges', () => {
    const rule = probeRule('probe', (report) => ({ step: (s) => report(s.run ?? s.uses!.scalar) }));
    expect(positions(lintWith(source, [rule]))).toEqual(['7:14-7:21', '8:15-8:34', '11:44-11:45']);
  });
});

describe('model: line endings and BOM', () => {
  const lf = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo 😀\n          npm publish\n      - run: x\n';
  const rule = probeRule('probe', (report) => ({ job: (j) => report(j.runsOn!), step: (s) => report(s.run!) }));

  it('CRLF line endings keep the same line:column as LF', () => {
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(positions(lintWith(lf, [rule]))).toEqual(['4:5-4:27', '6:14-9:1', '9:14-9:15']);
    expect(positions(lintWith(crlf, [rule]))).toEqual(['4:5-4:27', '6:14-9:1', '9:14-9:15']);
    const p = parse(crlf);
    expect(step(p, 'a', 0).run!.text).toBe('echo 😀\nnpm publish\n');
    expect(p.at(job(p, 'a').span)).toBe('3:3-9:15');
  });

  it('a BOM does not shift columns on the first line', () => {
    const withBom = `\uFEFFon: push\njobs:\n  a: { runs-on: x, steps: [ { run: y } ] }\n`;
    const firstLine = probeRule('probe', (report) => ({ workflow: (w) => report(w.on!) }));
    expect(positions(lintWith(withBom, [firstLine, rule]))).toEqual(['1:1-1:9', '3:8-3:18', '3:36-3:37']);
  });
});

describe('model: anchors and aliases', () => {
  const source = workflow`
    on: push
    jobs:
      a:
        runs-on: &runner ubuntu-latest
        env: &env
          A: 1
        steps:
          - &checkout { uses: actions/checkout@v4 }
      b:
        runs-on: *runner
        env:
          <<: *env
          B: 2
        steps:
          - *checkout
  `;
  const parsed = parse(source);

  it('an aliased scalar keeps its anchor span and the use site as aliasSpan', () => {
    const runsOn = job(parsed, 'b').runsOn!.value as YamlScalar;
    expect(runsOn.text).toBe('ubuntu-latest');
    expect(parsed.at(runsOn.span)).toBe('4:22-4:35');
    expect(parsed.at(runsOn.aliasSpan)).toBe('10:14-10:21');
    expect(job(parsed, 'a').runsOn!.value.aliasSpan).toBeUndefined();
  });

  it('an aliased step is a step, with aliasSpan at `*checkout`', () => {
    const aliased = step(parsed, 'b', 0);
    expect(aliased.uses!.name).toBe('actions/checkout');
    expect(parsed.at(aliased.span)).toBe('8:19-8:48');
    expect(parsed.at(aliased.aliasSpan)).toBe('15:9-15:18');
    // Everything inside it points at the use site too.
    expect(parsed.at(aliased.uses!.scalar.aliasSpan)).toBe('15:9-15:18');
  });

  it('a `<<` merge key stays a plain `<<` key holding the aliased map', () => {
    const env = job(parsed, 'b').env!;
    expect([...env.vars.keys()]).toEqual(['<<', 'B']);
    const merged = env.vars.get('<<')!.value;
    expect(merged.type).toBe('map');
    expect(parsed.at(merged.aliasSpan)).toBe('12:11-12:15');
    expect(merged.type === 'map' && [...merged.byKey.keys()]).toEqual(['A']);
  });

  it('a finding on an aliased value points at the use site, with the anchor as related', () => {
    const rule = probeRule('probe', (report) => ({ job: (j) => report(j.runsOn!.value) }));
    const all = lintWith(source, [rule]);
    // The fixture's `<<` is also a YAML finding (GitHub rejects merge keys); only the probe's matter here.
    expect(all.messages.filter((message) => message.ruleId === null).map((message) => message.line)).toEqual([12]);
    const result = { ...all, messages: all.messages.filter((message) => message.ruleId === 'probe') };
    expect(positions(result)).toEqual(['4:22-4:35', '10:14-10:21']);
    expect(result.messages[1]!.related).toEqual([
      { message: 'defined here (through a YAML anchor)', line: 4, column: 22, endLine: 4, endColumn: 35 },
    ]);
  });

  it('an alias used as a key: the entry starts at the `*alias`, the key keeps the anchor', () => {
    const p = parse('on: push\nx: &k runs-on\njobs:\n  a:\n    *k : ubuntu-latest\n    steps: []\n');
    const runsOn = job(p, 'a').runsOn!;
    expect(runsOn.key.text).toBe('runs-on');
    expect(p.at(runsOn.key.span)).toBe('2:7-2:14');
    expect(p.at(runsOn.key.aliasSpan)).toBe('5:5-5:7');
    expect(p.at(runsOn.span)).toBe('5:5-5:23');
  });

  it('a self-referencing alias does not loop', () => {
    const p = parse('on: push\njobs: &j\n  a:\n    runs-on: x\n    steps: *j\n');
    expect(job(p, 'a').steps).toEqual([]);
  });
});

describe('model: wrong shapes never throw', () => {
  it('`jobs: foo` → no jobs', () => {
    const wf = workflowOf(parse('on: push\njobs: foo\n'));
    expect(wf.jobs).toEqual([]);
    expect(wf.jobsEntry!.value.type).toBe('scalar');
  });

  const parsed = parse(workflow`
    on: push
    permissions: 3
    env: [a]
    jobs:
      a:
        steps: {}
        env: \${{ fromJSON(inputs.env) }}
        permissions: \${{ inputs.permissions }}
        needs: [b, { c: d }]
        strategy: 3
      b: 3
      c:
        runs-on:
        with: [x]
        steps:
          - just a string
          - run: echo
            env: some-string
            with: 3
  `);

  it('a job that is not a map is skipped; steps that are not maps are skipped but keep indexes', () => {
    expect(workflowOf(parsed).jobs.map((j) => j.id)).toEqual(['a', 'c']);
    expect(job(parsed, 'a').steps).toEqual([]);
    expect(job(parsed, 'c').steps.map((s) => s.index)).toEqual([1]);
  });

  it('`runs-on:` empty and missing', () => {
    expect(job(parsed, 'a').runsOn).toBeUndefined();
    expect(job(parsed, 'c').runsOn!.value.type).toBe('null');
    expect(parsed.at(job(parsed, 'c').runsOn!.value.span)).toBe('13:13-13:13');
  });

  it('`permissions: 3` is a shorthand scalar (rules decide it is invalid); an expression is unknown', () => {
    const top = workflowOf(parsed).permissions!;
    expect(top.kind).toBe('shorthand');
    expect(top.kind === 'shorthand' && top.value.text).toBe('3');
    expect(job(parsed, 'a').permissions!.kind).toBe('unknown');
  });

  it('`env: [a]` and an expression env have no vars and count as dynamic; a string step env too', () => {
    expect(workflowOf(parsed).env!.vars.size).toBe(0);
    expect(workflowOf(parsed).env!.dynamic).toBe(true);
    expect(job(parsed, 'a').env!.dynamic).toBe(true);
    const s = step(parsed, 'c', 0);
    expect(s.index).toBe(1);
    expect(s.env!.dynamic).toBe(true);
    expect(s.env!.vars.size).toBe(0);
    expect(s.with.size).toBe(0);
    expect(job(parsed, 'c').with.size).toBe(0);
  });

  it('an empty `env:` is not dynamic', () => {
    const wf = workflowOf(parse('on: push\nenv:\njobs: {}\n'));
    expect(wf.env!.dynamic).toBe(false);
    expect(wf.env!.vars.size).toBe(0);
  });

  it('`needs` keeps only scalars; `strategy: 3` has no matrix', () => {
    expect(job(parsed, 'a').needs.map((n) => n.text)).toEqual(['b']);
    expect(job(parsed, 'a').matrix).toBeUndefined();
  });

  it('a top level that is not a map, an empty file, and a map with neither jobs nor on are `other`', () => {
    expect(parse('- a\n- b\n').model.kind).toBe('other');
    expect(parse('').model.kind).toBe('other');
    expect(parse('just text\n').model.kind).toBe('other');
    expect(parse('name: x\n', 'config/x.yml').model.kind).toBe('other');
    // By path, a workflow is a workflow even with nothing in it.
    expect(parse('name: x\n').model.kind).toBe('workflow');
  });
});

describe('model: `on` forms', () => {
  it('string, list and map', () => {
    expect(workflowOf(parse('on: push\njobs: {}\n')).triggers).toEqual(['push']);
    expect(workflowOf(parse('on: [push, workflow_call]\njobs: {}\n')).triggers).toEqual(['push', 'workflow_call']);
    expect(
      workflowOf(parse('on:\n  push:\n    branches: [main]\n  release:\n    types: [published]\n  workflow_dispatch:\njobs: {}\n')).triggers,
    ).toEqual(['push', 'release', 'workflow_dispatch']);
  });

  it('no `on` and a wrong shape give no triggers', () => {
    expect(workflowOf(parse('jobs: {}\n')).triggers).toEqual([]);
    expect(workflowOf(parse('on:\njobs: {}\n')).triggers).toEqual([]);
    expect(workflowOf(parse('on: [push, [x]]\njobs: {}\n')).triggers).toEqual(['push']);
  });
});

describe('model: reusable-workflow calls', () => {
  const parsed = parse(workflow`
    on: push
    jobs:
      call:
        needs: build
        uses: octo-org/shared/.github/workflows/release.yml@v2
        with:
          node-version: 20
          dry-run: true
        secrets:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      inherit:
        uses: ./.github/workflows/local.yml
        secrets: inherit
  `);

  it('reads `uses`, `with` and `secrets`', () => {
    const call = job(parsed, 'call');
    expect(call.uses).toMatchObject({
      kind: 'repository',
      name: 'octo-org/shared',
      fullName: 'octo-org/shared/.github/workflows/release.yml',
      ref: 'v2',
    });
    expect([...call.with.keys()]).toEqual(['node-version', 'dry-run']);
    expect(call.with.get('dry-run')!.value).toMatchObject({ type: 'scalar', value: true, text: 'true' });
    expect(call.secrets!.value.type).toBe('map');
    expect(parsed.at(call.secrets!.span)).toBe('9:5-10:42');
    expect(call.needs.map((n) => n.text)).toEqual(['build']);
    expect(call.steps).toEqual([]);
  });

  it('a local call and `secrets: inherit`', () => {
    const inherit = job(parsed, 'inherit');
    expect(inherit.uses).toMatchObject({ kind: 'local', name: './.github/workflows/local.yml' });
    expect(inherit.secrets!.value).toMatchObject({ type: 'scalar', text: 'inherit' });
  });
});

describe('parseActionRef', () => {
  const text = workflow`
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.1
      - uses: "actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020"  # tag=v4
      - uses: github/codeql-action/init@v3
      - uses: docker://ghcr.io/owner/image:1.2
      - uses: ./.github/actions/build
      - uses: ../elsewhere
      - uses: foo
      - uses: \${{ inputs.action }}@v1
      - uses: Actions/Checkout@main # v4.2.1
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # not a version
      - uses: owner/@v1
      - uses: actions/checkout@
  `;
  const refs = (() => {
    const parsed = parse(text, 'x.yml');
    expect(parsed.model.kind).toBe('other');
    // Read the scalars straight from the converted tree.
    const lines = text.split('\n');
    return lines
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.includes('uses:'))
      .map(({ line, index }) => {
        const offset = lines.slice(0, index).reduce((sum, l) => sum + l.length + 1, 0);
        const raw = line.slice(line.indexOf('uses: ') + 6).replace(/\s+#.*$/, '');
        const quoted = raw.startsWith('"');
        const value = quoted ? raw.slice(1, -1) : raw;
        const start = offset + line.indexOf('uses: ') + 6;
        const scalar: YamlScalar = {
          type: 'scalar',
          value,
          text: value,
          style: quoted ? 'double' : 'plain',
          span: { start, end: start + raw.length },
        };
        expect(textOf(parsed, scalar.span)).toBe(raw);
        return parseActionRef(scalar, text);
      });
  })();

  it('owner/repo@ref with a SHA pin and a version comment', () => {
    expect(refs[0]).toMatchObject({
      kind: 'repository',
      name: 'actions/checkout',
      fullName: 'actions/checkout',
      ref: '11bd71901bbe5b1630ceea73d27597364c9af683',
      refComment: 'v4.2.1',
    });
    expect(refs[1]).toMatchObject({ name: 'actions/setup-node', refComment: 'v4' });
  });

  it('sub-path actions keep the full name', () => {
    expect(refs[2]).toMatchObject({ kind: 'repository', name: 'github/codeql-action', fullName: 'github/codeql-action/init', ref: 'v3' });
    expect(refs[2]!.refComment).toBeUndefined();
  });

  it('docker and local refs', () => {
    expect(refs[3]).toMatchObject({ kind: 'docker', name: 'docker://ghcr.io/owner/image:1.2' });
    expect(refs[3]!.ref).toBeUndefined();
    expect(refs[4]).toMatchObject({ kind: 'local', name: './.github/actions/build' });
    expect(refs[5]).toMatchObject({ kind: 'local', name: '../elsewhere' });
  });

  it('no ref, an expression or an empty part is unknown', () => {
    expect(refs[6]).toMatchObject({ kind: 'unknown', name: 'foo' });
    expect(refs[7]!.kind).toBe('unknown');
    expect(refs[10]!.kind).toBe('unknown');
    expect(refs[11]).toMatchObject({ kind: 'unknown', name: 'actions/checkout' });
  });

  it('names are lower-cased, refs are not; a comment counts only after a SHA and only when it is a version', () => {
    expect(refs[8]).toMatchObject({ kind: 'repository', name: 'actions/checkout', ref: 'main' });
    expect(refs[8]!.refComment).toBeUndefined();
    expect(refs[9]!.refComment).toBeUndefined();
  });
});

describe('composite action metadata', () => {
  const source = workflow`
    name: Setup
    inputs:
      token:
        required: true
    runs:
      using: Composite
      steps:
        - run: npm ci
          shell: bash
          env:
            NODE_AUTH_TOKEN: \${{ inputs.token }}
        - uses: actions/setup-node@v4
          with:
            node-version: 20
  `;

  it('is an action with steps whose parent is the action', () => {
    const parsed = parse(source, 'actions/setup/action.yml');
    const action = actionOf(parsed);
    expect(action.using!.text).toBe('Composite');
    expect(action.steps.map((s) => s.index)).toEqual([0, 1]);
    expect(action.steps[0]!.parent).toBe(action);
    expect(action.steps[0]!.shell!.text).toBe('bash');
    expect([...action.steps[0]!.env!.vars.keys()]).toEqual(['NODE_AUTH_TOKEN']);
    expect(parsed.at(action.steps[1]!.span)).toBe('12:7-14:25');
    expect(action.steps[1]!.with.get('node-version')!.value).toMatchObject({ value: 20 });
    expect(parsed.at(action.inputs!.span)).toBe('2:1-4:19');
  });

  it('a node action has no steps; an unnamed file with `runs` and no `jobs` is an action', () => {
    expect(actionOf(parse('name: x\nruns:\n  using: node20\n  main: index.js\n', 'action.yaml')).steps).toEqual([]);
    expect(parse('name: x\nruns:\n  using: node20\n', 'x.yml').model.kind).toBe('action');
    // A workflow path wins over the shape.
    expect(parse('runs:\n  using: composite\n').model.kind).toBe('workflow');
  });

  it('the walker calls action, step and action:exit in order', () => {
    const calls: string[] = [];
    const rule = probeRule('probe', () => ({
      action: () => calls.push('action'),
      step: (s) => calls.push(`step ${s.index} ${s.parent.kind}`),
      'action:exit': () => calls.push('exit'),
      workflow: () => calls.push('workflow'),
    }));
    lintWith(source, [rule], 'action.yml');
    expect(calls).toEqual(['action', 'step 0 action', 'step 1 action', 'exit']);
  });
});

describe('fileKindHint', () => {
  it.each([
    ['.github/workflows/release.yml', 'workflow'],
    ['repo/.github/workflows/ci.YAML', 'workflow'],
    [toPosixPath('C:\\repo\\.github\\workflows\\ci.yml', '\\'), 'workflow'],
    ['.github/workflows/sub/ci.yml', 'unknown'],
    // Location first: GitHub runs every file in .github/workflows as a workflow, whatever its name.
    ['.github/workflows/action.yml', 'workflow'],
    ['repo/.github/workflows/ACTION.yaml', 'workflow'],
    ['.github/workflows/sub/action.yml', 'action'],
    // On POSIX a backslash is a file-name character, not a separator.
    ['.github/workflows/rel\\ease.yml', 'workflow'],
    ['.github/workflows/ci.json', 'unknown'],
    ['action.yml', 'action'],
    ['actions/build/Action.YAML', 'action'],
    ['my-action.yml', 'unknown'],
  ])('%s → %s', (path, expected) => {
    expect(fileKindHint(path)).toBe(expected);
  });

  it('toPosixPath converts backslashes only where they separate paths (Windows)', () => {
    expect(toPosixPath('a\\b\\c.yml', '\\')).toBe('a/b/c.yml');
    expect(toPosixPath('a/rel\\ease.yml', '/')).toBe('a/rel\\ease.yml');
  });
});

describe('the walker', () => {
  it('calls workflow, each job, its steps, job:exit, workflow:exit in document order', () => {
    const calls: string[] = [];
    const rule = probeRule('probe', () => ({
      workflow: () => calls.push('workflow'),
      job: (j) => calls.push(`job ${j.id}`),
      step: (s) => calls.push(`step ${s.index}`),
      'job:exit': (j) => calls.push(`exit ${j.id}`),
      'workflow:exit': () => calls.push('exit'),
    }));
    lintWith('on: push\njobs:\n  a: { steps: [ { run: x }, { run: y } ] }\n  b: { steps: [] }\n', [rule]);
    expect(calls).toEqual(['workflow', 'job a', 'step 0', 'step 1', 'exit a', 'job b', 'exit b', 'exit']);
  });

  it('a crashing rule yields one fatal internal error and the others still run', () => {
    const crash = probeRule('crash', () => ({
      job: () => {
        throw new Error('boom\nsecond line');
      },
    }));
    const fine = probeRule('fine', (report) => ({ job: (j) => report(j.key) }));
    const result = lintWith('on: push\njobs:\n  a: {}\n  b: {}\n', [crash, fine]);
    expect(result.internalError).toBe(true);
    expect(result.messages.map((m) => [m.ruleId, m.fatal ?? false, m.line, m.column])).toEqual([
      [null, true, 1, 1],
      ['fine', false, 3, 3],
      ['fine', false, 4, 3],
    ]);
    expect(result.messages[0]!.message).toBe(
      'Internal error in rule `crash`: Error: boom. The other rules still ran; please report this',
    );
  });
});
