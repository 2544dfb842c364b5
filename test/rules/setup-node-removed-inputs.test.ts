import { setupNodeRemovedInputs } from '../../src/rules/setup-node-removed-inputs.js';
import { testRule, workflow } from '../rule-tester.js';

/** One setup-node step with the given ref and `with:` lines (indented for `with:`). */
const setup = (ref: string, inputs: string) => workflow`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/setup-node@${ref}
          with:
${inputs}
        - run: npm ci
`;

const data = (version: string) => ({
  input: 'always-auth',
  action: 'actions/setup-node',
  major: '6',
  minor: '1',
  version,
  note: 'it set `always-auth` in the `.npmrc` the action writes',
});

testRule(setupNodeRemovedInputs, {
  valid: [
    { name: 'v5 still has the input', code: setup('v5', '            always-auth: true') },
    { name: 'v6.0.0 still has it (removed in v6.1.0)', code: setup('v6.0.0', '            always-auth: true') },
    { name: 'a branch or a bare SHA says nothing', code: setup('main', '            always-auth: true') },
    { name: 'a bare SHA', code: setup('1d0ff469b7ec7b3cb9d8673fde0c81c44821de2a', '            always-auth: true') },
    { name: 'no removed input', code: setup('v6', '            node-version: 24\n            registry-url: https://registry.npmjs.org') },
    {
      name: 'another action with an input of that name',
      code: workflow`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: someone/setup-node@v9
                with: { always-auth: true }
      `,
    },
  ],
  invalid: [
    {
      name: 'v6 floats to the newest 6.x, which has no always-auth',
      code: setup('v6', '            node-version: 24\n            always-auth: true'),
      errors: [{ messageId: 'removedInput', line: 9, column: 11, endLine: 9, endColumn: 28, data: data('v6') }],
      output: setup('v6', '            node-version: 24'),
    },
    {
      name: 'the only input: `with:` goes too',
      code: setup('v6.2.0', '            always-auth: false'),
      errors: [{ messageId: 'removedInput', line: 8, column: 11, endLine: 8, endColumn: 29, data: data('v6.2.0') }],
      output: workflow`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6.2.0
              - run: npm ci
      `,
    },
    {
      name: 'a SHA pin with its version comment',
      code: setup('1d0ff469b7ec7b3cb9d8673fde0c81c44821de2a # v7.0.0', '            always-auth: true\n            node-version: 24'),
      errors: [{ messageId: 'removedInput', line: 8, column: 11, endLine: 8, endColumn: 28, data: data('v7.0.0') }],
      output: setup('1d0ff469b7ec7b3cb9d8673fde0c81c44821de2a # v7.0.0', '            node-version: 24'),
    },
  ],
});
