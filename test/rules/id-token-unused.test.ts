import { idTokenUnused } from '../../src/rules/id-token-unused.js';
import { testRule, workflow } from '../rule-tester.js';

const job = (steps: string, permissions = '\n        contents: read\n        id-token: write') => workflow`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      permissions:${permissions}
      steps:
${steps}
`;

const callee = (steps: string, permissions = '') =>
  `on: workflow_call\njobs:\n  inner:\n    runs-on: ubuntu-latest\n${permissions}    steps:\n${steps}\n`;

testRule(idTokenUnused, {
  valid: [
    { name: 'an npm publish uses it', code: job('        - run: npm publish') },
    { name: 'a cloud login uses it', code: job('        - uses: aws-actions/configure-aws-credentials@v4\n          with: { role-to-assume: arn }') },
    { name: 'an attestation uses it', code: job('        - uses: actions/attest-build-provenance@v2') },
    { name: 'PyPI trusted publishing', code: job('        - uses: pypa/gh-action-pypi-publish@release/v1') },
    { name: 'a release script it cannot read may use it (maybe)', code: job('        - run: pnpm release') },
    { name: 'an action with a role input may use it (maybe)', code: job('        - uses: acme/deploy@v1\n          with: { role: x }') },
    { name: 'a local action that cannot be read (maybe)', code: job('        - uses: ./.github/actions/missing') },
    {
      // fastapi: tiangolo/pr-submit exchanges the job's OIDC token for a GitHub App token.
      name: 'an action that hands out a token without being given a secret (maybe)',
      code: job('        - uses: tiangolo/pr-submit@v1\n          id: pr\n        - run: gh pr create\n          env: { GH_TOKEN: "${{ steps.pr.outputs.token }}" }'),
    },
    { name: "the repository's own tool signs or attests (sigstore-js, maybe)", code: job('        - run: ./packages/cli/bin/run attest --out bundle.json artifact') },
    { name: "Datadog's STS key exchange uses it", code: job('        - uses: DataDog/dd-sts-action@v1\n          with: { policy: ci }') },
    {
      // DataDog/dd-trace-js: a composite action that says it exchanges the OIDC token, wrapping one that does.
      name: 'a local action that says it exchanges an OIDC token (maybe)',
      code: job('        - uses: ./.github/actions/get-key'),
      files: { '.github/actions/get-key/action.yml': 'name: Get key\ndescription: Exchange GitHub OIDC token for an API key.\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n' },
    },
    { name: "Pullfrog's GitHub App token exchange uses it", code: job('        - uses: pullfrog/pullfrog@v0') },
    {
      // unjs/h3: changelogen publishes where we cannot see, with provenance switched on in env.
      name: 'npm provenance enabled in env for a publish we cannot see (maybe)',
      code: job('        - run: pnpm changelogen --canary nightly --publish\n          env: { NPM_CONFIG_PROVENANCE: true }'),
    },
    { name: 'pkg.pr.new preview uploads use it', code: job('        - run: pnpx pkg-pr-new publish --compact') },
    { name: 'no id-token grant (negative control)', code: job('        - run: npm test', '\n        contents: read') },
    { name: 'id-token: none', code: job('        - run: npm test', '\n        id-token: none') },
    { name: 'an expression', code: job('        - run: npm test', ' ${{ fromJSON(inputs.permissions) }}') },
    {
      name: 'an inherited grant used by the job',
      code: workflow`
        on: push
        permissions:
          id-token: write
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
      `,
    },
    {
      name: 'a remote reusable workflow may need it',
      code: workflow`
        on: push
        jobs:
          call:
            permissions:
              id-token: write
            uses: acme/shared/.github/workflows/release.yml@v1
      `,
    },
    {
      name: 'a local called workflow whose job asks for it',
      code: workflow`
        on: push
        jobs:
          call:
            permissions:
              id-token: write
            uses: ./.github/workflows/publish.yml
      `,
      files: { '.github/workflows/publish.yml': callee('      - run: echo hi', '    permissions:\n      id-token: write\n') },
    },
    { name: 'a consumer from options', code: job('        - uses: acme/login@v1'), options: { consumerActions: ['acme/login'] } },
  ],
  invalid: [
    {
      name: 'an inherited grant: at the job, never at the workflow entry (id-token-job-scope\'s)',
      code: workflow`
        on: push
        permissions:
          contents: read
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
          own:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            steps:
              - run: npm test
      `,
      errors: [{ messageId: 'inherited', line: 6, column: 3, endLine: 6, endColumn: 7, data: { job: 'test' }, related: ['4:3'] }],
    },
    {
      name: 'a test job',
      code: job('        - uses: actions/checkout@v5\n        - run: npm ci && npm test'),
      errors: [{ messageId: 'unused', line: 7, column: 7, endLine: 7, endColumn: 22, data: { job: 'build' } }],
    },
    {
      // Negative control for the token heuristic: an app token made from a private key is no OIDC exchange.
      name: 'an action that hands out a token made from a secret',
      code: job('        - uses: actions/create-github-app-token@v2\n          id: app\n          with: { app-id: 1, private-key: "${{ secrets.KEY }}" }\n        - run: gh pr create\n          env: { GH_TOKEN: "${{ steps.app.outputs.token }}" }'),
      errors: [{ messageId: 'unused', line: 7, column: 7, endLine: 7, endColumn: 22, data: { job: 'build' } }],
    },
    {
      // Negative control for the provenance signal: provenance switched off is no intent to sign.
      name: 'npm provenance disabled in env',
      code: job('        - run: pnpm changelogen --canary nightly --publish\n          env: { NPM_CONFIG_PROVENANCE: false }'),
      errors: [{ messageId: 'unused', line: 7, column: 7, endLine: 7, endColumn: 22, data: { job: 'build' } }],
    },
    {
      name: 'flow style',
      code: job('        - run: make', ' { contents: read, id-token: write }'),
      errors: [{ messageId: 'unused', line: 5, column: 36, endLine: 5, endColumn: 51 }],
    },
    {
      name: 'a local called workflow that never uses it',
      code: workflow`
        on: push
        jobs:
          call:
            permissions:
              id-token: write
            uses: ./.github/workflows/test.yml
      `,
      files: { '.github/workflows/test.yml': callee('      - run: npm test') },
      errors: [{ messageId: 'unused', line: 5, column: 7, endLine: 5, endColumn: 22, data: { job: 'call' } }],
    },
  ],
});
