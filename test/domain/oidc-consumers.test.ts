import { describe, expect, it } from 'vitest';
import { jobOidcUse, OIDC_CONSUMER_ACTIONS } from '../../src/domain/oidc-consumers.js';
import { analysis, job, parse } from '../engine/helpers.js';

/** Classifies job `a` with the given steps (flow YAML list items, one per line). */
function use(steps: string, files: Record<string, string> = {}, extra: string[] = []): string {
  const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps
    .split('\n')
    .map((line) => `      - ${line}`)
    .join('\n')}\n`;
  const p = parse(text);
  const result = jobOidcUse(analysis(files), job(p, 'a'), extra);
  return result.kind === 'yes' ? `yes: ${result.purpose}` : result.kind === 'maybe' ? `maybe: ${result.reason}` : 'no';
}

describe('jobOidcUse', () => {
  it('publishes, also dry runs (npm exchanges the token before the dry-run branch)', () => {
    expect(use('run: npm publish')).toBe('yes: an npm publish');
    expect(use('run: npm publish --dry-run')).toBe('yes: an npm publish');
    expect(use('run: npx semantic-release')).toBe('yes: an npm publish');
    expect(use('{ uses: actions/setup-node@v6, with: { registry-url: "https://npm.pkg.github.com" } }\nrun: npm publish')).toBe(
      'maybe: a publish to another registry',
    );
  });

  it('consumer actions from the list, with input conditions', () => {
    expect(use('uses: aws-actions/configure-aws-credentials@v4')).toBe('yes: AWS role assumption');
    expect(use('uses: PyPA/gh-action-pypi-publish@release/v1')).toBe('yes: a PyPI publish');
    expect(use('uses: sigstore/cosign-installer@v3')).toBe('yes: Sigstore signing');
    expect(use('uses: actions/attest-build-provenance@v2')).toBe('yes: build provenance attestations');
    expect(use('uses: actions/deploy-pages@v4')).toBe('yes: GitHub Pages deployment');
    expect(use('uses: codecov/codecov-action@v5')).toBe('no');
    expect(use('{ uses: codecov/codecov-action@v5, with: { use_oidc: true } }')).toBe('yes: Codecov tokenless upload');
    expect(use('{ uses: codecov/codecov-action@v5, with: { use_oidc: false } }')).toBe('no');
    expect(use('{ uses: PyO3/maturin-action@v1, with: { command: build } }')).toBe('no');
    expect(use('{ uses: PyO3/maturin-action@v1, with: { command: upload, args: --non-interactive } }')).toBe('yes: a PyPI publish');
    expect(use('{ uses: PyO3/maturin-action@v1, with: { command: "${{ inputs.command }}" } }')).toBe('yes: PyPI trusted publishing');
    expect(use('uses: depot/build-push-action@v1')).toBe('yes: Depot OIDC authentication');
    expect(use('{ uses: actions/github-script@v7, with: { script: "const t = await core.getIDToken(\'x\')" } }')).toBe(
      'yes: a script that requests an OIDC token',
    );
  });

  it('scorecard publishing, Claude, CodSpeed and release-plz (corpus false positives of id-token-unused)', () => {
    expect(use('{ uses: ossf/scorecard-action@v2, with: { publish_results: true } }')).toBe('yes: OpenSSF Scorecard results upload');
    expect(use('{ uses: ossf/scorecard-action@v2, with: { publish_results: false } }')).toBe('no');
    expect(use('uses: anthropics/claude-code-action@v1')).toBe('yes: Claude GitHub App token exchange');
    expect(use('uses: CodSpeedHQ/action@v4')).toBe('yes: CodSpeed OIDC authentication');
    expect(use('uses: release-plz/action@v0.5')).toBe('yes: crates.io trusted publishing');
  });

  it('package binaries through pnpx and a package manager', () => {
    expect(use('run: pnpx jsr publish')).toBe('yes: a JSR publish');
    expect(use('run: pnpx pkg-pr-new publish --compact')).toBe('yes: pkg.pr.new preview uploads');
    expect(use('run: bun pkg-pr-new publish --compact')).toBe('yes: pkg.pr.new preview uploads');
    expect(use('run: pnpm pkg-pr-new publish')).toBe('yes: pkg.pr.new preview uploads');
    expect(use('run: bun run build')).toBe('no');
  });

  it('a local action that uses another local action which may request a token', () => {
    const files = {
      '.github/actions/outer/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/inner\n',
      '.github/actions/inner/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: aws-actions/configure-aws-credentials@v4\n',
      '.github/actions/plain/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n',
      '.github/actions/wrapper/action.yml': 'runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/plain\n',
    };
    expect(use('uses: ./.github/actions/outer', files)).toBe('maybe: local action `./.github/actions/outer`');
    expect(use('uses: ./.github/actions/wrapper', files)).toBe('no');
  });

  it('scripts named like a publication, and JSR helpers run by deno, may publish', () => {
    expect(use('run: .github/scripts/npm-staged-publication.sh stage pkg')).toBe('maybe: `.github/scripts/npm-staged-publication.sh stage pkg`');
    expect(use('run: deno run -A jsr:@david/publish-on-tag@0.1.4')).toBe('maybe: `deno run -A jsr:@david/publish-on-tag@0.1.4`');
    expect(use('run: deno run -A main.ts')).toBe('no');
    expect(use('uses: actions/publish-immutable-action@v0.0.4')).toBe('yes: immutable action publishing');
  });

  it('extra consumer actions from options, as globs', () => {
    expect(use('uses: my-org/cloud-login@v1')).toBe('no');
    expect(use('uses: my-org/cloud-login@v1', {}, ['my-org/*'])).toBe('yes: `my-org/*`');
  });

  it('commands that request tokens themselves', () => {
    // JSR has a registry module: its publishes are named from the registry table.
    expect(use('run: npx jsr publish')).toBe('yes: a JSR publish');
    expect(use('run: deno publish --allow-dirty')).toBe('yes: a JSR publish');
    expect(use('run: uv publish')).toBe('yes: a PyPI publish');
    expect(use('run: python -m twine upload dist/*')).toBe('yes: a PyPI publish');
    expect(use('run: cosign sign --yes "$IMAGE"')).toBe('yes: Sigstore signing');
    expect(use(`run: 'curl -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL"'`)).toBe(
      'yes: a script that requests an OIDC token',
    );
  });

  it('maybe: reusable calls, unreadable local actions, release-like scripts', () => {
    const p = parse('on: push\njobs:\n  a:\n    uses: ./.github/workflows/publish.yml\n');
    expect(jobOidcUse(analysis(), job(p, 'a'))).toEqual({
      kind: 'maybe',
      reason: 'a reusable-workflow call',
    });
    expect(use('uses: ./.github/actions/setup')).toBe('maybe: local action `./.github/actions/setup`');
    expect(use('run: ./scripts/release.sh')).toBe('maybe: `./scripts/release.sh`');
    expect(use('run: pnpm run ci:publish')).toBe('maybe: `pnpm run ci:publish`');
    expect(use('run: make deploy')).toBe('maybe: `make deploy`');
    expect(use('{ uses: mongodb-labs/drivers-github-tools/node/sign_node_package@v3, with: { aws_role_arn: x } }')).toBe(
      'maybe: `mongodb-labs/drivers-github-tools/node/sign_node_package` with input `aws_role_arn`',
    );
    expect(use('uses: my-org/actions/get-sts-token@v1')).toBe('maybe: `my-org/actions/get-sts-token`');
    // Bundler's release task is a RubyGems publish of the registry table, like `gem push`.
    expect(use('run: bundle exec rake release')).toBe('yes: a RubyGems publish');
    expect(use('run: bundle exec rake release:notes')).toBe('maybe: `bundle exec rake release:notes`');
    expect(use('run: npx turbo run publish-packages')).toBe('maybe: `npx turbo run publish-packages`');
    expect(use('run: npx nx release --yes')).toBe('yes: an npm publish (nx release)');
  });

  it('no: tests, builds, GitHub releases, a readable local setup action', () => {
    expect(use('uses: actions/checkout@v5\nrun: npm ci && npm test\nrun: gh release create v1 --generate-notes')).toBe('no');
    expect(use('uses: ./.github/actions/setup', { '.github/actions/setup/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: pnpm install\n      shell: bash\n' })).toBe('no');
    // A local composite action that publishes is followed: its npm publish is a consumer.
    expect(
      use('uses: ./.github/actions/publish', { '.github/actions/publish/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: npm publish\n      shell: bash\n' }),
    ).toBe('yes: an npm publish');
    // One whose publish is not readable as such (a release script) stays a maybe.
    expect(
      use('uses: ./.github/actions/publish', { '.github/actions/publish/action.yml': 'runs:\n  using: composite\n  steps:\n    - run: ./release.sh\n      shell: bash\n' }),
    ).toBe('maybe: local action `./.github/actions/publish`');
  });

  it('every listed action is a lower-case owner/repo pattern', () => {
    for (const consumer of OIDC_CONSUMER_ACTIONS) expect(consumer.action).toMatch(/^[a-z0-9-]+\/(?:\*|[a-z0-9._-]+(?:\/[a-z0-9._-]+)*)$/);
  });
});
