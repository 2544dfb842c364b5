import { npmSelfUpgradeEngine } from '../../src/rules/npm-self-upgrade-engine.js';
import { testRule, workflow } from '../rule-tester.js';

/** One job: setup-node with `version`, then the given steps (indented for the job's step list). */
const job = (version: string, steps: string) => workflow`
  on: push
  jobs:
    release:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/setup-node@v4
          with:
            node-version: ${version}
${steps}
`;

testRule(npmSelfUpgradeEngine, {
  valid: [
    { name: 'a pinned major', code: job('20', '        - run: npm install -g npm@^11.5.1') },
    { name: 'npm 11 exactly', code: job('20', '        - run: npm i -g npm@11.6.0') },
    { name: 'latest on Node 24: a bare `24` may be before or after 24.15.0, so unknown', code: job('24', '        - run: npm install -g npm@latest') },
    { name: 'latest on Node 26', code: job('26', '        - run: npm install -g npm@latest') },
    { name: 'latest on Node 22.22.3', code: job('22.22.3', '        - run: npm install -g npm@latest') },
    { name: 'latest on a matrix Node', code: job('${{ matrix.node }}', '        - run: npm install -g npm@latest') },
    { name: 'latest on lts/*', code: job('lts/*', '        - run: npm install -g npm@latest') },
    { name: 'no setup-node: the runner Node is unknown', code: workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - run: npm install -g npm@latest
    ` },
    { name: 'pnpm installs npm 12 with an engine warning only', code: job('20', '        - run: pnpm add -g npm@latest') },
    { name: '--force skips the engine check', code: job('20', '        - run: npm install -g npm@latest --force') },
    { name: 'a local install is not a self-upgrade', code: job('20', '        - run: npm install npm@latest') },
    { name: 'a version manager earlier in the script', code: job('20', '        - run: |\n            nvm install 24\n            npm install -g npm@latest') },
    {
      name: 'setup-node under a condition the upgrade does not share',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v4
                if: \${{ inputs.legacy }}
                with: { node-version: 20 }
              - run: npm install -g npm@latest
      `,
    },
    { name: 'an npm dist-tag we cannot resolve', code: job('20', '        - run: npm install -g npm@beta') },
  ],
  invalid: [
    {
      name: 'npm@latest on Node 20',
      code: job('20', '        - run: npm install -g npm@latest'),
      errors: [
        {
          messageId: 'unsupportedNode',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 39,
          data: {
            command: 'npm install -g npm@latest',
            engines: '^22.22.2 || ^24.15.0 || >=26.0.0',
            node: '`20`',
            fix: 'Pin the major: `npm install -g npm@^11.5.1` (npm 11 needs Node 20.17.0 or later), or move to Node 24.',
          },
        },
      ],
    },
    {
      name: 'unpinned, @12, @next, @* and >=12 all install npm 12; Node 22 before 22.22.2 and 24 before 24.15.0',
      code: job('22.14', '        - run: npm i -g npm\n        - run: npm install --global npm@12\n        - run: npm i -g npm@next\n        - run: "npm i -g npm@*"\n        - run: npm i -g npm@">=12"\n        - run: sudo npm update -g npm'),
      errors: [
        { messageId: 'unsupportedNode', line: 9, column: 14, endLine: 9, endColumn: 26, messageIncludes: ['Node `22.14`'] },
        { messageId: 'unsupportedNode', line: 10, column: 14, endLine: 10, endColumn: 41 },
        { messageId: 'unsupportedNode', line: 11, column: 14, endLine: 11, endColumn: 31 },
        { messageId: 'unsupportedNode', line: 12, column: 15, endLine: 12, endColumn: 29 },
        { messageId: 'unsupportedNode', line: 13, column: 14, endLine: 13, endColumn: 33 },
        { messageId: 'unsupportedNode', line: 14, column: 14, endLine: 14, endColumn: 36 },
      ],
    },
    {
      name: 'Node 24 before 24.15.0; a range that admits npm 12 installs it',
      code: job('"24.4"', '        - run: npm install -g npm@">=11"'),
      errors: [{ messageId: 'unsupportedNode', line: 9, column: 14, endLine: 9, endColumn: 39 }],
    },
    {
      name: 'Node 18: npm 11 does not run there either',
      code: job('18', '        - run: npm install -g npm@latest'),
      errors: [{ messageId: 'unsupportedNode', line: 9, column: 14, endLine: 9, endColumn: 39, messageIncludes: ['npm 11 does not support this Node either'] }],
    },
    {
      name: 'setup-node and the upgrade run under the same condition',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - id: release
                uses: googleapis/release-please-action@v4
              - uses: actions/setup-node@v4
                if: \${{ steps.release.outputs.release_created }}
                with: { node-version: 20 }
              - run: npm install -g npm@latest
                if: \${{ steps.release.outputs.release_created }}
      `,
      errors: [{ messageId: 'unsupportedNode', line: 11, column: 14, endLine: 11, endColumn: 39 }],
    },
    {
      name: 'inside a run block, Node from .nvmrc',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v4
                with: { node-version-file: .nvmrc }
              - run: |
                  npm ci
                  npm install -g npm@latest
                  npm publish
      `,
      files: { '.nvmrc': 'lts/iron\n' },
      skipSuppressionCheck: true,
      errors: [{ messageId: 'unsupportedNode', line: 10, column: 11, endLine: 10, endColumn: 36, messageIncludes: ['Node from `.nvmrc`'] }],
    },
    {
      name: 'a directive above `run:` suppresses the finding in its block',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            container: node:20
            steps:
              # trustlint-disable-next-line npm-self-upgrade-engine -- Node 20 image pinned on purpose
              - run: |
                  npm install -g npm@latest
              - run: npm install -g npm@latest
      `,
      skipSuppressionCheck: true,
      errors: [{ messageId: 'unsupportedNode', line: 10, column: 14, endLine: 10, endColumn: 39, messageIncludes: ['from the `node:20` container'] }],
    },
  ],
});
