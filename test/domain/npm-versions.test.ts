import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { changesetsActionTool } from '../../src/domain/registries/npm/tools/publisher.js';
import { isOidcOnly } from '../../src/domain/registries/npm/auth.js';
import { npmPublishFacts } from '../../src/domain/registries/npm/facts.js';
import { bundledNpm, BUNDLED_NPM, nodeSpecRange } from '../../src/domain/registries/npm/tools/node-releases.js';
import { nodeAt, nodeFromImage, nodeVersionFromFile } from '../../src/domain/registries/npm/tools/node.js';
import { npmAt, npmSelfUpgrade, npmSpecRange } from '../../src/domain/registries/npm/tools/npm.js';
import { isYarnClassic, pnpmVersion, yarnVersion } from '../../src/domain/registries/npm/tools/package-managers.js';
import { NO_OIDC_TOOLS, NPM_12_ENGINES, OIDC_TOOL_MINIMUMS } from '../../src/domain/registries/npm/tools/thresholds.js';
import { dependencyVersion, refRange } from '../../src/domain/registries/npm/tools/tool-version.js';
import { semanticReleasePublishesToNpm } from '../../src/domain/project/release-configs.js';
import { compareRange, rangeWithin } from '../../src/domain/semver-range.js';
import { workflow } from '../rule-tester.js';
import { analysis, parse, step, textOf } from '../engine/helpers.js';

const project = (files: Record<string, string> = {}) => analysis(files);

/** The last step of job `a` in a workflow made of the given steps. */
function lastStep(steps: string, extraJob = '') {
  const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n${extraJob}    steps:\n${steps.replace(/^/gm, '      ')}\n`;
  const parsed = parse(text);
  const count = parsed.model.kind === 'workflow' ? parsed.model.workflow.jobs[0]!.steps.length : 0;
  return { parsed, text, step: step(parsed, 'a', count - 1) };
}

describe('facts', () => {
  it('every fact names its source', () => {
    for (const entry of BUNDLED_NPM) expect(entry.source.length, entry.node).toBeGreaterThan(20);
    for (const tool of Object.values(OIDC_TOOL_MINIMUMS)) expect(tool.source).toMatch(/\S{10,}/);
    for (const tool of Object.values(NO_OIDC_TOOLS)) expect(tool.source).toMatch(/\S{10,}/);
    expect(NPM_12_ENGINES.range).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
  });

  it('bundled-npm segments do not overlap and leave only Node 23 out', () => {
    for (const [i, a] of BUNDLED_NPM.entries()) {
      for (const b of BUNDLED_NPM.slice(i + 1)) expect(semver.intersects(a.node, b.node), `${a.node} / ${b.node}`).toBe(false);
    }
    const all = BUNDLED_NPM.map((entry) => entry.node).join(' || ');
    for (const version of ['18.20.8', '20.19.0', '21.7.3', '22.22.3', '24.4.1', '24.5.0', '24.8.0', '24.9.0', '24.21.0', '25.2.0', '26.1.0']) {
      expect(semver.satisfies(version, all), version).toBe(true);
    }
    expect(semver.satisfies('23.11.0', all)).toBe(false);
  });
});

describe('compareRange', () => {
  it('answers below, at-least or unknown over every member of the range', () => {
    expect(compareRange('>=10.5.1 <=10.9.8', '11.5.1')).toBe('below');
    expect(compareRange('>=11.5.1 <=11.6.0', '11.5.1')).toBe('at-least');
    expect(compareRange('>=11.3.0 <11.5.1 || >=11.5.1 <=11.6.0', '11.5.1')).toBe('unknown');
    expect(compareRange(undefined, '11.5.1')).toBe('unknown');
    expect(compareRange('not a range', '11.5.1')).toBe('unknown');
  });

  it('tells whether a Node range is inside, outside or across npm 12 engines', () => {
    expect(rangeWithin(nodeSpecRange('20'), NPM_12_ENGINES.range)).toBe('outside');
    expect(rangeWithin(nodeSpecRange('22.14'), NPM_12_ENGINES.range)).toBe('outside');
    expect(rangeWithin(nodeSpecRange('24.4.0'), NPM_12_ENGINES.range)).toBe('outside');
    expect(rangeWithin(nodeSpecRange('22'), NPM_12_ENGINES.range)).toBe('unknown');
    expect(rangeWithin(nodeSpecRange('26'), NPM_12_ENGINES.range)).toBe('inside');
    expect(rangeWithin(undefined, NPM_12_ENGINES.range)).toBe('unknown');
  });
});

describe('Node specs', () => {
  it.each([
    ['20', '>=20.0.0 <21.0.0-0'],
    ['20.x', '>=20.0.0 <21.0.0-0'],
    ['v20.11.0', '20.11.0'],
    ['^22', '>=22.0.0 <23.0.0-0'],
    ['lts/iron', '>=20.0.0 <21.0.0-0'],
    ['lts/Jod', '>=22.0.0 <23.0.0-0'],
    ['lts/*', undefined],
    ['lts/-1', undefined],
    ['latest', undefined],
    ['current', undefined],
    ['node', undefined],
    ['24-nightly', undefined],
    ['${{ matrix.node }}', undefined],
    ['', undefined],
  ])('%s → %s', (spec, range) => {
    expect(nodeSpecRange(spec)).toBe(range);
  });

  it('maps Node ranges to the npm they bundle, unknown when a range straddles a change', () => {
    expect(compareRange(bundledNpm(nodeSpecRange('20'))?.range, '11.5.1')).toBe('below');
    expect(compareRange(bundledNpm(nodeSpecRange('lts/jod'))?.range, '11.5.1')).toBe('below');
    expect(compareRange(bundledNpm(nodeSpecRange('24.4'))?.range, '11.5.1')).toBe('below');
    expect(compareRange(bundledNpm(nodeSpecRange('24.5.0'))?.range, '11.5.1')).toBe('at-least');
    expect(compareRange(bundledNpm(nodeSpecRange('24'))?.range, '11.5.1')).toBe('unknown');
    expect(compareRange(bundledNpm(nodeSpecRange('>=20'))?.range, '11.5.1')).toBe('unknown');
    expect(compareRange(bundledNpm(nodeSpecRange('26'))?.range, '11.5.1')).toBe('at-least');
    expect(bundledNpm(nodeSpecRange('23'))).toBeUndefined();
    expect(bundledNpm(nodeSpecRange('22 || 23'))).toBeUndefined();
    // Staged publishing: only 24.21.0 and later are known to bundle 11.15.0 or later.
    expect(compareRange(bundledNpm(nodeSpecRange('24.8.0'))?.range, '11.15.0')).toBe('below');
    expect(compareRange(bundledNpm(nodeSpecRange('24.8'))?.range, '11.15.0')).toBe('unknown');
    expect(compareRange(bundledNpm(nodeSpecRange('24.21.1'))?.range, '11.15.0')).toBe('at-least');
    expect(compareRange(bundledNpm(nodeSpecRange('24.10'))?.range, '11.15.0')).toBe('unknown');
  });

  it('reads node images', () => {
    expect(nodeFromImage('node:20')).toBe('>=20.0.0 <21.0.0-0');
    expect(nodeFromImage('node:22-alpine')).toBe('>=22.0.0 <23.0.0-0');
    expect(nodeFromImage('docker.io/library/node:20.11.1-bookworm-slim')).toBe('20.11.1');
    expect(nodeFromImage('node:lts')).toBeUndefined();
    expect(nodeFromImage('node')).toBeUndefined();
    expect(nodeFromImage('ghcr.io/acme/node:20')).toBeUndefined();
    expect(nodeFromImage('node:${{ matrix.node }}')).toBeUndefined();
  });

  it('reads version files of the linted repository', () => {
    expect(nodeVersionFromFile(project({ '.nvmrc': 'v20.11.0\n' }), '.nvmrc')).toBe('20.11.0');
    expect(nodeVersionFromFile(project({ '.nvmrc': '# comment\nlts/iron\n' }), './.nvmrc')).toBe('>=20.0.0 <21.0.0-0');
    expect(nodeVersionFromFile(project({ '.nvmrc': 'lts/*' }), '.nvmrc')).toBeUndefined();
    expect(nodeVersionFromFile(project({ '.node-version': '22' }), '.node-version')).toBe('>=22.0.0 <23.0.0-0');
    expect(nodeVersionFromFile(project({ '.tool-versions': 'python 3.12.0\nnodejs 20.11.0\n' }), '.tool-versions')).toBe('20.11.0');
    expect(nodeVersionFromFile(project({ 'package.json': '{"engines":{"node":"^20.11"}}' }), 'package.json')).toBe('>=20.11.0 <21.0.0-0');
    expect(nodeVersionFromFile(project({ 'package.json': '{"volta":{"node":"20.11.0"}}' }), 'package.json')).toBe('20.11.0');
    expect(nodeVersionFromFile(project({ 'package.json': '{"devEngines":{"runtime":{"name":"node","version":"^22"}}}' }), 'package.json')).toBe('>=22.0.0 <23.0.0-0');
    // volta and engines disagree: either may win depending on the setup-node version, so both count.
    expect(nodeVersionFromFile(project({ 'package.json': '{"volta":{"node":"24.1.0"},"engines":{"node":">=18"}}' }), 'package.json')).toBe('24.1.0 || >=18.0.0');
    expect(nodeVersionFromFile(project({ 'package.json': '{not json' }), 'package.json')).toBeUndefined();
    expect(nodeVersionFromFile(project({}), '.nvmrc')).toBeUndefined();
    expect(nodeVersionFromFile(project({ '.nvmrc': '20' }), '../.nvmrc')).toBeUndefined();
  });
});

describe('npm specs', () => {
  it.each([
    ['latest', '>=12.0.0'],
    ['', '>=12.0.0'],
    ['*', '>=12.0.0'],
    ['next', '>=12.0.0'],
    ['>=11', '>=12.0.0'],
    ['12', '>=12.0.0'],
    ['^11.5.1', '>=11.5.1 <12.0.0-0'],
    ['11', '>=11.0.0 <12.0.0-0'],
    ['latest-11', '>=11.0.0 <12.0.0-0'],
    ['10.9.2', '10.9.2'],
    ['beta', undefined],
  ])('npm@%s → %s', (spec, range) => {
    expect(npmSpecRange(spec)).toBe(range);
  });

  it.each([
    ['npm install -g npm@latest', 'latest'],
    ['npm i -g npm', ''],
    ['npm install --global npm@^11.5.1', '^11.5.1'],
    ['npm install --location=global npm@11', '11'],
    ['npm update -g npm', 'latest'],
    ['npm --prefix /x install -g npm@10', '10'],
    ['pnpm add -g npm@latest', 'latest'],
    ['yarn global add npm@11', '11'],
    ['bun add -g npm@^11.5.1', '^11.5.1'],
  ])('%s upgrades npm to %j', (command, spec) => {
    expect(npmSelfUpgrade(command.split(' '))?.spec).toBe(spec);
  });

  it('names the installer (only npm checks engines strictly)', () => {
    expect(npmSelfUpgrade('pnpm add -g npm@latest'.split(' '))?.via).toBe('pnpm');
    expect(npmSelfUpgrade('npm i -g npm'.split(' '))?.via).toBe('npm');
  });

  it.each(['npm install npm@11', 'npm install -g pnpm@10', 'npm ci', 'pnpm add npm@11', 'yarn add npm@11', 'npm i -g npmlog'])('%s is not an npm self-upgrade', (command) => {
    expect(npmSelfUpgrade(command.split(' '))).toBeUndefined();
  });
});

describe('nodeAt', () => {
  const resolve = (steps: string, files: Record<string, string> = {}, extraJob = '') => {
    const { parsed, text, step: target } = lastStep(steps, extraJob);
    const node = nodeAt(project(files), target);
    return { node, at: node.at ? textOf(parsed, node.at.span) : undefined };
  };

  it('reads the last setup-node node-version before the step', () => {
    const { node, at } = resolve('- uses: actions/setup-node@v4\n  with: { node-version: 18 }\n- uses: actions/setup-node@v4\n  with:\n    node-version: "20"\n- run: npm publish');
    expect(node).toMatchObject({ range: '>=20.0.0 <21.0.0-0', text: '20', source: 'setup-node' });
    expect(at).toBe('"20"');
  });

  it('keeps both readings of a plain number (20.10 is 20.1 to the runner)', () => {
    expect(resolve('- uses: actions/setup-node@v4\n  with: { node-version: 20.10 }\n- run: npm publish').node.range).toBe('>=20.1.0 <20.2.0-0 || >=20.10.0 <20.11.0-0');
    expect(compareRange(bundledNpm(resolve('- uses: actions/setup-node@v4\n  with: { node-version: 24.10 }\n- run: x').node.range)?.range, '11.5.1')).toBe('unknown');
  });

  it('a later setup-node without a version keeps the earlier one', () => {
    expect(resolve('- uses: actions/setup-node@v4\n  with: { node-version: 20 }\n- uses: actions/setup-node@v4\n  with: { registry-url: "https://registry.npmjs.org" }\n- run: x').node.range).toBe('>=20.0.0 <21.0.0-0');
  });

  it('is unknown for expressions, aliases it cannot pin and a setup-node without a version', () => {
    expect(resolve('- uses: actions/setup-node@v4\n  with: { node-version: "${{ matrix.node }}" }\n- run: x').node.range).toBeUndefined();
    expect(resolve('- uses: actions/setup-node@v4\n  with: { node-version: lts/* }\n- run: x').node.range).toBeUndefined();
    expect(resolve('- uses: actions/setup-node@v4\n- run: x').node.source).toBe('unknown');
    expect(resolve('- run: x').node.source).toBe('unknown');
  });

  it('reads node-version-file from the repository, unknown when absent', () => {
    const steps = '- uses: actions/setup-node@v4\n  with: { node-version-file: .nvmrc }\n- run: x';
    expect(resolve(steps, { '.nvmrc': '20' }).node).toMatchObject({ range: '>=20.0.0 <21.0.0-0', source: 'node-version-file', file: '.nvmrc' });
    expect(resolve(steps).node.range).toBeUndefined();
  });

  it('reads a node container, string or mapping; setup-node wins over it', () => {
    expect(resolve('- run: x', {}, '    container: node:22-alpine\n').node).toMatchObject({ source: 'container', range: '>=22.0.0 <23.0.0-0' });
    expect(resolve('- run: x', {}, '    container:\n      image: node:20\n').node.range).toBe('>=20.0.0 <21.0.0-0');
    expect(resolve('- uses: actions/setup-node@v4\n  with: { node-version: 24 }\n- run: x', {}, '    container: node:20\n').node.source).toBe('setup-node');
  });

  it('is unknown after a step that may switch Node: version managers, Node actions, unreadable local actions', () => {
    const setup = '- uses: actions/setup-node@v4\n  with: { node-version: 20 }\n';
    expect(resolve(`${setup}- uses: volta-cli/action@v4\n- run: x`).node.source).toBe('unknown');
    expect(resolve(`${setup}- run: nvm install 24\n- run: x`).node.source).toBe('unknown');
    expect(resolve(`${setup}- uses: ./.github/actions/setup\n- run: x`).node.source).toBe('unknown');
    expect(resolve(`${setup}- uses: ./.github/actions/setup\n- run: x`, { '.github/actions/setup/action.yml': 'runs:\n  using: composite\n  steps: [{ run: pnpm install, shell: bash }]\n' }).node.source).toBe('setup-node');
    expect(resolve(`${setup}- uses: actions/checkout@v4\n- uses: pnpm/action-setup@v4\n- run: x`).node.source).toBe('setup-node');
    // A version manager before setup-node does not matter: setup-node puts its Node first on PATH.
    expect(resolve(`- run: nvm install 18\n${setup}- run: x`).node.source).toBe('setup-node');
  });
});

describe('npmAt', () => {
  const resolve = (steps: string) => {
    const { text, step: target } = lastStep(steps);
    return npmAt(project(), target, 0);
  };
  const setup20 = '- uses: actions/setup-node@v4\n  with: { node-version: 20 }\n';

  it('is the bundled npm of the Node', () => {
    expect(resolve(`${setup20}- run: npm publish`)).toMatchObject({ source: 'bundled', range: '>=9.6.4 <11.0.0' });
  });

  it('is the spec of an earlier global upgrade', () => {
    expect(resolve(`${setup20}- run: npm install -g npm@^11.5.1\n- run: npm publish`)).toMatchObject({ source: 'upgrade', range: '>=11.5.1 <12.0.0-0' });
    expect(resolve(`${setup20}- run: npm install -g npm@10\n- run: npm publish`)).toMatchObject({ source: 'upgrade', range: '>=10.0.0 <11.0.0-0' });
    expect(resolve(`${setup20}- run: npm install -g npm@beta\n- run: npm publish`).range).toBeUndefined();
  });

  it('is unknown when the upgrade ran before setup-node put another npm on PATH', () => {
    expect(resolve(`- run: npm install -g npm@11\n${setup20}- run: npm publish`).source).toBe('unknown');
  });

  it('sees an upgrade earlier in the same script', () => {
    const { text, step: target } = lastStep(`${setup20}- run: |\n    npm i -g npm@11.6.0\n    npm publish`);
    expect(npmAt(project(), target, 1)).toMatchObject({ source: 'upgrade', range: '11.6.0' });
    expect(npmAt(project(), target, 0).source).toBe('bundled');
  });
});

describe('tool versions', () => {
  const target = (steps: string, directory = '') => lastStep(steps + (directory ? `\n  working-directory: ${directory}` : ''));

  it('pnpm: action-setup version, packageManager, global installs; all must agree', () => {
    const setup = target('- uses: pnpm/action-setup@v4\n  with: { version: 10 }\n- run: pnpm publish');
    expect(pnpmVersion(project(), setup.step).range).toBe('>=10.0.0 <11.0.0-0');
    const bare = target('- uses: pnpm/action-setup@v4\n- run: pnpm publish');
    expect(pnpmVersion(project({ 'package.json': '{"packageManager":"pnpm@10.17.0+sha512.abc"}' }), bare.step).range).toBe('10.17.0');
    expect(pnpmVersion(project(), bare.step).range).toBeUndefined();
    const both = pnpmVersion(project({ 'package.json': '{"packageManager":"pnpm@11.1.0"}' }), setup.step);
    expect(compareRange(both.range, '11.0.0')).toBe('unknown');
    const latest = target('- uses: pnpm/action-setup@v4\n  with: { version: latest }\n- run: pnpm publish');
    expect(compareRange(pnpmVersion(project(), latest.step).range, '11.0.0')).toBe('at-least');
    const global = target('- run: npm i -g pnpm@9\n- run: pnpm publish');
    expect(pnpmVersion(project(), global.step).range).toBe('>=9.0.0 <10.0.0-0');
    expect(pnpmVersion(project(), bare.step, '11').range).toBe('>=11.0.0 <12.0.0-0');
  });

  it('Yarn: packageManager and yarnPath; classic only when certain', () => {
    const { step: s, text } = target('- run: yarn npm publish');
    const files = { 'package.json': '{"packageManager":"yarn@4.9.2"}' };
    expect(yarnVersion(project(files), s)).toMatchObject({ range: '4.9.2', berry: true });
    expect(yarnVersion(project({ 'package.json': '{}', '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-3.6.4.cjs\n' }), s)).toMatchObject({ range: '3.6.4', berry: true });
    expect(isYarnClassic(project({ 'package.json': '{}' }), s)).toBe(true);
    expect(isYarnClassic(project({ 'package.json': '{"packageManager":"yarn@1.22.22"}' }), s)).toBe(true);
    expect(isYarnClassic(project(files), s)).toBeUndefined();
    expect(isYarnClassic(project({ 'package.json': '{}', '.yarnrc.yml': 'nodeLinker: node-modules\n' }), s)).toBe(false);
    expect(isYarnClassic(project(), s)).toBeUndefined();
  });

  it('dependencies, in the working directory first', () => {
    const { step: s } = target('- run: npx lerna publish', 'packages/app');
    const files = { 'package.json': '{"devDependencies":{"lerna":"^8.1.0"}}', 'packages/app/package.json': '{"devDependencies":{"lerna":"^9.0.3"}}' };
    expect(dependencyVersion(project(files), s, 'lerna')?.range).toBe('>=9.0.3 <10.0.0-0');
    expect(dependencyVersion(project({ 'package.json': '{"devDependencies":{"lerna":"^8.1.0"}}' }), s, 'lerna')).toMatchObject({ range: '>=8.1.0 <9.0.0-0', from: '`"lerna": "^8.1.0"` in package.json' });
    expect(dependencyVersion(project({ 'package.json': '{"devDependencies":{"lerna":"workspace:*"}}' }), s, 'lerna')?.range).toBeUndefined();
    expect(dependencyVersion(project({}), s, 'lerna')).toBeUndefined();
  });

  it('action refs and SHA-pin comments', () => {
    expect(refRange('v3')).toBe('>=3.0.0 <4.0.0-0');
    expect(refRange('v4.0.1')).toBe('4.0.1');
    expect(refRange('main')).toBeUndefined();
    expect(refRange(undefined)).toBeUndefined();
  });

  it('semantic-release publishes to npm by default, not when its config leaves the plugin out', () => {
    const { step: s } = target('- run: npx semantic-release');
    expect(semanticReleasePublishesToNpm(project({}), s)).toBe(true);
    expect(semanticReleasePublishesToNpm(project({ '.releaserc.json': '{"plugins":["@semantic-release/commit-analyzer","@semantic-release/github"]}' }), s)).toBe(false);
    expect(semanticReleasePublishesToNpm(project({ '.releaserc.json': '{"plugins":[["@semantic-release/npm",{"npmPublish":false}]]}' }), s)).toBe(false);
    expect(semanticReleasePublishesToNpm(project({ 'package.json': '{"release":{"plugins":["@semantic-release/npm"]}}' }), s)).toBe(true);
    expect(semanticReleasePublishesToNpm(project({ '.releaserc.yml': 'extends: "@acme/release-config"\n' }), s)).toBeUndefined();
  });
});

describe('changesetsActionTool', () => {
  const publishOf = (input: string, files: Record<string, string> = {}) => {
    const { parsed, text } = lastStep(`- uses: changesets/action@v1\n  with:\n    publish: ${input}`, '    permissions: { id-token: write }\n');
    const job = parsed.model.kind === 'workflow' ? parsed.model.workflow.jobs[0]! : undefined;
    const facts = npmPublishFacts(project(files), job!);
    return changesetsActionTool(project(files), facts.publishes[0]!);
  };

  it('follows the publish input and up to two levels of package.json scripts', () => {
    expect(publishOf('npx changeset publish')).toEqual({ tool: 'changesets' });
    expect(publishOf('npx -y npm@11.6.0 publish')).toEqual({ tool: 'npm', versionSpec: '11.6.0' });
    expect(publishOf('pnpm release', { 'package.json': '{"scripts":{"release":"pnpm build && changeset publish","build":"tsc"}}' })).toEqual({ tool: 'changesets' });
    expect(publishOf('npm run release', { 'package.json': '{"scripts":{"release":"npm run pub","pub":"pnpm publish -r"}}' })).toEqual({ tool: 'pnpm' });
  });

  it('is unknown for scripts it cannot read, several tools, or an npm upgrade on the way', () => {
    expect(publishOf('pnpm release')).toBeUndefined();
    expect(publishOf('./scripts/release.sh')).toBeUndefined();
    expect(publishOf('npm run release', { 'package.json': '{"scripts":{"release":"npm i -g npm@11 && changeset publish"}}' })).toBeUndefined();
    expect(publishOf('npm run release', { 'package.json': '{"scripts":{"release":"changeset publish && npm publish"}}' })).toBeUndefined();
  });
});

describe('isOidcOnly', () => {
  const check = (steps: string, jobExtra = '    permissions: { id-token: write }\n', files: Record<string, string> = {}) => {
    const { parsed, text } = lastStep(steps, jobExtra);
    const job = parsed.model.kind === 'workflow' ? parsed.model.workflow.jobs[0]! : undefined;
    const facts = npmPublishFacts(project(files), job!);
    return isOidcOnly(project(files), facts, facts.publishes[0]!);
  };

  it('is true with id-token: write and no token of any origin', () => {
    expect(check('- run: npm publish')).toBe(true);
    expect(check('- run: npm publish\n  env:\n    NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}')).toBe(true);
  });

  it('is false with a long-lived token, a minted token, a written _authToken, or no id-token', () => {
    expect(check('- run: npm publish\n  env:\n    NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')).toBe(false);
    expect(check('- run: npm publish\n  env:\n    NODE_AUTH_TOKEN: ${{ steps.auth.outputs.token }}')).toBe(false);
    expect(check('- run: npm config set //registry.npmjs.org/:_authToken "$(cat token)"\n- run: npm publish')).toBe(false);
    expect(check('- run: npm publish', '')).toBe(false);
  });
});
