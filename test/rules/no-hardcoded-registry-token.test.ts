import { noHardcodedRegistryToken } from '../../src/rules/no-hardcoded-registry-token.js';
import { FAKE } from '../fake-tokens.js';
import { testRule, workflow } from '../rule-tester.js';

const { npm, npm2, pypi, testpypi, rubygems, crates, nuget, jsr, ghp, opaque } = FAKE;
const base64 = (text: string) => Buffer.from(text).toString('base64');

testRule(noHardcodedRegistryToken, {
  valid: [
    {
      name: 'tokens from secrets, step outputs and variables',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
              TWINE_PASSWORD: \${{ steps.mint.outputs.api-token }}
              CARGO_REGISTRY_TOKEN: \${{ steps.auth.outputs.token }}
            steps:
              - run: |
                  echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > ~/.npmrc
                  echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >> ~/.npmrc
                  npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN"
                  yarn config set npmAuthToken "\${{ secrets.NPM_TOKEN }}"
                  echo "_authToken=abc\${NPM_SUFFIX}" >> .npmrc
                  npm publish
      `,
    },
    {
      name: 'placeholders: setup-node, all-same characters, words, a nil UUID, and tokens shaped like placeholders',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: XXXXX-XXXXX-XXXXX-XXXXX
              NPM_TOKEN: <token>
              NPM_AUTH_TOKEN: your-token-here
              TWINE_PASSWORD: 00000000-0000-0000-0000-000000000000
              GEM_HOST_API_KEY: 1234567890abcdef1234
              UV_PUBLISH_TOKEN: pypi-AgEIcHlwaS5vcmc...
            steps:
              - run: |
                  echo "//registry.npmjs.org/:_authToken=npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" > ~/.npmrc
                  echo "//registry.npmjs.org/:_authToken=npm_0123456789abcdefghijklmnopqrstuvwxyz" > ~/.npmrc
                  echo "//registry.npmjs.org/:_authToken=npm_YourTokenHereYourTokenHere12345678" > ~/.npmrc
                  echo "//registry.npmjs.org/:_authToken=secret_token" > ~/.npmrc
      `,
    },
    {
      name: 'GitHub tokens are not registry tokens (outside a registry credential key), and other literals are not tokens',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            env:
              GH_TOKEN: ${ghp}
              GITHUB_TOKEN: ${ghp}
              BUILD_ID: ${opaque}
            steps:
              - run: gh release create v1 --notes "${ghp}"
              - run: echo sha256 0123abcd4567ef890123abcd4567ef89
      `,
    },
    {
      name: 'npm reads ${VAR} and ${VAR?} in .npmrc; ${VAR:-} is not npm syntax but is still a reference',
      filename: '.npmrc',
      code: [
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        '//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN?}',
        '//npm.fury.io/dependabot/:_auth=${FURY_TOKEN}',
        '//npm.example.com/:_authToken=${NPM_TOKEN:-}',
        'registry=https://registry.npmjs.org/',
        'provenance=true',
        '',
      ].join('\n'),
    },
    {
      name: 'placeholders in .npmrc (dependabot fixtures, setup-node) and a placeholder _auth',
      filename: 'fixtures/auth/.npmrc',
      code: [
        '//npm.pkg.github.com/:_authToken=XXXXXXXXX',
        '//npm.fury.io/dependabot/:_authToken=secret_token',
        '//registry.npmjs.org/:_authToken=XXXXX-XXXXX-XXXXX-XXXXX',
        `//registry.npmjs.org/:_auth=${base64('user:password')}`,
        `//registry.npmjs.org/:_password=${base64('changeme')}`,
        '//registry.npmjs.org/:_authToken=<your-token>',
        '',
      ].join('\n'),
    },
    {
      name: 'a .yarnrc.yml that reads its tokens from the environment',
      filename: '.yarnrc.yml',
      code: workflow`
        npmAuthToken: "\${NPM_AUTH_TOKEN:-}"
        npmScopes:
          acme:
            npmAuthToken: "\${ACME_TOKEN}"
            npmRegistryServer: "https://npm.acme.example"
        yarnPath: .yarn/releases/yarn-4.10.3.cjs
      `,
    },
    {
      name: 'credentials files without a recognised token (a password of another index is not a registry token)',
      filename: '.pypirc',
      code: ['[distutils]', 'index-servers = private', '', '[private]', 'repository = https://pypi.internal.example/', 'username = ci', `password = ${opaque}`, ''].join('\n'),
    },
    {
      name: 'a directive on the run: key line suppresses a token inside the script',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              # trustlint-disable-next-line no-hardcoded-registry-token -- test fixture, revoked
              - run: |
                  echo "//registry.npmjs.org/:_authToken=${npm}" > ~/.npmrc
      `,
      suppressedCount: 1,
    },
  ],
  invalid: [
    {
      name: 'an npm token in env',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            env:
              NODE_AUTH_TOKEN: ${npm}
            steps:
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'registryToken',
          line: 6,
          column: 24,
          endLine: 6,
          endColumn: 64,
          messageIncludes: ['An npm access token (`npm_…`) is written in the env variable `NODE_AUTH_TOKEN`', 'Revoke it on npmjs.com (Access Tokens) now', 'trusted publishing'],
        },
      ],
    },
    {
      name: 'an npm token written to ~/.npmrc by a literal block script: the exact span inside the block',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  echo "//registry.npmjs.org/:_authToken=${npm}" > ~/.npmrc
                  npm publish
      `,
      errors: [{ messageId: 'registryToken', line: 7, column: 50, endLine: 7, endColumn: 90, messageIncludes: ['written in the `run:` script'] }],
      skipSuppressionCheck: true,
    },
    {
      name: 'a PyPI token as the password input of the PyPA action',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: ${pypi}
      `,
      errors: [{ messageId: 'registryToken', line: 8, column: 21, endLine: 8, endColumn: 161, messageIncludes: ['A PyPI API token (`pypi-…`) is written in the `with:` input `password`', 'on pypi.org'] }],
    },
    {
      name: 'a token in a YAML comment is a leaked token too',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish # was: ${npm}
      `,
      errors: [{ messageId: 'registryToken', line: 7, column: 33, endLine: 7, endColumn: 73, messageIncludes: ['is written in a comment'] }],
    },
    {
      name: 'plain, double-quoted and folded scalars, two tokens on one line, and UTF-16 columns',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm config set //registry.npmjs.org/:_authToken ${npm}
              - run: "echo ${npm2}\\techo ${npm}"
              - run: >
                  npx jsr publish
                  --token ${jsr}
              - name: "🔑 ${npm2}"
                run: true
      `,
      errors: [
        { messageId: 'registryToken', line: 6, column: 62, endLine: 6, endColumn: 102 },
        { messageId: 'registryToken', line: 7, column: 20, endLine: 7, endColumn: 60 },
        { messageId: 'registryToken', line: 7, column: 67, endLine: 7, endColumn: 107 },
        { messageId: 'registryToken', line: 10, column: 19, endLine: 10, endColumn: 59, messageIncludes: ['A JSR personal access token (`jsrp_…`)'] },
        { messageId: 'registryToken', line: 11, column: 19, endLine: 11, endColumn: 59, messageIncludes: ['written in the `name` value'] },
      ],
      skipSuppressionCheck: true,
    },
    {
      name: 'a value shared through a YAML anchor is reported once, where it is written',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            env: &env
              CARGO_REGISTRY_TOKEN: ${crates}
            steps: [{ run: cargo publish }]
          b:
            runs-on: ubuntu-latest
            env: *env
            steps: [{ run: cargo publish }]
      `,
      errors: [{ messageId: 'registryToken', line: 6, column: 29, endLine: 6, endColumn: 64, messageIncludes: ['A crates.io API token (`cio…`)', 'on crates.io'] }],
    },
    {
      name: 'RubyGems, NuGet and TestPyPI tokens in a composite action',
      filename: 'actions/release/action.yml',
      code: workflow`
        name: release
        runs:
          using: composite
          steps:
            - run: gem push pkg/*.gem
              shell: bash
              env:
                GEM_HOST_API_KEY: ${rubygems}
            - run: dotnet nuget push out/*.nupkg -k ${nuget} -s https://api.nuget.org/v3/index.json
              shell: bash
            - run: twine upload -r testpypi -p ${testpypi} dist/*
              shell: bash
      `,
      errors: [
        { messageId: 'registryToken', line: 8, column: 27, endLine: 8, endColumn: 84, messageIncludes: ['A RubyGems API key (`rubygems_…`)'] },
        { messageId: 'registryToken', line: 9, column: 45, endLine: 9, endColumn: 91, messageIncludes: ['A nuget.org API key (`oy2…`)'] },
        { messageId: 'registryToken', line: 11, column: 40, endLine: 11, endColumn: 157, messageIncludes: ['A TestPyPI API token (`pypi-…`)', 'on test.pypi.org'] },
      ],
    },
    {
      name: 'a literal secret in a variable registry tools read a token from, and a literal _authToken of another registry',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: twine upload dist/*
                env:
                  TWINE_USERNAME: __token__
                  TWINE_PASSWORD: ${opaque}
              - run: echo "//npm.pkg.github.com/:_authToken=${ghp}" >> ~/.npmrc
      `,
      errors: [
        { messageId: 'literalEnvToken', line: 9, column: 27, endLine: 9, endColumn: 47, messageIncludes: ['A literal PyPI credential is written in the env variable `TWINE_PASSWORD`'] },
        { messageId: 'literalCredential', line: 10, column: 53, endLine: 10, endColumn: 93, messageIncludes: ['A literal token is written in the `run:` script as `_authToken` for `npm.pkg.github.com`'] },
      ],
    },
    {
      name: 'a committed .npmrc: a token, a literal _auth, a quoted _password, a token in a comment, an inline comment',
      filename: '.npmrc',
      code: [
        'registry=https://registry.npmjs.org/',
        `//registry.npmjs.org/:_authToken=${npm}`,
        `//npm.acme.example/:_auth=${base64('ci-bot:Zq8vN3xw1Lp')}`,
        `//npm.acme.example/:_password="${base64('Zq8vN3xw1Lp')}"`,
        `; old: ${npm2}`,
        `_authToken = ${opaque} ; rotated`,
        '',
      ].join('\n'),
      errors: [
        { messageId: 'registryToken', line: 2, column: 34, endLine: 2, endColumn: 74, messageIncludes: ['is written in this `.npmrc`', 'write `_authToken=${NPM_TOKEN}` instead'] },
        { messageId: 'literalCredential', line: 3, column: 27, endLine: 3, endColumn: 51, messageIncludes: ['A literal user and password (base64) is written in this `.npmrc` as `_auth` for `npm.acme.example`'] },
        { messageId: 'literalCredential', line: 4, column: 32, endLine: 4, endColumn: 48, messageIncludes: ['password (base64)'] },
        { messageId: 'registryToken', line: 5, column: 8, endLine: 5, endColumn: 48, messageIncludes: ['is written in a comment of this `.npmrc`'] },
        { messageId: 'literalCredential', line: 6, column: 14, endLine: 6, endColumn: 34, messageIncludes: ['as `_authToken`:'] },
      ],
    },
    {
      name: 'a committed .yarnrc.yml: npmAuthToken at the top, under a scope and a registry, and npmAuthIdent',
      filename: 'packages/app/.yarnrc.yml',
      code: workflow`
        npmAuthToken: ${npm}
        npmScopes:
          acme:
            npmAuthToken: "${opaque}"
        npmRegistries:
          "//npm.acme.example":
            npmAuthIdent: "ci-bot:Zq8vN3xw1Lp"
        # previous: ${npm2}
      `,
      errors: [
        { messageId: 'registryToken', line: 1, column: 15, endLine: 1, endColumn: 55, messageIncludes: ['is written in this `.yarnrc.yml`', 'write `npmAuthToken: "${NPM_AUTH_TOKEN}"` instead'] },
        { messageId: 'literalCredential', line: 4, column: 20, endLine: 4, endColumn: 40, messageIncludes: ['as `npmAuthToken`:'] },
        { messageId: 'literalCredential', line: 7, column: 20, endLine: 7, endColumn: 38, messageIncludes: ['A literal user and password is written in this `.yarnrc.yml` as `npmAuthIdent` for `npm.acme.example`'] },
        { messageId: 'registryToken', line: 8, column: 13, endLine: 8, endColumn: 53, messageIncludes: ['a comment of this `.yarnrc.yml`'] },
      ],
    },
    {
      name: 'credentials files committed by mistake: .pypirc, .gem/credentials, .cargo/credentials.toml',
      filename: '.pypirc',
      code: ['[pypi]', 'username = __token__', `password = ${pypi}`, ''].join('\n'),
      errors: [{ messageId: 'registryToken', line: 3, column: 12, endLine: 3, endColumn: 152, messageIncludes: ['is written in this `.pypirc`', 'delete this file from the repository'] }],
    },
    {
      name: 'a RubyGems credentials file',
      filename: 'home/.gem/credentials',
      code: ['---', `:rubygems_api_key: ${rubygems}`, ''].join('\n'),
      errors: [{ messageId: 'registryToken', line: 2, column: 20, endLine: 2, endColumn: 77, messageIncludes: ['is written in this `.gem/credentials`'] }],
    },
    {
      name: 'a Cargo credentials file',
      filename: '.cargo/credentials.toml',
      code: ['[registry]', `token = "${crates}"`, ''].join('\n'),
      errors: [{ messageId: 'registryToken', line: 2, column: 10, endLine: 2, endColumn: 45, messageIncludes: ['is written in this Cargo `credentials.toml`'] }],
    },
  ],
});
