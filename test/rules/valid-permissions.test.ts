import { validPermissions } from '../../src/rules/valid-permissions.js';
import { testRule, workflow } from '../rule-tester.js';

testRule(validPermissions, {
  valid: [
    workflow`
      on: push
      permissions: {}
      jobs:
        build:
          runs-on: ubuntu-latest
          permissions:
            contents: read
            id-token: write
            models: read
            security-events: write
          steps:
            - run: echo ok
    `,
    {
      name: 'shorthands and expressions are accepted',
      code: workflow`
        on: push
        permissions: read-all
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions: write-all
            steps: [{ run: echo }]
          b:
            runs-on: ubuntu-latest
            permissions:
              contents: \${{ inputs.level }}
            steps: [{ run: echo }]
      `,
    },
    {
      name: 'a permissions block that is an expression is unknown, not invalid',
      code: workflow`
        on: push
        permissions: \${{ fromJSON(inputs.permissions) }}
        jobs: {}
      `,
    },
  ],
  invalid: [
    {
      name: 'unknown scopes are reported at the key, with a suggestion',
      code: workflow`
        on: push
        permissions:
          id_token: write
          content: read
        jobs: {}
      `,
      errors: [
        { messageId: 'unknownScope', line: 3, column: 3, endLine: 3, endColumn: 11, messageIncludes: ['Did you mean `id-token`?'] },
        { messageId: 'unknownScope', line: 4, column: 3, endLine: 4, endColumn: 10, messageIncludes: ['Did you mean `contents`?'] },
      ],
    },
    {
      name: 'id-token has no read level; models has no write level',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: read
              models: write
              contents:
            steps: [{ run: npm publish }]
      `,
      errors: [
        { messageId: 'invalidLevel', line: 6, column: 17, endLine: 6, endColumn: 21, data: { scope: 'id-token', value: '`read`', levels: '`write`, `none`' } },
        { messageId: 'invalidLevel', line: 7, column: 15, endLine: 7, endColumn: 20 },
        { messageId: 'invalidLevel', line: 8, column: 7, endLine: 8, endColumn: 16, messageIncludes: ['cannot be empty'] },
      ],
    },
    {
      name: 'an invalid shorthand',
      code: workflow`
        on: push
        permissions: read
        jobs: {}
      `,
      errors: [{ messageId: 'invalidShorthand', line: 2, column: 14, endLine: 2, endColumn: 18 }],
    },
    {
      name: 'a scope reached through an alias is reported at the alias',
      code: workflow`
        on: push
        x-perms: &perms
          id-token: read
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions: *perms
            steps: [{ run: echo }]
      `,
      errors: [{ messageId: 'invalidLevel', line: 7, column: 18, endLine: 7, endColumn: 24 }],
    },
  ],
});
