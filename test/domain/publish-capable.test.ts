import { describe, expect, it } from 'vitest';
import { publishCapability } from '../../src/domain/publish/publish-capable.js';
import { analysis, job, parse } from '../engine/helpers.js';

/** Job `a` of a workflow with the given job body (indented under the job), described as `no`, `unknown` or its reasons. */
function capability(body: string, files: Record<string, string> = {}, top = ''): string {
  const text = `on: push\n${top}jobs:\n  a:\n${body
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n`;
  const result = publishCapability(analysis(files), job(parse(text), 'a'));
  return result.kind === 'yes' ? result.reasons.map((reason) => `${reason.kind}: ${reason.what}`).join('; ') : result.kind;
}

describe('publishCapability', () => {
  it('a publish on any target, with or without id-token', () => {
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: npm publish --provenance')).toBe('publishes: publishes with `npm publish`');
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - uses: changesets/action@v1\n    with: { publish: pnpm release }')).toBe(
      'publishes: publishes with `changesets/action`',
    );
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: npm publish --dry-run')).toBe('no');
  });

  it('a trusted-publishing exchange of another registry needs id-token: write', () => {
    const pypi = 'runs-on: ubuntu-latest\nsteps:\n  - uses: pypa/gh-action-pypi-publish@release/v1';
    // PyPI has a registry module: its action is a publish site, with or without the grant.
    expect(capability(`permissions: { id-token: write }\n${pypi}`)).toBe('publishes: publishes with `pypa/gh-action-pypi-publish`; oidc-publish: can mint an OIDC token for PyPI trusted publishing');
    expect(capability(pypi)).toBe('publishes: publishes with `pypa/gh-action-pypi-publish`');
    // crates.io too: `cargo publish` is a publish site of its module.
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: cargo publish')).toBe('publishes: publishes with `cargo publish`');
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - run: cargo publish')).toBe(
      'publishes: publishes with `cargo publish`; oidc-publish: can mint an OIDC token for crates.io publishing',
    );
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: cargo publish --dry-run')).toBe('no');
    // unjs/h3: a publish we cannot see, with npm provenance on in env.
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - run: pnpm changelogen --publish\n    env: { NPM_CONFIG_PROVENANCE: true }')).toBe(
      'oidc-publish: can mint an OIDC token and runs `pnpm changelogen --publish` with npm provenance enabled',
    );
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - run: make publish')).toBe(
      'oidc-publish: can mint an OIDC token and runs `make publish`',
    );
  });

  it('id-token: write for something other than a publish is not a publish', () => {
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - uses: aws-actions/configure-aws-credentials@v4')).toBe('no');
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - run: make deploy')).toBe('no');
    // A release script may build binaries or open a release pull request: not known to publish.
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - run: script/release --local v1')).toBe('no');
    // pkg.pr.new uploads preview builds to its own service with the token: no registry publish.
    expect(capability('permissions: { id-token: write }\nruns-on: ubuntu-latest\nsteps:\n  - run: pnpx pkg-pr-new publish --compact')).toBe('no');
  });

  it('a registry token bound from a stored secret, at any env level', () => {
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: npm ci\n    env:\n      NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')).toBe(
      'token: holds registry token `NODE_AUTH_TOKEN`',
    );
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: twine check dist/*', {}, 'env:\n  TWINE_PASSWORD: ${{ secrets.PYPI }}\n')).toBe(
      'token: holds registry token `TWINE_PASSWORD`',
    );
    expect(capability('runs-on: ubuntu-latest\nenv:\n  POETRY_PYPI_TOKEN_PYPI: ${{ secrets.PYPI }}\nsteps:\n  - run: poetry build')).toBe(
      'token: holds registry token `POETRY_PYPI_TOKEN_PYPI`',
    );
  });

  it('GITHUB_TOKEN, step outputs and other names are not registry tokens', () => {
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: npm ci\n    env:\n      NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}')).toBe('no');
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: npm ci\n    env:\n      NODE_AUTH_TOKEN: ${{ steps.auth.outputs.token }}')).toBe('no');
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: ./deploy.sh\n    env:\n      API_KEY: ${{ secrets.API_KEY }}')).toBe('no');
    expect(capability('runs-on: ubuntu-latest\nsteps:\n  - run: npm ci && npm test')).toBe('no');
  });

  it('a call: through the local callee, unknown for a remote one', () => {
    const callee = 'on: workflow_call\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n';
    const quiet = 'on: workflow_call\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n';
    expect(capability('uses: ./.github/workflows/publish.yml', { '.github/workflows/publish.yml': callee })).toBe(
      'calls: calls job `publish`, which publishes with `npm publish`',
    );
    expect(capability('uses: ./.github/workflows/test.yml', { '.github/workflows/test.yml': quiet })).toBe('no');
    expect(capability('uses: ./.github/workflows/missing.yml')).toBe('unknown');
    expect(capability('uses: acme/shared/.github/workflows/publish.yml@v1')).toBe('unknown');
  });
});
