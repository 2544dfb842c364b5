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
      output: workflow`
        on: push
        permissions:
          id-token: write
          contents: read
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
      output: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
              models: read
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
      errors: [{
        messageId: 'invalidShorthand', line: 2, column: 14, endLine: 2, endColumn: 18,
        suggestions: [
          {
            messageId: 'setShorthand',
            output: workflow`
              on: push
              permissions: read-all
              jobs: {}
            `,
          },
        ],
      }],
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
      // The value is written under the anchor: an edit there would change every alias of it.
      output: null,
      errors: [{ messageId: 'invalidLevel', line: 7, column: 18, endLine: 7, endColumn: 24 }],
    },
    {
      name: 'a guess is only suggested: `contnets` is not certainly `contents`; a rename onto a scope already there is not offered',
      code: workflow`
        on: push
        permissions:
          contnets: read
          Pull_Requests: write
          issue: write
          issues: read
        jobs: {}
      `,
      output: workflow`
        on: push
        permissions:
          contnets: read
          pull-requests: write
          issue: write
          issues: read
        jobs: {}
      `,
      errors: [
        {
          messageId: 'unknownScope', line: 3, column: 3, endLine: 3, endColumn: 11,
          suggestions: [
            {
              messageId: 'renameScope',
              output: workflow`
                on: push
                permissions:
                  contents: read
                  Pull_Requests: write
                  issue: write
                  issues: read
                jobs: {}
              `,
            },
          ],
        },
        {
          messageId: 'unknownScope', line: 4, column: 3, endLine: 4, endColumn: 16,
        },
        {
          messageId: 'unknownScope', line: 5, column: 3, endLine: 5, endColumn: 8,
        },
      ],
    },
    {
      name: 'case is fixed; a Write-All shorthand too',
      code: workflow`
        on: push
        permissions: Write-All
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions:
              contents: Read
            steps: [{ run: echo }]
      `,
      output: workflow`
        on: push
        permissions: write-all
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions:
              contents: read
            steps: [{ run: echo }]
      `,
      errors: [
        {
          messageId: 'invalidShorthand', line: 2, column: 14, endLine: 2, endColumn: 23,
        },
        {
          messageId: 'invalidLevel', line: 7, column: 17, endLine: 7, endColumn: 21,
        },
      ],
    },
    {
      name: 'id-token: read at the top reaching only jobs that never use OIDC becomes none',
      code: workflow`
        on: push
        permissions:
          id-token: read
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
      `,
      output: workflow`
        on: push
        permissions:
          id-token: none
          contents: read
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
      `,
      errors: [
        {
          messageId: 'invalidLevel', line: 3, column: 13, endLine: 3, endColumn: 17,
        },
      ],
    },
    {
      name: 'id-token: read in a job that may use OIDC: write and none are suggested',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions:
              id-token: read
            steps:
              - run: npm run release
      `,
      output: null,
      errors: [
        {
          messageId: 'invalidLevel', line: 6, column: 17, endLine: 6, endColumn: 21,
          suggestions: [
            {
              messageId: 'setLevel',
              output: workflow`
                on: push
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    steps:
                      - run: npm run release
              `,
            },
            {
              messageId: 'setLevel',
              output: workflow`
                on: push
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: none
                    steps:
                      - run: npm run release
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'permissions: none suggests `{}`',
      code: workflow`
        on: push
        permissions: none # nothing at all
        jobs: {}
      `,
      output: null,
      errors: [
        {
          messageId: 'invalidShorthand', line: 2, column: 14, endLine: 2, endColumn: 18,
          suggestions: [
            {
              messageId: 'setShorthand',
              output: workflow`
                on: push
                permissions: {} # nothing at all
                jobs: {}
              `,
            },
          ],
        },
      ],
    },
  ],
});
