import { provenanceRepositoryField } from '../../src/rules/provenance-repository-field.js';
import { testRule, workflow } from '../rule-tester.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const SETTINGS = { repository: 'Acme/widget' };

/** A token publish that asks for provenance: provenance is certain. */
const EXPLICIT = workflow`
  on: push
  permissions: {}
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
      steps:
        - uses: actions/checkout@v5
        - run: npm publish --provenance --access public
          env:
            NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

/** Trusted publishing with provenance at its default: provenance only from a public repository. */
const OIDC = workflow`
  on: push
  permissions: {}
  jobs:
    publish:
      runs-on: ubuntu-latest
      permissions: { contents: read, id-token: write }
      steps:
        - uses: actions/checkout@v5
        - run: npm publish
`;

/** A monorepo released by changesets through a package.json script. */
const CHANGESETS = workflow`
  on: push
  permissions: {}
  jobs:
    release:
      runs-on: ubuntu-latest
      permissions: { contents: write, pull-requests: write, id-token: write }
      steps:
        - uses: actions/checkout@v5
        - uses: changesets/action@v1
          with:
            publish: npm run release
          env:
            NPM_CONFIG_PROVENANCE: true
`;

const MONOREPO_ROOT = json({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { release: 'changeset publish' } });

testRule(provenanceRepositoryField, {
  valid: [
    {
      name: 'the repository in every accepted form, case-exact',
      code: `${EXPLICIT}      - run: npm publish --provenance ./packages/b\n      - run: npm publish --provenance ./packages/c\n      - run: npm publish --provenance ./packages/d\n`,
      settings: SETTINGS,
      files: {
        'package.json': json({ name: 'widget', repository: { type: 'git', url: 'git+https://github.com/Acme/widget.git' } }),
        'packages/b/package.json': json({ name: 'b', repository: 'Acme/widget' }),
        'packages/c/package.json': json({ name: 'c', repository: 'github:Acme/widget' }),
        'packages/d/package.json': json({ name: 'd', repository: { type: 'git', url: 'git@github.com:Acme/widget.git', directory: 'packages/d' } }),
      },
    },
    {
      name: 'without the repository setting, any GitHub repository is accepted (another owner may be this repository)',
      code: EXPLICIT,
      files: { 'package.json': json({ name: 'widget', repository: 'https://github.com/someone-else/widget' }) },
    },
    {
      name: 'a workspace package without repository.directory is fine: the registry checks the URL only',
      code: CHANGESETS,
      settings: SETTINGS,
      files: {
        'package.json': MONOREPO_ROOT,
        'packages/a/package.json': json({ name: '@acme/a', repository: { type: 'git', url: 'git+https://github.com/Acme/widget.git' } }),
        'packages/internal/package.json': json({ name: '@acme/internal', private: true }),
      },
    },
    {
      name: 'a private package is never published',
      code: EXPLICIT,
      files: { 'package.json': json({ name: 'widget', private: true }) },
    },
    {
      name: 'no provenance: a token publish without it, and provenance turned off under trusted publishing',
      code: workflow`
        on: push
        jobs:
          token:
            runs-on: ubuntu-latest
            steps: [{ run: npm publish, env: { NODE_AUTH_TOKEN: '\${{ secrets.NPM_TOKEN }}' } }]
          oidc:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: npm publish --no-provenance }, { run: bun publish }]
      `,
      files: { 'package.json': json({ name: 'widget' }) },
    },
    {
      name: 'GitHub Packages is another registry',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { packages: write, id-token: write }
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: 'https://npm.pkg.github.com' }
              - run: npm publish --provenance
                env: { NODE_AUTH_TOKEN: '\${{ secrets.GITHUB_TOKEN }}' }
      `,
      files: { 'package.json': json({ name: '@acme/widget' }) },
    },
    {
      name: 'an unknown directory, a built folder, a cd in the script: the package is not known',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm publish --provenance
                working-directory: \${{ matrix.package }}
              - run: npm publish --provenance
                working-directory: dist
              - run: cd packages/a && npm publish --provenance
      `,
      files: { 'package.json': json({ name: 'widget', repository: 'https://gitlab.com/acme/widget' }), 'packages/a/package.json': json({ name: 'a' }) },
    },
    {
      name: 'pnpm publishes publishConfig.directory, usually a built folder: not judged; "private": "true" is private',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: pnpm -r publish --provenance --no-git-checks }]
      `,
      files: {
        'pnpm-workspace.yaml': 'packages: [packages/*]\n',
        'package.json': json({ name: 'root', private: true }),
        'packages/a/package.json': json({ name: '@acme/a', publishConfig: { directory: 'dist' } }),
        'packages/b/package.json': json({ name: '@acme/b', private: 'true' }),
      },
    },
    {
      name: 'a github.com URL npm does not read as a repository is not judged',
      code: EXPLICIT,
      settings: SETTINGS,
      files: { 'package.json': json({ name: 'widget', repository: 'https://github.com/Acme/widget/blob/main/package.json' }) },
    },
  ],
  invalid: [
    {
      name: 'no repository: related at the top of the package.json',
      code: EXPLICIT,
      files: { 'package.json': json({ name: 'widget', version: '1.0.0' }) },
      errors: [
        {
          messageId: 'missingRepository',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 54,
          severity: 2,
          messageIncludes: ['`widget` (package.json) has no `repository` URL', 'this publish asks for provenance', '"url": "git+https://github.com/<owner>/<repo>.git" }'],
          related: [{ line: 1, column: 1, endLine: 1, endColumn: 2, file: 'package.json', messageIncludes: '`widget` has no `repository`' }],
        },
      ],
    },
    {
      name: 'another host, with the setting in the fix',
      code: EXPLICIT,
      settings: SETTINGS,
      files: { 'package.json': json({ name: 'widget', repository: { type: 'git', url: 'https://gitlab.com/acme/widget.git' } }) },
      errors: [
        {
          messageId: 'notGitHubRepository',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 54,
          severity: 2,
          messageIncludes: ['is `https://gitlab.com/acme/widget.git`, not a github.com repository', '"https://github.com/Acme/widget"', '"url": "git+https://github.com/Acme/widget.git" }'],
          related: [{ line: 5, column: 12, endLine: 5, endColumn: 48, file: 'package.json', messageIncludes: '`repository` of `widget`' }],
        },
      ],
    },
    {
      name: 'another owner/repo than the setting (a fork, a rename)',
      code: EXPLICIT,
      settings: SETTINGS,
      files: { 'package.json': json({ name: 'widget', repository: 'git+https://github.com/old-owner/widget.git' }) },
      errors: [
        {
          messageId: 'wrongRepository',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 54,
          messageIncludes: ['names `old-owner/widget`, but this workflow runs in `Acme/widget`'],
          related: [{ line: 3, column: 17, endLine: 3, endColumn: 62, file: 'package.json' }],
        },
      ],
    },
    {
      name: 'the same repository in another letter case',
      code: EXPLICIT,
      settings: SETTINGS,
      files: { 'package.json': json({ name: 'widget', repository: 'acme/widget' }) },
      errors: [
        {
          messageId: 'repositoryCase',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 54,
          messageIncludes: ['names `acme/widget`, which differs in letter case from `Acme/widget`'],
          related: [{ line: 3, column: 17, endLine: 3, endColumn: 30, file: 'package.json' }],
        },
      ],
    },
    {
      name: 'trusted publishing adds provenance only from a public repository, which the workflow does not show: a warning',
      code: OIDC,
      files: { 'package.json': json({ name: 'widget' }) },
      errors: [
        {
          messageId: 'missingRepository',
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 25,
          severity: 1,
          messageIncludes: ['goes through trusted publishing, which adds provenance when the repository is public'],
          related: [{ line: 1, column: 1, endLine: 1, endColumn: 2, file: 'package.json' }],
        },
      ],
    },
    {
      name: "one finding per published package, each package's own directory in the fix, where provenance is turned on related",
      code: CHANGESETS,
      settings: SETTINGS,
      files: {
        'package.json': MONOREPO_ROOT,
        'packages/a/package.json': json({ name: '@acme/a' }),
        'packages/b/package.json': json({ name: '@acme/b', repository: { type: 'git', url: 'https://github.com/acme/widget', directory: 'packages/b' } }),
        'packages/internal/package.json': json({ name: '@acme/internal', private: true }),
      },
      errors: [
        {
          messageId: 'missingRepository',
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 35,
          severity: 2,
          messageIncludes: ['`@acme/a` (packages/a/package.json)', '"directory": "packages/a" }'],
          related: [
            { line: 1, column: 1, endLine: 1, endColumn: 2, file: 'packages/a/package.json' },
            { line: 13, column: 11, endLine: 13, endColumn: 38, messageIncludes: 'provenance turned on here' },
          ],
        },
        {
          messageId: 'repositoryCase',
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 35,
          severity: 2,
          messageIncludes: ['`@acme/b` (packages/b/package.json) names `acme/widget`', '"directory": "packages/b" }'],
          related: [
            { line: 5, column: 12, endLine: 5, endColumn: 44, file: 'packages/b/package.json' },
            { line: 13, column: 11, endLine: 13, endColumn: 38, messageIncludes: 'provenance turned on here' },
          ],
        },
      ],
    },
    {
      name: 'a package published by several publishes of the file is reported once, at the first that certainly adds provenance',
      code: workflow`
        on: push
        jobs:
          next:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: npm publish --tag next }, { run: npm publish --tag beta }]
          latest:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: npm publish --provenance }, { run: npm publish --provenance --tag latest }]
      `,
      files: { 'package.json': json({ name: 'widget' }) },
      errors: [
        {
          messageId: 'missingRepository',
          line: 10,
          column: 20,
          endLine: 10,
          endColumn: 44,
          severity: 2,
          related: [{ line: 1, column: 1, endLine: 1, endColumn: 2, file: 'package.json' }],
        },
      ],
    },
    {
      name: 'in a composite action, the publish runs in the workspace root',
      filename: 'action.yml',
      code: workflow`
        name: release
        description: publish the package
        runs:
          using: composite
          steps:
            - run: npm publish --provenance
              shell: bash
      `,
      files: { 'package.json': json({ name: 'widget', repository: 'https://bitbucket.org/acme/widget' }) },
      errors: [
        {
          messageId: 'notGitHubRepository',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 36,
          severity: 2,
          related: [{ line: 3, column: 17, endLine: 3, endColumn: 52, file: 'package.json' }],
        },
      ],
    },
    {
      name: "a package's own publishConfig.provenance makes it certain; a package.json script leads there",
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: npm run release
                env: { NODE_AUTH_TOKEN: '\${{ secrets.NPM_TOKEN }}' }
      `,
      files: { 'package.json': json({ name: 'widget', scripts: { release: 'npm publish' }, publishConfig: { provenance: true } }) },
      errors: [
        {
          messageId: 'missingRepository',
          line: 7,
          column: 14,
          endLine: 7,
          endColumn: 29,
          severity: 2,
          related: [
            { line: 1, column: 1, endLine: 1, endColumn: 2, file: 'package.json' },
            { line: 7, column: 19, endLine: 7, endColumn: 23, file: 'package.json', messageIncludes: 'provenance turned on here' },
            { line: 4, column: 16, endLine: 4, endColumn: 29, file: 'package.json', messageIncludes: '`npm run release` runs `npm publish`' },
          ],
        },
      ],
    },
  ],
});
