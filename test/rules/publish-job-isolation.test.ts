import { publishJobIsolation } from '../../src/rules/publish-job-isolation.js';
import { testRule, workflow } from '../rule-tester.js';

const job = (steps: string) => workflow`
  on: push
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
      steps:
${steps}
`;

testRule(publishJobIsolation, {
  valid: [
    { name: '--ignore-scripts', code: job('        - run: npm ci --ignore-scripts\n        - run: npm publish') },
    { name: 'npm_config_ignore_scripts in env', code: job('        - run: npm ci\n          env: { npm_config_ignore_scripts: "true" }\n        - run: npm publish') },
    { name: 'ignore-scripts in the committed .npmrc', code: job('        - run: npm ci\n        - run: npm publish'), files: { '.npmrc': 'ignore-scripts=true\n' } },
    { name: 'npm 12 blocks dependency scripts', code: job('        - run: npm install -g npm@12\n        - run: npm ci\n        - run: npm publish') },
    { name: 'pnpm of unknown version (10+ blocks dependency scripts)', code: job('        - run: pnpm install\n        - run: pnpm publish') },
    { name: 'pnpm 10', code: job('        - run: pnpm install\n        - run: pnpm publish'), files: { 'package.json': '{"packageManager":"pnpm@10.17.0"}' } },
    { name: 'bun runs trusted dependencies only', code: job('        - run: bun install\n        - run: npm publish') },
    { name: 'a global tool install', code: job('        - run: npm install -g npm@11\n        - run: npm publish') },
    // unjs/h3: combined shorthands, as npm reads them (`-fg` is `--force --global`).
    { name: 'a global install through combined shorthands', code: job('        - run: npm i -fg corepack\n        - run: npm publish') },
    { name: 'a global install with --global=true', code: job('        - run: npm i --global=true corepack\n        - run: npm publish') },
    { name: 'a job that does not publish (negative control)', code: job('        - run: npm ci && npm test') },
    { name: 'only downloading an artifact and publishing it', code: job('        - uses: actions/download-artifact@v5\n        - run: npm publish ./pkg.tgz') },
  ],
  invalid: [
    {
      name: 'npm ci of unknown npm, and yarn',
      code: job('        - run: npm ci && npm run build\n        - run: yarn --frozen-lockfile\n        - run: npm publish'),
      errors: [
        { messageId: 'scriptedInstall', line: 7, column: 14, endLine: 7, endColumn: 20, data: { job: 'publish', why: 'publishes with `npm publish`', command: 'npm ci' }, related: ['9:14'] },
        { messageId: 'scriptedInstall', line: 8, column: 14, endLine: 8, endColumn: 36, data: { job: 'publish', why: 'publishes with `npm publish`', command: 'yarn' } },
      ],
    },
    {
      name: 'pnpm 9 runs them',
      code: job('        - run: pnpm install --frozen-lockfile\n        - run: pnpm publish'),
      files: { 'package.json': '{"packageManager":"pnpm@9.15.0"}' },
      errors: [{ messageId: 'scriptedInstall', line: 7, column: 14, endLine: 7, endColumn: 44, data: { job: 'publish', why: 'publishes with `pnpm publish`', command: 'pnpm install' } }],
    },
    {
      // Negative control for the shorthand parse: `-f` alone is not global.
      name: 'a forced local install',
      code: job('        - run: npm i -f\n        - run: npm publish'),
      errors: [{ messageId: 'scriptedInstall', line: 7, column: 14, endLine: 7, endColumn: 22, data: { job: 'publish', why: 'publishes with `npm publish`', command: 'npm i' } }],
    },
    {
      name: 'npm 11 after an upgrade',
      code: job('        - run: npm install -g npm@11\n        - run: npm install\n        - run: npm publish'),
      errors: [{ messageId: 'scriptedInstall', line: 8, column: 14, endLine: 8, endColumn: 25 }],
    },
  ],
});
