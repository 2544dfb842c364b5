import { idTokenJobScope } from '../../src/rules/id-token-job-scope.js';
import { testRule, workflow } from '../rule-tester.js';

/** A reusable workflow whose job takes the caller's grant and publishes through trusted publishing. */
const CALLED_PUBLISH = 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
/** A reusable workflow that never requests an OIDC token. */
const CALLED_TESTS = 'on: workflow_call\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';

const CALLING = (uses: string) =>
  `on: push\npermissions:\n  contents: read\n  id-token: write\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n  release:\n    uses: ${uses}\n`;
/** CALLING after --fix: the grant moves onto the calling job, which a `uses:` job may carry. */
const CALLING_FIXED = (uses: string) =>
  `on: push\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n  release:\n    uses: ${uses}\n    permissions:\n      contents: read\n      id-token: write\n`;

testRule(idTokenJobScope, {
  valid: [
    {
      name: 'a job with a misspelt `permission:` block: which jobs inherit the grant is unknown',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: write }
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps: [{ run: npm publish }]
          test:
            runs-on: ubuntu-latest
            permission: { contents: read }
            steps: [{ run: npm test }]
      `,
    },
    {
      name: 'a remote reusable workflow may use the grant: no job certainly does, silent',
      code: CALLING('acme/workflows/.github/workflows/publish.yml@v1'),
    },
    {
      name: 'pub.dev publishing takes the token too',
      code: workflow`
        on: push
        permissions: { id-token: write }
        jobs:
          test: { runs-on: ubuntu-latest, permissions: { contents: read }, steps: [{ run: dart test }] }
          publish: { runs-on: ubuntu-latest, steps: [{ run: dart pub publish --force }] }
      `,
    },
    {
      name: 'id-token on the publish job only',
      code: workflow`
        on: push
        permissions: { contents: read }
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm ci && npm test }] }
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            steps: [{ run: npm publish }]
      `,
    },
    {
      name: 'a single job gains nothing from moving it',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: write }
        jobs:
          publish: { runs-on: ubuntu-latest, steps: [{ run: npm ci }, { run: npm publish }] }
      `,
    },
    {
      name: 'every other job declares its own permissions',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: write }
        jobs:
          test: { runs-on: ubuntu-latest, permissions: { contents: read }, steps: [{ run: npm test }] }
          publish: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
      `,
    },
    {
      name: 'every job uses OIDC (publish, attest, cloud login, reusable call)',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: write }
        jobs:
          publish: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
          attest: { runs-on: ubuntu-latest, steps: [{ uses: actions/attest-build-provenance@v2, with: { subject-path: dist } }] }
          deploy: { runs-on: ubuntu-latest, steps: [{ uses: aws-actions/configure-aws-credentials@v4, with: { role-to-assume: arn } }] }
          docs: { uses: ./.github/workflows/docs.yml }
      `,
    },
    {
      name: 'no job certainly uses OIDC: the consumer is hidden (a release script), stay silent',
      code: workflow`
        on: push
        permissions: { contents: write, id-token: write }
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
          release: { runs-on: ubuntu-latest, steps: [{ run: ./scripts/release.sh }] }
      `,
    },
    {
      name: 'id-token none',
      code: workflow`
        on: push
        permissions: { id-token: none }
        jobs:
          a: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
          b: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
      `,
    },
    {
      name: 'id-token from an expression is unknown',
      code: workflow`
        on: workflow_call
        permissions: { id-token: "\${{ inputs.oidc && 'write' || 'none' }}" }
        jobs:
          a: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
          b: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
      `,
    },
    {
      name: 'read-all does not grant id-token',
      code: workflow`
        on: push
        permissions: read-all
        jobs:
          a: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
          b: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
      `,
    },
    {
      name: 'a dry-run publish performs the OIDC exchange: a consumer',
      code: workflow`
        on: push
        permissions: { id-token: write }
        jobs:
          verify: { runs-on: ubuntu-latest, steps: [{ run: npm publish --dry-run --loglevel verbose }] }
          publish: { runs-on: ubuntu-latest, needs: verify, steps: [{ run: npm publish }] }
      `,
    },
    {
      name: 'a GitHub Packages publish is not a certain consumer, so nothing is',
      code: workflow`
        on: push
        permissions: { id-token: write, packages: write }
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
          gpr:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: "https://npm.pkg.github.com" }
              - run: npm publish
      `,
    },
    {
      name: 'a consumer action named in the options',
      options: { consumerActions: ['my-org/cloud-login'] },
      code: workflow`
        on: push
        permissions: { id-token: write }
        jobs:
          login: { runs-on: ubuntu-latest, steps: [{ uses: my-org/cloud-login@v1 }] }
          publish: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
      `,
    },
  ],
  invalid: [
    {
      name: 'a local reusable workflow that publishes through OIDC is a consumer: the grant belongs on the calling job',
      code: CALLING('./.github/workflows/_publish.yml'),
      files: { '.github/workflows/_publish.yml': CALLED_PUBLISH },
      errors: [
        {
          messageId: 'moveToJobs',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 18,
          related: ['6:3'],
          data: { grant: '`id-token: write`', needless: 'job `lint`, which never requests an OIDC token', consumers: '`release`' },
        },
      ],
      output: CALLING_FIXED('./.github/workflows/_publish.yml'),
    },
    {
      name: 'a called workflow that never requests a token is needless too',
      code: `${CALLING('./.github/workflows/_publish.yml')}  tests:\n    uses: ./.github/workflows/_tests.yml\n`,
      files: { '.github/workflows/_publish.yml': CALLED_PUBLISH, '.github/workflows/_tests.yml': CALLED_TESTS },
      errors: [{ messageId: 'moveToJobs', line: 4, column: 3, endLine: 4, endColumn: 18, related: ['6:3', '12:3'], messageIncludes: ['jobs `lint`, `tests`'] }],
      output: `${CALLING_FIXED('./.github/workflows/_publish.yml')}  tests:\n    uses: ./.github/workflows/_tests.yml\n`,
    },
    {
      name: 'workflow-level id-token reaches the test job (spec example)',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: write }
        jobs:
          test:    { runs-on: ubuntu-latest, steps: [ { run: npm ci && npm test } ] }
          publish: { runs-on: ubuntu-latest, needs: test, steps: [ { run: npm publish } ] }
      `,
      output: workflow`
        on: push
        permissions: { contents: read }
        jobs:
          test:    { runs-on: ubuntu-latest, steps: [ { run: npm ci && npm test } ] }
          publish: { runs-on: ubuntu-latest, needs: test, permissions: { contents: read, id-token: write }, steps: [ { run: npm publish } ] }
      `,
      errors: [
        {
          messageId: 'moveToJobs',
          line: 2,
          column: 32,
          endLine: 2,
          endColumn: 47,
          data: { grant: '`id-token: write`', needless: 'job `test`, which never requests an OIDC token', consumers: '`publish`' },
        },
      ],
    },
    {
      name: 'block style, several needless jobs, a maybe job is not called needless',
      code: workflow`
        on: push
        permissions:
          contents: write
          id-token: write
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: npm run lint
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          docs:
            runs-on: ubuntu-latest
            steps:
              - uses: ./.github/actions/deploy-docs
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
      `,
      output: workflow`
        on: push
        permissions:
          contents: write
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: npm run lint
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          docs:
            runs-on: ubuntu-latest
            permissions:
              contents: write
              id-token: write
            steps:
              - uses: ./.github/actions/deploy-docs
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: write
              id-token: write
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
      `,
      errors: [
        {
          messageId: 'moveToJobs',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 18,
          data: { grant: '`id-token: write`', needless: 'jobs `lint`, `test`, which never request an OIDC token', consumers: '`docs`, `publish`' },
        },
      ],
    },
    {
      name: 'write-all at the top, consumers with their own permissions',
      code: workflow`
        on: push
        permissions: write-all
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: npm publish }]
      `,
      // top-level-permissions-empty moves a `write-all` top; this rule does not.
      output: null,
      errors: [
        {
          messageId: 'notNeededAtTop',
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 23,
          data: { grant: '`permissions: write-all` (which includes `id-token: write`)', needless: 'job `test`, which never requests an OIDC token', consumers: '`publish`' },
        },
      ],
    },
    {
      name: 'fix: the consumers declare their own blocks: the grant only leaves the top, its comment stays',
      code: workflow`
        on: push
        permissions:
          contents: read
          id-token: write # for the cloud login
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          deploy:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: aws-actions/configure-aws-credentials@v4
                with:
                  role-to-assume: arn:aws:iam::1:role/x
      `,
      output: workflow`
        on: push
        permissions:
          contents: read
          # for the cloud login
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          deploy:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: aws-actions/configure-aws-credentials@v4
                with:
                  role-to-assume: arn:aws:iam::1:role/x
      `,
      errors: [
        {
          messageId: 'notNeededAtTop', line: 4, column: 3, endLine: 4, endColumn: 18,
        },
      ],
    },
    {
      name: 'fix: id-token alone at the top: the top becomes `{}` and the consumer gets the grant',
      code: workflow`
        on: push
        permissions:
          id-token: write
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
      `,
      output: workflow`
        on: push
        permissions: {}
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'moveToJobs', line: 3, column: 3, endLine: 3, endColumn: 18,
        },
      ],
    },
    {
      name: 'no fix when a consumer cannot take a block (its mapping is anchored: an edit would reach its aliases too)',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: write }
        jobs:
          test: { runs-on: ubuntu-latest, steps: [ { run: npm test } ] }
          publish: &publish { runs-on: ubuntu-latest, steps: [ { run: npm publish } ] }
      `,
      output: null,
      errors: [
        {
          messageId: 'moveToJobs', line: 2, column: 32, endLine: 2, endColumn: 47,
        },
      ],
    },
  ],
});
