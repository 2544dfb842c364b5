import type { JobNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { publishFacts, type PublishCommand, publishContext } from '../domain/publish.js';
import { inputText } from '../domain/setup-node.js';
import {
  actionRefVersion,
  compareRange,
  isOidcOnly,
  dependencyVersion,
  isYarnClassic,
  OIDC_TOOL_MINIMUMS,
  packageJsonsOf,
  semanticReleasePublishesToNpm,
  throughChangesetsAction,
  toRange,
  yarnVersion,
  type OidcTool,
  type OidcOnlyContext,
  type ResolveContext,
  type ToolVersion,
} from '../domain/versions.js';

interface TooOld {
  readonly tool: OidcTool;
  readonly version: ToolVersion;
  /** The version that must be reached (the tool's threshold, or 4.10.0 for an unscoped Yarn package). */
  readonly minimum: string;
  readonly error: string;
  readonly fix: string;
}

const FIXES: Readonly<Record<OidcTool, string>> = {
  pnpm: 'upgrade to pnpm 11',
  'yarn-berry': 'upgrade to Yarn 4.10.3 or later (`yarn set version stable`)',
  lerna: 'upgrade to Lerna 9 or later',
  'lerna-lite': 'upgrade `@lerna-lite/*` to 4.9.0 or later',
  'semantic-release-npm': 'upgrade `@semantic-release/npm` to 13.1.0 or later (semantic-release 25), on Node `^22.14.0 || >=24.10.0`',
  'semantic-release': 'upgrade to semantic-release 25 or later (it ships `@semantic-release/npm` 13), on Node `^22.14.0 || >=24.10.0`',
  'js-devtools-npm-publish': 'use `JS-DevTools/npm-publish@v4` (4.1.0 or later)',
};

const ERRORS: Readonly<Record<OidcTool, string>> = {
  pnpm: '`E404 Not Found - PUT`',
  'yarn-berry': '`No authentication configured for request`',
  lerna: '`E404 Not Found - PUT` or `ENEEDAUTH`',
  'lerna-lite': '`E404 Not Found - PUT` or `ENEEDAUTH`',
  'semantic-release-npm': '`ENONPMTOKEN No npm token specified`',
  'semantic-release': '`ENONPMTOKEN No npm token specified`',
  'js-devtools-npm-publish': '`Input required and not supplied: token`',
};

function tooOld(tool: OidcTool, version: ToolVersion | undefined, minimum = OIDC_TOOL_MINIMUMS[tool].minimum): TooOld | undefined {
  if (!version || compareRange(version.range, minimum) !== 'below') return undefined;
  return { tool, version, minimum, error: ERRORS[tool], fix: FIXES[tool] };
}

/** Lerna or lerna-lite, from the command (`npx @lerna-lite/cli@4 publish`, `npx lerna@8 publish`) or the declared dependency. */
function lernaTooOld(publish: PublishCommand, context: ResolveContext): TooOld | undefined {
  const words = publish.command?.words.map((word) => word.value) ?? [];
  const lite = words.find((word) => word.startsWith('@lerna-lite/') || word.startsWith('lerna-lite'));
  if (lite) {
    if (publish.versionSpec === undefined) return tooOld('lerna-lite', dependencyVersion(publish.step, context.project, '@lerna-lite/publish') ?? dependencyVersion(publish.step, context.project, '@lerna-lite/cli'));
    return tooOld('lerna-lite', { range: toRange(publish.versionSpec), from: `\`${lite}\`` });
  }
  if (publish.versionSpec !== undefined) return tooOld('lerna', { range: toRange(publish.versionSpec), from: `\`lerna@${publish.versionSpec}\`` });
  const liteVersion = dependencyVersion(publish.step, context.project, '@lerna-lite/publish') ?? dependencyVersion(publish.step, context.project, '@lerna-lite/cli');
  const classicVersion = dependencyVersion(publish.step, context.project, 'lerna');
  // Both declared: which binary `lerna` is depends on install order; leave it.
  if (liteVersion && classicVersion) return undefined;
  return liteVersion ? tooOld('lerna-lite', liteVersion) : tooOld('lerna', classicVersion);
}

/** semantic-release: `@semantic-release/npm` decides when declared, else the semantic-release version. */
function semanticReleaseTooOld(publish: PublishCommand, context: ResolveContext): TooOld | undefined {
  if (semanticReleasePublishesToNpm(publish.step, context.project) !== true) return undefined;
  // A declared `@semantic-release/npm` is what semantic-release loads (plugins resolve from the project first).
  const plugin = dependencyVersion(publish.step, context.project, '@semantic-release/npm');
  if (plugin) return tooOld('semantic-release-npm', plugin);
  if (publish.tool === 'semantic-release-action') {
    // The action installs the `semantic_version` it is given, with the plugins that version bundles.
    const extra = inputText(publish.step, 'extra_plugins') ?? '';
    if (extra.includes('@semantic-release/npm')) return undefined;
    const wanted = inputText(publish.step, 'semantic_version');
    return wanted ? tooOld('semantic-release', { range: toRange(wanted), from: `\`semantic_version: ${wanted.trim()}\`` }) : undefined;
  }
  if (publish.versionSpec !== undefined) return tooOld('semantic-release', { range: toRange(publish.versionSpec), from: `\`semantic-release@${publish.versionSpec}\`` });
  return tooOld('semantic-release', dependencyVersion(publish.step, context.project, 'semantic-release'));
}

/** Yarn Berry below 4.10.0 has no OIDC; 4.10.0–4.10.2 only fails for scoped packages. */
function yarnTooOld(publish: PublishCommand, context: ResolveContext): TooOld | undefined {
  const version = yarnVersion(publish.step, context);
  const below = tooOld('yarn-berry', version, '4.10.0');
  if (below) return below;
  const name = packageJsonsOf(publish.step, context.project)[0]?.name;
  return typeof name === 'string' && name.startsWith('@') ? tooOld('yarn-berry', version) : undefined;
}

/** An earlier `yarn set version`, `yarn policies set-version` or `corepack prepare/use yarn@…`: which Yarn runs is not the repository's. */
function switchesYarn(publish: PublishCommand): boolean {
  for (const step of publish.step.parent.steps) {
    if (step.index > publish.step.index) break;
    // A local action may set Yarn up in ways we do not read.
    if (step.uses?.kind === 'local') return true;
    const script = step.run?.text ?? '';
    if (/\byarn\s+(?:set\s+version|policies\s+set-version)\b|\bcorepack\s+(?:prepare|use|install)\b[^\n]*\byarn@/.test(script)) return true;
  }
  return false;
}

export const publisherSupportsOidc = defineRule({
  id: 'publisher-supports-oidc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a publishing tool (and tool version) that can do trusted publishing when the job has no npm token',
      recommended: true,
    },
    severity: 'error',
    security: { severity: 5.0, precision: 'high', tags: ['npm', 'trusted-publishing', 'oidc', 'correctness'] },
    messages: {
      bunPublish:
        '`bun publish` cannot do trusted publishing (OIDC) and this job has no npm token, so it fails with `missing authentication`. Pack with `bun pm pack` and publish the tarball with `npx npm@^11.5.1 publish <file>.tgz`.',
      yarnClassicPublish:
        '`yarn publish` (Yarn 1) cannot do trusted publishing (OIDC) and this job has no npm token, so it fails with `No token found and can\'t prompt for login`. Publish with `npm publish` (npm 11.5.1 or later), or move to Yarn 4.10.3 or later and run `yarn npm publish`.',
      toolTooOld:
        '{{tool}} ({{from}}) cannot do trusted publishing (OIDC) before {{minimum}}, and this job has no npm token, so the publish fails with {{error}}. To publish with OIDC, {{fix}}.',
    },
  },
  create(context) {
    const resolve: OidcOnlyContext = publishContext(context);
    const check = (job: JobNode) => {
      const facts = publishFacts(job, publishContext(context));
      for (const found of facts.npmjsPublishes) {
        if (!isOidcOnly(facts, found, resolve)) continue;
        // `changesets/action` publishes with whatever its `publish` script runs.
        const publish = throughChangesetsAction(found, context.project);
        if (!publish) continue;
        if (publish.tool === 'bun') {
          context.report({ messageId: 'bunPublish', at: publish.span });
          continue;
        }
        if (publish.tool === 'yarn-classic') {
          if (isYarnClassic(publish.step, resolve) === true && !switchesYarn(publish)) context.report({ messageId: 'yarnClassicPublish', at: publish.span });
          continue;
        }
        const old =
          publish.tool === 'lerna'
            ? lernaTooOld(publish, resolve)
            : publish.tool === 'semantic-release' || publish.tool === 'semantic-release-action'
              ? semanticReleaseTooOld(publish, resolve)
              : publish.tool === 'yarn-berry'
                ? yarnTooOld(publish, resolve)
                : publish.tool === 'js-devtools-npm-publish'
                  ? tooOld('js-devtools-npm-publish', actionRefVersion(publish.step))
                  : undefined;
        if (!old) continue;
        context.report({
          messageId: 'toolTooOld',
          at: publish.span,
          data: {
            tool: OIDC_TOOL_MINIMUMS[old.tool].display,
            from: old.version.from ?? 'the workflow',
            minimum: old.minimum,
            error: old.error,
            fix: old.fix,
          },
        });
      }
    };
    return { job: check };
  },
});
