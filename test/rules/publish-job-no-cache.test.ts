import { publishJobNoCache } from '../../src/rules/publish-job-no-cache.js';
import { testRule, workflow } from '../rule-tester.js';

/** A publish job with `id-token: write` and the given steps (indented for the job). */
const job = (steps: string, extra = '') => workflow`
  on: push
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
${extra}      steps:
${steps}
`;

const npm = { 'package.json': '{"name":"a","packageManager":"npm@11.6.0"}' };
const pnpm = { 'package.json': '{"name":"a","packageManager":"pnpm@10.17.0"}' };

testRule(publishJobNoCache, {
  valid: [
    { name: 'no cache', code: job('        - uses: actions/setup-node@v4\n          with: { node-version: 24 }\n        - run: npm publish') },
    {
      name: 'a cache in a job that does not publish (negative control)',
      code: workflow`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-node@v4
                with: { cache: npm }
              - run: npm test
      `,
    },
    { name: 'cache-mode: none on the job', code: job('        - uses: actions/cache@v4\n          with: { path: x, key: y }\n        - run: npm publish', '      cache-mode: none\n') },
    { name: 'an expression for the cache input is unknown', code: job('        - uses: actions/setup-node@v4\n          with: { cache: "${{ inputs.pm }}" }\n        - run: npm publish') },
    { name: 'an empty cache input is off', code: job('        - uses: actions/setup-node@v4\n          with: { cache: "" }\n        - run: npm publish') },
    { name: 'actions/cache/save only writes', code: job('        - uses: actions/cache/save@v4\n          with: { path: x, key: y }\n        - run: npm publish') },
    { name: 'setup-node v5 without packageManager: no automatic cache', code: job('        - uses: actions/setup-node@v5\n        - run: npm publish'), files: { 'package.json': '{"name":"a"}' } },
    { name: 'setup-node v6 caches automatically for npm only', code: job('        - uses: actions/setup-node@v6\n        - run: pnpm publish'), files: pnpm },
    { name: 'package-manager-cache: false', code: job('        - uses: actions/setup-node@v6\n          with: { package-manager-cache: false }\n        - run: npm publish'), files: npm },
    { name: 'setup-node v4 has no automatic cache', code: job('        - uses: actions/setup-node@v4\n        - run: npm publish'), files: npm },
    { name: 'an unknown version (a branch) is silent', code: job('        - uses: actions/setup-node@main\n        - run: npm publish'), files: npm },
  ],
  invalid: [
    {
      name: 'setup-node v6 `cache: pnpm`: replaced by package-manager-cache: false',
      code: job('        - uses: actions/setup-node@v6\n          with:\n            node-version: 24\n            cache: pnpm\n        - run: pnpm publish'),
      errors: [{ messageId: 'cacheInput', line: 10, column: 11, endLine: 10, endColumn: 22, related: ['11:14'] }],
      output: job('        - uses: actions/setup-node@v6\n          with:\n            node-version: 24\n            package-manager-cache: false\n        - run: pnpm publish'),
    },
    {
      name: 'setup-node v4 `cache: npm`: removed',
      code: job('        - uses: actions/setup-node@v4\n          with:\n            node-version: 24\n            cache: npm\n        - run: npm publish'),
      errors: [{ messageId: 'cacheInput', line: 10, column: 11, endLine: 10, endColumn: 21 }],
      output: job('        - uses: actions/setup-node@v4\n          with:\n            node-version: 24\n        - run: npm publish'),
    },
    {
      name: 'setup-node v6 automatic npm cache',
      code: job('        - uses: actions/setup-node@v6\n          with:\n            node-version: 24\n        - run: npm publish'),
      files: npm,
      errors: [{ messageId: 'automaticCache', line: 7, column: 15, endLine: 7, endColumn: 36, data: { job: 'publish', why: 'publishes with `npm publish`', version: 'v6', manager: 'npm' } }],
      output: job('        - uses: actions/setup-node@v6\n          with:\n            node-version: 24\n            package-manager-cache: false\n        - run: npm publish'),
    },
    {
      name: 'setup-node v5 caches for any package manager, devEngines too',
      code: job('        - uses: actions/setup-node@v5\n        - run: pnpm publish'),
      files: { 'package.json': '{"name":"a","devEngines":{"packageManager":{"name":"pnpm"}}}' },
      errors: [{ messageId: 'automaticCache', line: 7, column: 15, endLine: 7, endColumn: 36 }],
      output: job('        - uses: actions/setup-node@v5\n          with:\n            package-manager-cache: false\n        - run: pnpm publish'),
    },
    {
      name: 'actions/cache and actions/cache/restore: reported, no fix',
      code: job('        - uses: actions/cache@v4\n          with: { path: ~/.npm, key: npm }\n        - uses: actions/cache/restore@v4\n          with: { path: x, key: y }\n        - run: npm publish'),
      errors: [
        { messageId: 'cacheAction', line: 7, column: 15, endLine: 7, endColumn: 31 },
        { messageId: 'cacheAction', line: 9, column: 15, endLine: 9, endColumn: 39 },
      ],
      output: null,
    },
    {
      name: 'cache-mode other than none does not help',
      code: job('        - uses: actions/cache@v4\n          with: { path: x, key: y }\n        - run: npm publish', '      cache-mode: read\n'),
      errors: [{ messageId: 'cacheAction', line: 8, column: 15, endLine: 8, endColumn: 31 }],
      output: null,
    },
    {
      name: 'PyPI trusted publishing with setup-python and setup-uv caches',
      code: job('        - uses: actions/setup-python@v5\n          with: { python-version: "3.13", cache: pip }\n        - uses: astral-sh/setup-uv@v6\n          with: { enable-cache: true }\n        - uses: pypa/gh-action-pypi-publish@release/v1'),
      errors: [
        { messageId: 'cacheInput', line: 8, column: 41, endLine: 8, endColumn: 51 },
        { messageId: 'cacheInput', line: 10, column: 17, endLine: 10, endColumn: 35 },
      ],
      output: job('        - uses: actions/setup-python@v5\n          with: { python-version: "3.13" }\n        - uses: astral-sh/setup-uv@v6\n          with: { enable-cache: false }\n        - uses: pypa/gh-action-pypi-publish@release/v1'),
    },
    {
      name: 'bundler-cache: reported, not fixed (it also installs)',
      code: job('        - uses: ruby/setup-ruby@v1\n          with: { bundler-cache: true }\n        - uses: rubygems/release-gem@v1'),
      errors: [{ messageId: 'cacheInput', line: 8, column: 17, endLine: 8, endColumn: 36 }],
      output: null,
    },
    {
      name: 'a job holding a registry token',
      code: workflow`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: Swatinem/rust-cache@v2
              - run: cargo build
                env:
                  CARGO_REGISTRY_TOKEN: \${{ secrets.CARGO_TOKEN }}
      `,
      errors: [{ messageId: 'cacheAction', line: 6, column: 15, endLine: 6, endColumn: 37, related: ['9:11'] }],
      output: null,
    },
  ],
});
