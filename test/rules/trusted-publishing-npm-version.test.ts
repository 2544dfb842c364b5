import { trustedPublishingNpmVersion } from '../../src/rules/trusted-publishing-npm-version.js';
import { testRule, workflow } from '../rule-tester.js';

/** The final workflow of /work/shared/reference/seed-blog-trusted-publishing.txt, with its Node version as a parameter. */
const seedBlog = (nodeVersion: string) => workflow`
  name: Release and Publish

  on:
    push:
      tags:
        - 'v*'

  permissions: {}

  jobs:
    release:
      runs-on: ubuntu-latest
      permissions:
        contents: read
        id-token: write

      steps:
        - uses: actions/checkout@v4

        - uses: actions/setup-node@v4
          with:
            node-version: ${nodeVersion}
            registry-url: 'https://registry.npmjs.org'

        - name: Publish to npm
          working-directory: ./npm-package
          run: npm publish --provenance --access public
`;

/** A trusted-publishing job: `id-token: write`, no token; `steps` are indented for the job. */
const oidcJob = (steps: string, extra = '') => workflow`
  on: push
  permissions: {}
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions:
        contents: read
        id-token: write
${extra}      steps:
${steps}
`;

const setupNode = (version: string) => `        - uses: actions/setup-node@v4\n          with:\n            node-version: ${version}\n`;

testRule(trustedPublishingNpmVersion, {
  valid: [
    { name: 'the blog workflow on Node 24 (24.5.0 and later bundle npm 11.5.1 or later)', code: seedBlog('24') },
    { name: 'Node 26', code: oidcJob(`${setupNode('26')}        - run: npm publish`) },
    {
      name: 'a token publish works on npm 10',
      code: oidcJob(`${setupNode('22')}        - run: npm publish\n          env:\n            NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`),
    },
    {
      name: 'a token minted by an earlier step reaches npm: it publishes with that token',
      code: oidcJob(`${setupNode('20')}        - id: auth\n          uses: acme/npm-oidc-exchange@v1\n        - run: npm publish\n          env:\n            NODE_AUTH_TOKEN: \${{ steps.auth.outputs.token }}`),
    },
    {
      name: 'an _authToken written from a step output',
      code: oidcJob(`${setupNode('20')}        - run: echo "//registry.npmjs.org/:_authToken=\${{ steps.auth.outputs.token }}" > ~/.npmrc\n        - run: npm publish`),
    },
    {
      name: 'a conditional setup-node may not run',
      code: oidcJob(`        - uses: actions/setup-node@v4\n          if: \${{ inputs.legacy }}\n          with: { node-version: 20 }\n        - run: npm publish`),
    },
    {
      name: 'a conditional npm upgrade: npm is either',
      code: oidcJob(`${setupNode('24')}        - run: npm install -g npm@10\n          if: \${{ inputs.old }}\n        - run: npm publish`),
    },
    { name: 'npm upgraded by pnpm earlier in the job', code: oidcJob(`${setupNode('20')}        - run: pnpm add -g npm@latest\n        - run: npm publish`) },
    { name: 'npm upgraded earlier in the job', code: oidcJob(`${setupNode('22')}        - run: npm install -g npm@^11.5.1\n        - run: npm publish`) },
    { name: 'npm upgraded earlier in the same script', code: oidcJob(`${setupNode('20')}        - run: |\n            npm i -g npm@11\n            npm publish`) },
    { name: 'an upgrade to a tag we cannot resolve is unknown', code: oidcJob(`${setupNode('20')}        - run: npm i -g npm@beta\n        - run: npm publish`) },
    { name: 'npx npm@11.6.0 publish', code: oidcJob(`${setupNode('20')}        - run: npx -y npm@11.6.0 publish`) },
    { name: 'lts/* is not pinned down', code: oidcJob(`${setupNode('lts/*')}        - run: npm publish`) },
    { name: 'latest/current/node are not pinned down', code: oidcJob(`${setupNode('current')}        - run: npm publish`) },
    { name: 'a matrix Node', code: oidcJob(`${setupNode('${{ matrix.node }}')}        - run: npm publish`, '      strategy:\n        matrix:\n          node: [20, 24]\n') },
    { name: 'a range that straddles 24.5.0', code: oidcJob(`${setupNode('">=20"')}        - run: npm publish`) },
    { name: 'no setup-node: the runner Node is unknown', code: oidcJob('        - run: npm publish') },
    { name: 'node-version-file that is not in the repository', code: oidcJob('        - uses: actions/setup-node@v4\n          with: { node-version-file: .nvmrc }\n        - run: npm publish') },
    { name: 'a Node version manager after setup-node', code: oidcJob(`${setupNode('20')}        - uses: volta-cli/action@v4\n        - run: npm publish`) },
    {
      name: 'GitHub Packages',
      code: oidcJob('        - uses: actions/setup-node@v4\n          with: { node-version: 20, registry-url: "https://npm.pkg.github.com" }\n        - run: npm publish'),
    },
    {
      name: 'no id-token: another rule reports the missing grant',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            steps:
              - uses: actions/setup-node@v4
                with: { node-version: 20 }
              - run: npm publish
      `,
    },
    { name: 'dry runs do not publish', code: oidcJob(`${setupNode('20')}        - run: npm publish --dry-run`) },
    { name: 'semantic-release runs its bundled npm', code: oidcJob(`${setupNode('22')}        - run: npx semantic-release`), files: { 'package.json': '{"name":"pkg"}' } },
    { name: 'lerna does its own OIDC', code: oidcJob(`${setupNode('22')}        - run: npx lerna publish from-package --yes`) },
    { name: 'pnpm of unknown version', code: oidcJob(`${setupNode('20')}        - run: pnpm publish`) },
    { name: 'pnpm 11 publishes natively', code: oidcJob(`${setupNode('22')}        - uses: pnpm/action-setup@v4\n          with: { version: 11 }\n        - run: pnpm publish`) },
    {
      name: 'changeset publish where the package manager is not known',
      code: oidcJob(`${setupNode('20')}        - run: npx changeset publish`),
    },
    {
      name: 'JS-DevTools/npm-publish below 4.1.0 is publisher-supports-oidc’s',
      code: oidcJob(`${setupNode('20')}        - uses: JS-DevTools/npm-publish@v3`),
    },
    { name: 'stage publish on a Node that bundles 11.19', code: oidcJob(`${setupNode('24.21.0')}        - run: npm stage publish`) },
    {
      name: 'changesets/action whose publish script cannot be followed',
      code: oidcJob(`${setupNode('22')}        - uses: changesets/action@v1\n          with: { publish: pnpm release }`),
    },
    {
      name: 'changesets/action running npx npm@11',
      code: oidcJob(`${setupNode('22')}        - uses: changesets/action@v1\n          with: { publish: npx -y npm@11 publish }`),
      files: { 'package.json': '{"name":"pkg"}' },
    },
    { name: 'yarn and bun are other rules’', code: oidcJob(`${setupNode('20')}        - run: yarn npm publish\n        - run: bun publish`) },
  ],
  invalid: [
    {
      name: 'the blog workflow on Node 20: reported at node-version',
      code: seedBlog('20'),
      errors: [
        {
        messageId: 'npmTooOld',
          line: 22,
          column: 25,
          endLine: 22,
          endColumn: 27,
          data: { npm: 'npm 10.8.x or older (bundled with Node)', node: ' on Node `20`', via: '' },
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              name: Release and Publish

              on:
                push:
                  tags:
                    - 'v*'

              permissions: {}

              jobs:
                release:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write

                  steps:
                    - uses: actions/checkout@v4

                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                        registry-url: 'https://registry.npmjs.org'

                    - name: Publish to npm
                      working-directory: ./npm-package
                      run: npm publish --provenance --access public
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              name: Release and Publish

              on:
                push:
                  tags:
                    - 'v*'

              permissions: {}

              jobs:
                release:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write

                  steps:
                    - uses: actions/checkout@v4

                    - uses: actions/setup-node@v4
                      with:
                        node-version: 20
                        registry-url: 'https://registry.npmjs.org'

                    - run: npm install -g npm@^11.5.1
                    - name: Publish to npm
                      working-directory: ./npm-package
                      run: npm publish --provenance --access public
            `,
          },
        ],
      },
      ],
    },
    {
      name: 'Node 22 bundles npm 10.9.x; lts/jod is 22',
      code: oidcJob(`${setupNode('lts/jod')}        - run: npm publish --provenance`),
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 32, messageIncludes: ['npm 10.x (10.9.x at most)', 'Node `lts/jod`', 'node-version: 24', 'npm install -g npm@^11.5.1'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - run: npm publish --provenance
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: lts/jod
                    - run: npm install -g npm@^11.5.1
                    - run: npm publish --provenance
            `,
          },
        ],
      }],
    },
    {
      name: 'Node 24 before 24.5.0',
      code: oidcJob(`${setupNode('"24.4.1"')}        - run: npm publish`),
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 33, messageIncludes: ['npm 11 below 11.5.1'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: "24"
                    - run: npm publish
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: "24.4.1"
                    - run: npm install -g npm@^11.5.1
                    - run: npm publish
            `,
          },
        ],
      }],
    },
    {
      name: 'two publishes on the same Node are one finding',
      code: oidcJob(`${setupNode('20')}        - run: npm publish -w a\n        - run: npm publish -w b`),
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 27,
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - run: npm publish -w a
                    - run: npm publish -w b
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 20
                    - run: npm install -g npm@^11.5.1
                    - run: npm publish -w a
                    - run: npm publish -w b
            `,
          },
        ],
      }],
    },
    {
      name: 'pnpm 10 publishes through the npm on PATH',
      code: oidcJob(`${setupNode('22')}        - uses: pnpm/action-setup@v4\n          with: { version: 10 }\n        - run: pnpm -r publish --no-git-checks`),
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 27, messageIncludes: ['pnpm 10 and older publish through the npm on `PATH`'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - uses: pnpm/action-setup@v4
                      with: { version: 10 }
                    - run: pnpm -r publish --no-git-checks
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 22
                    - uses: pnpm/action-setup@v4
                      with: { version: 10 }
                    - run: npm install -g npm@^11.5.1
                    - run: pnpm -r publish --no-git-checks
            `,
          },
        ],
      }],
    },
    {
      name: 'pnpm 10 from packageManager',
      code: oidcJob(`${setupNode('20')}        - uses: pnpm/action-setup@v4\n        - run: pnpm publish`),
      files: { 'package.json': '{"packageManager":"pnpm@10.17.0"}' },
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 27,
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - uses: pnpm/action-setup@v4
                    - run: pnpm publish
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 20
                    - uses: pnpm/action-setup@v4
                    - run: npm install -g npm@^11.5.1
                    - run: pnpm publish
            `,
          },
        ],
      }],
    },
    {
      name: 'changeset publish in an npm repository',
      code: oidcJob(`${setupNode('22')}        - run: npx changeset publish`),
      files: { 'package-lock.json': '{}' },
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 27, messageIncludes: ['`changeset publish` runs `npm publish`'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - run: npx changeset publish
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 22
                    - run: npm install -g npm@^11.5.1
                    - run: npx changeset publish
            `,
          },
        ],
      }],
    },
    {
      name: 'changesets/action: its publish script runs `changeset publish` in an npm repository',
      code: oidcJob(`${setupNode('22')}        - uses: changesets/action@v1\n          with:\n            publish: npm run release`),
      files: { 'package.json': '{"scripts":{"release":"npm run build && changeset publish","build":"tsc"}}', 'package-lock.json': '{}' },
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 27, messageIncludes: ['`changeset publish` runs `npm publish`'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - uses: changesets/action@v1
                      with:
                        publish: npm run release
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 22
                    - run: npm install -g npm@^11.5.1
                    - uses: changesets/action@v1
                      with:
                        publish: npm run release
            `,
          },
        ],
      }],
    },
    {
      name: 'changesets/action running npm publish directly',
      code: oidcJob(`${setupNode('20')}        - uses: changesets/action@v1\n          with:\n            publish: npm publish`),
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 27, messageIncludes: ['`changesets/action` runs `npm publish`'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24
                    - uses: changesets/action@v1
                      with:
                        publish: npm publish
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 20
                    - run: npm install -g npm@^11.5.1
                    - uses: changesets/action@v1
                      with:
                        publish: npm publish
            `,
          },
        ],
      }],
    },
    {
      name: 'release-it and JS-DevTools/npm-publish v4 use the npm on PATH',
      code: workflow`
        on: push
        permissions: { id-token: write }
        jobs:
          release-it:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v4
                with: { node-version: 20 }
              - run: npx release-it --ci
          action:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v4
                with: { node-version: 22 }
              - uses: JS-DevTools/npm-publish@v4
      `,
      files: { 'package.json': '{"name":"pkg"}' },
      errors: [
        {
        messageId: 'npmTooOld', line: 8, column: 31, endLine: 8, endColumn: 33, messageIncludes: ['release-it runs `npm publish`'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: { id-token: write }
              jobs:
                release-it:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 24 }
                    - run: npx release-it --ci
                action:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 22 }
                    - uses: JS-DevTools/npm-publish@v4
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: { id-token: write }
              jobs:
                release-it:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 20 }
                    - run: npm install -g npm@^11.5.1
                    - run: npx release-it --ci
                action:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 22 }
                    - uses: JS-DevTools/npm-publish@v4
            `,
          },
        ],
      },
        {
        messageId: 'npmTooOld', line: 14, column: 31, endLine: 14, endColumn: 33, messageIncludes: ['`JS-DevTools/npm-publish` runs the npm on `PATH`'],
        suggestions: [
          {
            messageId: 'useNode24',
            output: workflow`
              on: push
              permissions: { id-token: write }
              jobs:
                release-it:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 20 }
                    - run: npx release-it --ci
                action:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 24 }
                    - uses: JS-DevTools/npm-publish@v4
            `,
          },
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: { id-token: write }
              jobs:
                release-it:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 20 }
                    - run: npx release-it --ci
                action:
                  runs-on: ubuntu-latest
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version: 22 }
                    - run: npm install -g npm@^11.5.1
                    - uses: JS-DevTools/npm-publish@v4
            `,
          },
        ],
      },
      ],
    },
    {
      name: 'Node from node-version-file: reported at the publish command',
      code: oidcJob('        - uses: actions/setup-node@v4\n          with: { node-version-file: .nvmrc }\n        - run: npm publish --access public'),
      files: { '.nvmrc': 'v20.11.0\n' },
      errors: [{ messageId: 'npmTooOld', line: 12, column: 14, endLine: 12, endColumn: 41, messageIncludes: ['on Node from `.nvmrc`'] }],
    },
    {
      name: 'Node from a node container',
      code: oidcJob('        - run: npm publish', '      container: node:22-alpine\n'),
      errors: [{
        messageId: 'npmTooOld', line: 11, column: 14, endLine: 11, endColumn: 25, messageIncludes: ['from the `node:22-alpine` container'],
        suggestions: [
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  container: node:22-alpine
                  steps:
                    - run: npm install -g npm@^11.5.1
                    - run: npm publish
            `,
          },
        ],
      }],
    },
    {
      name: 'Node 18: npm 11 does not install there, so only Node 24 is suggested',
      code: oidcJob(`${setupNode("'18'")}        - run: npm publish`),
      errors: [{
        messageId: 'npmTooOld', line: 12, column: 25, endLine: 12, endColumn: 29,
        suggestions: [{ messageId: 'useNode24', output: oidcJob(`${setupNode("'24'")}        - run: npm publish`) }],
      }],
    },
    {
      name: 'npx npm@10 publish',
      code: oidcJob(`${setupNode('24')}        - run: npx npm@10 publish`),
      errors: [{ messageId: 'npmTooOld', line: 13, column: 14, endLine: 13, endColumn: 32, messageIncludes: ['npm `10`'] }],
    },
    {
      name: 'an upgrade to an npm that is still too old',
      code: oidcJob(`${setupNode('24')}        - run: npm install -g npm@10.9.2\n        - run: npm publish`),
      errors: [{ messageId: 'npmTooOld', line: 14, column: 14, endLine: 14, endColumn: 25, messageIncludes: ['npm `10.9.2` (installed by `npm install -g`)'] }],
    },
    {
      name: 'npm stage publish needs 11.15.0',
      code: oidcJob(`${setupNode('24.8.0')}        - run: npm stage publish`),
      errors: [{
        messageId: 'stageTooOld', line: 12, column: 25, endLine: 12, endColumn: 31, messageIncludes: ['npm install -g npm@^11.15.0'],
        suggestions: [
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with:
                        node-version: 24.8.0
                    - run: npm install -g npm@^11.15.0
                    - run: npm stage publish
            `,
          },
        ],
      }],
    },
    {
      name: 'a publish inside a run block',
      code: oidcJob('        - uses: actions/setup-node@v4\n          with: { node-version-file: package.json }\n        - run: |\n            npm ci\n            npm publish'),
      files: { 'package.json': '{"engines":{"node":"20.x"}}' },
      skipSuppressionCheck: true,
      errors: [{
        messageId: 'npmTooOld', line: 14, column: 11, endLine: 14, endColumn: 22,
        suggestions: [
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version-file: package.json }
                    - run: npm install -g npm@^11.5.1
                    - run: |
                        npm ci
                        npm publish
            `,
          },
        ],
      }],
    },
    {
      name: 'a directive above `run:` suppresses a finding in its block',
      code: oidcJob('        - uses: actions/setup-node@v4\n          with: { node-version-file: package.json }\n        # trustlint-disable-next-line trusted-publishing-npm-version\n        - run: |\n            npm ci\n            npm publish\n        - run: npm publish -w b'),
      files: { 'package.json': '{"engines":{"node":"20.x"}}' },
      // The case carries its own directive; the automatic one would count twice.
      skipSuppressionCheck: true,
      errors: [{
        messageId: 'npmTooOld', line: 16, column: 14, endLine: 16, endColumn: 30,
        suggestions: [
          {
            messageId: 'upgradeNpm',
            output: workflow`
              on: push
              permissions: {}
              jobs:
                publish:
                  runs-on: ubuntu-latest
                  permissions:
                    contents: read
                    id-token: write
                  steps:
                    - uses: actions/setup-node@v4
                      with: { node-version-file: package.json }
                    # trustlint-disable-next-line trusted-publishing-npm-version
                    - run: |
                        npm ci
                        npm publish
                    - run: npm install -g npm@^11.5.1
                    - run: npm publish -w b
            `,
          },
        ],
      }],
    },
  ],
});
