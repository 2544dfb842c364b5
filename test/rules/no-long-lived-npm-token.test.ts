import { noLongLivedNpmToken } from '../../src/rules/no-long-lived-npm-token.js';
import { testRule, workflow } from '../rule-tester.js';

const PASSED_CALLEE = workflow`
  on:
    workflow_call:
      secrets:
        NPM_TOKEN:
          required: true
  jobs:
    npm:
      runs-on: ubuntu-latest
      permissions:
        id-token: write
      steps:
        - uses: actions/setup-node@v5
          with:
            node-version: 24
            registry-url: https://registry.npmjs.org
        - run: npm publish
          env:
            NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

testRule(noLongLivedNpmToken, {
  valid: [
    {
      name: 'issue 17: where a token comes from stays precise (GITHUB_TOKEN, step outputs, inputs, an unexported variable, the same step env, single quotes)',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: NODE_AUTH_TOKEN=\${{ secrets.GITHUB_TOKEN }} npm publish
              - run: NODE_AUTH_TOKEN=\${{ steps.auth.outputs.token }} npm publish
              - run: echo "NODE_AUTH_TOKEN=\${{ inputs.token }}" >> $GITHUB_ENV
              - run: echo 'NPM_TOKEN=$HIDDEN' >> $GITHUB_ENV
                env: { HIDDEN: "\${{ secrets.NPM_TOKEN }}" }
              - run: |
                  MY_VALUE=\${{ secrets.NPM_TOKEN }}
                  npm publish
              - run: npm publish
                env:
                  T: \${{ secrets.NPM_TOKEN }}
                  NODE_AUTH_TOKEN: \${{ env.T }}
      `,
    },
    {
      name: 'issue 17: dry runs publish nothing, whatever form the flag takes; credentials in a URL of another registry, GITHUB_TOKEN and single quotes are no npm token',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
            steps:
              - run: npm publish --dry-run true
              - run: npm pub --dry
              - run: npm --dry-run=true publish
              - run: npm exec -c 'npm publish --dry-run'
              - run: timeout -k 5 60 npm publish --dry-run
              - run: npm view x
          other:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish --registry "https://ci:\${{ secrets.A }}@npm.pkg.github.com/"
              - run: npm publish --registry "https://ci:\${{ secrets.GITHUB_TOKEN }}@registry.npmjs.org/"
              - run: npm publish --registry 'https://ci:$T@registry.npmjs.org/'
                env: { T: "\${{ secrets.B }}" }
              - run: npm publish --registry "https://ci:\${{ secrets.C }}@\${{ vars.HOST }}/"
      `,
    },
    {
      name: 'issue 17: what a nested script (bash -c, a command substitution) assigns stays in it',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  bash -c 'export NODE_AUTH_TOKEN=\${{ secrets.A }}; npm whoami'
                  USER_NAME=$(export NODE_AUTH_TOKEN=\${{ secrets.B }}; npm whoami)
                  NODE_AUTH_TOKEN=\${{ secrets.C }} bash -c 'npm whoami'
                  npm publish
      `,
    },
    {
      name: 'issue 17: a token for another command, another registry, or after the publish does not reach it',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  NODE_AUTH_TOKEN=\${{ secrets.NPM_TOKEN }} npm ci
                  npm publish
                  export NPM_TOKEN=\${{ secrets.NPM_TOKEN }}
                  echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" > ~/.npmrc
                  npm config set //npm.pkg.github.com/:_authToken \${{ secrets.GH_PAT }}
              - run: npm publish --//npm.pkg.github.com/:_authToken=\${{ secrets.GH_PAT }}
                env: { NPM_CONFIG_REGISTRY: https://npm.pkg.github.com }
      `,
    },
    {
      name: 'a call that passes no secret: the callee\'s token is empty here (the callee reports its own binding)',
      filename: '.github/workflows/release.yml',
      code: 'on: push\njobs:\n  release:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/_publish.yml\n',
      files: { '.github/workflows/_publish.yml': PASSED_CALLEE },
    },
    {
      name: 'a secret passed to a callee that does not publish with it',
      filename: '.github/workflows/release.yml',
      code: 'on: push\njobs:\n  release:\n    uses: ./.github/workflows/_publish.yml\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
      files: { '.github/workflows/_publish.yml': PASSED_CALLEE.replace('npm publish', 'npm test') },
    },
    {
      name: 'a secret passed to a remote reusable workflow: not readable, silent',
      filename: '.github/workflows/release.yml',
      code: 'on: push\njobs:\n  release:\n    uses: acme/w/.github/workflows/publish.yml@v1\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    },
    {
      name: 'an allowed secret passed to a callee',
      filename: '.github/workflows/release.yml',
      options: { allowedSecrets: ['NPM_BOOTSTRAP'] },
      code: 'on: push\njobs:\n  release:\n    uses: ./.github/workflows/_publish.yml\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_BOOTSTRAP }}\n',
      files: { '.github/workflows/_publish.yml': PASSED_CALLEE },
    },
    {
      name: 'trusted publishing: no token at all',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24, registry-url: https://registry.npmjs.org }
              - run: npm publish
      `,
    },
    {
      name: 'a read-only install token in a job that does not publish',
      code: workflow`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm ci
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_READ_TOKEN }}
              - run: npm test
      `,
    },
    {
      name: 'an install token scoped to the install step of a publishing job',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm ci
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_READ_TOKEN }}
              - run: npm publish
      `,
    },
    {
      name: 'GitHub Packages with GITHUB_TOKEN',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { packages: write }
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: https://npm.pkg.github.com }
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
      `,
    },
    {
      name: 'GitHub Packages with a personal token is another registry',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish --registry https://npm.pkg.github.com
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.GH_PACKAGES_TOKEN }}
      `,
    },
    {
      name: 'dry runs and packs do not publish',
      code: workflow`
        on: push
        jobs:
          check:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - run: |
                  npm publish --dry-run
                  npm pack
                  npx pkg-pr-new publish
                  echo "npm publish"
                  yarn npm publish -n
      `,
    },
    {
      name: 'step outputs and github.token are not long-lived npm tokens',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - id: auth
                run: echo "token=x" >> "$GITHUB_OUTPUT"
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ steps.auth.outputs.token }}
                  NPM_TOKEN: \${{ github.token }}
      `,
    },
    {
      name: 'an npm run script we cannot read is unknown',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            env:
              NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps:
              - run: npm run release
      `,
    },
    {
      name: 'a secret listed in allowedSecrets is a reviewed exception',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_BOOTSTRAP_TOKEN }}
      `,
      options: { allowedSecrets: ['NPM_BOOTSTRAP_TOKEN'] },
    },
    {
      name: 'NPM_ID_TOKEN is an OIDC token',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env:
                  NPM_ID_TOKEN: \${{ secrets.NPM_ID_TOKEN }}
      `,
    },
    {
      name: 'semantic-release without a package.json is not known to publish to npm',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: npx semantic-release
                env:
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
    },
    {
      name: 'a finding inside a run script is suppressed from the line above its run key',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              # trustlint-disable-next-line no-long-lived-npm-token -- bootstrap publish, removed after v1.0.0
              - run: |
                  echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" >> ~/.npmrc
                  npm publish
      `,
      suppressedCount: 1,
    },
    {
      name: 'a script that runs `node scripts/release.mjs` is opaque: no guess',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: pnpm release
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { 'package.json': '{ "name": "app", "scripts": { "release": "node scripts/release.mjs" } }' },
    },
    {
      name: 'a script that is not in package.json, and a Makefile target that does not publish',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: pnpm release && make build
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { 'package.json': '{ "name": "app", "scripts": {} }', Makefile: 'build:\n\tgo build\n' },
    },
    {
      name: 'a local action that does not publish, and one that cannot be read, keep the input silent',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: ./.github/actions/build
                with:
                  token: \${{ secrets.DEPLOY_KEY }}
              - uses: ./.github/actions/missing
                with:
                  key: \${{ secrets.DEPLOY_KEY }}
      `,
      files: { '.github/actions/build/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: make\n      shell: bash\n' },
    },
  ],
  invalid: [
    {
      name: 'a token passed as a reusable workflow\'s secret is a token, reported where it is passed',
      filename: '.github/workflows/release.yml',
      code: 'on: push\njobs:\n  release:\n    permissions:\n      id-token: write\n    uses: ./.github/workflows/_publish.yml\n    secrets:\n      NPM_TOKEN: ${{ secrets.NPM_PUBLISH_TOKEN }}\n',
      files: { '.github/workflows/_publish.yml': PASSED_CALLEE },
      errors: [
        {
          messageId: 'tokenPassedToCall',
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 50,
          related: ['.github/workflows/_publish.yml:18:11', '.github/workflows/_publish.yml:16:14'],
          data: { secret: 'NPM_PUBLISH_TOKEN', callee: '`_publish.yml` job `npm`', binding: '`NODE_AUTH_TOKEN`', file: 'release.yml' },
        },
      ],
    },
    {
      name: '`secrets: inherit` hands the token over too',
      filename: '.github/workflows/release.yml',
      code: 'on: push\njobs:\n  release:\n    uses: ./.github/workflows/_publish.yml\n    secrets: inherit\n',
      files: { '.github/workflows/_publish.yml': PASSED_CALLEE },
      errors: [{ messageId: 'tokenPassedToCall', line: 5, column: 5, endLine: 5, endColumn: 21, messageIncludes: ['`NPM_TOKEN` is passed to `_publish.yml` job `npm`'] }],
    },
    {
      name: 'the classic setup-node + NODE_AUTH_TOKEN publish, reported at the env key',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24, registry-url: https://registry.npmjs.org }
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [
        {
          messageId: 'tokenInPublishJob',
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 52,
          data: { secret: 'NPM_TOKEN', binding: '`NODE_AUTH_TOKEN`' },
        },
      ],
    },
    {
      name: 'a token next to `pnpm release`, whose script runs `changeset publish`: found through the script',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: pnpm release
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { 'package.json': '{\n  "name": "app",\n  "scripts": { "release": "pnpm build && changeset publish", "build": "tsc" }\n}\n' },
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 52 }],
    },
    {
      name: 'a token passed as a local composite action input that publishes with it: reported at the input',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: ./.github/actions/publish
                with:
                  npm-token: \${{ secrets.NPM_TOKEN }}
      `,
      files: {
        '.github/actions/publish/action.yml':
          'name: publish\ninputs:\n  npm-token: { required: true }\nruns:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n      env:\n        NODE_AUTH_TOKEN: ${{ inputs.npm-token }}\n',
      },
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 46 }],
    },
    {
      name: 'a token next to `make publish-all`, whose target publishes with npm',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: make publish-all
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { Makefile: 'publish-all: build\n\tcd npm && npm publish\n\nbuild:\n\tgo build\n' },
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 52 }],
    },
    {
      name: 'the hybrid case, npm unknown: a token beside id-token: write is a fallback only if npm does OIDC',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: npm publish --provenance
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'dormantIfOidc', line: 10, column: 11, endLine: 10, endColumn: 52, messageIncludes: ['If this publish goes through trusted publishing'] }],
    },
    {
      name: 'the hybrid case on Node 24.10 (npm 11.6): the token is a dormant fallback',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24.10.0, registry-url: https://registry.npmjs.org }
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{
        messageId: 'dormantFallback', line: 12, column: 11, endLine: 12, endColumn: 52,
        suggestions: [
          {
            messageId: 'removeBinding',
            output: workflow`
              on: push
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v6
                      with: { node-version: 24.10.0, registry-url: https://registry.npmjs.org }
                    - run: npm publish
            `,
          },
        ],
      }],
    },
    {
      name: 'the hybrid case on Node 20 (npm 10): the token is the real credential; id-token serves provenance',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 20, registry-url: https://registry.npmjs.org }
              - run: npm publish --provenance
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [
        {
          messageId: 'tokenIsTheCredential',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 52,
          data: {
            secret: 'NPM_TOKEN',
            binding: '`NODE_AUTH_TOKEN`',
            reason: 'npm 10.8.x or older (bundled with Node) on Node `20` cannot do trusted publishing (npm does it from 11.5.1)',
            fix: 'use `node-version: 24` or run `npm install -g npm@^11.5.1` before publishing',
          },
        },
      ],
    },
    {
      name: 'the hybrid case with bun, which never does OIDC',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: bun publish
                env:
                  NPM_CONFIG_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenIsTheCredential', line: 9, column: 11, endLine: 9, endColumn: 53, messageIncludes: ['`bun publish` cannot do trusted publishing'] }],
    },
    {
      name: 'a token written out in the workflow is reported as hardcoded',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: npm_abcdefghijklmnopqrstuvwxyz0123456789
      `,
      errors: [{ messageId: 'hardcodedToken', line: 8, column: 11, endLine: 8, endColumn: 68 }],
    },
    {
      name: 'one secret through an env binding and an ~/.npmrc write is one finding, with the other channel related',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >> ~/.npmrc
                  npm publish
                env:
                  NPM_TOKEN: \${{ secrets.ORG_NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 10, column: 11, endLine: 10, endColumn: 50 }],
      skipSuppressionCheck: true,
    },
    {
      name: 'with Yarn Berry the token is not a fallback: Yarn uses it instead of OIDC',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: yarn npm publish
                env:
                  YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenOverridesOidc', line: 9, column: 11, endLine: 9, endColumn: 56, messageIncludes: ['before it tries OIDC'] }],
    },
    {
      name: 'a workflow-level env token reaches every job; it is reported once',
      code: workflow`
        on: push
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
        jobs:
          a:
            runs-on: ubuntu-latest
            steps: [{ run: pnpm -r publish --no-git-checks }]
          b:
            runs-on: ubuntu-latest
            steps: [{ run: npx changeset publish }]
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 3, column: 3, endLine: 3, endColumn: 38 }],
    },
    {
      name: 'a job-level token with yarn berry, lerna and bun',
      code: workflow`
        on: push
        jobs:
          yarn:
            runs-on: ubuntu-latest
            env:
              YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
            steps: [{ run: yarn npm publish }]
          lerna:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: \${{ vars.NPM_TOKEN }}
            steps: [{ run: npx lerna publish from-package --yes }]
          bun:
            runs-on: ubuntu-latest
            steps:
              - run: bun publish
                env:
                  NPM_CONFIG_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 6, column: 7, endLine: 6, endColumn: 52 },
        { messageId: 'tokenInPublishJob', line: 11, column: 7, endLine: 11, endColumn: 45, data: { secret: 'vars.NPM_TOKEN', binding: '`NODE_AUTH_TOKEN`' } },
        { messageId: 'tokenInPublishJob', line: 18, column: 11, endLine: 18, endColumn: 53 },
      ],
    },
    {
      name: 'a token written to ~/.npmrc by an earlier step, reported at the writing command',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" >> ~/.npmrc
              - run: npm stage publish
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 7, column: 11, endLine: 7, endColumn: 87, data: { secret: 'NPM_TOKEN', binding: 'the `_authToken` it writes to the npm config' } }],
      skipSuppressionCheck: true,
    },
    {
      name: 'npm config set and yarn config set with a token from env',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm config set //registry.npmjs.org/:_authToken "$TOKEN"
                env:
                  TOKEN: \${{ secrets.NPM_PUBLISH }}
              - run: yarn config set npmAuthToken $YARN_TOKEN
                env:
                  YARN_TOKEN: \${{ secrets.NPM_PUBLISH }}
              - run: npm publish
      `,
      // One secret through two writes: one finding, at the first, with the other related.
      errors: [{ messageId: 'tokenInPublishJob', line: 6, column: 14, endLine: 6, endColumn: 70 }],
    },
    {
      name: 'a heredoc into .npmrc',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  cat > .npmrc <<EOF
                  //registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}
                  EOF
                  npm publish
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 7, column: 11, endLine: 7, endColumn: 29 }],
      skipSuppressionCheck: true,
    },
    {
      name: 'JS-DevTools/npm-publish with a token input',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: JS-DevTools/npm-publish@v3
                with:
                  token: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 42, data: { secret: 'NPM_TOKEN', binding: 'the `token` input' } }],
    },
    {
      name: 'changesets/action with NPM_TOKEN in its env',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v1
                with:
                  publish: pnpm release
                env:
                  GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 11, column: 11, endLine: 11, endColumn: 46 }],
    },
    {
      name: 'semantic-release publishes when package.json shows a public package',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: npx semantic-release
                env:
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { 'package.json': '{ "name": "pkg", "version": "1.0.0" }' },
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 46 }],
    },
    {
      name: 'npm run <script> is resolved through package.json',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: npm run release
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      files: { 'package.json': '{ "scripts": { "release": "npm run build && changeset publish" } }' },
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 52 }],
    },
    {
      name: 'a token reached through a YAML alias is reported at the alias',
      code: workflow`
        on: push
        x-env: &publish-env
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env: *publish-env
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 9, column: 14, endLine: 9, endColumn: 26 }],
    },
    {
      name: 'multi-line scripts with line continuations still publish',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  sudo -E npm \\
                    publish --access public
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 10, column: 11, endLine: 10, endColumn: 52 }],
    },
    {
      name: 'issue 17: a prefix assignment on the publish, beside id-token: write',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: NODE_AUTH_TOKEN=\${{ secrets.NPM_TOKEN }} npm publish
              - run: NODE_AUTH_TOKEN=\${{ secrets.OTHER }} npm test
      `,
      errors: [{ messageId: 'dormantIfOidc', line: 7, column: 14, endLine: 7, endColumn: 54, data: { secret: 'NPM_TOKEN', binding: '`NODE_AUTH_TOKEN`' }, related: ['7:14'] }],
    },
    {
      name: 'issue 17: export, declare -x and a plain assignment of a variable setup-node exported, on earlier lines',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  export NODE_AUTH_TOKEN=\${{ secrets.A }}
                  npm publish
          b:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  declare -gx NPM_CONFIG_TOKEN="$T"
                  bun publish
                env: { T: "\${{ secrets.B }}" }
          c:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: https://registry.npmjs.org }
              - run: |
                  NODE_AUTH_TOKEN=\${{ secrets.C }}
                  npm publish
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 7, column: 18, endLine: 7, endColumn: 50, data: { secret: 'A', binding: '`NODE_AUTH_TOKEN`' }, related: ['8:11'] },
        { messageId: 'tokenInPublishJob', line: 13, column: 23, endLine: 13, endColumn: 44, data: { secret: 'B', binding: '`NPM_CONFIG_TOKEN`' }, related: ['15:16', '14:11'] },
        { messageId: 'tokenInPublishJob', line: 22, column: 11, endLine: 22, endColumn: 43, data: { secret: 'C', binding: '`NODE_AUTH_TOKEN`' }, related: ['23:11'] },
      ],
      skipSuppressionCheck: true,
    },
    {
      name: 'issue 17: ${{ env.X }} indirection, reported at the binding npm reads, with the secret related',
      code: workflow`
        on: push
        env:
          RELEASE_SECRET: \${{ secrets.NPM_TOKEN }}
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ env.RELEASE_SECRET }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 10, column: 11, endLine: 10, endColumn: 53, data: { secret: 'NPM_TOKEN', binding: '`NODE_AUTH_TOKEN`' }, related: ['3:3', '8:14'] }],
    },
    {
      name: 'issue 17: $GITHUB_ENV writes, NAME=value and NAME<<EOF, reported at the write',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: echo "NODE_AUTH_TOKEN=\${{ secrets.A }}" >> $GITHUB_ENV
              - run: npm publish
          b:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo "NPM_TOKEN<<EOF" >> "$GITHUB_ENV"
                  echo "$SECRET" >> "$GITHUB_ENV"
                  echo "EOF" >> "$GITHUB_ENV"
                env: { SECRET: "\${{ secrets.B }}" }
              - run: npx semantic-release
              - run: pnpm publish
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 6, column: 14, endLine: 6, endColumn: 68, data: { secret: 'A', binding: '`NODE_AUTH_TOKEN`' }, related: ['7:14'] },
        // semantic-release without a package.json is not known to publish; pnpm publish is.
        { messageId: 'tokenInPublishJob', line: 12, column: 11, endLine: 12, endColumn: 49, data: { secret: 'B', binding: '`NPM_TOKEN`' }, related: ['15:16', '17:14'] },
      ],
      skipSuppressionCheck: true,
    },
    {
      name: 'issue 17: printf, tee and npm config set --location write ~/.npmrc',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  printf '//registry.npmjs.org/:_authToken=%s\\n' "$T" > ~/.npmrc
                  npm publish
                env: { T: "\${{ secrets.A }}" }
          b:
            runs-on: ubuntu-latest
            steps:
              - run: echo "//registry.npmjs.org/:_authToken=\${{ secrets.B }}" | tee -a ~/.npmrc > /dev/null
              - run: npm publish
          c:
            runs-on: ubuntu-latest
            steps:
              - run: npm config set --location user //registry.npmjs.org/:_authToken=\${{ secrets.C }}
              - run: npm publish
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 7, column: 11, endLine: 7, endColumn: 73, data: { secret: 'A', binding: 'the `_authToken` it writes to the npm config' }, related: ['9:16', '8:11'] },
        // At the command that prints the token, not at `tee`.
        { messageId: 'tokenInPublishJob', line: 13, column: 14, endLine: 13, endColumn: 70, data: { secret: 'B', binding: 'the `_authToken` it writes to the npm config' }, related: ['14:14'] },
        { messageId: 'tokenInPublishJob', line: 18, column: 14, endLine: 18, endColumn: 94, data: { secret: 'C', binding: 'the `_authToken` it writes to the npm config' }, related: ['19:14'] },
      ],
      skipSuppressionCheck: true,
    },
    {
      name: 'issue 17: token flags on the publish itself, and a token in a --registry URL',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish --//registry.npmjs.org/:_authToken=\${{ secrets.A }}
              - run: npm publish --_authToken="$T"
                env: { T: "\${{ secrets.B }}" }
              - run: npm publish --registry "https://ci:$C@registry.npmjs.org/"
                env: { C: "\${{ secrets.C }}" }
              # npm reads an unknown option without \`=\` as a flag: "$T" is the package to publish, not a token.
              - run: npm publish --_authToken "$T"
                env: { T: "\${{ secrets.D }}" }
              # Single quotes: the flag's value is the text \`$T\`.
              - run: npm publish --_authToken='$T'
                env: { T: "\${{ secrets.E }}" }
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 6, column: 26, endLine: 6, endColumn: 77, data: { secret: 'A', binding: 'the `--//registry.npmjs.org/:_authToken` flag' }, related: ['6:14'] },
        { messageId: 'tokenInPublishJob', line: 7, column: 26, endLine: 7, endColumn: 43, data: { secret: 'B', binding: 'the `--_authToken` flag' }, related: ['8:16', '7:14'] },
        // At the URL, the word that holds the credentials.
        { messageId: 'tokenInPublishJob', line: 9, column: 37, endLine: 9, endColumn: 72, data: { secret: 'C', binding: 'the credentials in the `--registry` URL' }, related: ['10:16', '9:14'] },
      ],
    },
    {
      name: 'issue 17: userinfo in a --registry URL of registry.npmjs.org is a credential (npm sends it as Basic auth), written out or from a secret',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish --registry https://ci:hunter2@registry.npmjs.org/
              - run: npm publish --registry "https://ci:\${{ secrets.A }}@registry.npmjs.org/"
              - run: npm --registry="https://\${{ secrets.B }}@registry.npmjs.org/" publish
              - run: npm publish --reg "https://$T@registry.npmjs.org/"
                env: { T: "\${{ secrets.C }}" }
      `,
      errors: [
        { messageId: 'hardcodedToken', line: 6, column: 37, endLine: 6, endColumn: 75, data: { binding: 'the credentials in the `--registry` URL' }, related: ['6:14'] },
        // An expression in the userinfo leaves the host known: this publish goes to registry.npmjs.org.
        { messageId: 'tokenInPublishJob', line: 7, column: 37, endLine: 7, endColumn: 86, data: { secret: 'A', binding: 'the credentials in the `--registry` URL' }, related: ['7:14'] },
        { messageId: 'tokenInPublishJob', line: 8, column: 18, endLine: 8, endColumn: 75, data: { secret: 'B', binding: 'the credentials in the `--registry` URL' }, related: ['8:14'] },
        { messageId: 'tokenInPublishJob', line: 9, column: 32, endLine: 9, endColumn: 64, data: { secret: 'C', binding: 'the credentials in the `--registry` URL' }, related: ['10:16', '9:14'] },
      ],
    },
    {
      name: 'issue 17: a prefix assignment on the command that runs a nested script reaches the publish inside it, and so does an export within it',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: NODE_AUTH_TOKEN=\${{ secrets.A }} bash -c 'npm publish'
              - run: env NODE_AUTH_TOKEN=\${{ secrets.B }} timeout 60 sh -c "npm pub --tag \\"next\\""
              - run: bash -c 'export NODE_AUTH_TOKEN=\${{ secrets.C }}; npm whoami && npm publish'
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 6, column: 14, endLine: 6, endColumn: 46, data: { secret: 'A', binding: '`NODE_AUTH_TOKEN`' }, related: ['6:56'] },
        { messageId: 'tokenInPublishJob', line: 7, column: 18, endLine: 7, endColumn: 50, data: { secret: 'B', binding: '`NODE_AUTH_TOKEN`' }, related: ['7:69'] },
        { messageId: 'tokenInPublishJob', line: 8, column: 30, endLine: 8, endColumn: 62, data: { secret: 'C', binding: '`NODE_AUTH_TOKEN`' }, related: ['8:78'] },
      ],
    },
    {
      name: 'issue 17: prototype names are ordinary names (npm constructor, env constructor, a script named toString, a step id hasOwnProperty)',
      code: workflow`
        on: push
        env: { constructor: "\${{ secrets.A }}", __proto__: "\${{ secrets.B }}" }
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - id: hasOwnProperty
                run: npm constructor && npm __proto__ && npm toString && npm run valueOf
                env: { NODE_AUTH_TOKEN: "\${{ secrets.C }}" }
              - run: npm run toString
                env: { NODE_AUTH_TOKEN: "\${{ env.constructor }}" }
              - run: npm publish
                env: { NODE_AUTH_TOKEN: "\${{ env.toString }}\${{ env.hasOwnProperty }}\${{ steps.hasOwnProperty.outputs.token }}" }
              - run: |
                  export __proto__=x constructor=y
                  echo "toString=z" >> "$GITHUB_ENV"
                  NODE_AUTH_TOKEN="$__proto__" npm pub
      `,
      files: { 'package.json': '{"name": "x", "version": "1.0.0", "scripts": {"toString": "npm publish"}}\n' },
      errors: [
        // Only the script that exists publishes; \`env.constructor\` is the workflow's variable, not Object's.
        { messageId: 'tokenInPublishJob', line: 11, column: 16, endLine: 11, endColumn: 57, data: { secret: 'A', binding: '`NODE_AUTH_TOKEN`' }, related: ['2:8', '10:14', 'package.json:1:59'] },
      ],
    },
    {
      name: 'issue 17: npm runs these as publishes, and the token in their step env reaches each (publish positions in related)',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm pub
                env: { NODE_AUTH_TOKEN: "\${{ secrets.A }}" }
              - run: npm --cache /tmp/c publish
                env: { NODE_AUTH_TOKEN: "\${{ secrets.B }}" }
              - run: npm publish --dry-run false
                env: { NODE_AUTH_TOKEN: "\${{ secrets.C }}" }
              - run: npm exec -c 'npm publish'
                env: { NODE_AUTH_TOKEN: "\${{ secrets.D }}" }
              - run: timeout -k 5 60 npm publish
                env: { NODE_AUTH_TOKEN: "\${{ secrets.E }}" }
              - run: env -u X npm publish
                env: { NODE_AUTH_TOKEN: "\${{ secrets.F }}" }
              - run: bash -c "npm publish --tag \\"x\\""
                env: { NODE_AUTH_TOKEN: "\${{ secrets.G }}" }
              - run: npm publish --registry https://ci@registry.npmjs.org/
                env: { NODE_AUTH_TOKEN: "\${{ secrets.H }}" }
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 7, column: 16, endLine: 7, endColumn: 51, data: { secret: 'A', binding: '`NODE_AUTH_TOKEN`' }, related: ['6:14'] },
        { messageId: 'tokenInPublishJob', line: 9, column: 16, endLine: 9, endColumn: 51, data: { secret: 'B', binding: '`NODE_AUTH_TOKEN`' }, related: ['8:14'] },
        { messageId: 'tokenInPublishJob', line: 11, column: 16, endLine: 11, endColumn: 51, data: { secret: 'C', binding: '`NODE_AUTH_TOKEN`' }, related: ['10:14'] },
        // The publish inside the script npm exec runs.
        { messageId: 'tokenInPublishJob', line: 13, column: 16, endLine: 13, endColumn: 51, data: { secret: 'D', binding: '`NODE_AUTH_TOKEN`' }, related: ['12:27'] },
        // The publish, wrapper and all.
        { messageId: 'tokenInPublishJob', line: 15, column: 16, endLine: 15, endColumn: 51, data: { secret: 'E', binding: '`NODE_AUTH_TOKEN`' }, related: ['14:14'] },
        { messageId: 'tokenInPublishJob', line: 17, column: 16, endLine: 17, endColumn: 51, data: { secret: 'F', binding: '`NODE_AUTH_TOKEN`' }, related: ['16:14'] },
        { messageId: 'tokenInPublishJob', line: 19, column: 16, endLine: 19, endColumn: 51, data: { secret: 'G', binding: '`NODE_AUTH_TOKEN`' }, related: ['18:23'] },
        // A user name alone is no credential written out; the publish still goes to registry.npmjs.org.
        { messageId: 'tokenInPublishJob', line: 21, column: 16, endLine: 21, endColumn: 51, data: { secret: 'H', binding: '`NODE_AUTH_TOKEN`' }, related: ['20:14'] },
      ],
    },
    {
      name: "removing a dormant binding keeps the step's other variables and the binding's comment",
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24.10.0, registry-url: https://registry.npmjs.org }
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }} # fallback until the trusted publisher works
                  NPM_CONFIG_PROVENANCE: true
      `,
      output: null,
      errors: [
        {
          messageId: 'dormantFallback', line: 12, column: 11, endLine: 12, endColumn: 52,
          suggestions: [
            {
              messageId: 'removeBinding',
              output: workflow`
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    steps:
                      - uses: actions/setup-node@v6
                        with: { node-version: 24.10.0, registry-url: https://registry.npmjs.org }
                      - run: npm publish
                        env:
                          # fallback until the trusted publisher works
                          NPM_CONFIG_PROVENANCE: true
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a dormant token bound at the job level: no suggestion (other steps may read it)',
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
              - uses: actions/setup-node@v6
                with: { node-version: 24.10.0, registry-url: https://registry.npmjs.org }
              - run: npm ci
              - run: npm publish
      `,
      output: null,
      errors: [
        {
          messageId: 'dormantFallback', line: 8, column: 7, endLine: 8, endColumn: 48,
        },
      ],
    },
    {
      name: 'the token input of JS-DevTools/npm-publish beside id-token: write: OIDC is not certain, no suggestion',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: JS-DevTools/npm-publish@v4.1.0
                with:
                  token: \${{ secrets.NPM_TOKEN }}
                  access: public
      `,
      output: null,
      errors: [
        {
          messageId: 'dormantIfOidc', line: 10, column: 11, endLine: 10, endColumn: 42,
        },
      ],
    },
  ],
});
