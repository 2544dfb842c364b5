import { publishDangerousTrigger } from '../../src/rules/publish-dangerous-trigger.js';
import { testRule, workflow } from '../rule-tester.js';

const on = (trigger: string, steps: string, permissions = '{ contents: read, id-token: write }') => workflow`
  on: ${trigger}
  jobs:
    release:
      runs-on: ubuntu-latest
      permissions: ${permissions}
      steps:
${steps}
`;

const build = { '.github/workflows/build.yml': 'name: Build\non: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n' };
const prBuild = { '.github/workflows/build.yml': 'name: Build\non: pull_request\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n' };

testRule(publishDangerousTrigger, {
  valid: [
    {
      // Registries bind a trusted publisher to a workflow file: a token minted in a file that publishes nothing is not accepted.
      name: 'id-token: write under issue_comment in a workflow with no publish (an agent, a cloud login)',
      code: on('[issue_comment, push]', '        - run: echo hi'),
    },
    { name: 'a publish on push', code: on('push', '        - run: npm publish') },
    { name: 'pull_request_target without publish credentials (negative control)', code: on('pull_request_target', '        - run: npm test', '{ contents: read }') },
    { name: 'workflow_run after a workflow no pull request starts', code: on('{ workflow_run: { workflows: [Build], types: [completed] } }', '        - run: npm publish'), files: build },
    { name: 'event data through env is safe', code: on('push', '        - run: echo "$TITLE" && npm publish\n          env:\n            TITLE: ${{ github.event.head_commit.message }}') },
    { name: 'a trusted field in run', code: on('push', '        - run: npm publish --tag ${{ github.ref_name }}') },
    { name: 'untrusted text in a job that cannot publish', code: on('push', '        - run: echo "${{ github.event.head_commit.message }}"', '{ contents: read }') },
    { name: 'the checkout of the pushed commit', code: on('push', '        - uses: actions/checkout@v5\n          with: { ref: "${{ github.sha }}" }\n        - run: npm publish') },
  ],
  invalid: [
    {
      name: 'a publish under pull_request_target, with a checkout of the head',
      code: on('pull_request_target', '        - uses: actions/checkout@v5\n          with:\n            ref: ${{ github.event.pull_request.head.sha }}\n        - run: npm publish'),
      errors: [
        { messageId: 'dangerousTrigger', line: 3, column: 3, endLine: 3, endColumn: 10, data: { job: 'release', why: 'publishes with `npm publish`', trigger: 'pull_request_target' }, related: ['1:5', '10:14'] },
        {
          messageId: 'headCheckout',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 57,
          data: { job: 'release', why: 'publishes with `npm publish`', value: '${{ github.event.pull_request.head.sha }}', trigger: 'pull_request_target' },
        },
      ],
    },
    {
      name: 'workflow_run after a pull_request workflow',
      code: on('{ workflow_run: { workflows: [Build], types: [completed] } }', '        - run: npm publish'),
      files: prBuild,
      errors: [{ messageId: 'dangerousTrigger', line: 3, column: 3, endLine: 3, endColumn: 10 }],
    },
    {
      name: 'workflow_run after a workflow that cannot be found',
      code: on('{ workflow_run: { workflows: [Elsewhere] } }', '        - run: npm publish'),
      errors: [{ messageId: 'dangerousTrigger', line: 3, column: 3, endLine: 3, endColumn: 10 }],
    },
    {
      name: 'id-token: write under issue_comment in a job that does not publish, beside one that does (same workflow file)',
      code: on('[issue_comment, push]', '        - run: echo hi\n    publish:\n      runs-on: ubuntu-latest\n      permissions: { id-token: write }\n      steps:\n        - run: npm publish'),
      errors: [
        { messageId: 'idTokenOnDangerousTrigger', line: 3, column: 3, endLine: 3, endColumn: 10, data: { job: 'release', trigger: 'issue_comment' }, related: ['1:6'] },
        { messageId: 'dangerousTrigger', line: 8, column: 3, endLine: 8, endColumn: 10 },
      ],
    },
    {
      name: 'untrusted text expanded into the publish script, on any trigger',
      // A directive line inside a `run: |` block would be part of the script.
      skipSuppressionCheck: true,
      code: on('push', '        - run: |\n            echo "${{ github.event.head_commit.message }}"\n            npm publish --tag ${{ github.head_ref }}'),
      errors: [
        { messageId: 'untrustedInput', line: 8, column: 17, endLine: 8, endColumn: 56, data: { job: 'release', why: 'publishes with `npm publish`', field: 'github.event.head_commit.message' } },
        { messageId: 'untrustedInput', line: 9, column: 29, endLine: 9, endColumn: 51, data: { job: 'release', why: 'publishes with `npm publish`', field: 'github.head_ref' } },
      ],
    },
  ],
});
