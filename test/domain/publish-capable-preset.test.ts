import { describe, expect, it } from 'vitest';
import type { JobNode } from '../../src/engine/ast.js';
import { isPublishCapable } from '../../src/domain/publish/publish-capable.js';
import { analysis } from '../engine/helpers.js';

const WORKFLOW = '.github/workflows/ci.yml';

/** Whether each job of the workflow at `WORKFLOW` is publish-capable, by job id. */
function capable(files: Record<string, string>): Record<string, boolean> {
  const context = analysis(files);
  const model = context.project.model(WORKFLOW);
  if (model?.kind !== 'workflow') throw new Error(`no workflow at ${WORKFLOW}`);
  return Object.fromEntries(model.workflow.jobs.map((job: JobNode) => [job.id, isPublishCapable(context, job)]));
}

const job = (body: string) => `    runs-on: ubuntu-latest\n${body}`;

describe('isPublishCapable', () => {
  it('a job that publishes (any tool the registries know) is; one that only tests is not', () => {
    expect(
      capable({
        [WORKFLOW]: `on: push\njobs:\n  publish:\n${job('    steps:\n      - run: npm publish\n')}  test:\n${job('    steps:\n      - run: npm test\n')}`,
      }),
    ).toEqual({ publish: true, test: false });
  });

  // A dry run under `id-token: write` counts: the job can still mint a token the registry accepts.
  it('a job that publishes to another registry is, with OIDC or a token, as is a dry run that holds the grant; an attestation or a cloud login is not', () => {
    expect(
      capable({
        [WORKFLOW]: [
          'on: push',
          'jobs:',
          '  pypi:',
          job('    permissions: { id-token: write }\n    steps:\n      - uses: actions/attest-build-provenance@v3\n      - uses: pypa/gh-action-pypi-publish@release/v1\n'),
          '  password:',
          job('    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n        with: { password: \"${{ secrets.PYPI }}\" }\n'),
          '  dry-run:',
          job('    permissions: { id-token: write }\n    steps:\n      - run: deno publish --dry-run\n'),
          '  attest:',
          job('    permissions: { id-token: write }\n    steps:\n      - uses: actions/attest-build-provenance@v3\n'),
          '  aws:',
          job('    permissions: { id-token: write }\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v5\n        with: { role-to-assume: arn }\n'),
          '',
        ].join('\n'),
      }),
    ).toEqual({ pypi: true, password: true, 'dry-run': true, attest: false, aws: false });
  });

  it('a job that holds a registry token bound to a secret is, at the workflow, job or step level; a literal or GITHUB_TOKEN is not', () => {
    expect(
      capable({
        [WORKFLOW]: [
          'on: push',
          'jobs:',
          '  step:',
          job('    steps:\n      - run: ./release.sh\n        env:\n          TWINE_PASSWORD: ${{ secrets.PYPI }}\n'),
          '  job:',
          job('    env:\n      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n    steps:\n      - run: ./release.sh\n'),
          '  wildcard:',
          job('    env:\n      poetry_pypi_token_internal: ${{ vars.TOKEN }}\n    steps:\n      - run: make\n'),
          '  literal:',
          job('    env:\n      NODE_AUTH_TOKEN: placeholder\n    steps:\n      - run: ./release.sh\n'),
          '  github-token:',
          job('    env:\n      NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n    steps:\n      - run: npm ci\n'),
          '  other-name:',
          job('    env:\n      SLACK_TOKEN: ${{ secrets.SLACK }}\n    steps:\n      - run: ./notify.sh\n'),
          '',
        ].join('\n'),
      }),
    ).toEqual({ step: true, job: true, wildcard: true, literal: false, 'github-token': false, 'other-name': false });
    expect(
      capable({ [WORKFLOW]: `on: push\nenv:\n  GEM_HOST_API_KEY: \${{ secrets.GEM }}\njobs:\n  a:\n${job('    steps:\n      - run: make\n')}` }),
    ).toEqual({ a: true });
  });

  it('a job that calls a local workflow that publishes is (its grant is the callee\'s ceiling); one whose callee does not publish is not', () => {
    expect(
      capable({
        [WORKFLOW]: 'on: push\njobs:\n  release:\n    permissions: { id-token: write }\n    uses: ./.github/workflows/_publish.yml\n  docs:\n    uses: ./.github/workflows/_docs.yml\n  remote:\n    uses: octo/repo/.github/workflows/publish.yml@v1\n',
        '.github/workflows/_publish.yml': 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n',
        '.github/workflows/_docs.yml': 'on: workflow_call\njobs:\n  pages:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run docs\n',
      }),
    ).toEqual({ release: true, docs: false, remote: false });
  });
});
