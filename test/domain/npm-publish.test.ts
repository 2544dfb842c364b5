import { describe, expect, it } from 'vitest';
import type { JobNode } from '../../src/engine/ast.js';
import { tokenChannel } from '../../src/domain/registries/npm/credentials.js';
import { detectPublish } from '../../src/domain/registries/npm/detect.js';
import { npmPublishFacts, publishAuth, type NpmPublishFacts } from '../../src/domain/registries/npm/facts.js';
import { workflow } from '../rule-tester.js';
import { analysis, parse, workflowOf } from '../engine/helpers.js';

function jobsOf(text: string): JobNode[] {
  return [...workflowOf(parse(text)).jobs];
}

function factsOf(text: string, files: Record<string, string> = {}, jobIndex = 0): NpmPublishFacts {
  return npmPublishFacts(analysis(files), jobsOf(text)[jobIndex]!);
}

const words = (command: string) => command.split(/\s+/).filter(Boolean);

describe('detectPublish', () => {
  it.each([
    ['npm publish', 'npm'],
    ['npm publish --access public --provenance', 'npm'],
    ['npm --workspace pkg publish', 'npm'],
    ['npm stage publish', 'npm'],
    ['npx -y npm@11.6.0 publish', 'npm'],
    ['bunx npm@11 publish', 'npm'],
    ['pnpm dlx npm@11 publish', 'npm'],
    ['pnpm publish', 'pnpm'],
    ['pnpm -r publish --no-git-checks', 'pnpm'],
    ['pnpm --filter ./packages/a publish', 'pnpm'],
    ['pnpm -r exec npm publish', 'npm'],
    ['yarn npm publish', 'yarn-berry'],
    ['yarn workspace a npm publish', 'yarn-berry'],
    ['yarn workspaces foreach -A npm publish --tolerate-republish', 'yarn-berry'],
    ['yarn workspaces foreach --all --no-private --include @a/* -j 4 npm publish', 'yarn-berry'],
    ['corepack yarn npm publish --provenance', 'yarn-berry'],
    ['yarn publish', 'yarn-classic'],
    ['bun publish', 'bun'],
    ['lerna publish from-package --yes', 'lerna'],
    ['npx lerna publish', 'lerna'],
    ['npx @lerna-lite/cli publish', 'lerna'],
    ['npx lerna exec -- npm publish --tag dev', 'npm'],
    ['changeset publish', 'changesets'],
    ['npx changeset publish', 'changesets'],
    ['pnpm changeset publish', 'changesets'],
    ['yarn changeset publish', 'changesets'],
    ['npx @changesets/cli publish', 'changesets'],
    ['semantic-release', 'semantic-release'],
    ['npx semantic-release@25', 'semantic-release'],
    ['./node_modules/.bin/semantic-release', 'semantic-release'],
    ['release-it --ci', 'release-it'],
    ['np --yolo', 'np'],
    // npm reads its command line with nopt and resolves the command by unique prefix (npm 11.19.1).
    ['npm pub', 'npm'],
    ['npm publ --tag next', 'npm'],
    ['npm pu', 'npm'],
    ['npm --cache /tmp/c publish', 'npm'],
    ['npm --reg https://registry.npmjs.org/ publish', 'npm'],
    ['npm -w pkg publish', 'npm'],
    ['npm -w=pkg publish', 'npm'],
    ['npm --workspace=pkg --loglevel silly publish', 'npm'],
    ['npm -ddd publish', 'npm'],
    ['npm --otp -123456 publish', 'npm'],
    ['npm publish --dry-run false', 'npm'],
    ['npm publish --dry-run=false', 'npm'],
    ['npm publish --no-dry-run', 'npm'],
    ['npm publish --dry-run=false --tag latest', 'npm'],
    ['npm exec -- npm publish', 'npm'],
    ['npm x --yes -- npm@11 publish', 'npm'],
    ['npm exec --package=npm@11 -- npm publish', 'npm'],
    ['npm stage pub', undefined],
  ])('%s → %s', (command, tool) => {
    expect(detectPublish(words(command))?.tool).toBe(tool);
  });

  it.each([
    'npm publish --dry-run',
    'npm pack',
    'npm ci',
    'npm run publish',
    'npx pkg-pr-new publish',
    'echo npm publish',
    'yarn npm publish -n',
    'yarn workspaces foreach -A run publish',
    'yarn workspaces foreach -A npm info',
    'yarn workspaces foreach --include publish npm whoami',
    'pnpm publish --dry-run',
    'semantic-release --dry-run',
    'release-it --no-npm',
    'np --no-publish',
    'lerna version',
    'changeset version',
    'git push',
    'npm publish --dry',
    'npm publish --dry-run true',
    'npm --dry-run publish',
    'npm publish -h',
    'npm publish --help',
    'npm -v publish',
    'npm --versions publish',
    'npm help publish',
    'npm p publish',
    'npm --cache publish',
    'npm exec -c npm-publish',
    'npm exec npm publish --dry-run',
    'npm exec -- npm publish --dry-run',
  ])('%s is not a publish', (command) => {
    expect(detectPublish(words(command))).toBeUndefined();
  });

  it('keeps the npm version given to npx', () => {
    expect(detectPublish(words('npx -y npm@11.6.0 publish'))).toMatchObject({ tool: 'npm', versionSpec: '11.6.0' });
    expect(detectPublish(words('npx -p npm@^11.5.1 npm publish'))).toMatchObject({ tool: 'npm', versionSpec: '^11.5.1' });
    expect(detectPublish(words('npm stage publish'))).toMatchObject({ staged: true });
    expect(detectPublish(words('npm exec --package=npm@11.6.0 -- npm publish'))).toMatchObject({ tool: 'npm', versionSpec: '11.6.0', toolIndex: 4 });
  });
});

describe('tokenChannel', () => {
  it('knows the names npm tools read and the heuristic', () => {
    expect(tokenChannel('NODE_AUTH_TOKEN', {})).toBe('npm');
    expect(tokenChannel('YARN_NPM_AUTH_TOKEN', {})).toBe('yarn');
    expect(tokenChannel('NPM_CONFIG_TOKEN', {})).toBe('bun');
    expect(tokenChannel('npm_config_//registry.npmjs.org/:_authToken', {})).toBe('npm');
    expect(tokenChannel('NPM_PUBLISH_TOKEN', {})).toBe('any');
    expect(tokenChannel('NPM_ID_TOKEN', {})).toBeUndefined();
    expect(tokenChannel('GITHUB_TOKEN', {})).toBeUndefined();
    expect(tokenChannel('RELEASE_KEY', {})).toBeUndefined();
    expect(tokenChannel('RELEASE_KEY', { npmTokenEnvNames: ['release_key'] })).toBe('any');
  });
});

describe('publishFacts', () => {
  it('finds the publish command and its exact span inside a run block', () => {
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          steps:
            - run: |
                npm ci
                npm publish --provenance
    `;
    const facts = factsOf(text);
    expect(facts.publishes).toHaveLength(1);
    const publish = facts.publishes[0]!;
    expect(text.slice(publish.span.start, publish.span.end)).toBe('npm publish --provenance');
    expect(publish.provenance.state).toBe('enabled');
    expect(publish.target).toMatchObject({ official: true, source: 'default' });
  });

  it('resolves the registry: flag, env, setup-node, project files', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - run: npm publish --registry=https://npm.pkg.github.com
            - run: npm publish
              env: { NPM_CONFIG_REGISTRY: 'https://registry.yarnpkg.com' }
            - uses: actions/setup-node@v6
              with: { registry-url: '\${{ vars.REGISTRY }}' }
            - run: npm publish
        b:
          runs-on: ubuntu-latest
          steps: [{ run: npm publish }]
    `;
    const [first, second, third] = factsOf(text).publishes;
    expect(first!.target).toMatchObject({ official: false, source: 'flag' });
    expect(second!.target).toMatchObject({ official: true, source: 'env' });
    expect(third!.target).toMatchObject({ official: undefined, source: 'setup-node' });
    const fromProject = factsOf(text, { '.npmrc': 'registry=https://npm.example.com/\n' }, 1).publishes[0]!;
    expect(fromProject.target).toMatchObject({ official: false, source: 'project' });
  });

  it('sees tokens from step, job and workflow env, and .npmrc writes only before the publish', () => {
    const text = workflow`
      on: push
      env:
        NPM_TOKEN: \${{ secrets.WORKFLOW_TOKEN }}
      jobs:
        publish:
          runs-on: ubuntu-latest
          env:
            NODE_AUTH_TOKEN: \${{ secrets.JOB_TOKEN }}
          steps:
            - run: npm publish
            - run: echo "//registry.npmjs.org/:_authToken=\${{ secrets.LATE }}" > .npmrc
    `;
    const facts = factsOf(text);
    const tokens = facts.tokensFor(facts.publishes[0]!);
    expect(tokens.map((token) => `${token.kind}:${token.name}:${token.level}:${token.secrets.join()}`).sort()).toEqual([
      'env:NODE_AUTH_TOKEN:job:JOB_TOKEN',
      'env:NPM_TOKEN:workflow:WORKFLOW_TOKEN',
    ]);
  });

  it('a token for another tool does not authenticate the publish, but is visible', () => {
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          env:
            YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          steps: [{ run: npm publish }]
    `;
    const facts = factsOf(text);
    const publish = facts.publishes[0]!;
    expect(facts.tokensFor(publish)).toHaveLength(0);
    expect(facts.visibleTokens(publish)).toHaveLength(1);
    expect(publishAuth(facts, publish)).toBe('oidc');
  });

  it('publishAuth: token, oidc, none, unknown', () => {
    const text = workflow`
      on: push
      jobs:
        token:
          runs-on: ubuntu-latest
          steps: [{ run: npm publish, env: { NODE_AUTH_TOKEN: '\${{ secrets.T }}' } }]
        oidc:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          steps: [{ run: npm publish }]
        none:
          runs-on: ubuntu-latest
          permissions: { contents: read }
          steps: [{ run: npm publish }]
        unknown:
          runs-on: ubuntu-latest
          permissions: \${{ fromJSON(vars.P) }}
          steps: [{ run: npm publish }]
    `;
    const auth = [0, 1, 2, 3].map((index) => {
      const facts = factsOf(text, {}, index);
      return publishAuth(facts, facts.publishes[0]!);
    });
    expect(auth).toEqual(['token', 'oidc', 'none', 'unknown']);
  });

  it('reads provenance from env in any case, from package.json and .npmrc', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          env: { npm_config_provenance: 'false' }
          steps: [{ run: npm publish }]
        b:
          runs-on: ubuntu-latest
          steps: [{ run: npm publish }]
    `;
    expect(factsOf(text).publishes[0]!.provenance).toMatchObject({ state: 'disabled', source: 'env' });
    expect(factsOf(text, { 'package.json': '{"publishConfig":{"provenance":true}}' }, 1).publishes[0]!.provenance).toMatchObject({ state: 'enabled', source: 'project' });
    expect(factsOf(text, { '.npmrc': 'provenance=true\n' }, 1).publishes[0]!.provenance).toMatchObject({ state: 'enabled', source: 'project' });
    expect(factsOf(text, {}, 1).publishes[0]!.provenance.state).toBe('unset');
  });

  it('resolves one level of package.json scripts, honouring working-directory', () => {
    const text = workflow`
      on: push
      jobs:
        release:
          runs-on: ubuntu-latest
          steps:
            - run: pnpm release
              working-directory: packages/core
    `;
    const files = { 'packages/core/package.json': '{"scripts":{"release":"tsc && npm publish --access public"}}' };
    const publish = factsOf(text, files).publishes[0]!;
    expect(publish).toMatchObject({ tool: 'npm', script: 'release' });
    expect(text.slice(publish.span.start, publish.span.end)).toBe('pnpm release');
    expect(factsOf(text, {}).publishes).toHaveLength(0);
  });

  it('semantic-release counts only when the npm plugin publishes', () => {
    const text = workflow`
      on: push
      jobs:
        release:
          runs-on: ubuntu-latest
          steps: [{ run: npx semantic-release }]
    `;
    expect(factsOf(text, { 'package.json': '{"name":"a"}' }).publishes).toHaveLength(1);
    expect(factsOf(text, { 'package.json': '{"name":"a","private":true}' }).publishes).toHaveLength(0);
    expect(factsOf(text, { 'package.json': '{"name":"a","release":{"plugins":["@semantic-release/github"]}}' }).publishes).toHaveLength(0);
    expect(
      factsOf(text, { 'package.json': '{"name":"a"}', '.releaserc.json': '{"plugins":[["@semantic-release/npm",{"npmPublish":false}]]}' }).publishes,
    ).toHaveLength(0);
    expect(factsOf(text, { 'package.json': '{"name":"a"}', 'release.config.js': 'module.exports = {}' }).publishes).toHaveLength(0);
  });

  it('recognises publish actions and their dry runs', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - uses: changesets/action@v1
              with: { version: pnpm version }
            - uses: changesets/action@v1
              with: { publish: pnpm release }
            - uses: JS-DevTools/npm-publish@v4
              with: { dry-run: true }
            - uses: JS-DevTools/npm-publish@v4
              with: { registry: 'https://npm.pkg.github.com' }
            - uses: changesets/action/publish@v2
    `;
    const publishes = factsOf(text).publishes;
    expect(publishes.map((publish) => `${publish.tool}:${publish.target.official}`)).toEqual([
      'changesets-action:true',
      'js-devtools-npm-publish:false',
      'changesets-action:true',
    ]);
  });

  it('knows the job OIDC capability', () => {
    const text = workflow`
      on: push
      permissions: { id-token: write }
      jobs:
        inherits: { runs-on: ubuntu-latest, steps: [{ run: npm publish }] }
        replaces: { runs-on: ubuntu-latest, permissions: { contents: read }, steps: [{ run: npm publish }] }
    `;
    expect(factsOf(text, {}, 0).idToken).toBe(true);
    expect(factsOf(text, {}, 1).idToken).toBe(false);
  });
});

describe('publishFacts: precision cases', () => {
  it('a .yarnrc.yml npmAuthToken reference makes that env variable a Yarn token', () => {
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          steps:
            - run: yarn npm publish
              env:
                NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
    `;
    const withoutRc = factsOf(text);
    expect(publishAuth(withoutRc, withoutRc.publishes[0]!)).toBe('oidc');
    const withRc = factsOf(text, { '.yarnrc.yml': 'npmAuthToken: "${NODE_AUTH_TOKEN:-}"\n' });
    expect(publishAuth(withRc, withRc.publishes[0]!)).toBe('token');
  });

  it('NODE_AUTH_TOKEN from GITHUB_TOKEN with no visible registry means an unknown registry', () => {
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          steps:
            - run: npm publish
              env:
                NODE_AUTH_TOKEN: \${{ secrets.GITHUB_TOKEN }}
    `;
    expect(factsOf(text).publishes[0]!.target.official).toBeUndefined();
    expect(factsOf(text).npmjsPublishes).toHaveLength(0);
  });

  it('each tool reads its own provenance setting', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          env: { NPM_CONFIG_PROVENANCE: 'true' }
          steps: [{ run: yarn npm publish }, { run: npm publish }]
    `;
    const [yarn, npm] = factsOf(text).publishes;
    expect(yarn!.provenance.state).toBe('unset');
    expect(npm!.provenance.state).toBe('enabled');
  });

  it('JS-DevTools/npm-publish provenance: false only omits the flag', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps:
            - uses: JS-DevTools/npm-publish@v4
              with: { provenance: false }
    `;
    expect(factsOf(text).publishes[0]!.provenance.state).toBe('unset');
  });

  it('release-it with a config that cannot be read is not known to publish', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          steps: [{ run: npx release-it --ci }]
    `;
    expect(factsOf(text, { 'package.json': '{"name":"a"}' }).publishes).toHaveLength(1);
    expect(factsOf(text, { 'package.json': '{"name":"a"}', '.release-it.ts': 'export default {}' }).publishes).toHaveLength(0);
    expect(factsOf(text, { 'package.json': '{"name":"a"}', '.release-it.json': '{"npm":{"publish":false}}' }).publishes).toHaveLength(0);
  });
});

describe('publishFacts: changesets/action versions and action inputs', () => {
  it('v2 publishes through publish-script and ignores NPM_TOKEN; v1 through publish', () => {
    const text = workflow`
      on: push
      jobs:
        v2:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          env: { NPM_TOKEN: '\${{ secrets.NPM_TOKEN }}' }
          steps:
            - uses: changesets/action@v2
              with: { publish: pnpm release }
            - uses: changesets/action@v2.1.0
              with: { publish-script: pnpm release }
        v1:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          env: { NPM_TOKEN: '\${{ secrets.NPM_TOKEN }}' }
          steps:
            - uses: changesets/action@v1
              with: { publish-script: pnpm release }
            - uses: changesets/action@v1
              with: { publish: pnpm release }
    `;
    const v2 = factsOf(text, {}, 0);
    expect(v2.publishes).toHaveLength(1);
    expect(publishAuth(v2, v2.publishes[0]!)).toBe('oidc');
    expect(v2.visibleTokens(v2.publishes[0]!)).toHaveLength(1);
    const v2WithNpmrc = factsOf(text, { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }, 0);
    expect(publishAuth(v2WithNpmrc, v2WithNpmrc.publishes[0]!)).toBe('token');
    const v1 = factsOf(text, {}, 1);
    expect(v1.publishes).toHaveLength(1);
    expect(publishAuth(v1, v1.publishes[0]!)).toBe('token');
  });

  it('an npm token handed to an action input counts as a token for the job', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          steps:
            - uses: my-org/setup-npm-auth@v1
              with: { npm-token: '\${{ secrets.NPM_TOKEN }}' }
            - run: npm publish
    `;
    const facts = factsOf(text);
    expect(facts.tokenInActionInput?.key.text).toBe('npm-token');
    expect(publishAuth(facts, facts.publishes[0]!)).toBe('token');
  });
});

describe('release actions known to publish', () => {
  const job = (step: string) => workflow`
    on: push
    jobs:
      release:
        runs-on: ubuntu-latest
        steps:
          - ${step}
  `;

  it('covector publishes with the commands of .changes/config.json, on publish commands only', () => {
    const config = JSON.stringify({ pkgManagers: { javascript: { publish: ['npm publish --provenance --access public'] }, rust: { publish: ['cargo publish'] } } });
    const publish = factsOf(job('{ uses: jbolda/covector/packages/action@covector-v0, with: { command: version-or-publish } }'), { '.changes/config.json': config });
    expect(publish.publishes.map((site) => [site.tool, site.provenance.state, site.chain.length])).toEqual([['npm', 'enabled', 1]]);
    expect(factsOf(job('{ uses: jbolda/covector/packages/action@covector-v0, with: { command: status } }'), { '.changes/config.json': config }).publishes).toEqual([]);
    expect(factsOf(job('{ uses: jbolda/covector/packages/action@covector-v0, with: { command: publish } }')).publishes).toEqual([]);
  });

  it('codfish/semantic-release-action like cycjimmy; merge-release and npm-publish-action publish with a token only', () => {
    const files = { 'package.json': '{"name":"a"}' };
    expect(factsOf(job('{ uses: codfish/semantic-release-action@v5 }'), files).publishes.map((site) => site.tool)).toEqual(['semantic-release-action']);
    expect(factsOf(job('{ uses: codfish/semantic-release-action@v5, with: { dry-run: true } }'), files).publishes).toEqual([]);
    const merge = factsOf(job('{ uses: mikeal/merge-release@v4 }')).publishes;
    expect(merge.map((site) => [site.tool, site.oidc])).toEqual([['token-only-action', 'never']]);
  });
});
