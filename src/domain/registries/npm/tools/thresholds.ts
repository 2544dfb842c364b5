/**
 * Version facts for npm trusted publishing, as data with their sources: the npm versions that do
 * OIDC, npm's engines, and the publishing tools that exchange the token themselves (and from which
 * version). Facts are as of 2026-11; each names where it comes from.
 */

import { table } from '../../../table.js';

export interface VersionFact {
  readonly version: string;
  readonly source: string;
}

/** npm does trusted publishing (OIDC) from this version on. */
export const NPM_OIDC_MINIMUM: VersionFact = {
  version: '11.5.1',
  source:
    'https://docs.npmjs.com/trusted-publishers ("requires npm CLI version 11.5.1 or later"); npm changelog 11.5.0 "adds support for oidc publish" (npm/cli#8336), 11.5.1 (#8457)',
};

/** `npm stage publish` exists (and does OIDC) from this version on. */
export const NPM_STAGE_PUBLISH_MINIMUM: VersionFact = {
  version: '11.15.0',
  source: 'https://docs.npmjs.com/staged-publishing (staged publishing GA 2026-05-20, needs npm >= 11.15.0)',
};

/** npm 12's `engines.node`: `npm install -g npm@12` fails with EBADENGINE on any other Node. */
export const NPM_12_ENGINES = {
  range: '^22.22.2 || ^24.15.0 || >=26.0.0',
  source: 'npm changelog 12.0.0 (2026-07-08): "`npm` now supports node `^22.22.2 || ^24.15.0 || >=26.0.0`"',
} as const;

/** npm 11's `engines.node`: below it even `npm install -g npm@11` fails with EBADENGINE. */
export const NPM_11_ENGINES = {
  range: '^20.17.0 || >=22.9.0',
  source: 'npm/cli CHANGELOG.md 11.0.0: engines `^20.17.0 || >=22.9.0`',
} as const;

/**
 * What npm's dist-tags point at. `latest` has been npm 12 since 12.0.0 was released on 2026-07-08 (npm/cli
 * CHANGELOG.md); `next` is never older than `latest`.
 */
export const NPM_DIST_TAGS = table({
  latest: '>=12.0.0',
  next: '>=12.0.0',
});

export type OidcTool = 'pnpm' | 'yarn-berry' | 'lerna' | 'lerna-lite' | 'semantic-release' | 'semantic-release-npm' | 'js-devtools-npm-publish';

export interface ToolThreshold {
  /** The first version that does trusted publishing (for pnpm: publishes natively instead of through the npm on PATH). */
  readonly minimum: string;
  readonly display: string;
  /** How to get there, for messages. */
  readonly upgrade: string;
  /** What a publish without a token prints when the tool is older. */
  readonly failure: string;
  readonly source: string;
}

/** Tools that do OIDC themselves, from which version. `bun publish` and Yarn 1 cannot (see `NO_OIDC_TOOLS`). */
export const OIDC_TOOL_MINIMUMS: Readonly<Record<OidcTool, ToolThreshold>> = {
  pnpm: {
    minimum: '11.0.0',
    display: 'pnpm',
    upgrade: 'upgrade to pnpm 11',
    failure: '`E404 Not Found - PUT`',
    source: 'https://pnpm.io/blog/releases/11.0 (native publish; pnpm 10 runs the npm on PATH, pnpm/pnpm#9812)',
  },
  'yarn-berry': {
    minimum: '4.10.3',
    display: 'Yarn',
    upgrade: 'upgrade to Yarn 4.10.3 or later (`yarn set version stable`)',
    failure: '`No authentication configured for request`',
    source: '@yarnpkg/cli 4.10.0 added OIDC (yarnpkg/berry#6898, #6911), 4.10.3 fixed scoped packages (DataDog/build-plugins#242)',
  },
  lerna: {
    minimum: '9.0.0',
    display: 'Lerna',
    upgrade: 'upgrade to Lerna 9 or later',
    failure: '`E404 Not Found - PUT` or `ENEEDAUTH`',
    source: 'lerna CHANGELOG 9.0.0 (2025-09-23): "support OIDC trusted publishing"',
  },
  'lerna-lite': {
    minimum: '4.9.0',
    display: 'lerna-lite',
    upgrade: 'upgrade `@lerna-lite/*` to 4.9.0 or later',
    failure: '`E404 Not Found - PUT` or `ENEEDAUTH`',
    source: 'lerna-lite 4.9.0 (lerna-lite/lerna-lite#1150)',
  },
  'semantic-release-npm': {
    minimum: '13.1.0',
    display: '`@semantic-release/npm`',
    upgrade: 'upgrade `@semantic-release/npm` to 13.1.0 or later (semantic-release 25), on Node `^22.14.0 || >=24.10.0`',
    failure: '`ENONPMTOKEN No npm token specified`',
    source: '@semantic-release/npm 13.1.0 (2025-10-19) "trusted-publishing: verify auth, considering OIDC vs tokens" (lib/verify-auth.js)',
  },
  'semantic-release': {
    minimum: '25.0.0',
    display: 'semantic-release',
    upgrade: 'upgrade to semantic-release 25 or later (it ships `@semantic-release/npm` 13), on Node `^22.14.0 || >=24.10.0`',
    failure: '`ENONPMTOKEN No npm token specified`',
    source: 'semantic-release 25 ships @semantic-release/npm 13; 24 depends on @semantic-release/npm ^12 (ENONPMTOKEN under OIDC, TalismanSociety/siws#13)',
  },
  'js-devtools-npm-publish': {
    minimum: '4.1.0',
    display: '`JS-DevTools/npm-publish`',
    upgrade: 'use `JS-DevTools/npm-publish@v4` (4.1.0 or later)',
    failure: '`Input required and not supplied: token`',
    source: 'JS-DevTools/npm-publish v4.1.0 (2025-09-22) "allow token to be optional for OIDC-based publish (#247)"; v1–v3 `token` is required',
  },
};

export const NO_OIDC_TOOLS = {
  bun: { source: 'oven-sh/bun docs/pm/cli/publish.mdx: token from NPM_CONFIG_TOKEN, bunfig.toml or .npmrc; no OIDC' },
  'yarn-classic': { source: 'Only Yarn Berry implemented OIDC (yarnpkg/berry#6898); Yarn 1 `yarn publish` authenticates from .npmrc only' },
} as const;
