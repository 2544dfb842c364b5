import { readFileSync } from 'node:fs';
import { noLongLivedRubygemsKey } from '../../src/rules/no-long-lived-rubygems-key.js';
import { testRule, workflow } from '../rule-tester.js';

const zizmor = (name: string) => readFileSync(new URL(`../fixtures/zizmor-tp/${name}`, import.meta.url), 'utf8');

testRule(noLongLivedRubygemsKey, {
  valid: [
    { name: 'zizmor gem-push.yml: pushes without any key in the workflow (zizmor cases 52-54 report them; no key here)', code: zizmor('use-trusted-publishing/gem-push.yml') },
    {
      name: 'trusted publishing: release-gem, or configure-rubygems-credentials without api-token before gem push',
      code: workflow`
        on: push
        jobs:
          release:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: rubygems/release-gem@v1
          push:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: rubygems/configure-rubygems-credentials@v1
              - run: gem push pkg/*.gem
      `,
    },
    {
      name: 'GitHub Packages, a private server, a host from an expression, no push, GITHUB_TOKEN',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: gem push --host https://rubygems.pkg.github.com/octo pkg/*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.GH_PACKAGES_TOKEN }}
              - run: gem push pkg/*.gem
                env:
                  RUBYGEMS_HOST: https://gems.example.com
                  GEM_HOST_API_KEY: \${{ secrets.INTERNAL }}
              - run: gem push --host \${{ vars.GEM_HOST }} pkg/*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.X }}
              - uses: rubygems/configure-rubygems-credentials@v1
                with:
                  api-token: \${{ secrets.RUBYGEMS_API_TOKEN }}
                  gem-server: https://example.com
              - run: gem build foo.gemspec
                env:
                  GEM_HOST_API_KEY: \${{ secrets.RUBYGEMS_API_KEY }}
              - run: gem_push=no bundle exec rake release
                env:
                  GEM_HOST_API_KEY: \${{ secrets.RUBYGEMS_API_KEY }}
              - run: gem push pkg/*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.GITHUB_TOKEN }}
      `,
    },
    {
      name: 'release-gem with setup-trusted-publisher from an expression, or after a trusted-publishing exchange',
      code: workflow`
        on: push
        jobs:
          a:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: rubygems/release-gem@v1
                with:
                  setup-trusted-publisher: \${{ inputs.tp }}
          b:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            steps:
              - uses: rubygems/configure-rubygems-credentials@v1
              - uses: rubygems/release-gem@v1
                with:
                  setup-trusted-publisher: false
      `,
    },
    {
      name: 'a gemspec whose allowed_push_host is GitHub Packages, or computed: not rubygems.org, or not known',
      files: {
        'foo.gemspec': 'Gem::Specification.new do |spec|\n  spec.name = "foo"\n  spec.metadata["allowed_push_host"] = "https://rubygems.pkg.github.com/octo"\nend\n',
        'gems/bar/bar.gemspec': 'Gem::Specification.new do |spec|\n  spec.metadata["allowed_push_host"] = ENV.fetch("GEM_HOST")\nend\n',
      },
      code: workflow`
        on: push
        jobs:
          github:
            runs-on: ubuntu-latest
            steps:
              - run: gem push foo-*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.GH_PACKAGES_PAT }}
          computed:
            runs-on: ubuntu-latest
            steps:
              - run: bundle exec rake release
                working-directory: gems/bar
                env:
                  GEM_HOST_API_KEY: \${{ secrets.KEY }}
      `,
    },
  ],
  invalid: [
    {
      name: 'zizmor use-trusted-publishing.yml: release-gem with setup-trusted-publisher false (case 8), configure-rubygems-credentials with api-token (11, 13); another gem-server stays silent (14)',
      code: zizmor('use-trusted-publishing.yml'),
      errors: [
        { messageId: 'trustedPublisherOff', line: 68, column: 11, endLine: 68, endColumn: 41, related: ['66:15'] },
        { messageId: 'tokenOverridesOidc', line: 85, column: 11, endLine: 85, endColumn: 55, data: { secret: 'RUBYGEMS_API_TOKEN', binding: 'the `api-token` input', tool: '`rubygems/configure-rubygems-credentials`' } },
        { messageId: 'tokenOverridesOidc', line: 98, column: 11, endLine: 98, endColumn: 55 },
      ],
    },
    {
      name: 'gem push after GEM_HOST_API_KEY or configure-rubygems-credentials with api-token, without id-token',
      code: workflow`
        on: push
        jobs:
          gem:
            runs-on: ubuntu-latest
            steps:
              - run: gem push pkg/*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.RUBYGEMS_API_KEY }}
          configured:
            runs-on: ubuntu-latest
            steps:
              - uses: rubygems/configure-rubygems-credentials@v1
                with:
                  api-token: \${{ secrets.RUBYGEMS_API_TOKEN }}
              - run: gem push --host https://rubygems.org pkg/*.gem
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 60, data: { secret: 'RUBYGEMS_API_KEY', binding: '`GEM_HOST_API_KEY`', tool: '`gem push`' }, related: ['6:14'] },
        { messageId: 'tokenInPublishJob', line: 14, column: 11, endLine: 14, endColumn: 55, data: { secret: 'RUBYGEMS_API_TOKEN', binding: 'the `api-token` input', tool: '`gem push`' }, related: ['15:14'] },
      ],
    },
    {
      name: 'bundle exec rake release after a write into ~/.gem/credentials (a comment line inside the script would be part of it: no suppression check)',
      skipSuppressionCheck: true,
      code: workflow`
        on: push
        jobs:
          rake:
            runs-on: ubuntu-latest
            steps:
              - run: |
                  mkdir -p ~/.gem
                  printf -- "---\\n:rubygems_api_key: %s\\n" "$KEY" > ~/.gem/credentials
                  chmod 0600 ~/.gem/credentials
                env:
                  KEY: \${{ secrets.RUBYGEMS_KEY }}
              - run: bundle exec rake release
      `,
      errors: [
        { messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 79, data: { secret: 'RUBYGEMS_KEY', binding: 'the `~/.gem/credentials` it writes', tool: '`rake release`' }, related: ['12:14'] },
      ],
    },
    {
      name: 'a gemspec that allows rubygems.org (a commented-out line does not count)',
      files: { 'foo.gemspec': 'Gem::Specification.new do |spec|\n  # spec.metadata["allowed_push_host"] = "https://example.com"\n  spec.metadata["allowed_push_host"] = "https://rubygems.org"\nend\n' },
      code: workflow`
        on: push
        jobs:
          gem:
            runs-on: ubuntu-latest
            steps:
              - run: gem push foo-*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.RUBYGEMS_API_KEY }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 60 }],
    },
    {
      name: 'the hybrid: id-token: write, but gem push reads the stored key; a key gem does not read; a key written out',
      code: workflow`
        on: push
        jobs:
          hybrid:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - run: gem push pkg/*.gem
                env:
                  GEM_HOST_API_KEY: \${{ secrets.RUBYGEMS_API_KEY }}
          dormant:
            runs-on: ubuntu-latest
            permissions: { contents: write, id-token: write }
            env:
              GEM_HOST_API_KEY: \${{ secrets.OLD_KEY }}
            steps:
              - uses: rubygems/release-gem@v1
          literal:
            runs-on: ubuntu-latest
            steps:
              - run: gem push pkg/*.gem
                env:
                  GEM_HOST_API_KEY: rubygems_0123456789abcdef0123456789abcdef0123456789abcdef
      `,
      errors: [
        { messageId: 'tokenIsTheCredential', line: 9, column: 11, endLine: 9, endColumn: 60, data: { secret: 'RUBYGEMS_API_KEY', binding: '`GEM_HOST_API_KEY`', tool: '`gem push`' } },
        { messageId: 'dormantFallback', line: 14, column: 7, endLine: 14, endColumn: 47, data: { secret: 'OLD_KEY', binding: '`GEM_HOST_API_KEY`', tool: '`rubygems/release-gem`' } },
        { messageId: 'hardcodedToken', line: 22, column: 11, endLine: 22, endColumn: 86 },
      ],
    },
  ],
});
