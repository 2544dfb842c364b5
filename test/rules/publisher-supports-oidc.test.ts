import { publisherSupportsOidc } from '../../src/rules/publisher-supports-oidc.js';
import { testRule, workflow } from '../rule-tester.js';

/** A trusted-publishing job (`id-token: write`, no token) with the given steps (indented for the job). */
const oidcJob = (steps: string) => workflow`
  on: push
  permissions: {}
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions:
        contents: read
        id-token: write
      steps:
${steps}
`;

const pkg = (json: Record<string, unknown>) => ({ 'package.json': JSON.stringify({ name: 'pkg', ...json }) });

testRule(publisherSupportsOidc, {
  valid: [
    { name: 'bun with a token: another rule’s business', code: oidcJob('        - run: bun publish\n          env:\n            NPM_CONFIG_TOKEN: ${{ secrets.NPM_TOKEN }}') },
    { name: 'bun with a token minted by an earlier step', code: oidcJob('        - run: bun publish\n          env:\n            NPM_CONFIG_TOKEN: ${{ steps.auth.outputs.token }}') },
    { name: 'bun with a token in bunfig.toml', code: oidcJob('        - run: bun publish'), files: { 'bunfig.toml': '[install.scopes]\n"@acme" = { token = "$NPM_TOKEN", url = "https://registry.npmjs.org/" }\n' } },
    { name: 'bunx npm@11 publish', code: oidcJob('        - run: bunx npm@11 publish') },
    { name: 'bun publish to GitHub Packages', code: oidcJob('        - run: bun publish --registry https://npm.pkg.github.com') },
    {
      name: 'bun without id-token: publish-job-needs-id-token reports it',
      code: workflow`
        on: push
        permissions: { contents: read }
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: bun publish
      `,
    },
    { name: 'yarn publish where Yarn is Berry', code: oidcJob('        - run: yarn publish'), files: pkg({ packageManager: 'yarn@4.10.3' }) },
    { name: 'yarn publish after `yarn set version`', code: oidcJob('        - run: yarn set version stable\n        - run: yarn publish'), files: pkg({}) },
    { name: 'yarn publish without a package.json to tell which Yarn', code: oidcJob('        - run: yarn publish') },
    { name: 'Lerna 9', code: oidcJob('        - run: npx lerna publish from-package --yes'), files: pkg({ devDependencies: { lerna: '^9.0.3' } }) },
    { name: 'Lerna of unknown version', code: oidcJob('        - run: npx lerna publish from-package --yes') },
    { name: 'Lerna ^8 || ^9 straddles 9.0.0', code: oidcJob('        - run: npx lerna publish'), files: pkg({ devDependencies: { lerna: '^8.0.0 || ^9.0.0' } }) },
    { name: 'lerna-lite 4.9', code: oidcJob('        - run: npx lerna publish'), files: pkg({ devDependencies: { '@lerna-lite/cli': '^4.9.0', '@lerna-lite/publish': '^4.9.0' } }) },
    { name: 'semantic-release 25', code: oidcJob('        - run: npx semantic-release'), files: pkg({ devDependencies: { 'semantic-release': '^25.0.1' } }) },
    {
      name: 'semantic-release 24 with @semantic-release/npm 13.1',
      code: oidcJob('        - run: npx semantic-release'),
      files: pkg({ devDependencies: { 'semantic-release': '^24.2.0', '@semantic-release/npm': '^13.1.0' } }),
    },
    {
      name: 'semantic-release 24 whose config does not publish to npm',
      code: oidcJob('        - run: npx semantic-release'),
      files: { ...pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }), '.releaserc.json': '{"plugins":["@semantic-release/commit-analyzer","@semantic-release/github"]}' },
    },
    {
      name: 'semantic-release-action 24 with the project’s @semantic-release/npm 13.1',
      code: oidcJob('        - uses: cycjimmy/semantic-release-action@v4\n          with:\n            semantic_version: 24'),
      files: pkg({ devDependencies: { '@semantic-release/npm': '^13.1.2' } }),
    },
    { name: 'semantic-release-action without semantic_version', code: oidcJob('        - uses: cycjimmy/semantic-release-action@v4'), files: pkg({}) },
    { name: 'Yarn 4.10.3', code: oidcJob('        - run: yarn npm publish'), files: pkg({ packageManager: 'yarn@4.10.3' }) },
    { name: 'Yarn 4.10.1 for an unscoped package', code: oidcJob('        - run: yarn npm publish'), files: pkg({ packageManager: 'yarn@4.10.1' }) },
    { name: 'Yarn of unknown version', code: oidcJob('        - run: yarn npm publish'), files: { '.yarnrc.yml': 'nodeLinker: node-modules\n' } },
    { name: 'JS-DevTools/npm-publish v4 (the tag points at 4.1 or later)', code: oidcJob('        - uses: JS-DevTools/npm-publish@v4') },
    { name: 'JS-DevTools/npm-publish on a branch', code: oidcJob('        - uses: JS-DevTools/npm-publish@main') },
    {
      name: 'JS-DevTools/npm-publish v3 with its token',
      code: oidcJob('        - uses: JS-DevTools/npm-publish@v3\n          with:\n            token: ${{ secrets.NPM_TOKEN }}'),
    },
    { name: 'npm and pnpm can do OIDC (their versions are trusted-publishing-npm-version’s)', code: oidcJob('        - run: npm publish\n        - run: pnpm publish') },
  ],
  invalid: [
    {
      name: 'bun publish',
      code: oidcJob('        - run: bun publish --access public'),
      errors: [{ messageId: 'bunPublish', line: 10, column: 14, endLine: 10, endColumn: 41 }],
    },
    {
      name: 'changesets/action whose publish script runs Lerna 8',
      code: oidcJob('        - uses: changesets/action@v1\n          with: { publish: pnpm release }'),
      files: pkg({ scripts: { release: 'lerna publish from-package --yes' }, devDependencies: { lerna: '8.2.4' } }),
      errors: [{ messageId: 'toolTooOld', line: 10, column: 15, endLine: 10, endColumn: 35, messageIncludes: ['Lerna'] }],
    },
    {
      name: 'yarn publish on Yarn 1 (no packageManager, no .yarnrc.yml)',
      code: oidcJob('        - run: yarn publish --non-interactive'),
      files: pkg({}),
      errors: [{ messageId: 'yarnClassicPublish', line: 10, column: 14, endLine: 10, endColumn: 44 }],
    },
    {
      name: 'yarn publish with packageManager yarn@1',
      code: oidcJob('        - run: |\n            yarn build\n            yarn publish'),
      files: pkg({ packageManager: 'yarn@1.22.22' }),
      skipSuppressionCheck: true,
      errors: [{ messageId: 'yarnClassicPublish', line: 12, column: 11, endLine: 12, endColumn: 23 }],
    },
    {
      name: 'a directive above `run:` suppresses a finding in its block',
      code: oidcJob('        # trustlint-disable-next-line publisher-supports-oidc -- migrating next week\n        - run: |\n            bun publish\n        - run: bun publish'),
      skipSuppressionCheck: true,
      errors: [{ messageId: 'bunPublish', line: 13, column: 14, endLine: 13, endColumn: 25 }],
    },
    {
      name: 'Lerna 8 from devDependencies',
      code: oidcJob('        - run: npx lerna publish from-package --yes'),
      files: pkg({ devDependencies: { lerna: '^8.1.9' } }),
      errors: [
        {
          messageId: 'toolTooOld',
          line: 10,
          column: 14,
          endLine: 10,
          endColumn: 50,
          data: {
            tool: 'Lerna',
            from: '`"lerna": "^8.1.9"` in package.json',
            minimum: '9.0.0',
            error: '`E404 Not Found - PUT` or `ENEEDAUTH`',
            fix: 'upgrade to Lerna 9 or later',
          },
        },
      ],
    },
    {
      name: 'npx lerna@8 and lerna-lite 4.8',
      code: oidcJob('        - run: npx lerna@8 publish\n        - run: npx @lerna-lite/cli@4.8.0 publish'),
      errors: [
        { messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 33, messageIncludes: ['`lerna@8`'] },
        { messageId: 'toolTooOld', line: 11, column: 14, endLine: 11, endColumn: 47, messageIncludes: ['lerna-lite', '4.9.0'] },
      ],
    },
    {
      name: 'lerna-lite from devDependencies',
      code: oidcJob('        - run: npx lerna publish'),
      files: pkg({ devDependencies: { '@lerna-lite/cli': '~4.1.0', '@lerna-lite/publish': '~4.1.0' } }),
      errors: [{ messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 31, messageIncludes: ['`"@lerna-lite/publish": "~4.1.0"`'] }],
    },
    {
      name: 'semantic-release 24 (bundles @semantic-release/npm 12)',
      code: oidcJob('        - run: npx semantic-release'),
      files: pkg({ devDependencies: { 'semantic-release': '^24.2.0' } }),
      errors: [{ messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 34, messageIncludes: ['ENONPMTOKEN', 'semantic-release 25'] }],
    },
    {
      name: '@semantic-release/npm 12 declared',
      code: oidcJob('        - run: npx semantic-release'),
      files: pkg({ devDependencies: { 'semantic-release': '^25.0.0', '@semantic-release/npm': '^12.0.1' } }),
      errors: [{ messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 34, messageIncludes: ['`@semantic-release/npm`', '13.1.0'] }],
    },
    {
      name: 'semantic-release-action with semantic_version 19',
      code: oidcJob('        - uses: cycjimmy/semantic-release-action@v4\n          with:\n            semantic_version: 19'),
      files: pkg({}),
      errors: [{ messageId: 'toolTooOld', line: 10, column: 15, endLine: 10, endColumn: 50, messageIncludes: ['`semantic_version: 19`'] }],
    },
    {
      name: 'Yarn 4.9 has no OIDC',
      code: oidcJob('        - run: yarn npm publish --access public'),
      files: pkg({ packageManager: 'yarn@4.9.2' }),
      errors: [{ messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 46, messageIncludes: ['`"packageManager": "yarn@4.9.2"`', 'No authentication configured for request'] }],
    },
    {
      name: 'Yarn 4.10.1 for a scoped package',
      code: oidcJob('        - run: yarn npm publish'),
      files: { 'package.json': '{"name":"@acme/pkg","packageManager":"yarn@4.10.1"}' },
      errors: [{ messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 30, messageIncludes: ['4.10.3'] }],
    },
    {
      name: 'Yarn from yarnPath',
      code: oidcJob('        - run: yarn npm publish'),
      files: { 'package.json': '{"name":"pkg"}', '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-3.6.4.cjs\n' },
      errors: [{ messageId: 'toolTooOld', line: 10, column: 14, endLine: 10, endColumn: 30, messageIncludes: ['`yarnPath: .yarn/releases/yarn-3.6.4.cjs`'] }],
    },
    {
      name: 'JS-DevTools/npm-publish v3, and a SHA pin of v4.0.1',
      code: oidcJob('        - uses: JS-DevTools/npm-publish@v3\n        - uses: JS-DevTools/npm-publish@0f451a94170d1699fd50710966d48fb26194d939 # v4.0.1'),
      errors: [
        { messageId: 'toolTooOld', line: 10, column: 15, endLine: 10, endColumn: 41, messageIncludes: ['Input required and not supplied: token', '`JS-DevTools/npm-publish@v4`'] },
        { messageId: 'toolTooOld', line: 11, column: 15, endLine: 11, endColumn: 79, messageIncludes: ['# v4.0.1'] },
      ],
    },
  ],
});
