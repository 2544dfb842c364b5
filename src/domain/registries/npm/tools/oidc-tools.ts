/**
 * Publishing tools that do the OIDC exchange themselves (pnpm 11, Yarn 4.10.3, Lerna 9, lerna-lite
 * 4.9, `@semantic-release/npm` 13.1, JS-DevTools/npm-publish 4.1), and whether the version a job
 * runs is certainly below that.
 */
import type { Analysis } from '../../../context.js';
import { packageJsonsOf } from '../../../project/package-json.js';
import { semanticReleasePublishesToNpm } from '../../../project/release-configs.js';
import { compareRange, toRange } from '../../../semver-range.js';
import { inputText } from '../../../steps.js';
import type { NpmPublish } from '../sites.js';
import { npmForPublish, type NpmFact } from './npm.js';
import { yarnVersion } from './package-managers.js';
import { npmOnPath, throughChangesetsAction } from './publisher.js';
import { NPM_OIDC_MINIMUM, NPM_STAGE_PUBLISH_MINIMUM, OIDC_TOOL_MINIMUMS, type OidcTool } from './thresholds.js';
import { actionRefVersion, dependencyVersion, type ToolVersion } from './tool-version.js';

export interface ToolBelowOidc {
  readonly tool: OidcTool;
  readonly version: ToolVersion;
  /** The version that must be reached (the tool's threshold, or 4.10.0 for an unscoped Yarn package). */
  readonly minimum: string;
}

function below(tool: OidcTool, version: ToolVersion | undefined, minimum = OIDC_TOOL_MINIMUMS[tool].minimum): ToolBelowOidc | undefined {
  if (!version || compareRange(version.range, minimum) !== 'below') return undefined;
  return { tool, version, minimum };
}

/** Lerna or lerna-lite, from the command (`npx @lerna-lite/cli@4 publish`, `npx lerna@8 publish`) or the declared dependency. */
function lernaBelow(context: Analysis, publish: NpmPublish): ToolBelowOidc | undefined {
  const words = publish.command?.words.map((word) => word.value) ?? [];
  const lite = words.find((word) => word.startsWith('@lerna-lite/') || word.startsWith('lerna-lite'));
  const liteVersion = () => dependencyVersion(context, publish.step, '@lerna-lite/publish') ?? dependencyVersion(context, publish.step, '@lerna-lite/cli');
  if (lite) {
    if (publish.versionSpec === undefined) return below('lerna-lite', liteVersion());
    return below('lerna-lite', { range: toRange(publish.versionSpec), from: `\`${lite}\`` });
  }
  if (publish.versionSpec !== undefined) return below('lerna', { range: toRange(publish.versionSpec), from: `\`lerna@${publish.versionSpec}\`` });
  const liteDeclared = liteVersion();
  const classic = dependencyVersion(context, publish.step, 'lerna');
  // Both declared: which binary `lerna` is depends on install order; leave it.
  if (liteDeclared && classic) return undefined;
  return liteDeclared ? below('lerna-lite', liteDeclared) : below('lerna', classic);
}

/** semantic-release: `@semantic-release/npm` decides when declared, else the semantic-release version. */
function semanticReleaseBelow(context: Analysis, publish: NpmPublish): ToolBelowOidc | undefined {
  if (semanticReleasePublishesToNpm(context, publish.step) !== true) return undefined;
  // A declared `@semantic-release/npm` is what semantic-release loads (plugins resolve from the project first).
  const plugin = dependencyVersion(context, publish.step, '@semantic-release/npm');
  if (plugin) return below('semantic-release-npm', plugin);
  if (publish.tool === 'semantic-release-action') {
    // The action installs the `semantic_version` it is given, with the plugins that version bundles.
    const extra = inputText(publish.step, 'extra_plugins') ?? '';
    if (extra.includes('@semantic-release/npm')) return undefined;
    const wanted = inputText(publish.step, 'semantic_version');
    return wanted ? below('semantic-release', { range: toRange(wanted), from: `\`semantic_version: ${wanted.trim()}\`` }) : undefined;
  }
  if (publish.versionSpec !== undefined) return below('semantic-release', { range: toRange(publish.versionSpec), from: `\`semantic-release@${publish.versionSpec}\`` });
  return below('semantic-release', dependencyVersion(context, publish.step, 'semantic-release'));
}

/** Yarn Berry below 4.10.0 has no OIDC; 4.10.0–4.10.2 only fails for scoped packages. */
function yarnBelow(context: Analysis, publish: NpmPublish): ToolBelowOidc | undefined {
  const version = yarnVersion(context, publish.step);
  const old = below('yarn-berry', version, '4.10.0');
  if (old) return old;
  const name = packageJsonsOf(context, publish.step)[0]?.name;
  return name?.startsWith('@') ? below('yarn-berry', version) : undefined;
}

/** A publishing tool whose version certainly cannot do trusted publishing yet, or undefined. */
export function toolBelowOidc(context: Analysis, publish: NpmPublish): ToolBelowOidc | undefined {
  switch (publish.tool) {
    case 'lerna':
      return lernaBelow(context, publish);
    case 'semantic-release':
    case 'semantic-release-action':
      return semanticReleaseBelow(context, publish);
    case 'yarn-berry':
      return yarnBelow(context, publish);
    case 'js-devtools-npm-publish':
      return below('js-devtools-npm-publish', actionRefVersion(publish.step));
    default:
      return undefined;
  }
}

/** An earlier `yarn set version`, `yarn policies set-version` or `corepack prepare/use yarn@…`: which Yarn runs is not the repository's. */
export function switchesYarn(publish: NpmPublish): boolean {
  for (const step of publish.step.parent.steps) {
    if (step.index > publish.step.index) break;
    // A local action may set Yarn up in ways we do not read.
    if (step.uses?.kind === 'local') return true;
    const script = step.run?.text ?? '';
    if (/\byarn\s+(?:set\s+version|policies\s+set-version)\b|\bcorepack\s+(?:prepare|use|install)\b[^\n]*\byarn@/.test(script)) return true;
  }
  return false;
}

/** Why a publish certainly cannot authenticate through trusted publishing. */
export type OidcBlocker =
  | { readonly kind: 'tool-never'; readonly publish: NpmPublish }
  | { readonly kind: 'npm-too-old'; readonly npm: NpmFact; readonly minimum: string }
  | { readonly kind: 'tool-too-old'; readonly below: ToolBelowOidc };

/**
 * Whether the program that publishes can do the OIDC exchange: `capable` when its version certainly
 * can, `incapable` (with why) when it certainly cannot (bun, Yarn 1, npm below 11.5.1 — 11.15.0 for
 * `npm stage publish` — or a tool below its OIDC release), `unknown` otherwise. A tool that runs the
 * npm on `PATH` is as capable as that npm.
 */
export type OidcCapability = { readonly kind: 'capable' } | { readonly kind: 'unknown' } | { readonly kind: 'incapable'; readonly because: OidcBlocker };

export function oidcCapability(context: Analysis, publish: NpmPublish): OidcCapability {
  if (publish.oidc === 'never') return { kind: 'incapable', because: { kind: 'tool-never', publish } };
  const effective = throughChangesetsAction(context, publish);
  if (!effective) return { kind: 'unknown' };
  if (effective.oidc === 'never') return { kind: 'incapable', because: { kind: 'tool-never', publish: effective } };
  if (npmOnPath(context, effective) !== undefined) {
    const minimum = publish.staged ? NPM_STAGE_PUBLISH_MINIMUM.version : NPM_OIDC_MINIMUM.version;
    const npm = npmForPublish(context, effective);
    const answer = compareRange(npm.range, minimum);
    if (answer === 'below') return { kind: 'incapable', because: { kind: 'npm-too-old', npm, minimum } };
    return answer === 'at-least' ? { kind: 'capable' } : { kind: 'unknown' };
  }
  const below = toolBelowOidc(context, effective);
  return below ? { kind: 'incapable', because: { kind: 'tool-too-old', below } } : { kind: 'unknown' };
}
