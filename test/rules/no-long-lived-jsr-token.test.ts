import { noLongLivedJsrToken } from '../../src/rules/no-long-lived-jsr-token.js';
import { testRule, workflow } from '../rule-tester.js';

testRule(noLongLivedJsrToken, {
  valid: [
    {
      name: 'tokenless publishes (OIDC), dry runs, another JSR instance, a token from an expression, a non-publish',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            steps:
              - run: npx jsr publish
              - run: deno publish
              - run: deno publish --dry-run --token \${{ secrets.JSR_TOKEN }}
              - run: npx jsr publish --token \${{ secrets.JSR_TOKEN }}
                env:
                  JSR_URL: https://jsr.example.com
              - run: deno publish --token \${{ inputs.token }}
              - run: deno test --token \${{ secrets.JSR_TOKEN }}
      `,
    },
  ],
  invalid: [
    {
      name: '--token from a secret: no id-token, the hybrid, through a variable; a token written out',
      code: workflow`
        on: push
        jobs:
          token:
            runs-on: ubuntu-latest
            steps:
              - run: npx jsr publish --token \${{ secrets.JSR_TOKEN }}
          hybrid:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: deno publish --token "$T"
                env:
                  T: \${{ secrets.JSR }}
          literal:
            runs-on: ubuntu-latest
            steps:
              - run: pnpm dlx jsr publish --token=jsrp_0123456789abcdefghijABCDEFGHIJ01234
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 6, column: 38, endLine: 6, endColumn: 62, data: { secret: 'JSR_TOKEN', binding: '`--token`', tool: '`jsr publish`' }, related: ['6:14'] },
        { messageId: 'tokenOverridesOidc', line: 11, column: 35, endLine: 11, endColumn: 39, data: { secret: 'JSR', binding: '`--token`', tool: '`deno publish`' } },
        { messageId: 'hardcodedToken', line: 17, column: 43, endLine: 17, endColumn: 83, data: { binding: '`--token`' } },
      ],
    },
  ],
});
