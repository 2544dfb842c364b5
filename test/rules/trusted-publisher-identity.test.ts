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

/** A release workflow that publishes `pkg` (the root package) through trusted publishing. */
const RELEASE = workflow`
  on:
    push:
      tags: ['v*']
  permissions: {}
  jobs:
    publish:
      runs-on: ubuntu-latest
      environment: npm
      permissions:
        contents: read
        id-token: write
      steps:
        - uses: actions/setup-node@v6
          with:
            node-version: 24
        - run: npm publish
`;
const PKG = { 'package.json': '{ "name": "pkg", "version": "1.0.0" }' };
const publishers = (entry: object) => ({ trustedPublishers: { pkg: entry } });

const TWO_CALLERS = { '.github/workflows/release.yml': caller('push'), '.github/workflows/canary.yml': caller('workflow_dispatch') };

testRule(trustedPublisherIdentity, {
  valid: [
    { name: 'the configured publisher names this file and environment', filename: '.github/workflows/release.yml', code: RELEASE, files: PKG, settings: publishers({ workflow: 'release.yml', environment: 'npm' }) },
    { name: 'another package is configured, not this one', filename: '.github/workflows/release.yml', code: RELEASE, files: PKG, settings: { trustedPublishers: { other: { workflow: 'x.yml' } } } },
    { name: 'a called workflow is checked against its callers: the caller is registered', filename: CALLEE, code: PUBLISH, files: { ...PKG, '.github/workflows/release.yml': caller('push') }, settings: publishers({ workflow: 'release.yml' }) },
    { name: 'a called workflow with no local caller: the identity is not known', filename: CALLEE, code: PUBLISH, files: PKG, settings: publishers({ workflow: 'release.yml' }) },
    { name: 'an expression environment is not known', filename: '.github/workflows/release.yml', code: RELEASE.replace('environment: npm', 'environment: ${{ inputs.env }}'), files: PKG, settings: publishers({ workflow: 'release.yml', environment: 'npm' }) },
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
      name: 'the configured workflow differs from the file that starts the run (.yaml vs .yml)',
      filename: '.github/workflows/release.yml',
      code: RELEASE,
      files: PKG,
      settings: publishers({ workflow: 'release.yaml' }),
      errors: [{ messageId: 'workflowMismatch', line: 16, column: 14, endLine: 16, endColumn: 25, data: { package: 'pkg', configured: 'release.yaml', actual: '`release.yml`' } }],
    },
    {
      name: 'a reusable workflow registered under its own name: npm checks the caller',
      filename: CALLEE,
      code: PUBLISH,
      files: { ...PKG, '.github/workflows/release.yml': caller('push') },
      settings: publishers({ workflow: '_publish.yml' }),
      errors: [{ messageId: 'workflowMismatch', line: 15, column: 14, endLine: 15, endColumn: 25, messageIncludes: ['`release.yml`'] }],
    },
    {
      name: 'the configured environment differs, or the job has none',
      filename: '.github/workflows/release.yml',
      code: `${RELEASE}  other:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: npm publish --provenance\n`,
      files: PKG,
      settings: publishers({ workflow: 'release.yml', environment: 'production' }),
      errors: [
        { messageId: 'environmentMismatch', line: 8, column: 5, endLine: 8, endColumn: 16, messageIncludes: ['runs in environment `npm`'] },
        { messageId: 'environmentMismatch', line: 17, column: 3, endLine: 17, endColumn: 8, messageIncludes: ['has no `environment`'] },
      ],
    },
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
