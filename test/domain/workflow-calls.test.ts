import { describe, expect, it } from 'vitest';
import type { JobNode } from '../../src/engine/ast.js';
import { calledJobs, jobAccess, localCallers, localWorkflowCall, passedSecret } from '../../src/domain/workflow-calls.js';
import { analysis } from '../engine/helpers.js';

const CALLEE = '.github/workflows/_publish.yml';

/** A called workflow whose one job declares nothing (it takes the caller's grant). */
const INHERITS = 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';

const callerWith = (permissions: string, extra = '') =>
  `on: push\njobs:\n  release:\n${permissions ? `    permissions: ${permissions}\n` : ''}    uses: ./${CALLEE}\n${extra}`;

function calleeJob(files: Record<string, string>, path = CALLEE, id = 'npm'): { context: ReturnType<typeof analysis>; job: JobNode } {
  const context = analysis(files);
  const model = context.project.model(path);
  if (model?.kind !== 'workflow') throw new Error(`no workflow at ${path}`);
  return { context, job: model.workflow.jobs.find((job) => job.id === id)! };
}

describe('jobAccess', () => {
  it('a called job that declares nothing takes its local callers\' grant when they agree', () => {
    const { context, job } = calleeJob({
      [CALLEE]: INHERITS,
      '.github/workflows/a.yml': callerWith('{ id-token: write }'),
      '.github/workflows/b.yml': callerWith('write-all'),
    });
    const access = jobAccess(context, job, 'id-token');
    expect(access.access).toBe('write');
    expect(access.source).toBe('callers');
    expect(access.callers.map((caller) => caller.workflow.file.projectPath).sort()).toEqual(['.github/workflows/a.yml', '.github/workflows/b.yml']);
  });

  it('callers that disagree leave it unknown', () => {
    const { context, job } = calleeJob({
      [CALLEE]: INHERITS,
      '.github/workflows/a.yml': callerWith('{ id-token: write }'),
      '.github/workflows/b.yml': callerWith('{ contents: read }'),
    });
    expect(jobAccess(context, job, 'id-token').access).toBeUndefined();
  });

  it('another trigger runs it with the repository default, which never grants id-token', () => {
    const { context, job } = calleeJob({
      [CALLEE]: INHERITS.replace('on: workflow_call', 'on: [workflow_call, workflow_dispatch]'),
      '.github/workflows/a.yml': callerWith('{ id-token: write }'),
    });
    expect(jobAccess(context, job, 'id-token').access).toBeUndefined();
    const none = calleeJob({
      [CALLEE]: INHERITS.replace('on: workflow_call', 'on: [workflow_call, workflow_dispatch]'),
      '.github/workflows/a.yml': callerWith('{ contents: read }'),
    });
    expect(jobAccess(none.context, none.job, 'id-token').access).toBe('none');
  });

  it('no local caller: unknown (it may be called from another repository)', () => {
    const { context, job } = calleeJob({ [CALLEE]: INHERITS });
    expect(jobAccess(context, job, 'id-token')).toEqual({ access: undefined, source: 'callers', callers: [] });
  });

  it('a job with its own block, or in a workflow that is not called, keeps its own grant', () => {
    const own = calleeJob({ [CALLEE]: INHERITS.replace('    runs-on', '    permissions: { id-token: write }\n    runs-on'), '.github/workflows/a.yml': callerWith('{}') });
    expect(jobAccess(own.context, own.job, 'id-token')).toMatchObject({ access: 'write', source: 'job' });
    const plain = calleeJob({ '.github/workflows/x.yml': INHERITS.replace('on: workflow_call', 'on: push') }, '.github/workflows/x.yml');
    expect(jobAccess(plain.context, plain.job, 'id-token')).toMatchObject({ access: 'none', source: 'default' });
  });

  it('follows a chain of inheriting callers, and stops at a cycle', () => {
    const middle = 'on: workflow_call\njobs:\n  inner:\n    uses: ./.github/workflows/_publish.yml\n';
    const { context, job } = calleeJob({
      [CALLEE]: INHERITS,
      '.github/workflows/_middle.yml': middle,
      '.github/workflows/top.yml': callerWith('{ id-token: write }').replace(CALLEE, '.github/workflows/_middle.yml'),
    });
    expect(jobAccess(context, job, 'id-token').access).toBe('write');
    const cycle = calleeJob({ [CALLEE]: 'on: workflow_call\njobs:\n  npm:\n    uses: ./.github/workflows/_publish.yml\n' });
    expect(jobAccess(cycle.context, cycle.job, 'id-token').access).toBeUndefined();
  });
});

describe('localWorkflowCall and calledJobs', () => {
  it('reads a local callee on workflow_call; a remote, missing or non-reusable one is unknown', () => {
    const files = { [CALLEE]: INHERITS, '.github/workflows/push.yml': INHERITS.replace('workflow_call', 'push') };
    const { context, job } = calleeJob({ ...files, '.github/workflows/a.yml': callerWith('') }, '.github/workflows/a.yml', 'release');
    expect(localWorkflowCall(context, job)?.workflow.file.projectPath).toBe(CALLEE);
    for (const uses of ['acme/w/.github/workflows/x.yml@v1', './.github/workflows/missing.yml', './.github/workflows/push.yml', './${{ inputs.w }}']) {
      const other = calleeJob({ ...files, '.github/workflows/a.yml': callerWith('').replace(`./${CALLEE}`, uses) }, '.github/workflows/a.yml', 'release');
      expect(localWorkflowCall(other.context, other.job), uses).toBeUndefined();
    }
  });

  it('descends through calling jobs that declare nothing, not through those with their own block', () => {
    const middle = 'on: workflow_call\njobs:\n  open:\n    uses: ./.github/workflows/_publish.yml\n  closed:\n    permissions: {}\n    uses: ./.github/workflows/_other.yml\n';
    const { context, job } = calleeJob(
      { '.github/workflows/_middle.yml': middle, [CALLEE]: INHERITS, '.github/workflows/_other.yml': INHERITS, '.github/workflows/a.yml': callerWith('').replace(CALLEE, '.github/workflows/_middle.yml') },
      '.github/workflows/a.yml',
      'release',
    );
    expect(calledJobs(context, job).map((called) => `${called.job.workflow.file.projectPath}#${called.job.id}:${called.inherits}:${called.calls.map((call) => call.id).join('>')}`)).toEqual([
      '.github/workflows/_middle.yml#open:true:release',
      '.github/workflows/_publish.yml#npm:true:release>open',
      '.github/workflows/_middle.yml#closed:false:release',
    ]);
  });

  it('localCallers lists the jobs that call a workflow', () => {
    const { context, job } = calleeJob({ [CALLEE]: INHERITS, '.github/workflows/a.yml': callerWith('', '  again:\n    uses: ./.github/workflows/_publish.yml\n') });
    expect(localCallers(context, job.workflow).map((caller) => caller.id)).toEqual(['release', 'again']);
  });
});

describe('passedSecret', () => {
  const callOf = (secrets: string) => {
    const { context, job } = calleeJob({ [CALLEE]: INHERITS, '.github/workflows/a.yml': callerWith('', secrets) }, '.github/workflows/a.yml', 'release');
    return localWorkflowCall(context, job)!;
  };

  it('maps a callee secret to what the caller passes', () => {
    const call = callOf('    secrets:\n      npm_token: ${{ secrets.NPM_PUBLISH }}\n      EMPTY: ""\n      OTHER: ${{ steps.x.outputs.y }}\n');
    expect(passedSecret(call, 'NPM_TOKEN')).toMatchObject({ secrets: ['NPM_PUBLISH'], literal: false });
    expect(passedSecret(call, 'EMPTY')).toBe('absent');
    expect(passedSecret(call, 'MISSING')).toBe('absent');
    expect(passedSecret(call, 'OTHER')).toBeUndefined();
  });

  it('`secrets: inherit` passes every secret under its own name; no `secrets:` passes none', () => {
    expect(passedSecret(callOf('    secrets: inherit\n'), 'NPM_TOKEN')).toMatchObject({ secrets: ['NPM_TOKEN'], literal: false });
    expect(passedSecret(callOf(''), 'NPM_TOKEN')).toBe('absent');
  });
});
