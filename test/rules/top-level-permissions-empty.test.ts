import { topLevelPermissionsEmpty } from '../../src/rules/top-level-permissions-empty.js';
import { testRule, workflow } from '../rule-tester.js';

testRule(topLevelPermissionsEmpty, {
  valid: [
    workflow`
      on: push
      permissions: {}
      jobs:
        test: { runs-on: ubuntu-latest, permissions: { contents: read }, steps: [{ run: npm test }] }
    `,
    {
      name: 'scopes set to none grant nothing',
      code: workflow`
        on: push
        permissions:
          contents: none
          id-token: none
        jobs: {}
      `,
    },
    {
      name: 'allow tolerates read on listed scopes',
      code: workflow`
        on: push
        permissions:
          contents: read
          packages: write
        jobs: {}
      `,
      options: { allow: ['contents', 'packages:write'] },
    },
    {
      name: 'an expression is unknown',
      code: workflow`
        on: push
        permissions: \${{ fromJSON(vars.PERMISSIONS) }}
        jobs: {}
      `,
    },
    {
      name: 'a level given by an expression is unknown',
      code: workflow`
        on: workflow_call
        permissions:
          contents: \${{ inputs.contents }}
        jobs: {}
      `,
    },
    {
      name: 'action metadata has no permissions',
      filename: 'action.yml',
      code: workflow`
        name: My action
        runs:
          using: composite
          steps: [{ run: echo hi, shell: bash }]
      `,
    },
  ],
  invalid: [
    {
      name: 'a missing block is reported at the first key (line 1)',
      code: workflow`
        name: CI
        on: push
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 5 }],
    },
    {
      name: 'a leading comment does not move the finding off the first key',
      code: workflow`
        # Release workflow
        on: push
        jobs: {}
      `,
      errors: [{ messageId: 'missing', line: 2, column: 1, endLine: 2, endColumn: 3 }],
    },
    {
      name: 'reusable workflows are judged the same way',
      code: workflow`
        on: workflow_call
        jobs:
          publish: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3 }],
    },
    {
      name: 'write-all and read-all',
      code: workflow`
        on: push
        permissions: write-all
        jobs: {}
      `,
      errors: [{ messageId: 'shorthand', line: 2, column: 1, endLine: 2, endColumn: 23, messageIncludes: ['`id-token` included'] }],
    },
    {
      name: 'read-all',
      code: workflow`
        on: push
        permissions: read-all # everything readable
        jobs: {}
      `,
      errors: [{ messageId: 'shorthand', line: 2, column: 1, endLine: 2, endColumn: 22 }],
    },
    {
      name: 'a mapping that grants anything, reported at the key',
      code: workflow`
        on: push
        permissions:
          contents: read
          id-token: write
          pull-requests: none
        jobs: {}
      `,
      errors: [{ messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12, data: { scopes: '`contents: read`, `id-token: write`' } }],
    },
    {
      name: 'allow tolerates read, not write',
      code: workflow`
        on: push
        permissions:
          contents: write
        jobs: {}
      `,
      options: { allow: ['contents'] },
      errors: [{ messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12, data: { scopes: '`contents: write`' } }],
    },
  ],
});
