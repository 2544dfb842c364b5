import { publishJobNeedsIdToken } from '../../src/rules/publish-job-needs-id-token.js';
import { testRule, workflow } from '../rule-tester.js';

testRule(publishJobNeedsIdToken, {
  valid: [
    {
      name: 'a misspelt `permission:` block: the grant is unknown (GitHub rejects the file; valid-workflow-keys says why), no advice to add it',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permission: { contents: read, id-token: write }
            steps: [{ run: npm publish }]
      `,
    },
    {
      name: 'a misspelt block at the top, inherited by a job that declares nothing',
      code: workflow`
        on: push
        Permissions:
          id-token: write
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps: [{ run: npm publish }]
      `,
    },
    {
      name: 'PyPI: a password, a private index, and uv publish in its automatic mode keep the rule silent',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          pypi:
            runs-on: ubuntu-latest
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  password: \${{ secrets.PYPI_TOKEN }}
              - uses: pypa/gh-action-pypi-publish@release/v1
                with:
                  repository-url: https://pypi.example.com/legacy/
              - run: uv publish
              - run: uv publish --trusted-publishing always --publish-url https://pypi.example.com/legacy/
      `,
    },
    {
      name: 'issue 17: a long-lived token reaches each of these publishes, so none publishes "without a token" (no-long-lived-npm-token reports the token)',
      code: workflow`
        on: push
        permissions: {}
        env: { RELEASE: "\${{ secrets.NPM_TOKEN }}" }
        jobs:
          prefix:
            runs-on: ubuntu-latest
            steps: [{ run: 'NODE_AUTH_TOKEN=\${{ secrets.NPM_TOKEN }} npm publish' }]
          exported:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  export NODE_AUTH_TOKEN=\${{ secrets.NPM_TOKEN }}
                  npm pub
          indirection:
            runs-on: ubuntu-latest
            steps:
              - run: npm --cache /tmp/c publish
                env: { NODE_AUTH_TOKEN: "\${{ env.RELEASE }}" }
          github-env:
            runs-on: ubuntu-latest
            steps:
              - run: echo "NODE_AUTH_TOKEN=$RELEASE" >> "$GITHUB_ENV"
              - run: timeout -k 5 60 npm publish --dry-run false
          printf:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  printf '//registry.npmjs.org/:_authToken=%s' "$RELEASE" > ~/.npmrc
                  env -u X npm publish
          flag:
            runs-on: ubuntu-latest
            steps: [{ run: 'npm exec -c "npm publish --//registry.npmjs.org/:_authToken=$RELEASE"' }]
          userinfo:
            runs-on: ubuntu-latest
            steps: [{ run: 'bash -c "npm publish --registry \\"https://ci:hunter2@registry.npmjs.org/\\""' }]
      `,
    },
    {
      name: 'the publish job grants id-token: write',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            steps: [{ run: npm publish --provenance }]
      `,
    },
    {
      name: 'inherited from the workflow when the job declares nothing',
      code: workflow`
        on: push
        permissions:
          id-token: write
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps: [{ run: pnpm publish }]
      `,
    },
    {
      name: 'write-all includes id-token',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: write-all
            steps: [{ run: npm publish }]
      `,
    },
    {
      name: 'a token publish without provenance is left to no-long-lived-npm-token',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
    },
    {
      name: 'GitHub Packages and dry runs',
      code: workflow`
        on: push
        jobs:
          gpr:
            runs-on: ubuntu-latest
            permissions: { packages: write }
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: 'https://npm.pkg.github.com' }
              - run: npm publish
          dry:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            steps: [{ run: npm publish --dry-run }]
      `,
    },
    {
      name: 'a called workflow that declares nothing inherits its caller grant: unknown',
      code: workflow`
        on: workflow_call
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps: [{ run: npm publish }]
      `,
    },
    {
      name: 'permissions given by an expression are unknown',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: \${{ fromJSON(vars.PUBLISH_PERMISSIONS) }}
            steps: [{ run: npm publish }]
      `,
    },
  ],
  invalid: [
    {
      name: 'PyPI: the pypa action without password can only authenticate through trusted publishing',
      code: workflow`
        on: push
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions:
              contents: read
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
      `,
      output: workflow`
        on: push
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
      `,
      errors: [{
        messageId: 'oidcFlowWithoutIdToken',
        line: 3,
        column: 3,
        endLine: 3,
        endColumn: 7,
        data: { job: 'pypi', registry: 'PyPI', what: '`pypa/gh-action-pypi-publish`', why: 'its own `permissions` block does not grant `id-token: write` (a job-level block replaces the workflow\'s)' },
        related: ['5:5', '8:15'],
      }],
    },
    {
      name: 'PyPI: uv publish --trusted-publishing always, workflow-level permissions',
      code: workflow`
        on: push
        permissions:
          contents: read
        jobs:
          pypi:
            runs-on: ubuntu-latest
            steps:
              - run: uv publish --trusted-publishing always
      `,
      output: workflow`
        on: push
        permissions:
          contents: read
        jobs:
          pypi:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - run: uv publish --trusted-publishing always
      `,
      errors: [{ messageId: 'oidcFlowWithoutIdToken', line: 5, column: 3, endLine: 5, endColumn: 7, messageIncludes: ['to PyPI only through trusted publishing (`uv publish`)'], related: ['2:1', '8:46'] }],
    },
    {
      name: 'issue 13: crates.io, RubyGems and NuGet trusted-publishing exchanges through the registry table',
      code: workflow`
        on: push
        jobs:
          crates:
            runs-on: ubuntu-latest
            permissions:
              contents: read
            steps:
              - uses: rust-lang/crates-io-auth-action@v1
                id: auth
              - run: cargo publish
                env:
                  CARGO_REGISTRY_TOKEN: \${{ steps.auth.outputs.token }}
          gems:
            runs-on: ubuntu-latest
            permissions:
              contents: write
            steps:
              - uses: rubygems/release-gem@v1
          nuget:
            runs-on: ubuntu-latest
            permissions:
              contents: read
            steps:
              - uses: NuGet/login@v1
                id: login
                with:
                  user: octo
              - run: dotnet nuget push x.nupkg -k \${{ steps.login.outputs.NUGET_API_KEY }} -s nuget.org
      `,
      output: workflow`
        on: push
        jobs:
          crates:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - uses: rust-lang/crates-io-auth-action@v1
                id: auth
              - run: cargo publish
                env:
                  CARGO_REGISTRY_TOKEN: \${{ steps.auth.outputs.token }}
          gems:
            runs-on: ubuntu-latest
            permissions:
              contents: write
              id-token: write
            steps:
              - uses: rubygems/release-gem@v1
          nuget:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
            steps:
              - uses: NuGet/login@v1
                id: login
                with:
                  user: octo
              - run: dotnet nuget push x.nupkg -k \${{ steps.login.outputs.NUGET_API_KEY }} -s nuget.org
      `,
      errors: [
        { messageId: 'oidcFlowWithoutIdToken', line: 3, column: 3, endLine: 3, endColumn: 9, messageIncludes: ['to crates.io only through trusted publishing (`rust-lang/crates-io-auth-action`)'], related: ['5:5', '8:15'] },
        { messageId: 'oidcFlowWithoutIdToken', line: 13, column: 3, endLine: 13, endColumn: 7, messageIncludes: ['to RubyGems only through trusted publishing (`rubygems/release-gem`)'], related: ['15:5', '18:15'] },
        { messageId: 'oidcFlowWithoutIdToken', line: 19, column: 3, endLine: 19, endColumn: 8, messageIncludes: ['to NuGet only through trusted publishing (`NuGet/login`)'], related: ['21:5', '24:15'] },
      ],
    },
    {
      name: 'issue 17: a token that never reaches the publish (another command, after it, another registry, GITHUB_TOKEN, single quotes, a dry run) leaves it without a token',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  NODE_AUTH_TOKEN=\${{ secrets.A }} npm ci
                  npm publish --dry-run true --//registry.npmjs.org/:_authToken=\${{ secrets.B }}
                  npm config set //npm.pkg.github.com/:_authToken \${{ secrets.C }}
                  NODE_AUTH_TOKEN=\${{ secrets.GITHUB_TOKEN }} npm pub --registry 'https://ci:$T@registry.npmjs.org/'
                  export NODE_AUTH_TOKEN=\${{ secrets.D }}
                env: { T: "\${{ secrets.E }}" }
      `,
      output: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: |
                  NODE_AUTH_TOKEN=\${{ secrets.A }} npm ci
                  npm publish --dry-run true --//registry.npmjs.org/:_authToken=\${{ secrets.B }}
                  npm config set //npm.pkg.github.com/:_authToken \${{ secrets.C }}
                  NODE_AUTH_TOKEN=\${{ secrets.GITHUB_TOKEN }} npm pub --registry 'https://ci:$T@registry.npmjs.org/'
                  export NODE_AUTH_TOKEN=\${{ secrets.D }}
                env: { T: "\${{ secrets.E }}" }
      `,
      errors: [{ messageId: 'oidcWithoutIdToken', line: 4, column: 3, endLine: 4, endColumn: 10, related: ['2:1', '11:11'] }],
    },
    {
      name: 'a job-level block replaces the workflow block: id-token: write at the top does not reach it',
      code: workflow`
        on: push
        permissions:
          id-token: write
        jobs:
          publish:
            permissions:
              contents: write
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
      `,
      output: workflow`
        on: push
        permissions:
          id-token: write
        jobs:
          publish:
            permissions:
              contents: write
              id-token: write
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
      `,
      errors: [{ messageId: 'oidcWithoutIdToken', line: 5, column: 3, endLine: 5, endColumn: 10, messageIncludes: ['replaces the workflow'] }],
    },
    {
      name: 'no permissions anywhere: the repository default never grants id-token',
      code: workflow`
        on:
          push:
            tags: ['v*']
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v1
                with:
                  publish: pnpm changeset publish
      `,
      errors: [{
        messageId: 'oidcWithoutIdToken', line: 5, column: 3, endLine: 5, endColumn: 10, data: { job: 'release', why: 'no `permissions` block grants `id-token: write` (the repository default never does)' },
        suggestions: [
          {
            messageId: 'inferredBlock',
            output: workflow`
              on:
                push:
                  tags: ['v*']
              jobs:
                release:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: write
                    id-token: write
                    pull-requests: write
                  steps:
                    - uses: changesets/action@v1
                      with:
                        publish: pnpm changeset publish
            `,
          },
          {
            messageId: 'minimalBlock',
            output: workflow`
              on:
                push:
                  tags: ['v*']
              jobs:
                release:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: changesets/action@v1
                      with:
                        publish: pnpm changeset publish
            `,
          },
        ],
      }],
    },
    {
      name: 'inherited workflow permissions without id-token',
      code: workflow`
        on: push
        permissions: read-all
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps: [{ run: yarn npm publish }]
      `,
      // A copy of `read-all` plus id-token would list every scope: no fix.
      output: null,
      errors: [{ messageId: 'oidcWithoutIdToken', line: 4, column: 3, endLine: 4, endColumn: 10, messageIncludes: ['workflow-level'] }],
    },
    {
      name: 'a token publish that asks for provenance still needs the OIDC token',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            env:
              NPM_CONFIG_PROVENANCE: true
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      output: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            env:
              NPM_CONFIG_PROVENANCE: true
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'provenanceWithoutIdToken', line: 3, column: 3, endLine: 3, endColumn: 10 }],
    },
    {
      name: 'id-token: none is not write',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: none, contents: read }
            steps: [{ run: npx -y npm@11.6.0 stage publish }]
      `,
      output: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: read }
            steps: [{ run: npx -y npm@11.6.0 stage publish }]
      `,
      errors: [{ messageId: 'oidcWithoutIdToken', line: 3, column: 3, endLine: 3, endColumn: 10 }],
    },
    {
      name: 'bun publish cannot use OIDC: the advice is the tool, not the grant',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            steps: [{ run: bun publish }]
      `,
      errors: [
        {
          messageId: 'toolWithoutOidc',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          data: { job: 'publish', tool: '`bun publish`' },
        },
      ],
    },
    {
      name: 'fix: a job inheriting the workflow mapping gets a copy of it plus id-token: write (other jobs keep inheriting)',
      code: workflow`
        on: push
        permissions:
          contents: read
          packages: write
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: npm publish
      `,
      output: workflow`
        on: push
        permissions:
          contents: read
          packages: write
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: npm test
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
              packages: write
            steps:
              - uses: actions/checkout@v5
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'oidcWithoutIdToken', line: 10, column: 3, endLine: 10, endColumn: 10,
        },
      ],
    },
    {
      name: 'fix: a flow block is copied in flow style; id-token: none at the top becomes write in the copy',
      code: workflow`
        on: push
        permissions: { contents: read, id-token: none }
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
      `,
      output: workflow`
        on: push
        permissions: { contents: read, id-token: none }
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            steps:
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'oidcWithoutIdToken', line: 4, column: 3, endLine: 4, endColumn: 10,
        },
      ],
    },
    {
      name: 'fix: with settings.defaultTokenPermissions the default is copied into the job with id-token: write',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm publish
      `,
      settings: {"defaultTokenPermissions":"read"},
      output: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              id-token: write
              packages: read
            steps:
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'oidcWithoutIdToken', line: 3, column: 3, endLine: 3, endColumn: 10,
        },
      ],
    },
    {
      name: "fix: id-token appended to the job's block mapping; its comments stay",
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: read # checkout
            steps:
              - run: npm publish
      `,
      output: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              contents: read # checkout
              id-token: write
            steps:
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'oidcWithoutIdToken', line: 4, column: 3, endLine: 4, endColumn: 10,
        },
      ],
    },
    {
      name: 'no default and a job trustlint cannot read: only the minimal block is suggested',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - uses: some/action@v1
              - run: npm publish
      `,
      output: null,
      errors: [
        {
          messageId: 'oidcWithoutIdToken', line: 3, column: 3, endLine: 3, endColumn: 10,
          suggestions: [
            {
              messageId: 'minimalBlock',
              output: workflow`
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      id-token: write
                    steps:
                      - uses: some/action@v1
                      - run: npm publish
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no fix on a self-hosted runner: npm does not do trusted publishing there (trusted-publishing-hosted-runner reports it)',
      code: workflow`
        on: push
        permissions:
          contents: read
        jobs:
          publish:
            runs-on: [self-hosted, linux]
            steps:
              - run: npm publish
      `,
      output: null,
      errors: [
        {
          messageId: 'oidcWithoutIdToken', line: 5, column: 3, endLine: 5, endColumn: 10,
        },
      ],
    },
  ],
});
