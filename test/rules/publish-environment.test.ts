import { publishEnvironment } from '../../src/rules/publish-environment.js';
import { testRule, workflow } from '../rule-tester.js';

const job = (extra: string, steps: string) => workflow`
  on: push
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
${extra}      steps:
${steps}
`;

testRule(publishEnvironment, {
  valid: [
    { name: 'an environment', code: job('      environment: npm\n', '        - run: npm publish') },
    { name: 'an environment given by an expression', code: job('      environment: ${{ inputs.env }}\n', '        - run: npm publish') },
    { name: 'a job that does not publish (negative control)', code: job('', '        - run: npm test') },
    {
      name: 'a job that only holds a registry token (an install) is not a publish',
      code: job('', '        - run: npm ci\n          env:\n            NODE_AUTH_TOKEN: ${{ secrets.NPM_READ_TOKEN }}'),
    },
    {
      name: 'with trusted publishers mirrored in settings, trusted-publisher-identity reports it',
      code: job('', '        - run: npm publish'),
      settings: { trustedPublishers: { pkg: { workflow: 'release.yml', environment: 'npm' } } },
    },
  ],
  invalid: [
    {
      name: 'an npm publish without an environment',
      code: job('', '        - run: npm publish'),
      errors: [{ messageId: 'noEnvironment', line: 3, column: 3, endLine: 3, endColumn: 10, data: { job: 'publish', why: 'publishes with `npm publish`' }, related: ['7:14'] }],
    },
    {
      name: 'a PyPI trusted publish without an environment',
      code: job('', '        - uses: pypa/gh-action-pypi-publish@release/v1'),
      errors: [{ messageId: 'noEnvironment', line: 3, column: 3, endLine: 3, endColumn: 10, data: { job: 'publish', why: 'publishes with `pypa/gh-action-pypi-publish`' } }],
    },
  ],
});
