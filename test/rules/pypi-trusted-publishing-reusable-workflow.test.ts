import { readFileSync } from 'node:fs';
import { pypiTrustedPublishingReusableWorkflow } from '../../src/rules/pypi-trusted-publishing-reusable-workflow.js';
import { testRule, workflow } from '../rule-tester.js';

const zizmor = (name: string) => readFileSync(new URL(`../fixtures/zizmor-tp/${name}`, import.meta.url), 'utf8');

testRule(pypiTrustedPublishingReusableWorkflow, {
  valid: [
    {
      name: 'trusted publishing in a workflow started by a tag push',
      code: workflow`
        on: { push: { tags: ['v*'] } }
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
      `,
    },
    {
      name: 'a reusable workflow that uploads with a token, to a private index, or only builds',
      code: workflow`
        on: workflow_call
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ secrets.PYPI_TOKEN }}
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  repository-url: https://pypi.example.com/legacy/
              - run: uv build
      `,
    },
    {
      name: 'a workflow that is also started directly (workflow_dispatch): the trusted publisher can name it',
      code: workflow`
        on: [workflow_call, workflow_dispatch]
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
      `,
    },
    {
      name: 'a tokenless uv publish in a reusable job without id-token: write (publish-job-needs-id-token territory)',
      code: workflow`
        on: workflow_call
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            steps:
              - run: uv publish
      `,
    },
  ],
  invalid: [
    {
      name: 'zizmor issue-1191-repro.yml: uv publish through trusted publishing in a reusable workflow (zizmor: no finding)',
      code: zizmor('use-trusted-publishing/issue-1191-repro.yml'),
      errors: [{ messageId: 'reusableWorkflow', line: 24, column: 14, endLine: 24, endColumn: 36, data: { tool: '`uv publish`' } }],
    },
    {
      name: 'the pypa action without password, and to TestPyPI, in a reusable workflow',
      code: workflow`
        on:
          workflow_call:
            inputs:
              version: { type: string }
        jobs:
          pypi:
            runs-on: ubuntu-latest
            environment: pypi
            permissions:
              id-token: write
            steps:
              - uses: actions/download-artifact@v5
              - uses: pypa/gh-action-pypi-publish@release/v1
              - uses: pypa/gh-action-pypi-publish@v1.13.0
                with:
                  repository-url: https://test.pypi.org/legacy/
      `,
      errors: [
        { messageId: 'reusableWorkflow', line: 13, column: 15, endLine: 13, endColumn: 53, data: { tool: '`pypa/gh-action-pypi-publish`' } },
        { messageId: 'reusableWorkflow', line: 14, column: 15, endLine: 14, endColumn: 50, data: { tool: '`pypa/gh-action-pypi-publish`' } },
      ],
    },
  ],
});
