import { describe, expect, it } from 'vitest';
import { npmPublishFacts } from '../../src/domain/registries/npm/facts.js';
import { publishedPackages } from '../../src/domain/registries/npm/published-packages.js';
import { workflow } from '../rule-tester.js';
import { analysis, parse, workflowOf } from '../engine/helpers.js';

const pkg = (name: string, extra: Record<string, unknown> = {}) => JSON.stringify({ name, version: '1.0.0', ...extra });

/** A monorepo: a private root, two public packages, two private ones. */
const MONOREPO: Record<string, string> = {
  'package.json': pkg('root', { private: true, workspaces: ['packages/*'], scripts: { release: 'changeset publish', 'release:dist': 'cd dist && npm publish' } }),
  'packages/a/package.json': pkg('@acme/a'),
  'packages/b/package.json': pkg('@acme/b'),
  'packages/internal/package.json': pkg('@acme/internal', { private: true }),
  // npm tests `private` for truthiness: the string counts.
  'packages/tools/package.json': pkg('@acme/tools', { private: 'true' }),
};

/** For each npm publish of the workflow, in order: the package.json paths it publishes, `+?` when incomplete. */
function published(steps: string, files: Record<string, string> = MONOREPO, extraJob = ''): string[] {
  const text = `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n${extraJob}    steps:\n${steps
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n')}\n`;
  const context = analysis(files);
  return workflowOf(parse(text)).jobs.flatMap((job) =>
    npmPublishFacts(context, job).publishes.map((publish) => {
      const result = publishedPackages(context, publish);
      return [...result.packages.map((entry) => entry.manifest.path), ...(result.incomplete ? ['?'] : [])].join(' ') + ` (${result.selection})`;
    }),
  );
}

describe('publishedPackages', () => {
  it('the directory the publish runs in: the root, working-directory, defaults.run', () => {
    const files = { 'package.json': pkg('single'), 'packages/a/package.json': pkg('@acme/a') };
    expect(published('- run: npm publish\n- run: npm publish\n  working-directory: ./packages/a/', files)).toEqual([
      'package.json (directory)',
      'packages/a/package.json (directory)',
    ]);
    expect(published('- run: npm publish', files, '    defaults: { run: { working-directory: packages/a } }\n')).toEqual(['packages/a/package.json (directory)']);
  });

  it('unknown directories and folders that are not in the repository leave the answer incomplete', () => {
    const files = { 'package.json': pkg('single'), 'packages/a/package.json': pkg('@acme/a') };
    expect(
      published(
        [
          '- run: npm publish',
          '  working-directory: ${{ matrix.dir }}',
          '- run: npm publish',
          '  working-directory: dist',
          '- run: |',
          '    cd packages/a',
          '    npm publish',
          '- run: npm publish packages/a',
          '- run: npm publish ./package.tgz',
          '- run: pnpm -r exec npm publish',
          '- run: npm publish --prefix packages/a',
        ].join('\n'),
        files,
      ),
    ).toEqual(Array(7).fill('? (directory)'));
  });

  it('a folder named with ./ is published from there', () => {
    const files = { 'package.json': pkg('single'), 'packages/a/package.json': pkg('@acme/a') };
    expect(published('- run: npm publish ./packages/a --access public\n- run: pnpm publish ./packages/a --no-git-checks', files)).toEqual([
      'packages/a/package.json (directory)',
      'packages/a/package.json (directory)',
    ]);
  });

  it('workspace-wide publishes list the non-private workspace packages', () => {
    expect(
      published(
        [
          '- run: npm publish --workspaces',
          '- run: npm publish -w @acme/b',
          '- run: pnpm -r publish --no-git-checks',
          '- run: pnpm --filter ./packages/a publish',
          '- run: yarn workspace @acme/a npm publish',
          '- run: yarn workspaces foreach -A --no-private npm publish',
          '- run: npx changeset publish',
          '- run: pnpm exec changeset publish',
        ].join('\n'),
      ),
    ).toEqual([
      'packages/a/package.json packages/b/package.json (workspaces)',
      'packages/b/package.json (workspaces)',
      'packages/a/package.json packages/b/package.json (workspaces)',
      'packages/a/package.json (workspaces)',
      'packages/a/package.json (workspaces)',
      'packages/a/package.json packages/b/package.json (workspaces)',
      'packages/a/package.json packages/b/package.json (workspaces)',
      'packages/a/package.json packages/b/package.json (workspaces)',
    ]);
  });

  it('selectors not understood here are unknown', () => {
    expect(
      published(
        [
          '- run: pnpm --filter "...[origin/main]" publish -r',
          '- run: yarn workspaces foreach --since npm publish',
          '- run: npm publish -w packages',
          '- run: npm publish --workspace=${GITHUB_REF_NAME%@*}',
          '- run: pnpm --filter "$PACKAGE" publish',
          '- run: yarn workspace ${{ inputs.package }} npm publish',
        ].join('\n'),
      ),
    ).toEqual(Array(6).fill('? (directory)'));
  });

  it('follows package.json scripts, and a cd in one makes the directory unknown', () => {
    expect(published('- run: npm run release\n- run: npm run release:dist')).toEqual([
      'packages/a/package.json packages/b/package.json (workspaces)',
      '? (directory)',
    ]);
  });

  it('changesets in a repository without workspaces publishes its root', () => {
    expect(published('- run: npx changeset publish', { 'package.json': pkg('single') })).toEqual(['package.json (directory)']);
    expect(published('- run: npx changeset publish', { 'package.json': pkg('single'), 'lerna.json': '{}' })).toEqual(['? (directory)']);
  });

  it('changesets/action publishes the workspaces of its cwd', () => {
    const action = (cwd: string) =>
      `- uses: changesets/action@v1\n  with:\n    publish: pnpm release\n${cwd ? `    cwd: ${cwd}\n` : ''}`;
    expect(published(action(''))).toEqual(['packages/a/package.json packages/b/package.json (workspaces)']);
    expect(published(action("'${{ inputs.dir }}'"))).toEqual(['? (directory)']);
  });

  it('lerna.json packages, and --contents', () => {
    const files = { ...MONOREPO, 'lerna.json': JSON.stringify({ packages: ['packages/a'] }) };
    expect(published('- run: npx lerna publish from-package --yes\n- run: npx lerna publish --contents dist', files)).toEqual([
      'packages/a/package.json (workspaces)',
      '? (directory)',
    ]);
  });

  it('publishConfig.directory is a built folder for pnpm; npm ignores it', () => {
    const files = { ...MONOREPO, 'packages/b/package.json': pkg('@acme/b', { publishConfig: { directory: 'dist' } }) };
    expect(published('- run: pnpm -r publish\n- run: npm publish --workspaces', files)).toEqual([
      'packages/a/package.json ? (workspaces)',
      'packages/a/package.json packages/b/package.json (workspaces)',
    ]);
  });

  it('semantic-release pkgRoot, JS-DevTools/npm-publish package', () => {
    const files = { 'package.json': pkg('single', { release: { plugins: [['@semantic-release/npm', { pkgRoot: 'dist' }]] } }), 'packages/a/package.json': pkg('@acme/a') };
    expect(
      published('- run: npx semantic-release\n- uses: JS-DevTools/npm-publish@v4\n  with: { package: packages/a/package.json }\n- uses: JS-DevTools/npm-publish@v4', files),
    ).toEqual(['? (directory)', 'packages/a/package.json (directory)', 'package.json (directory)']);
  });

  it("each package's own publishConfig.provenance decides when the publish has no flag or env", () => {
    const files = { ...MONOREPO, 'packages/a/package.json': pkg('@acme/a', { publishConfig: { provenance: true } }) };
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          steps: [{ run: npm publish --workspaces }, { run: npm publish --workspaces --no-provenance }]
    `;
    const context = analysis(files);
    const [plain, disabled] = npmPublishFacts(context, workflowOf(parse(text)).jobs[0]!).publishes;
    expect(publishedPackages(context, plain!).packages.map((entry) => entry.provenance.state)).toEqual(['enabled', 'unset']);
    expect(publishedPackages(context, disabled!).packages.map((entry) => entry.provenance.state)).toEqual(['disabled', 'disabled']);
    expect(publishedPackages(context, plain!)).toBe(publishedPackages(context, plain!));
  });
});
