import { publishSecretsInherit } from '../../src/rules/publish-secrets-inherit.js';
import { testRule, workflow } from '../rule-tester.js';

const caller = (uses: string, secrets = 'inherit') => workflow`
  on: push
  jobs:
    release:
      uses: ${uses}
      secrets: ${secrets}
`;

const publisher = { '.github/workflows/publish.yml': 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n' };
const tester = { '.github/workflows/test.yml': 'on: workflow_call\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n' };

testRule(publishSecretsInherit, {
  valid: [
    { name: 'named secrets only', code: caller('./.github/workflows/publish.yml', '{ NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" }'), files: publisher },
    { name: 'a local callee that does not publish (negative control)', code: caller('./.github/workflows/test.yml'), files: tester },
    { name: 'a remote workflow whose name says nothing', code: caller('acme/shared/.github/workflows/lint.yml@v1') },
    { name: 'a local callee that cannot be read is unknown', code: caller('./.github/workflows/missing.yml') },
  ],
  invalid: [
    {
      name: 'a local callee that publishes',
      code: caller('./.github/workflows/publish.yml'),
      files: publisher,
      errors: [
        {
          messageId: 'inheritToPublisher',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 21,
          data: { callee: './.github/workflows/publish.yml', calleeJob: 'npm', why: 'publishes with `npm publish`' },
          related: ['4:11'],
        },
      ],
    },
    {
      name: 'a remote workflow named like a publish',
      code: caller('acme/shared/.github/workflows/npm-publish.yml@v1'),
      errors: [{ messageId: 'inheritToRemoteRelease', line: 5, column: 5, endLine: 5, endColumn: 21, data: { callee: 'acme/shared/.github/workflows/npm-publish.yml@v1' } }],
    },
  ],
});
