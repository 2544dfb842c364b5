import { publishActionsPinned } from '../../src/rules/publish-actions-pinned.js';
import { testRule, workflow } from '../rule-tester.js';

/** A publish job with `id-token: write` and the given steps (indented for the job). */
const job = (steps: string) => workflow`
  on: push
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
      steps:
${steps}
`;

const SHA = '08c6903cd8c0fde910a37f88322edcfb5dd907a8';

testRule(publishActionsPinned, {
  valid: [
    { name: 'a SHA pin', code: job(`        - uses: pnpm/action-setup@${SHA} # v4.1.0\n        - run: pnpm publish`) },
    { name: 'actions/* allowed by default', code: job('        - uses: actions/setup-node@v5\n        - run: npm publish') },
    { name: 'a local action', code: job('        - uses: ./.github/actions/setup\n        - run: npm publish') },
    { name: 'a Docker digest', code: job(`        - uses: docker://alpine@sha256:${'a'.repeat(64)}\n        - run: npm publish`) },
    { name: 'an expression is unknown', code: job('        - uses: ${{ inputs.action }}\n        - run: npm publish') },
    {
      name: 'a job that does not publish (negative control)',
      code: workflow`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: pnpm/action-setup@v4
              - run: pnpm test
      `,
    },
    { name: 'an allowed owner from options', code: job('        - uses: pnpm/action-setup@v4\n        - run: pnpm publish'), options: { allowOwners: ['pnpm'] } },
  ],
  invalid: [
    {
      name: 'a tag and a branch',
      code: job('        - uses: pnpm/action-setup@v4\n        - uses: JS-DevTools/npm-publish@main'),
      errors: [
        { messageId: 'unpinned', line: 7, column: 15, endLine: 7, endColumn: 35, data: { job: 'publish', why: 'publishes with `JS-DevTools/npm-publish`', uses: 'pnpm/action-setup', what: 'tag (`v4`)' }, related: ['8:15'] },
        { messageId: 'unpinned', line: 8, column: 15, endLine: 8, endColumn: 43, data: { job: 'publish', why: 'publishes with `JS-DevTools/npm-publish`', uses: 'JS-DevTools/npm-publish', what: 'ref (`main`)' } },
      ],
    },
    {
      name: 'actions/* too with allowOwners: []',
      code: job('        - uses: actions/setup-node@v5\n        - run: npm publish'),
      options: { allowOwners: [] },
      errors: [{ messageId: 'unpinned', line: 7, column: 15, endLine: 7, endColumn: 36 }],
    },
    {
      name: 'a short SHA is not a pin; a Docker tag neither',
      code: job('        - uses: pnpm/action-setup@08c6903\n        - uses: docker://node:24\n        - run: npm publish'),
      errors: [
        { messageId: 'unpinned', line: 7, column: 15, endLine: 7, endColumn: 40, data: { job: 'publish', why: 'publishes with `npm publish`', uses: 'pnpm/action-setup', what: 'ref (`08c6903`)' } },
        { messageId: 'unpinned', line: 8, column: 15, endLine: 8, endColumn: 31, data: { job: 'publish', why: 'publishes with `npm publish`', uses: 'docker://node:24', what: 'Docker tag' } },
      ],
    },
  ],
});
