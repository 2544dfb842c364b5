import { requireProvenance } from '../../src/rules/require-provenance.js';
import { testRule, workflow } from '../rule-tester.js';

testRule(requireProvenance, {
  valid: [
    {
      name: 'trusted publishing gets provenance automatically',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: npm publish --access public }]
      `,
    },
    {
      name: 'a token publish with --provenance, NPM_CONFIG_PROVENANCE, or publishConfig',
      code: workflow`
        on: push
        env:
          npm_config_provenance: true
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            env:
              NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - run: npm publish --provenance
              - run: pnpm publish
      `,
    },
    {
      name: 'publishConfig.provenance in package.json',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { 'package.json': '{ "name": "x", "publishConfig": { "provenance": true } }' },
    },
    {
      name: 'JS-DevTools/npm-publish with provenance: true',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: JS-DevTools/npm-publish@v4
                with:
                  token: \${{ secrets.NPM_TOKEN }}
                  provenance: true
      `,
    },
    {
      name: 'bun and Yarn 1 cannot make provenance; GitHub Packages is another registry; unknown auth is silent',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            env:
              NPM_CONFIG_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps: [{ run: bun publish }, { run: yarn publish }]
          b:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: https://npm.pkg.github.com }
              - run: npm publish
                env: { NODE_AUTH_TOKEN: '\${{ secrets.GITHUB_TOKEN }}' }
          c:
            runs-on: ubuntu-latest
            steps: [{ run: npm publish }]
      `,
    },
    {
      name: 'a provenance value from an expression is unknown',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm publish
                env:
                  NPM_CONFIG_PROVENANCE: \${{ inputs.provenance }}
      `,
    },
    {
      name: 'npm 11.6 with id-token: write exchanges the OIDC token over setup-node\'s token: trusted publishing, automatic provenance',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24.10.0, registry-url: 'https://registry.npmjs.org' }
              - run: npm install -g npm@11.6.2
              - run: npm publish --access public
                env:
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
    },
  ],
  invalid: [
    {
      name: 'a token beside a committed .npmrc token line outranks the OIDC token: still a token publish',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24.10.0 }
              - run: npm publish
                env:
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
      errors: [{
        messageId: 'tokenPublishWithoutProvenance', line: 9, column: 14, endLine: 9, endColumn: 25,
        suggestions: [
          {
            messageId: 'setProvenanceEnv',
            output: workflow`
              on: push
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions: { id-token: write }
                  steps:
                    - uses: actions/setup-node@v6
                      with: { node-version: 24.10.0 }
                    - run: npm publish
                      env:
                        NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
                        NPM_CONFIG_PROVENANCE: "true"
            `,
          },
        ],
      }],
    },
    {
      name: 'a token publish without any provenance signal, reported at the command',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24, registry-url: https://registry.npmjs.org }
              - run: npm publish --access public
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenPublishWithoutProvenance', line: 8, column: 14, endLine: 8, endColumn: 41, messageIncludes: ['`NPM_CONFIG_PROVENANCE: true`) and `id-token: write`, or better'] }],
    },
    {
      name: 'a token publish on npm 10 in a job that already has id-token: write is not told to add it',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 22, registry-url: https://registry.npmjs.org }
              - run: npm publish --access public
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{
        messageId: 'tokenPublishWithoutProvenance', line: 9, column: 14, endLine: 9, endColumn: 41, data: { andIdToken: '' },
        suggestions: [
          {
            messageId: 'setProvenanceEnv',
            output: workflow`
              on: push
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions: { id-token: write }
                  steps:
                    - uses: actions/setup-node@v6
                      with: { node-version: 22, registry-url: https://registry.npmjs.org }
                    - run: npm publish --access public
                      env:
                        NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
                        NPM_CONFIG_PROVENANCE: "true"
            `,
          },
        ],
      }],
    },
    {
      name: 'inside a multi-line script, only the publish command is underlined',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            env:
              NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - run: |
                  pnpm install --frozen-lockfile
                  pnpm -r publish --access public \\
                    --no-git-checks
      `,
      errors: [{ messageId: 'tokenPublishWithoutProvenance', line: 10, column: 11, endLine: 11, endColumn: 28 }],
      skipSuppressionCheck: true,
    },
    {
      name: 'trusted publishing with provenance turned off',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm publish --provenance=false
              - run: yarn npm publish
                env:
                  YARN_NPM_PUBLISH_PROVENANCE: false
      `,
      errors: [
        { messageId: 'provenanceDisabled', line: 7, column: 14, endLine: 7, endColumn: 44 },
        { messageId: 'provenanceDisabled', line: 8, column: 14, endLine: 8, endColumn: 30 },
      ],
    },
    {
      name: 'mode explicit demands the signal on trusted-publishing publishes too',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: changesets/action@v1
                with: { publish: pnpm release }
      `,
      options: { mode: 'explicit' },
      errors: [{
        messageId: 'explicitProvenanceRequired', line: 7, column: 15, endLine: 7, endColumn: 35,
        suggestions: [
          {
            messageId: 'setProvenanceEnv',
            output: workflow`
              on: push
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions: { id-token: write }
                  steps:
                    - uses: changesets/action@v1
                      with: { publish: pnpm release }
                      env:
                        NPM_CONFIG_PROVENANCE: "true"
            `,
          },
        ],
      }],
    },
    {
      name: 'the suggestion adds to a flow env block; Yarn Berry gets its own variable',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: yarn npm publish
                env: { YARN_NPM_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
              - run: npm publish
                working-directory: packages/b
                env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
      files: {".yarnrc.yml":"nodeLinker: node-modules\n","package.json":"{\"packageManager\":\"yarn@4.10.3\"}"},
      output: null,
      errors: [
        {
          messageId: 'tokenPublishWithoutProvenance', line: 8, column: 14, endLine: 8, endColumn: 30,
          suggestions: [
            {
              messageId: 'setProvenanceEnv',
              output: workflow`
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    steps:
                      - run: yarn npm publish
                        env: { YARN_NPM_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}", YARN_NPM_PUBLISH_PROVENANCE: "true" }
                      - run: npm publish
                        working-directory: packages/b
                        env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
              `,
            },
          ],
        },
        {
          messageId: 'tokenPublishWithoutProvenance', line: 10, column: 14, endLine: 10, endColumn: 25,
          suggestions: [
            {
              messageId: 'setProvenanceEnv',
              output: workflow`
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    steps:
                      - run: yarn npm publish
                        env: { YARN_NPM_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
                      - run: npm publish
                        working-directory: packages/b
                        env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}", NPM_CONFIG_PROVENANCE: "true" }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no suggestion on a self-hosted runner: provenance cannot be made there',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: [self-hosted, linux]
            permissions:
              id-token: write
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      output: null,
      errors: [
        {
          messageId: 'tokenPublishWithoutProvenance', line: 8, column: 14, endLine: 8, endColumn: 25,
        },
      ],
    },
    {
      name: "the suggestion creates the step's env block when it has none",
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            env:
              NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - uses: actions/checkout@v5
              - run: npm publish # release
      `,
      output: null,
      errors: [
        {
          messageId: 'tokenPublishWithoutProvenance', line: 11, column: 14, endLine: 11, endColumn: 25,
          suggestions: [
            {
              messageId: 'setProvenanceEnv',
              output: workflow`
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    env:
                      NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
                    steps:
                      - uses: actions/checkout@v5
                      - run: npm publish # release
                        env:
                          NPM_CONFIG_PROVENANCE: "true"
              `,
            },
          ],
        },
      ],
    },
  ],
});
