import { tokenShadowsOidc } from '../../src/rules/token-shadows-oidc.js';
import { testRule, workflow } from '../rule-tester.js';

/** A job with `id-token: write` and the given steps (indented for the job). */
const oidcJob = (steps: string, jobEnv = '') => workflow`
  on: push
  permissions: {}
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions:
        contents: read
        id-token: write
${jobEnv}      steps:
${steps}
`;

testRule(tokenShadowsOidc, {
  valid: [
    { name: 'Yarn with no token: OIDC is used', code: oidcJob('        - run: yarn npm publish') },
    { name: 'an empty token', code: oidcJob('        - run: yarn npm publish\n          env:\n            YARN_NPM_AUTH_TOKEN: ""') },
    {
      name: 'no id-token: the token is the intended credential (no-long-lived-npm-token may still flag it)',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: yarn npm publish
                env:
                  YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
    },
    { name: 'npm prefers OIDC over a token', code: oidcJob('        - run: npm publish\n          env:\n            NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}') },
    { name: 'the token only on the install step', code: oidcJob('        - run: yarn install\n          env:\n            YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_READ_TOKEN }}\n        - run: yarn npm publish') },
    { name: 'a token written after the publish', code: oidcJob('        - run: yarn npm publish\n        - run: yarn config set npmAuthToken "$TOKEN"') },
    { name: 'GitHub Packages through GITHUB_TOKEN', code: oidcJob('        - run: yarn npm publish\n          env:\n            YARN_NPM_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}') },
    {
      name: 'GitHub Packages through the registry env',
      code: oidcJob('        - run: yarn npm publish\n          env:\n            YARN_NPM_REGISTRY_SERVER: https://npm.pkg.github.com\n            YARN_NPM_AUTH_TOKEN: ${{ secrets.GH_PACKAGES_TOKEN }}'),
    },
    {
      name: 'GitHub Packages through .yarnrc.yml',
      code: oidcJob('        - run: yarn npm publish'),
      files: { '.yarnrc.yml': 'npmRegistryServer: "https://npm.pkg.github.com"\nnpmAuthToken: "${NODE_AUTH_TOKEN}"\n' },
    },
    {
      name: 'a committed `${VAR}` token whose variable the step does not bind',
      code: oidcJob('        - run: yarn npm publish'),
      files: { '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN:-}"\n' },
    },
    {
      name: 'a scoped token for another scope is not used for this package',
      code: oidcJob('        - run: yarn npm publish'),
      files: { 'package.json': '{"name":"@acme/pkg"}', '.yarnrc.yml': 'npmScopes:\n  private-deps:\n    npmAuthToken: npm_abcdefghijklmnopqrstuvwxyz0123456789\n' },
    },
    { name: 'Yarn 1 `yarn publish` is not Yarn Berry', code: oidcJob('        - run: yarn publish\n          env:\n            YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}') },
  ],
  invalid: [
    {
      name: 'YARN_NPM_AUTH_TOKEN from a secret on the publish step',
      code: oidcJob('        - run: yarn npm publish --access public\n          env:\n            YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}'),
      errors: [
        {
          messageId: 'tokenShadowsOidc',
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 46,
          data: { token: '`YARN_NPM_AUTH_TOKEN`' },
        },
      ],
    },
    {
      name: 'a token from a step output or `vars` at job level still shadows OIDC',
      code: oidcJob('        - run: yarn npm publish', '      env:\n        YARN_NPM_AUTH_TOKEN: ${{ steps.token.outputs.value || vars.NPM }}\n'),
      errors: [{ messageId: 'tokenShadowsOidc', line: 12, column: 14, endLine: 12, endColumn: 30 }],
    },
    {
      name: 'an npmAuthToken written by an earlier step',
      code: oidcJob('        - run: yarn config set npmAuthToken "$TOKEN"\n          env:\n            TOKEN: ${{ steps.mint.outputs.token }}\n        - run: yarn npm publish'),
      errors: [{ messageId: 'tokenShadowsOidc', line: 13, column: 14, endLine: 13, endColumn: 30, messageIncludes: ['set by `yarn config set`'] }],
    },
    {
      name: 'an npmAuthToken appended to .yarnrc.yml earlier in the same script',
      code: oidcJob('        - run: |\n            echo "npmAuthToken: $NPM_TOKEN" >> .yarnrc.yml\n            yarn npm publish'),
      skipSuppressionCheck: true,
      errors: [{ messageId: 'tokenShadowsOidc', line: 12, column: 11, endLine: 12, endColumn: 27, messageIncludes: ['written to `.yarnrc.yml`'] }],
    },
    {
      name: 'a literal npmAuthToken committed in .yarnrc.yml',
      code: oidcJob('        - run: yarn npm publish'),
      files: { '.yarnrc.yml': 'nodeLinker: node-modules\nnpmAuthToken: npm_abcdefghijklmnopqrstuvwxyz0123456789\n' },
      errors: [{ messageId: 'tokenShadowsOidc', line: 10, column: 14, endLine: 10, endColumn: 30, messageIncludes: ['`npmAuthToken` in `.yarnrc.yml`'] }],
    },
    {
      name: 'a token for the package’s own scope, and one for registry.npmjs.org',
      code: oidcJob('        - run: yarn npm publish'),
      files: { 'package.json': '{"name":"@acme/pkg"}', '.yarnrc.yml': 'npmScopes:\n  acme:\n    npmAlwaysAuth: true\n    npmAuthToken: "npm_abcdefghijklmnopqrstuvwxyz0123456789"\n' },
      errors: [{ messageId: 'tokenShadowsOidc', line: 10, column: 14, endLine: 10, endColumn: 30 }],
    },
    {
      name: 'a token under npmRegistries for registry.npmjs.org',
      code: oidcJob('        - run: yarn npm publish'),
      files: { 'package.json': '{"name":"pkg"}', '.yarnrc.yml': 'npmRegistries:\n  "https://registry.npmjs.org":\n    npmAuthToken: npm_abcdefghijklmnopqrstuvwxyz0123456789\n' },
      errors: [{ messageId: 'tokenShadowsOidc', line: 10, column: 14, endLine: 10, endColumn: 30 }],
    },
    {
      name: 'a committed `${NPM_TOKEN}` that the step binds',
      code: oidcJob('        - run: yarn npm publish\n          env:\n            NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'),
      files: { '.yarnrc.yml': 'npmAuthToken: "${NPM_TOKEN}"\n' },
      errors: [{ messageId: 'tokenShadowsOidc', line: 10, column: 14, endLine: 10, endColumn: 30, messageIncludes: ['`npmAuthToken: ${NPM_TOKEN}` in `.yarnrc.yml`'] }],
    },
    {
      name: 'a directive above `run:` suppresses a finding in its block',
      code: oidcJob('        # trustlint-disable-next-line token-shadows-oidc -- bootstrap publish of a new package\n        - run: |\n            yarn npm publish\n        - run: yarn npm publish', '      env:\n        YARN_NPM_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'),
      skipSuppressionCheck: true,
      errors: [{ messageId: 'tokenShadowsOidc', line: 15, column: 14, endLine: 15, endColumn: 30 }],
    },
  ],
});
