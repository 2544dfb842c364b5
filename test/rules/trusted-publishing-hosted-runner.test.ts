import { trustedPublishingHostedRunner } from '../../src/rules/trusted-publishing-hosted-runner.js';
import { testRule, workflow } from '../rule-tester.js';

const publishJob = (runsOn: string, extra = '') => workflow`
  on: push
  permissions: {}
  jobs:
    publish:
      runs-on: ${runsOn}
      permissions: { contents: read, id-token: write }${extra}
      steps:
        - run: npm publish --provenance
`;

testRule(trustedPublishingHostedRunner, {
  valid: [
    { name: 'GitHub-hosted', code: publishJob('ubuntu-latest') },
    { name: 'an unknown custom label', code: publishJob('my-big-runner') },
    { name: 'a runner group', code: publishJob('{ group: large-runners }') },
    { name: 'a group with GitHub-hosted labels', code: publishJob('{ group: large-runners, labels: ubuntu-latest }') },
    { name: 'a matrix expression', code: publishJob('${{ matrix.os }}', '\n      strategy: { matrix: { os: [self-hosted] } }') },
    {
      name: 'a token publish without provenance on a self-hosted runner',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: [self-hosted, linux]
            steps:
              - run: npm publish
                env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'an npm token handed to an action: OIDC is not known to be the only way in',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: self-hosted
            permissions: { id-token: write }
            steps:
              - uses: my-org/npm-login@v1
                with: { token: "\${{ secrets.NPM_TOKEN }}" }
              - run: npm publish
      `,
    },
    {
      name: 'provenance without id-token fails earlier (another rule)',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: self-hosted
            steps:
              - run: npm publish --provenance
                env: { NODE_AUTH_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
      `,
    },
    {
      name: 'GitHub Packages and dry runs',
      code: workflow`
        on: push
        jobs:
          gpr:
            runs-on: self-hosted
            permissions: { id-token: write, packages: write }
            steps:
              - uses: actions/setup-node@v6
                with: { registry-url: "https://npm.pkg.github.com" }
              - run: npm publish --provenance
          dry:
            runs-on: blacksmith-4vcpu-ubuntu-2404
            permissions: { id-token: write }
            steps:
              - run: npm publish --provenance --dry-run
      `,
    },
    {
      name: 'a build job on a self-hosted runner, the publish job on a GitHub-hosted one',
      code: workflow`
        on: push
        jobs:
          build:
            runs-on: [self-hosted, linux]
            steps: [{ run: npm pack }]
          publish:
            needs: build
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps: [{ run: npm publish }]
      `,
    },
  ],
  invalid: [
    {
      name: 'OIDC publish on a third-party runner',
      code: publishJob('blacksmith-4vcpu-ubuntu-2404'),
      errors: [
        {
          messageId: 'oidcOnSelfHosted',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 42,
          data: { job: 'publish', runner: '`blacksmith-4vcpu-ubuntu-2404`, a third-party runner that registers as self-hosted' },
        },
      ],
    },
    {
      name: 'OIDC publish on a self-hosted label list, reported at the whole value',
      code: publishJob('[self-hosted, linux, x64]'),
      errors: [{ messageId: 'oidcOnSelfHosted', line: 5, column: 14, endLine: 5, endColumn: 39, messageIncludes: ['on a self-hosted runner,'] }],
    },
    {
      name: 'a group whose labels include self-hosted, in block style',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on:
              group: release
              labels: [self-hosted]
            permissions: { id-token: write }
            steps: [{ run: npx -y npm@11 publish }]
      `,
      errors: [{ messageId: 'oidcOnSelfHosted', line: 5, column: 7, endLine: 6, endColumn: 28 }],
    },
    {
      name: 'token publish with provenance on a self-hosted runner from settings',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: corp-linux-xl
            permissions: { id-token: write }
            steps:
              - run: npm publish
                env:
                  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
                  NPM_CONFIG_PROVENANCE: true
      `,
      settings: { selfHostedRunnerLabels: ['corp-*'] },
      errors: [
        {
          messageId: 'provenanceOnSelfHosted',
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 27,
          messageIncludes: ['`corp-linux-xl`, a self-hosted runner (`settings.selfHostedRunnerLabels`)'],
        },
      ],
    },
  ],
});
