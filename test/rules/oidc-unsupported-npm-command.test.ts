import { describe, expect, it } from 'vitest';
import { oidcUnsupportedNpmCommand } from '../../src/rules/oidc-unsupported-npm-command.js';
import { unsupportedNpmCommand } from '../../src/domain/registries/npm/unsupported-commands.js';
import { testRule, workflow } from '../rule-tester.js';

const PACKAGE = '{ "name": "pkg", "version": "1.0.0" }';

testRule(oidcUnsupportedNpmCommand, {
  valid: [
    {
      name: 'a job without a publish: with a token, without id-token, elsewhere, or read-only',
      code: workflow`
        on: push
        jobs:
          tag-with-token:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm dist-tag add pkg@1.2.3 latest
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          tag-without-id-token:
            runs-on: ubuntu-latest
            permissions: { contents: read }
            steps:
              - run: npm dist-tag add pkg@1.2.3 latest
          tag-on-github-packages:
            runs-on: ubuntu-latest
            permissions: { id-token: write, packages: write }
            steps:
              - uses: actions/setup-node@v6
                with:
                  registry-url: https://npm.pkg.github.com
              - run: npm dist-tag add @acme/pkg@1.2.3 latest
          read-only:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm dist-tag ls pkg && npm view pkg versions
          handled:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm whoami || echo "not logged in"
          token-written-earlier:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: echo "//registry.npmjs.org/:_authToken=\${{ secrets.NPM_TOKEN }}" > ~/.npmrc
              - run: npm deprecate pkg@1 "use 2"
      `,
    },
    {
      name: 'read-only commands and the publish itself',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: |
                  npm dist-tag ls pkg
                  npm view pkg version
                  npm access get status pkg
                  npm owner ls pkg
                  npm publish --tag next
                  npm stage publish
      `,
    },
    {
      name: 'a job that publishes with a token can run them',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
            steps:
              - run: npm whoami && npm publish
      `,
    },
    {
      name: 'a narrowly scoped token on the step that needs it',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm publish --provenance
              - run: npm dist-tag add pkg@1.0.0 latest
                env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_DIST_TAG_TOKEN }}" }
      `,
    },
    {
      name: 'an npm token handed to an action may have been written to ~/.npmrc',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: ./.github/actions/setup
                with: { npm-token: "\${{ secrets.NPM_TOKEN }}" }
              - run: npm whoami && npm publish
      `,
    },
    {
      name: 'no OIDC publish in the job: no id-token, GitHub Packages',
      code: workflow`
        on: push
        jobs:
          none:
            runs-on: ubuntu-latest
            steps:
              - run: npm whoami; npm publish
          github-packages:
            runs-on: ubuntu-latest
            permissions: { id-token: write, packages: write }
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: "https://npm.pkg.github.com" }
              - run: npm whoami && npm publish
      `,
    },
    {
      name: 'unknown id-token (a reusable workflow without permissions)',
      code: workflow`
        on: workflow_call
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: npm whoami && npm publish
      `,
    },
    {
      name: 'failures handled: || true, continue-on-error, --dry-run, another registry',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm whoami || true
              - run: npm whoami
                continue-on-error: true
              - run: |
                  npm unpublish pkg@0.0.1 --dry-run
                  npm whoami --registry https://npm.pkg.github.com
                  npm publish
      `,
    },
    {
      name: 'release-it with npm.skipChecks, or a config that cannot be read',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - run: npx release-it --ci --npm.skipChecks
      `,
      files: { 'package.json': PACKAGE },
    },
    {
      name: 'release-it config says skipChecks',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - run: npx release-it --ci
      `,
      files: { 'package.json': PACKAGE, '.release-it.json': '{ "npm": { "skipChecks": true } }' },
    },
    {
      name: 'release-it config in package.json says skipChecks',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - run: npx release-it --ci
      `,
      files: { 'package.json': '{ "name": "pkg", "release-it": { "npm": { "skipChecks": true } } }' },
    },
    {
      name: 'release-it in another directory reads that directory\'s config, which is not the root one',
      code: workflow`
        on: push
        defaults: { run: { working-directory: packages/a } }
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - run: npx release-it --ci
      `,
      files: { 'package.json': PACKAGE, 'packages/a/package.json': '{ "name": "a", "release-it": { "npm": { "skipChecks": true } } }' },
    },
    {
      name: 'release-it with a JavaScript config is unknown',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - run: npx release-it --ci
      `,
      files: { 'package.json': PACKAGE, '.release-it.ts': 'export default {}' },
    },
  ],
  invalid: [
    {
      name: 'a job with id-token: write, no token and no publish: dist-tag and whoami fail (apollo-client release.yml)',
      code: workflow`
        on: workflow_dispatch
        permissions: {}
        jobs:
          promote:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - uses: actions/setup-node@v6
                with:
                  node-version: 24
                  registry-url: https://registry.npmjs.org
              - run: npm whoami
              - run: |
                  npm dist-tag add "pkg@$VERSION" latest
          dry:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm whoami; npm publish --dry-run
      `,
      errors: [
        { messageId: 'noPublishInJob', line: 13, column: 14, endLine: 13, endColumn: 24, messageIncludes: ['Drop the check'] },
        {
          messageId: 'noPublishInJob',
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 49,
          data: {
            command: 'npm dist-tag add',
            fix: 'Set the tag in the job that publishes (`npm publish --tag <tag>`), or give only this step a narrowly scoped granular token.',
          },
        },
        // A dry run is no publish: its job has id-token and no token, so `npm whoami` fails all the same.
        { messageId: 'noPublishInJob', line: 20, column: 14, endLine: 20, endColumn: 24 },
      ],
      skipSuppressionCheck: true,
    },
    {
      name: 'npm whoami before an OIDC publish',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            steps:
              - run: npm whoami
              - run: npm publish
      `,
      errors: [{ messageId: 'whoami', line: 8, column: 14, endLine: 8, endColumn: 24, data: { command: 'npm whoami' } }],
    },
    {
      name: 'dist-tag, owner, deprecate, access, unpublish, token, team, trust, stage inside a script, also via npx npm@11',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: |
                  npx -y npm@11 publish --provenance
                  npm dist-tag add "pkg@$VERSION" latest
                  npx npm@11 dist-tag rm pkg next
                  npm owner add someone pkg
                  npm deprecate pkg@1.0.0 "use 2"
                  npm access set status=public pkg
                  npm unpublish pkg@0.0.1
                  npm token list
                  npm team ls @org
                  npm trust github pkg --file release.yml
                  npm stage approve pkg@1.0.0
                  npm whoami || exit 1
      `,
      skipSuppressionCheck: true,
      errors: [
        { messageId: 'distTag', line: 9, column: 11, endLine: 9, endColumn: 49, data: { command: 'npm dist-tag add' } },
        { messageId: 'distTag', line: 10, column: 11, endLine: 10, endColumn: 42, data: { command: 'npm dist-tag rm' } },
        { messageId: 'needsToken', line: 11, column: 11, endLine: 11, endColumn: 36, data: { command: 'npm owner add' } },
        { messageId: 'needsToken', line: 12, column: 11, endLine: 12, endColumn: 42, data: { command: 'npm deprecate' } },
        { messageId: 'needsToken', line: 13, column: 11, endLine: 13, endColumn: 43, data: { command: 'npm access set' } },
        { messageId: 'needsToken', line: 14, column: 11, endLine: 14, endColumn: 34, data: { command: 'npm unpublish' } },
        { messageId: 'needsToken', line: 15, column: 11, endLine: 15, endColumn: 25, data: { command: 'npm token' } },
        { messageId: 'needsToken', line: 16, column: 11, endLine: 16, endColumn: 27, data: { command: 'npm team' } },
        { messageId: 'needsToken', line: 17, column: 11, endLine: 17, endColumn: 50, data: { command: 'npm trust' } },
        { messageId: 'needsToken', line: 18, column: 11, endLine: 18, endColumn: 38, data: { command: 'npm stage approve' } },
        { messageId: 'whoami', line: 19, column: 11, endLine: 19, endColumn: 21 },
      ],
    },
    {
      name: 'a directive above the run: key suppresses a finding inside the script',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              # trustlint-disable-next-line oidc-unsupported-npm-command -- checked by hand
              - run: |
                  npm whoami
                  npm publish
              - run: |
                  npm whoami
      `,
      skipSuppressionCheck: true,
      errors: [{ messageId: 'whoami', line: 12, column: 11, endLine: 12, endColumn: 21 }],
    },
    {
      name: 'release-it without skipChecks in an OIDC job',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - run: npx release-it --ci
      `,
      files: { 'package.json': PACKAGE },
      errors: [{ messageId: 'releaseItChecks', line: 7, column: 14, endLine: 7, endColumn: 33 }],
    },
  ],
});

describe('unsupportedNpmCommand', () => {
  it('knows the write actions of each command', () => {
    const name = (line: string) => unsupportedNpmCommand(line.split(' '))?.name;
    expect(name('npm dist-tag set pkg@1 next')).toBe('npm dist-tag set');
    expect(name('npm dist-tag list pkg')).toBeUndefined();
    expect(name('npm dist-tag')).toBeUndefined();
    expect(name('npm --registry https://registry.npmjs.org whoami')).toBe('npm whoami');
    expect(name('npm --registry=https://npm.pkg.github.com whoami')).toBeUndefined();
    expect(name('npm -w packages/a deprecate a@1 x')).toBe('npm deprecate');
    expect(name('pnpm dlx npm@11 owner rm a pkg')).toBe('npm owner rm');
    expect(name('npm stage publish')).toBeUndefined();
    expect(name('npm stage list')).toBe('npm stage list');
    expect(name('npx whoami')).toBeUndefined();
    expect(name('yarn whoami')).toBeUndefined();
    expect(name('')).toBeUndefined();
  });
});
