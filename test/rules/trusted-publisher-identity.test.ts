import { trustedPublisherIdentity } from '../../src/rules/trusted-publisher-identity.js';
import { testRule, workflow } from '../rule-tester.js';

const CALLEE = '.github/workflows/_publish.yml';

/** A reusable workflow that publishes to npmjs through trusted publishing. */
const PUBLISH = workflow`
  on: workflow_call
  permissions: {}
  jobs:
    npm:
      runs-on: ubuntu-latest
      permissions:
        contents: read
        id-token: write
      steps:
        - uses: actions/checkout@v5
        - uses: actions/setup-node@v6
          with:
            node-version: 24
            registry-url: https://registry.npmjs.org
        - run: npm publish
`;

const caller = (trigger: string) => `on: ${trigger}\npermissions: {}\njobs:\n  publish:\n    permissions:\n      contents: read\n      id-token: write\n    uses: ./${CALLEE}\n`;

const TWO_CALLERS = { '.github/workflows/release.yml': caller('push'), '.github/workflows/canary.yml': caller('workflow_dispatch') };

testRule(trustedPublisherIdentity, {
  valid: [
    { name: 'one calling workflow: that file is the trusted publisher', filename: CALLEE, code: PUBLISH, files: { '.github/workflows/release.yml': caller('push') } },
    {
      name: 'two jobs of the same file call it: one workflow starts every run',
      filename: CALLEE,
      code: PUBLISH,
      files: { '.github/workflows/release.yml': `${caller('push')}  again:\n    permissions:\n      id-token: write\n    uses: ./${CALLEE}\n` },
    },
    { name: 'no local caller (another repository may call it)', filename: CALLEE, code: PUBLISH },
    { name: 'a workflow with its own trigger starts runs itself', filename: CALLEE, code: PUBLISH.replace('on: workflow_call', 'on: [workflow_call, push]'), files: TWO_CALLERS },
    {
      name: 'an input decides whether the publish runs: the callers may not both publish',
      filename: CALLEE,
      code: PUBLISH.replace('      - run: npm publish', '      - run: npm publish\n        if: inputs.publish'),
      files: TWO_CALLERS,
    },
    { name: 'an input in the publish arguments', filename: CALLEE, code: PUBLISH.replace('npm publish', 'npm publish --tag ${{ inputs.tag }}'), files: TWO_CALLERS },
    { name: 'a token publish is not a trusted publish', filename: CALLEE, code: PUBLISH.replace('      - run: npm publish', '      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'), files: TWO_CALLERS },
    { name: 'GitHub Packages has no trusted publisher', filename: CALLEE, code: PUBLISH.replace('https://registry.npmjs.org', 'https://npm.pkg.github.com'), files: TWO_CALLERS },
  ],
  invalid: [
    {
      name: 'called from two workflow files: npm trusts one of them',
      filename: CALLEE,
      code: PUBLISH,
      files: TWO_CALLERS,
      errors: [
        {
          messageId: 'severalCallerFiles',
          line: 15,
          column: 14,
          endLine: 15,
          endColumn: 25,
          severity: 1,
          data: { callers: '`canary.yml` and `release.yml`' },
          related: ['.github/workflows/canary.yml:8:11', '.github/workflows/release.yml:8:11'],
        },
      ],
    },
  ],
});
