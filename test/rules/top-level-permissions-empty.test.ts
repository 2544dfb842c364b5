import { topLevelPermissionsEmpty } from '../../src/rules/top-level-permissions-empty.js';
import { testRule, workflow } from '../rule-tester.js';

/** The options `recommended` sets: only workflows that can publish; a called workflow bounded by its callers is left to them. */
const RECOMMENDED = { scope: 'publishing', callerSetsCeiling: true } as const;

testRule(topLevelPermissionsEmpty, {
  valid: [
    {
      name: 'a misspelt `permission:` at the top: not reported as missing (valid-workflow-keys reports the key)',
      code: workflow`
        on: push
        permission: {}
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
      `,
    },
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
    {
      name: 'scope publishing: a workflow without a publish-capable job is not flagged',
      code: workflow`
        on: push
        jobs:
          test: { runs-on: ubuntu-latest, steps: [{ run: npm test }] }
      `,
      options: RECOMMENDED,
    },
    {
      name: 'callerSetsCeiling: a called workflow with no top-level block whose jobs all declare their own is left to its callers',
      code: workflow`
        on: workflow_call
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { contents: read, id-token: write }, steps: [{ run: npm publish }] }
      `,
      options: RECOMMENDED,
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
      output: null,
      errors: [
        {
          messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 5,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: workflow`
                name: CI
                on: push
                permissions: {}
                jobs:
                  test: { runs-on: ubuntu-latest, permissions: {}, steps: [{ run: npm test }] }
              `,
            },
            {
              messageId: 'assumeRestricted',
              output: workflow`
                name: CI
                on: push
                permissions: {}
                jobs:
                  test: { runs-on: ubuntu-latest, permissions: { contents: read, packages: read }, steps: [{ run: npm test }] }
              `,
            },
            {
              messageId: 'assumePermissive',
              output: workflow`
                name: CI
                on: push
                permissions: {}
                jobs:
                  test: { runs-on: ubuntu-latest, permissions: { actions: write, attestations: write, checks: write, contents: write, deployments: write, discussions: write, issues: write, models: read, packages: write, pages: write, pull-requests: write, repository-projects: write, security-events: write, statuses: write }, steps: [{ run: npm test }] }
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'a leading comment does not move the finding off the first key',
      code: workflow`
        # Release workflow
        on: push
        jobs: {}
      `,
      output: workflow`
        # Release workflow
        on: push
        permissions: {}
        jobs: {}
      `,
      errors: [
        {
          messageId: 'missing', line: 2, column: 1, endLine: 2, endColumn: 3,
        },
      ],
    },
    {
      name: 'reusable workflows are judged the same way',
      code: workflow`
        on: workflow_call
        jobs:
          publish: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      output: workflow`
        on: workflow_call
        permissions: {}
        jobs:
          publish: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      errors: [
        {
          messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3,
        },
      ],
    },
    {
      name: 'write-all and read-all',
      code: workflow`
        on: push
        permissions: write-all
        jobs: {}
      `,
      output: workflow`
        on: push
        permissions: {}
        jobs: {}
      `,
      errors: [
        {
          messageId: 'shorthand', line: 2, column: 1, endLine: 2, endColumn: 23,
        },
      ],
    },
    {
      name: 'read-all',
      code: workflow`
        on: push
        permissions: read-all # everything readable
        jobs: {}
      `,
      output: workflow`
        on: push
        permissions: {} # everything readable
        jobs: {}
      `,
      errors: [
        {
          messageId: 'shorthand', line: 2, column: 1, endLine: 2, endColumn: 22,
        },
      ],
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
      output: workflow`
        on: push
        permissions: {}
        jobs: {}
      `,
      errors: [
        {
          messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12,
        },
      ],
    },
    {
      name: 'allow tolerates read, not write',
      code: workflow`
        on: push
        permissions:
          contents: write
        jobs: {}
      `,
      options: {"allow":["contents"]},
      output: workflow`
        on: push
        permissions: {}
        jobs: {}
      `,
      errors: [
        {
          messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12,
        },
      ],
    },
    {
      name: 'fix: the block moves into each job without one, comments with it; jobs with their own keep theirs; a reusable call gets it too',
      code: workflow`
        name: CI
        on: push
        permissions:
          contents: read # checkout
          # releases
          pull-requests: write
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: npm ci && npm test
          lint: { runs-on: ubuntu-latest, steps: [{ uses: actions/checkout@v5 }, { run: npm run lint }] }
          release:
            runs-on: ubuntu-latest
            permissions:
              contents: write
            steps:
              - uses: actions/checkout@v5
          call:
            uses: ./.github/workflows/reusable.yml
            secrets: inherit
      `,
      output: workflow`
        name: CI
        on: push
        permissions: {}
        jobs:
          test:
            runs-on: ubuntu-latest
            permissions:
              contents: read # checkout
              # releases
              pull-requests: write
            steps:
              - uses: actions/checkout@v5
              - run: npm ci && npm test
          lint: { runs-on: ubuntu-latest, permissions: { contents: read, pull-requests: write }, steps: [{ uses: actions/checkout@v5 }, { run: npm run lint }] }
          release:
            runs-on: ubuntu-latest
            permissions:
              contents: write
            steps:
              - uses: actions/checkout@v5
          call:
            uses: ./.github/workflows/reusable.yml
            secrets: inherit
            permissions:
              contents: read # checkout
              # releases
              pull-requests: write
      `,
      errors: [
        {
          messageId: 'grants', line: 3, column: 1, endLine: 3, endColumn: 12,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: workflow`
                name: CI
                on: push
                permissions: {}
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
                      - run: npm ci && npm test
                  lint: { runs-on: ubuntu-latest, permissions: { contents: read }, steps: [{ uses: actions/checkout@v5 }, { run: npm run lint }] }
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                    steps:
                      - uses: actions/checkout@v5
                  call:
                    uses: ./.github/workflows/reusable.yml
                    secrets: inherit
                    permissions:
                      contents: read # checkout
                      # releases
                      pull-requests: write
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'fix: a shorthand is copied as written, in a 4-space file',
      code: workflow`
        on: push
        permissions: write-all
        jobs:
            build:
                runs-on: ubuntu-latest
                steps:
                    - run: make
      `,
      output: workflow`
        on: push
        permissions: {}
        jobs:
            build:
                runs-on: ubuntu-latest
                permissions: write-all
                steps:
                    - run: make
      `,
      errors: [
        {
          messageId: 'shorthand', line: 2, column: 1, endLine: 2, endColumn: 23,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: workflow`
                on: push
                permissions: {}
                jobs:
                    build:
                        runs-on: ubuntu-latest
                        permissions: {}
                        steps:
                            - run: make
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'fix: no block with a known restricted default: the default is copied',
      code: workflow`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: some/unknown-action@v1
      `,
      settings: {"defaultTokenPermissions":"read"},
      output: workflow`
        on: push
        permissions: {}
        jobs:
          build:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              packages: read
            steps:
              - uses: some/unknown-action@v1
      `,
      errors: [
        {
          messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3,
        },
      ],
    },
    {
      name: 'fix: no block and every job has its own: only `permissions: {}` is added',
      code: workflow`
        on: workflow_call
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: npm publish
      `,
      output: workflow`
        on: workflow_call
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: npm publish
      `,
      errors: [
        {
          messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3,
        },
      ],
    },
    {
      name: "no fix in a called workflow without a block, even with the default known (its jobs inherit the caller's grant)",
      code: workflow`
        on: workflow_call
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
      `,
      settings: {"defaultTokenPermissions":"write"},
      output: null,
      errors: [
        {
          messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: workflow`
                on: workflow_call
                permissions: {}
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no fix for a block valid-permissions reports: a copy would spread the error',
      code: workflow`
        on: push
        permissions:
          contents: read
          id_token: write
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
      `,
      output: null,
      errors: [
        {
          messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: workflow`
                on: push
                permissions: {}
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'no fix for an anchored block',
      code: workflow`
        on: push
        permissions: &perms
          contents: write
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: some/action@v1
          other:
            runs-on: ubuntu-latest
            permissions: *perms
            steps:
              - uses: some/action@v1
      `,
      output: null,
      errors: [
        {
          messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12,
        },
      ],
    },
    {
      name: 'least privilege: inferred per job; an unknown job keeps a copy; gh, git push and publishes counted',
      code: workflow`
        on:
          push:
            tags: ['v*']
        permissions: write-all
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - uses: actions/setup-node@v6
                with:
                  node-version: 24
              - run: npm ci && npm test
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: |
                  git tag "v$VERSION"
                  git push --tags
                  gh release create "v$VERSION" --generate-notes
                env:
                  GH_TOKEN: \${{ github.token }}
              - run: npm publish
          scan:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: curl -H "Authorization - Bearer $TOKEN" https://api.github.com/repos/o/r/issues
                env:
                  TOKEN: \${{ secrets.GITHUB_TOKEN }}
      `,
      output: workflow`
        on:
          push:
            tags: ['v*']
        permissions: {}
        jobs:
          test:
            runs-on: ubuntu-latest
            permissions: write-all
            steps:
              - uses: actions/checkout@v5
              - uses: actions/setup-node@v6
                with:
                  node-version: 24
              - run: npm ci && npm test
          release:
            runs-on: ubuntu-latest
            permissions: write-all
            steps:
              - uses: actions/checkout@v5
              - run: |
                  git tag "v$VERSION"
                  git push --tags
                  gh release create "v$VERSION" --generate-notes
                env:
                  GH_TOKEN: \${{ github.token }}
              - run: npm publish
          scan:
            runs-on: ubuntu-latest
            permissions: write-all
            steps:
              - uses: actions/checkout@v5
              - run: curl -H "Authorization - Bearer $TOKEN" https://api.github.com/repos/o/r/issues
                env:
                  TOKEN: \${{ secrets.GITHUB_TOKEN }}
      `,
      errors: [
        {
          messageId: 'shorthand', line: 4, column: 1, endLine: 4, endColumn: 23,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              descIncludes: ['`test` gets `contents: read`; `release` gets `contents: write`, `id-token: write`', '`scan` keeps a copy of today\'s grant', 'gives the `GITHUB_TOKEN` to `curl`'],
              output: workflow`
                on:
                  push:
                    tags: ['v*']
                permissions: {}
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
                      - uses: actions/setup-node@v6
                        with:
                          node-version: 24
                      - run: npm ci && npm test
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                      id-token: write
                    steps:
                      - uses: actions/checkout@v5
                      - run: |
                          git tag "v$VERSION"
                          git push --tags
                          gh release create "v$VERSION" --generate-notes
                        env:
                          GH_TOKEN: \${{ github.token }}
                      - run: npm publish
                  scan:
                    runs-on: ubuntu-latest
                    permissions: write-all
                    steps:
                      - uses: actions/checkout@v5
                      - run: curl -H "Authorization - Bearer $TOKEN" https://api.github.com/repos/o/r/issues
                        env:
                          TOKEN: \${{ secrets.GITHUB_TOKEN }}
              `,
            },
          ],
        },
      ],
    },

    {
      name: 'fix: CRLF stays CRLF, a flow block stays flow',
      code: 'on: push\r\npermissions: { contents: read }\r\njobs:\r\n  build:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - uses: actions/checkout@v5\r\n',
      output: 'on: push\r\npermissions: {}\r\njobs:\r\n  build:\r\n    runs-on: ubuntu-latest\r\n    permissions: { contents: read }\r\n    steps:\r\n      - uses: actions/checkout@v5\r\n',
      errors: [
        {
          messageId: 'grants',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 12,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: 'on: push\r\npermissions: {}\r\njobs:\r\n  build:\r\n    runs-on: ubuntu-latest\r\n    permissions:\r\n      contents: read\r\n    steps:\r\n      - uses: actions/checkout@v5\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'least privilege without a block and an unknown default: the job trustlint cannot read keeps inheriting, so the top stays missing',
      code: workflow`
        on:
          push:
            tags: ['v*']
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - uses: actions/setup-node@v4
                with: { node-version: 24 }
              - run: npm ci && npm test
          publish:
            needs: test
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
              - run: npm publish --provenance
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: some/deployer@v1
      `,
      output: null,
      errors: [
        {
          messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              descIncludes: ['Give each job only what its steps use: `test` gets `contents: read`; `publish` gets `contents: read`, `id-token: write`.', '`deploy` keeps the repository default (so the top-level block stays missing)', '`some/deployer`, which is not in trustlint\'s table of actions'],
              output: workflow`
                on:
                  push:
                    tags: ['v*']
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
                      - uses: actions/setup-node@v4
                        with: { node-version: 24 }
                      - run: npm ci && npm test
                  publish:
                    needs: test
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      id-token: write
                    steps:
                      - uses: actions/checkout@v5
                      - run: npm publish --provenance
                        env:
                          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: some/deployer@v1
              `,
            },
            {
              messageId: 'assumeRestricted',
              descIncludes: ['give `test`, `publish`, `deploy` `contents: read` and `packages: read`'],
              output: workflow`
                on:
                  push:
                    tags: ['v*']
                permissions: {}
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: read
                    steps:
                      - uses: actions/checkout@v5
                      - uses: actions/setup-node@v4
                        with: { node-version: 24 }
                      - run: npm ci && npm test
                  publish:
                    needs: test
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: read
                    steps:
                      - uses: actions/checkout@v5
                      - run: npm publish --provenance
                        env:
                          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
                  deploy:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                      packages: read
                    steps:
                      - uses: some/deployer@v1
              `,
            },
            {
              messageId: 'assumePermissive',
              output: workflow`
                on:
                  push:
                    tags: ['v*']
                permissions: {}
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    permissions:
                      actions: write
                      attestations: write
                      checks: write
                      contents: write
                      deployments: write
                      discussions: write
                      issues: write
                      models: read
                      packages: write
                      pages: write
                      pull-requests: write
                      repository-projects: write
                      security-events: write
                      statuses: write
                    steps:
                      - uses: actions/checkout@v5
                      - uses: actions/setup-node@v4
                        with: { node-version: 24 }
                      - run: npm ci && npm test
                  publish:
                    needs: test
                    runs-on: ubuntu-latest
                    permissions:
                      actions: write
                      attestations: write
                      checks: write
                      contents: write
                      deployments: write
                      discussions: write
                      issues: write
                      models: read
                      packages: write
                      pages: write
                      pull-requests: write
                      repository-projects: write
                      security-events: write
                      statuses: write
                    steps:
                      - uses: actions/checkout@v5
                      - run: npm publish --provenance
                        env:
                          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
                  deploy:
                    runs-on: ubuntu-latest
                    permissions:
                      actions: write
                      attestations: write
                      checks: write
                      contents: write
                      deployments: write
                      discussions: write
                      issues: write
                      models: read
                      packages: write
                      pages: write
                      pull-requests: write
                      repository-projects: write
                      security-events: write
                      statuses: write
                    steps:
                      - uses: some/deployer@v1
              `,
            },
          ],
        },
      ],
    },

    {
      name: 'no fix for a block holding a trustlint directive: the copies would carry it into every job',
      code: workflow`
        on: push
        permissions:
          # trustlint-disable-next-line top-level-permissions-empty -- reviewed
          contents: read
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v5
      `,
      output: null,
      errors: [
        {
          messageId: 'grants', line: 2, column: 1, endLine: 2, endColumn: 12,
          suggestions: [
            {
              messageId: 'leastPrivilege',
              output: workflow`
                on: push
                permissions: {}
                  # trustlint-disable-next-line top-level-permissions-empty -- reviewed
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: read
                    steps:
                      - uses: actions/checkout@v5
              `,
            },
          ],
        },
      ],
    },
    {
      name: 'scope publishing: a workflow with a job that publishes is flagged',
      code: workflow`
        on: push
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      options: RECOMMENDED,
      output: workflow`
        on: push
        permissions: {}
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3 }],
    },
    {
      name: 'scope publishing: a job that holds a registry token makes the workflow flagged',
      code: workflow`
        on: push
        permissions: read-all
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            env: { TWINE_PASSWORD: "\${{ secrets.PYPI_TOKEN }}" }
            steps: [{ run: ./release.sh }]
      `,
      options: RECOMMENDED,
      output: workflow`
        on: push
        permissions: {}
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            env: { TWINE_PASSWORD: "\${{ secrets.PYPI_TOKEN }}" }
            steps: [{ run: ./release.sh }]
      `,
      errors: [{ messageId: 'shorthand', line: 2, column: 1, endLine: 2, endColumn: 22 }],
    },
    {
      name: 'scope publishing: a job that calls a local workflow that publishes makes the caller flagged',
      code: workflow`
        on: push
        jobs:
          release:
            permissions: { id-token: write }
            uses: ./.github/workflows/_publish.yml
      `,
      files: { '.github/workflows/_publish.yml': 'on: workflow_call\njobs:\n  npm:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n' },
      options: RECOMMENDED,
      output: workflow`
        on: push
        permissions: {}
        jobs:
          release:
            permissions: { id-token: write }
            uses: ./.github/workflows/_publish.yml
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3 }],
    },
    {
      name: 'callerSetsCeiling: a called workflow that is also started by push is flagged',
      code: workflow`
        on: [workflow_call, push]
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      options: RECOMMENDED,
      output: workflow`
        on: [workflow_call, push]
        permissions: {}
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3 }],
    },
    {
      name: 'callerSetsCeiling: a called workflow with a job that declares nothing is flagged',
      code: workflow`
        on: workflow_call
        jobs:
          build: { runs-on: ubuntu-latest, steps: [{ run: npm pack }] }
          npm: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
      `,
      options: RECOMMENDED,
      output: null,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3, suggestions: [{ messageId: 'leastPrivilege', output: workflow`
                on: workflow_call
                permissions: {}
                jobs:
                  build: { runs-on: ubuntu-latest, permissions: {}, steps: [{ run: npm pack }] }
                  npm: { runs-on: ubuntu-latest, permissions: { id-token: write }, steps: [{ run: npm publish }] }
              ` }] }],
    },
    {
      name: 'callerSetsCeiling off (strict, all): the bounded called workflow is flagged',
      code: workflow`
        on: workflow_call
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { contents: read, id-token: write }, steps: [{ run: npm publish }] }
      `,
      output: workflow`
        on: workflow_call
        permissions: {}
        jobs:
          npm: { runs-on: ubuntu-latest, permissions: { contents: read, id-token: write }, steps: [{ run: npm publish }] }
      `,
      errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 3 }],
    },
  ],
});
