import { reusablePublishIdToken } from '../../src/rules/reusable-publish-id-token.js';
import { testRule, workflow } from '../rule-tester.js';

const CALLER = '.github/workflows/release.yml';

/** A called workflow whose job asks for the grant itself. */
const REQUESTS = workflow`
  on: workflow_call
  jobs:
    npm:
      runs-on: ubuntu-latest
      permissions:
        contents: read
        id-token: write
      steps:
        - run: npm publish
`;

/** A called workflow that declares nothing: its jobs take the caller's grant. */
const INHERITS = workflow`
  on:
    workflow_call:
      secrets:
        NPM_TOKEN:
          required: false
  jobs:
    npm:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/setup-node@v5
          with:
            node-version: 24
        - run: npm publish
`;

const INHERITS_PROVENANCE_WITH_TOKEN = workflow`
  on: workflow_call
  jobs:
    npm:
      runs-on: ubuntu-latest
      steps:
        - run: npm publish --provenance
          env:
            NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const INHERITS_WITH_TOKEN = workflow`
  on: workflow_call
  jobs:
    npm:
      runs-on: ubuntu-latest
      steps:
        - run: npm publish
          env:
            NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

/** A called workflow that calls another one in turn, through a job that declares nothing. */
const MIDDLE = workflow`
  on: workflow_call
  jobs:
    inner:
      uses: ./.github/workflows/_publish.yml
`;

/** The calling workflow; `permissions` is the calling job's own block, written at its indentation. */
const caller = (permissions: string) =>
  `on:\n  push:\n    tags: ['v*']\npermissions: {}\njobs:\n  publish:\n${permissions}    uses: ./.github/workflows/_publish.yml\n`;

testRule(reusablePublishIdToken, {
  valid: [
    {
      name: 'the calling job grants id-token: write',
      filename: CALLER,
      code: caller('    permissions:\n      contents: read\n      id-token: write\n'),
      files: { '.github/workflows/_publish.yml': REQUESTS },
    },
    {
      name: 'an inheriting callee under a caller that grants it',
      filename: CALLER,
      code: caller('    permissions:\n      id-token: write\n'),
      files: { '.github/workflows/_publish.yml': INHERITS },
    },
    {
      name: 'write-all at the calling job includes id-token',
      filename: CALLER,
      code: caller('    permissions: write-all\n'),
      files: { '.github/workflows/_publish.yml': REQUESTS },
    },
    {
      name: 'a remote reusable workflow cannot be read: silent',
      filename: CALLER,
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            uses: acme/workflows/.github/workflows/publish.yml@v1
      `,
    },
    {
      name: 'a callee that cannot be read (missing file): silent',
      filename: CALLER,
      code: caller(''),
    },
    {
      name: 'a callee that is not on: workflow_call is not a reusable workflow',
      filename: CALLER,
      code: caller(''),
      files: { '.github/workflows/_publish.yml': REQUESTS.replace('on: workflow_call', 'on: push') },
    },
    {
      name: 'the caller grant is an expression: unknown, silent',
      filename: CALLER,
      code: caller('    permissions: ${{ fromJSON(vars.PERMS) }}\n'),
      files: { '.github/workflows/_publish.yml': REQUESTS },
    },
    {
      name: 'an inheriting callee whose publish carries a token does not need the grant',
      filename: CALLER,
      code: caller(''),
      files: { '.github/workflows/_publish.yml': INHERITS_WITH_TOKEN },
    },
    {
      name: 'a callee job that declares its own block without id-token is reported in its own file (publish-job-needs-id-token)',
      filename: CALLER,
      code: caller(''),
      files: { '.github/workflows/_publish.yml': REQUESTS.replace('      id-token: write\n', '') },
    },
    {
      name: 'a callee publishing to GitHub Packages needs no OIDC',
      filename: CALLER,
      code: caller(''),
      files: {
        '.github/workflows/_publish.yml': INHERITS.replace('node-version: 24', "node-version: 24\n          registry-url: https://npm.pkg.github.com"),
      },
    },
    {
      name: 'a cycle of calls is not followed',
      filename: CALLER,
      code: caller(''),
      files: { '.github/workflows/_publish.yml': MIDDLE.replace('_publish.yml', '_publish.yml') },
    },
  ],
  invalid: [
    {
      name: 'the spec example: a top-level permissions: {} and a caller job without its own block',
      filename: CALLER,
      code: caller(''),
      files: { '.github/workflows/_publish.yml': REQUESTS },
      errors: [
        {
          messageId: 'nestedRequestsIdToken',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 43,
          related: ['4:1', '.github/workflows/_publish.yml:7:7'],
          messageIncludes: ["The nested job 'npm' is requesting 'id-token: write'", '`_publish.yml` job `npm`', 'workflow-level `permissions`'],
        },
      ],
    },
    {
      name: 'the caller job grants contents only',
      filename: CALLER,
      code: caller('    permissions:\n      contents: read\n'),
      files: { '.github/workflows/_publish.yml': REQUESTS },
      errors: [
        {
          messageId: 'nestedRequestsIdToken',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 43,
          related: ['7:5', '.github/workflows/_publish.yml:7:7'],
          messageIncludes: ['its own `permissions` do not grant'],
        },
      ],
    },
    {
      name: 'no permissions anywhere: the repository default never grants id-token',
      filename: CALLER,
      code: workflow`
        on: push
        jobs:
          publish:
            uses: ./.github/workflows/_publish.yml
      `,
      files: { '.github/workflows/_publish.yml': REQUESTS },
      errors: [{ messageId: 'nestedRequestsIdToken', line: 4, column: 11, endLine: 4, endColumn: 43, related: ['.github/workflows/_publish.yml:7:7'], messageIncludes: ['repository default'] }],
    },
    {
      name: 'an inheriting callee publishes without a token: no OIDC token to trade',
      filename: CALLER,
      code: caller('    permissions:\n      contents: read\n'),
      files: { '.github/workflows/_publish.yml': INHERITS },
      errors: [
        {
          messageId: 'inheritedPublishWithoutIdToken',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 43,
          related: ['7:5', '.github/workflows/_publish.yml:13:14'],
          data: {
            job: 'publish',
            callee: '`_publish.yml` job `npm`',
            why: 'its own `permissions` do not grant `id-token: write`',
            nested: 'npm',
            andProvenance: '',
          },
        },
      ],
    },
    {
      name: 'an inheriting callee asks for provenance with a token: EUSAGE without the grant',
      filename: CALLER,
      code: caller(''),
      files: { '.github/workflows/_publish.yml': INHERITS_PROVENANCE_WITH_TOKEN },
      errors: [{ messageId: 'inheritedProvenanceWithoutIdToken', line: 7, column: 11, endLine: 7, endColumn: 43, related: ['4:1', '.github/workflows/_publish.yml:6:14'] }],
    },
    {
      name: 'two levels: the middle job declares nothing, so the outer caller is the ceiling',
      filename: CALLER,
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            uses: ./.github/workflows/_middle.yml
      `,
      files: { '.github/workflows/_middle.yml': MIDDLE, '.github/workflows/_publish.yml': REQUESTS },
      errors: [
        {
          messageId: 'nestedRequestsIdToken',
          line: 5,
          column: 11,
          endLine: 5,
          endColumn: 42,
          related: ['2:1', '.github/workflows/_middle.yml:4:11', '.github/workflows/_publish.yml:7:7'],
          messageIncludes: ['`_publish.yml` job `npm`'],
        },
      ],
    },
  ],
});
