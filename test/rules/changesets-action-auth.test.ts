import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../src/engine/rule.js';
import { changesetsActionAuth } from '../../src/rules/changesets-action-auth.js';
import { lintWithRule, testRule, workflow } from '../rule-tester.js';

testRule(changesetsActionAuth, {
  valid: [
    {
      name: 'v2 with trusted publishing and no token',
      code: workflow`
        on: push
        permissions: {}
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env: { GITHUB_TOKEN: "\${{ secrets.GITHUB_TOKEN }}" }
      `,
    },
    {
      name: 'v2 with NPM_TOKEN and setup-node registry-url + NODE_AUTH_TOKEN (the documented token channel)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { node-version: 24, registry-url: "https://registry.npmjs.org" }
              - uses: changesets/action@v2.1.1
                with: { publish-script: pnpm release }
                env:
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
    },
    {
      name: 'v2 with NPM_TOKEN and a committed .npmrc that reads it',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
      files: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' },
    },
    {
      name: 'v2 with an .npmrc written by an earlier step',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
            steps:
              - run: echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" >> ~/.npmrc
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
      `,
    },
    {
      name: 'v2 whose publish script sets up auth itself',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v2
                with: { publish-script: ./scripts/publish.sh }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
      files: { 'package.json': '{ "scripts": { "release": "echo //registry.npmjs.org/:_authToken=$NPM_TOKEN > .npmrc && changeset publish" } }' },
    },
    {
      name: 'v2 after an action that was handed an npm token (it may write ~/.npmrc)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: ./.github/actions/setup
                with: { npm-token: "\${{ secrets.NPM_TOKEN }}" }
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'v2 without a publish script only versions (no publish)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v2
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'the other version\'s publish input does not publish (v2 ignores `publish`, v1 ignores `publish-script`)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: changesets/action@v2
                with: { publish: pnpm release }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
              - uses: changesets/action@v1.5.0
                with: { publish-script: pnpm release }
      `,
    },
    {
      name: 'unknown versions: a branch, a bare SHA, a v2 prerelease',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
            steps:
              - uses: changesets/action@main
                with: { publish-script: pnpm release }
              - uses: changesets/action@d0ee272882939fa35f22d979828acb7e61e0bd47
                with: { publish-script: pnpm release }
              - uses: changesets/action@d0ee272882939fa35f22d979828acb7e61e0bd47 # v2.0.0-next.4
                with: { publish-script: pnpm release }
      `,
    },
    {
      name: 'GitHub Packages is not npmjs',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: "https://npm.pkg.github.com" }
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'v1 with NPM_TOKEN works (no-long-lived-npm-token handles the token itself)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v1
                with: { publish: pnpm release }
                env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'v1.7+ in an OIDC job without any token, and v1.6 with setup-node registry-url',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - uses: changesets/action@v1
                with: { publish: pnpm release }
          old:
            runs-on: ubuntu-latest
            permissions: { id-token: write, contents: write }
            steps:
              - uses: actions/setup-node@v4
                with: { registry-url: "https://registry.npmjs.org" }
              - uses: changesets/action@v1.4.5
                with: { publish: pnpm release }
      `,
    },
    {
      name: 'v1 with NODE_AUTH_TOKEN but no registry-url: nothing reads the token, the log is right',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: changesets/action@v1
                with: { publish: pnpm release }
                env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'v1 traps need id-token: write',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v1.5.3
                with: { publish: pnpm release }
      `,
    },
  ],
  invalid: [
    {
      name: 'v2 with NPM_TOKEN only, no id-token: unauthenticated publish',
      code: workflow`
        on: push
        permissions: { contents: write }
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env: { GITHUB_TOKEN: "\${{ secrets.GITHUB_TOKEN }}", NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
      errors: [
        {
          messageId: 'v2IgnoresNpmToken',
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 35,
          data: { version: 'v2', why: 'job `release` has no `id-token: write`' },
        },
      ],
    },
    {
      name: 'a SHA pin whose comment says v2, the publish sub-action, token at workflow level',
      code: workflow`
        on: push
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@e0145edc7d9d8679003495b11f87bd8ef63c0cba # v2.1.1
                with: { publish-script: pnpm release }
              - uses: changesets/action/publish@v2.0.0
                with: { script: pnpm release }
      `,
      errors: [
        { messageId: 'v2IgnoresNpmToken', line: 8, column: 15, endLine: 8, endColumn: 73, messageIncludes: ['`changesets/action` v2.1.1 ignores'] },
        { messageId: 'v2IgnoresNpmToken', line: 10, column: 15, endLine: 10, endColumn: 47, messageIncludes: ['v2.0.0'] },
      ],
    },
    {
      name: 'v2 with NPM_TOKEN and id-token: the token is no fallback (warning)',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: changesets/action@v2
                with: { publish-script: pnpm release }
                env:
                  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      `,
      errors: [{ messageId: 'v2NpmTokenNotFallback', line: 7, column: 15, endLine: 7, endColumn: 35, data: { version: 'v2' } }],
    },
    {
      name: 'v1 (floating, ≥ 1.7) with the token as NODE_AUTH_TOKEN and id-token: misleading OIDC log',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: actions/setup-node@v4
                with: { node-version: 24, registry-url: "https://registry.npmjs.org" }
              - uses: changesets/action@v1
                with: { publish: pnpm release }
                env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
      errors: [{ messageId: 'v1LogsOidcWithToken', line: 9, column: 15, endLine: 9, endColumn: 35, data: { version: 'v1' } }],
    },
    {
      name: 'v1 ≤ 1.6 without NPM_TOKEN in an OIDC job writes _authToken=undefined',
      code: workflow`
        on: push
        permissions: { contents: write, id-token: write, pull-requests: write }
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: changesets/action@f13b1baaa620fde937751f5d2c3572b9da32af23 # v1.6.0
                with: { publish: pnpm release }
              - uses: changesets/action@v1.4
                with: { publish: pnpm release }
      `,
      errors: [
        { messageId: 'v1WritesUndefinedToken', line: 7, column: 15, endLine: 7, endColumn: 73, data: { version: 'v1.6.0' } },
        { messageId: 'v1WritesUndefinedToken', line: 9, column: 15, endLine: 9, endColumn: 37, data: { version: 'v1.4' } },
      ],
    },
  ],
});

describe('changesets-action-auth severities', () => {
  const v2WithOidc = workflow`
    on: push
    jobs:
      release:
        runs-on: ubuntu-latest
        permissions: { id-token: write }
        steps:
          - uses: changesets/action@v2
            with: { publish-script: pnpm release }
            env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
  `;
  it('the certain failure is an error, the traps are warnings', () => {
    const noOidc = v2WithOidc.replace('permissions: { id-token: write }', 'permissions: { contents: read }');
    expect(lintWithRule(changesetsActionAuth as unknown as AnyRule, { code: noOidc }).messages.map((m) => m.severity)).toEqual([2]);
    expect(lintWithRule(changesetsActionAuth as unknown as AnyRule, { code: v2WithOidc }).messages.map((m) => m.severity)).toEqual([1]);
  });
});
