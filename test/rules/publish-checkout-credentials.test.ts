import { publishCheckoutCredentials } from '../../src/rules/publish-checkout-credentials.js';
import { testRule, workflow } from '../rule-tester.js';

/** A job with `id-token: write` and the given steps (indented for the job). */
const job = (steps: string) => workflow`
  on: push
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
      steps:
${steps}
`;

testRule(publishCheckoutCredentials, {
  valid: [
    { name: 'credentials not persisted', code: job('        - uses: actions/checkout@v5\n          with: { persist-credentials: false }\n        - run: npm publish') },
    {
      name: 'a job that does not publish (negative control)',
      code: workflow`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: npm ci && npm test
      `,
    },
    { name: 'id-token: write for a cloud login only is not a publish', code: job('        - uses: actions/checkout@v5\n        - uses: aws-actions/configure-aws-credentials@v4') },
    { name: 'an expression is unknown', code: job('        - uses: actions/checkout@v5\n          with:\n            persist-credentials: ${{ inputs.push }}\n        - run: npm publish') },
    { name: 'another checkout action', code: job('        - uses: someone/checkout@v1\n        - run: npm publish') },
    { name: 'a remote reusable workflow: unknown', code: workflow`
        on: push
        jobs:
          release:
            uses: acme/shared/.github/workflows/release.yml@v1
      ` },
  ],
  invalid: [
    {
      name: 'default persistence, fixed by creating `with:`',
      code: job('        - uses: actions/checkout@v5\n        - uses: actions/setup-node@v5\n        - run: npm publish'),
      errors: [{ messageId: 'persisted', line: 7, column: 15, endLine: 7, endColumn: 34, related: ['9:14'] }],
      output: job('        - uses: actions/checkout@v5\n          with:\n            persist-credentials: false\n        - uses: actions/setup-node@v5\n        - run: npm publish'),
    },
    {
      name: 'an existing `with:` gets the input (flow style kept)',
      code: job('        - uses: actions/checkout@v5\n          with: { fetch-depth: 0 }\n        - run: npm publish'),
      errors: [{ messageId: 'persisted', line: 7, column: 15, endLine: 7, endColumn: 34 }],
      output: job('        - uses: actions/checkout@v5\n          with: { fetch-depth: 0, persist-credentials: false }\n        - run: npm publish'),
    },
    {
      name: 'a registry token makes the job publish-capable',
      code: workflow`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - uses: actions/checkout@v5
              - run: npm ci
      `,
      errors: [{ messageId: 'persisted', line: 8, column: 15, endLine: 8, endColumn: 34, data: { job: 'build', why: 'holds registry token `NODE_AUTH_TOKEN`', how: 'keeps (by default)' } }],
      output: workflow`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - uses: actions/checkout@v5
                with:
                  persist-credentials: false
              - run: npm ci
      `,
    },
    {
      name: 'a later git push needs the credentials: reported, not fixed',
      code: job('        - uses: actions/checkout@v5\n        - run: npm publish && git push --tags'),
      errors: [{ messageId: 'persisted', line: 7, column: 15, endLine: 7, endColumn: 34 }],
      output: null,
    },
    {
      name: 'a release tool or an unknown action after it: not fixed',
      code: job('        - uses: actions/checkout@v5\n        - uses: changesets/action@v1\n          with: { publish: npm publish }'),
      errors: [{ messageId: 'persisted', line: 7, column: 15, endLine: 7, endColumn: 34 }],
      output: null,
    },
    {
      name: 'an explicit `true` is reported, not rewritten',
      code: job('        - uses: actions/checkout@v5\n          with:\n            persist-credentials: true\n        - run: npm publish'),
      errors: [{ messageId: 'persisted', line: 7, column: 15, endLine: 7, endColumn: 34, data: { job: 'publish', why: 'publishes with `npm publish`', how: 'keeps (`persist-credentials: true`)' } }],
      output: null,
    },
    {
      name: 'a PyPI trusted publish',
      code: job('        - uses: actions/checkout@v5\n        - run: python -m build\n        - uses: pypa/gh-action-pypi-publish@release/v1'),
      errors: [{ messageId: 'persisted', line: 7, column: 15, endLine: 7, endColumn: 34, data: { job: 'publish', why: 'publishes with `pypa/gh-action-pypi-publish`', how: 'keeps (by default)' } }],
      output: job('        - uses: actions/checkout@v5\n          with:\n            persist-credentials: false\n        - run: python -m build\n        - uses: pypa/gh-action-pypi-publish@release/v1'),
    },
  ],
});
