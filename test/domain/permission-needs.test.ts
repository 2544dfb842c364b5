import { describe, expect, it } from 'vitest';
import { jobPermissionNeeds } from '../../src/domain/permission-needs.js';
import { DEFAULT_GRANTS, effectivePermissions } from '../../src/domain/permissions.js';
import { analysis, job, parse } from '../engine/helpers.js';

/** The needs of job `a` with these steps (block YAML, each item's lines as written under `steps:`). */
function needs(steps: string, options: { jobExtra?: string; workflowExtra?: string; files?: Record<string, string> } = {}): string {
  const body = steps
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  const text = `on: push\n${options.workflowExtra ?? ''}jobs:\n  a:\n    runs-on: ubuntu-latest\n${options.jobExtra ?? ''}    steps:\n${body}\n`;
  const parsed = parse(text);
  expect(parsed.errors).toEqual([]);
  const found = jobPermissionNeeds(analysis(options.files ?? {}), job(parsed, 'a'));
  return found.kind === 'known' ? [...found.scopes].map(([scope, level]) => `${scope}: ${level}`).join(', ') || 'nothing' : `unknown: ${found.reason}`;
}

describe('jobPermissionNeeds: the table of actions', () => {
  it('reads well-known actions, their inputs, and the scopes GitHub lists for them', () => {
    expect(needs('- uses: actions/checkout@v5\n- uses: actions/setup-node@v6\n- uses: actions/cache@v4')).toBe('contents: read');
    expect(needs('- uses: github/codeql-action/upload-sarif@v4')).toBe('actions: read, contents: read, security-events: write');
    expect(needs('- uses: actions/upload-pages-artifact@v3\n- uses: actions/deploy-pages@v4')).toBe('id-token: write, pages: write');
    expect(needs('- uses: softprops/action-gh-release@v2')).toBe('contents: write');
    expect(needs('- uses: softprops/action-gh-release@v2\n  with:\n    discussion_category_name: Announcements')).toBe('contents: write, discussions: write');
    expect(needs('- uses: peter-evans/create-pull-request@v7')).toBe('contents: write, pull-requests: write');
    expect(needs('- uses: actions/download-artifact@v4')).toBe('nothing');
    expect(needs('- uses: actions/download-artifact@v4\n  with:\n    run-id: ${{ inputs.run }}')).toBe('actions: read');
    expect(needs('- uses: actions/attest-build-provenance@v3')).toBe('attestations: write, id-token: write');
  });

  it('counts OIDC consumers as needing id-token only, unless they are handed the GITHUB_TOKEN', () => {
    expect(needs('- uses: aws-actions/configure-aws-credentials@v4\n  with:\n    role-to-assume: arn:aws:iam::1:role/r')).toBe('id-token: write');
    expect(needs('- uses: pypa/gh-action-pypi-publish@release/v1')).toBe('id-token: write');
    expect(needs('- uses: codecov/codecov-action@v5')).toBe('nothing');
    expect(needs('- uses: goreleaser/goreleaser-action@v6\n  env:\n    GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}')).toMatch(/^unknown: step 1 gives the `GITHUB_TOKEN` to `goreleaser\/goreleaser-action`/);
  });

  it('never guesses: an action outside the table, a local or container action, a reusable workflow', () => {
    expect(needs('- uses: actions/checkout@v5\n- name: Deploy\n  uses: some/deployer@v1')).toBe("unknown: step `Deploy` runs `some/deployer`, which is not in trustlint's table of actions");
    expect(needs('- uses: ./.github/actions/build')).toBe('unknown: step 1 runs the local action `./.github/actions/build`');
    expect(needs('- uses: docker://alpine:3')).toBe('unknown: step 1 runs the container `docker://alpine:3`');
    expect(needs('- uses: actions/github-script@v7')).toMatch(/depends on its configuration/);
    expect(needs('- uses: actions/configure-pages@v5\n  with:\n    enablement: true')).toBe('unknown: step 1 runs `actions/configure-pages` with `enablement`');
    const call = parse('on: push\njobs:\n  a:\n    uses: ./.github/workflows/x.yml\n');
    expect(jobPermissionNeeds(analysis(), job(call, 'a'))).toEqual({ kind: 'unknown', reason: 'it calls a reusable workflow, whose jobs trustlint does not see from here' });
  });
});

describe('jobPermissionNeeds: run steps', () => {
  it('a script that is not given the token needs nothing; `git push` needs contents: write', () => {
    expect(needs('- run: npm ci && npm test')).toBe('nothing');
    expect(needs('- run: |\n    git tag v1\n    git -C repo push --tags')).toBe('contents: write');
  });

  it('reads gh commands, and no scope when gh gets a token of its own', () => {
    expect(needs('- run: gh release create v1 --generate-notes\n  env:\n    GH_TOKEN: ${{ github.token }}')).toBe('contents: write');
    expect(needs('- run: gh pr comment 1 --body hi && gh issue list\n  env:\n    GH_TOKEN: ${{ github.token }}')).toBe('contents: read, issues: read, pull-requests: write');
    expect(needs('- run: gh release create v1\n  env:\n    GH_TOKEN: ${{ secrets.RELEASE_PAT }}')).toBe('nothing');
    expect(needs('- run: gh release create v1\n  env:\n    GH_TOKEN: ${{ secrets.RELEASE_PAT || github.token }}')).toBe('contents: write');
    expect(needs('- run: gh api repos/o/r/issues\n  env:\n    GH_TOKEN: ${{ github.token }}')).toMatch(/^unknown: step 1 runs `gh api repos\/o\/r\/issues`/);
  });

  it('a script given the token may use it: any program but shell tools makes the job unknown', () => {
    expect(needs('- run: echo "$TOKEN" | wc -c\n  env:\n    TOKEN: ${{ secrets.GITHUB_TOKEN }}')).toBe('nothing');
    expect(needs('- run: curl -sf https://api.github.com/user\n  env:\n    TOKEN: ${{ secrets.GITHUB_TOKEN }}')).toBe('unknown: step 1 gives the `GITHUB_TOKEN` to `curl`, which may use it');
    // Through the job's env, every step is given it.
    expect(needs('- run: node scripts/release.mjs', { jobExtra: '    env:\n      GITHUB_TOKEN: ${{ github.token }}\n' })).toBe('unknown: step 1 gives the `GITHUB_TOKEN` to `node`, which may use it');
    expect(needs('- run: print(1)\n  shell: python\n  env:\n    T: ${{ github.token }}')).toBe('unknown: step 1 gives the `GITHUB_TOKEN` to a script trustlint cannot read');
    expect(needs('- run: npx semantic-release')).toMatch(/^unknown: step 1 runs `semantic-release`, which pushes/);
  });

  it('publishes: trusted publishing and provenance need id-token; a plain token publish does not', () => {
    expect(needs('- run: npm publish')).toBe('id-token: write');
    expect(needs('- run: npm publish\n  env:\n    NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')).toBe('nothing');
    expect(needs('- run: npm publish --provenance\n  env:\n    NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')).toBe('id-token: write');
    expect(needs('- run: npm run release')).toMatch(/^unknown: step 1 may request an OIDC token/);
    expect(needs('- uses: changesets/action@v1\n  with:\n    publish: npx changeset publish')).toBe('contents: write, id-token: write, pull-requests: write');
    // Other registries: a tokenless publish that does the exchange itself needs the grant; a tool that never does it does not, wherever it publishes.
    expect(needs('- run: deno publish')).toBe('id-token: write');
    expect(needs('- uses: pypa/gh-action-pypi-publish@release/v1')).toBe('id-token: write');
    expect(needs('- run: dotnet nuget push x.nupkg')).toBe('nothing');
    expect(needs('- run: uv publish --publish-url ${{ vars.INDEX }}')).toMatch(/^unknown: its publish in step 1 may need the OIDC token/);
  });

  it('a container or services given the token make the job unknown', () => {
    expect(needs('- run: make', { jobExtra: '    container:\n      image: ghcr.io/o/i\n      credentials:\n        username: x\n        password: ${{ github.token }}\n' })).toBe(
      'unknown: its container or services are given the `GITHUB_TOKEN`',
    );
  });
});

describe('effectivePermissions with the repository default', () => {
  it("knows the default grant from GitHub's table when the setting says which it is, never in a called workflow", () => {
    const pushed = job(parse('on: push\njobs:\n  a: { runs-on: x, steps: [] }\n'), 'a');
    expect(effectivePermissions(pushed).access('contents')).toBeUndefined();
    expect(effectivePermissions(pushed, 'read').access('contents')).toBe('read');
    expect(effectivePermissions(pushed, 'read').access('issues')).toBe('none');
    expect(effectivePermissions(pushed, 'write').access('issues')).toBe('write');
    expect(effectivePermissions(pushed, 'write').access('models')).toBe('read');
    expect(effectivePermissions(pushed, 'write').access('id-token')).toBe('none');
    expect(effectivePermissions(pushed, 'write').known).toBe(true);
    expect(Object.keys(DEFAULT_GRANTS.read)).toEqual(['contents', 'packages']);
    const called = job(parse('on: workflow_call\njobs:\n  a: { runs-on: x, steps: [] }\n'), 'a');
    expect(effectivePermissions(called, 'read').access('contents')).toBeUndefined();
  });
});
