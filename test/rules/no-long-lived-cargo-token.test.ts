import { readFileSync } from 'node:fs';
import { noLongLivedCargoToken } from '../../src/rules/no-long-lived-cargo-token.js';
import { testRule, workflow } from '../rule-tester.js';

const zizmor = (name: string) => readFileSync(new URL(`../fixtures/zizmor-tp/${name}`, import.meta.url), 'utf8');

testRule(noLongLivedCargoToken, {
  valid: [
    {
      name: 'crates-io-auth-action: the token is minted through OIDC in the same job',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            steps:
              - uses: rust-lang/crates-io-auth-action@v1
                id: auth
              - run: cargo publish
                env:
                  CARGO_REGISTRY_TOKEN: \${{ steps.auth.outputs.token }}
      `,
    },
    {
      name: 'an alternative registry, a dry run, a token from an expression',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: cargo publish --registry my-registry --token \${{ secrets.MY_REGISTRY_TOKEN }}
                env:
                  CARGO_REGISTRIES_MY_REGISTRY_TOKEN: \${{ secrets.MY_REGISTRY_TOKEN }}
              - run: cargo publish --dry-run
                env:
                  CARGO_REGISTRY_TOKEN: \${{ secrets.CARGO_REGISTRY_TOKEN }}
              - run: cargo publish
                env:
                  CARGO_REGISTRY_TOKEN: \${{ inputs.token }}
              - run: cargo publish
                env:
                  CARGO_REGISTRY_DEFAULT: \${{ vars.REGISTRY }}
                  CARGO_REGISTRY_TOKEN: \${{ secrets.CARGO_REGISTRY_TOKEN }}
      `,
    },
    {
      name: 'Cargo.toml publish = ["my-registry"], or .cargo/config.toml registry.default: another registry',
      files: {
        'crates/foo/Cargo.toml': '[package]\nname = "foo"\n# publish = ["crates-io"]\npublish = ["my-registry"]\n',
        'tools/.cargo/config.toml': '[net]\nretry = 3\n\n[registry]\ndefault = "internal"\n',
      },
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: cargo publish
                working-directory: crates/foo
                env:
                  CARGO_REGISTRY_TOKEN: \${{ secrets.CARGO_REGISTRY_TOKEN }}
              - run: cargo publish
                working-directory: tools
                env:
                  CARGO_REGISTRY_TOKEN: \${{ secrets.CARGO_REGISTRY_TOKEN }}
      `,
    },
  ],
  invalid: [
    {
      name: 'zizmor cargo-publish.yml: bash and PowerShell forms (cases 18-20, 23-25); dry runs stay silent (21, 22); PowerShell steps without a token are silent',
      code: zizmor('use-trusted-publishing/cargo-publish.yml'),
      errors: [
        { messageId: 'tokenInPublishJob', line: 15, column: 11, endLine: 15, endColumn: 68, data: { secret: 'CARGO_REGISTRY_TOKEN', binding: '`CARGO_REGISTRY_TOKEN`', tool: '`cargo publish`' }, related: ['13:14'] },
        { messageId: 'tokenInPublishJob', line: 20, column: 11, endLine: 20, endColumn: 68, related: ['18:14'] },
        { messageId: 'tokenInPublishJob', line: 30, column: 11, endLine: 30, endColumn: 68, related: ['25:11'] },
        { messageId: 'tokenInPublishJob', line: 52, column: 11, endLine: 52, endColumn: 68, related: ['50:14'] },
        { messageId: 'tokenInPublishJob', line: 57, column: 11, endLine: 57, endColumn: 68, related: ['55:14'] },
      ],
    },
    {
      name: 'the hybrid: id-token: write, but cargo reads the stored token (biome-style --token, cargo login, katyo)',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions:
              id-token: write
            steps:
              - run: cargo publish --token "$TOKEN"
                env:
                  TOKEN: \${{ secrets.CRATES_TOKEN }}
          login:
            runs-on: ubuntu-latest
            steps:
              - run: cargo login \${{ secrets.CRATES_IO }}
              - run: cargo +stable publish -p core
          katyo:
            runs-on: ubuntu-latest
            steps:
              - uses: katyo/publish-crates@v2
                with:
                  registry-token: \${{ secrets.KATYO }}
      `,
      errors: [
        { messageId: 'tokenIsTheCredential', line: 8, column: 36, endLine: 8, endColumn: 44, data: { secret: 'CRATES_TOKEN', binding: '`--token`', tool: '`cargo publish`' } },
        { messageId: 'tokenInPublishJob', line: 14, column: 14, endLine: 14, endColumn: 50, data: { secret: 'CRATES_IO', binding: 'the `cargo login` it writes', tool: '`cargo publish`' } },
        { messageId: 'tokenInPublishJob', line: 21, column: 11, endLine: 21, endColumn: 47, data: { secret: 'KATYO', binding: 'the `registry-token` input', tool: '`katyo/publish-crates`' } },
      ],
    },
    {
      name: 'Cargo.toml that lists crates-io among its registries: crates.io',
      files: { 'Cargo.toml': '[package]\nname = "foo"\npublish = ["crates-io", "mirror"]\n' },
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            steps:
              - run: cargo publish
                env:
                  CARGO_REGISTRY_TOKEN: \${{ secrets.CARGO_REGISTRY_TOKEN }}
      `,
      errors: [{ messageId: 'tokenInPublishJob', line: 8, column: 11, endLine: 8, endColumn: 68 }],
    },
    {
      name: 'a token the publish does not read, and one written out in full',
      code: workflow`
        on: push
        jobs:
          publish:
            runs-on: ubuntu-latest
            permissions: { id-token: write }
            env:
              CARGO_REGISTRY_TOKEN: \${{ secrets.OLD }}
            steps:
              - uses: rust-lang/crates-io-auth-action@v1
                id: auth
              - run: cargo publish --token \${{ steps.auth.outputs.token }}
          literal:
            runs-on: ubuntu-latest
            steps:
              - run: cargo publish
                env:
                  CARGO_REGISTRY_TOKEN: cioAbCdEfGhIjKlMnOpQrStUvWxYz012345
      `,
      errors: [
        { messageId: 'dormantFallback', line: 7, column: 7, endLine: 7, endColumn: 47, data: { secret: 'OLD', binding: '`CARGO_REGISTRY_TOKEN`', tool: '`cargo publish`' } },
        { messageId: 'hardcodedToken', line: 17, column: 11, endLine: 17, endColumn: 68, data: { binding: '`CARGO_REGISTRY_TOKEN`' } },
      ],
    },
  ],
});
