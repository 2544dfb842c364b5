/** The npm publishes of a step: commands of its `run:` script (and the package.json scripts they call) or a publishing action. */
import type { StepNode } from '../../../engine/ast.js';
import { expandCommand } from '../../commands/expand.js';
import { scriptCall } from '../../commands/package-scripts.js';
import type { ChainLink } from '../../chain.js';
import type { Analysis } from '../../context.js';
import { actionVersion } from '../../action-version.js';
import { hasExpression } from '../../expressions.js';
import { asObject, packageJsonAt, stepPackageJson } from '../../project/package-json.js';
import { parseShell } from '../../shell.js';
import { releaseItConfig, semanticReleasePublishesToNpm } from '../../project/release-configs.js';
import { runCommands, type RunCommand } from '../../run-script.js';
import { inputEntry, inputText } from '../../steps.js';
import type { Provenance, PublishSite, PublishTarget } from '../types.js';
import { detectPublish, type DetectedPublish, type NpmTool } from './detect.js';
import { switchesNodeOrNpm } from './tools/node.js';
import { npmSelfUpgrade } from './tools/npm.js';
import { provenanceOf } from './provenance.js';
import { DEFAULT_TARGET, publishTarget, targetFromInput } from './target.js';

/** An npm publish site: its tool is one of npm's, and `npm stage publish` is marked. */
export interface NpmPublish extends PublishSite {
  readonly registry: 'npm';
  readonly tool: NpmTool;
  /** `npm stage publish`. */
  readonly staged: boolean;
  /** For a `run:` publish, the words before the publishing tool: launchers and runners (`npx -y`, `pnpm -r exec`, `lerna exec --`). */
  readonly launcher?: readonly string[];
  /**
   * A script or target that leads to the publish first upgrades npm or switches Node
   * (`npm i -g npm@11 && npm publish`): the npm that publishes is not the job's.
   */
  readonly toolchainChangedBefore?: boolean;
}

/** Tools that can never authenticate through trusted publishing. */
const NO_OIDC: ReadonlySet<NpmTool> = new Set(['bun', 'yarn-classic', 'token-only-action']);

/** Actions that publish with an npm token of their own and no OIDC (verified from their action.yml and README). */
const TOKEN_ONLY_ACTIONS: ReadonlySet<string> = new Set(['mikeal/merge-release', 'pascalgn/npm-publish-action']);

/** How messages name the program of a publish that can never do trusted publishing. */
export function noOidcToolName(publish: NpmPublish): string {
  if (publish.tool === 'bun') return '`bun publish`';
  if (publish.tool === 'yarn-classic') return '`yarn publish` (Yarn 1)';
  return `\`${publish.step.uses?.name ?? publish.tool}\``;
}

/** The publish commands of one step: `run:` commands (and package.json scripts they call) or a publish action. */
export function npmSitesOfStep(context: Analysis, step: StepNode): NpmPublish[] {
  if (step.uses) return actionPublishes(context, step);
  const found: NpmPublish[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const detected = detectPublish(words);
    if (detected) {
      if (publishesToNpm(context, detected.tool, step)) found.push(runPublish(context, step, command, words, detected));
      continue;
    }
    // Followed through package.json scripts, workspaces, Makefile targets and just recipes.
    const leaves = expandCommand(context, step, words).leaves.filter((leaf) => leaf.chain.length > 0);
    if (leaves.length === 0) continue;
    const script = scriptCall(words)?.script;
    let toolchainChanged = false;
    for (const leaf of leaves) {
      const innerDetected = detectPublish(leaf.words);
      if (innerDetected && publishesToNpm(context, innerDetected.tool, step, leaf.directory)) {
        found.push(runPublish(context, step, command, leaf.words, innerDetected, { script, chain: leaf.chain, directory: leaf.directory, toolchainChanged }));
      } else if (npmSelfUpgrade(leaf.words) || switchesNodeOrNpm(leaf.words)) toolchainChanged = true;
    }
  }
  return found;
}

/** Where a publish found through a script or target comes from. */
interface Reached {
  readonly script: string | undefined;
  readonly chain: readonly ChainLink[];
  readonly directory: string | undefined;
  readonly toolchainChanged: boolean;
}

function runPublish(context: Analysis, step: StepNode, command: RunCommand, words: readonly string[], detected: DetectedPublish, reached?: Reached): NpmPublish {
  const args = words.slice(detected.toolIndex);
  const directory = reached?.directory;
  const script = reached?.script;
  return {
    registry: 'npm',
    step,
    tool: detected.tool,
    span: command.span,
    via: 'run',
    command,
    args,
    staged: detected.staged === true,
    ...(detected.toolIndex > 0 ? { launcher: words.slice(0, detected.toolIndex) } : {}),
    ...(detected.versionSpec ? { versionSpec: detected.versionSpec } : {}),
    ...(script ? { script } : {}),
    chain: reached?.chain ?? [],
    ...(reached?.toolchainChanged ? { toolchainChangedBefore: true } : {}),
    ...(directory !== undefined ? { directory } : {}),
    target: publishTarget(context, step, args, directory),
    provenance: provenanceOf(context, step, detected.tool, args, reached ? undefined : command.words.slice(detected.toolIndex), directory),
    oidc: NO_OIDC.has(detected.tool) ? 'never' : 'capable',
  };
}

function actionPublishes(context: Analysis, step: StepNode): NpmPublish[] {
  const uses = step.uses!;
  if (uses.kind !== 'repository') return [];
  const site = (tool: NpmTool, target: PublishTarget, provenance: Provenance, extra: Partial<NpmPublish> = {}): NpmPublish => ({
    registry: 'npm',
    step,
    tool,
    span: uses.scalar.span,
    via: 'uses',
    args: [],
    staged: false,
    chain: [],
    target,
    provenance,
    oidc: NO_OIDC.has(tool) ? 'never' : 'capable',
    ...extra,
  });
  const truthy = (name: string) => /^(true|yes|1)$/i.test(inputText(step, name)?.trim() ?? '');
  if (uses.fullName === 'changesets/action' || uses.fullName === 'changesets/action/publish') {
    // v1 publishes through its `publish` input, v2 through `publish-script`; an unknown version through either.
    const major = actionVersion(uses)?.major;
    const publishInput =
      major === undefined ? (inputText(step, 'publish') ?? inputText(step, 'publish-script')) : inputText(step, major >= 2 ? 'publish-script' : 'publish');
    if (uses.fullName === 'changesets/action' && !publishInput) return [];
    return [site('changesets-action', publishTarget(context, step, []), provenanceOf(context, step, 'changesets-action', [], undefined))];
  }
  if (uses.name === 'js-devtools/npm-publish') {
    if (truthy('dry-run')) return [];
    const registryInput = inputText(step, 'registry');
    const target = registryInput ? targetFromInput(registryInput) : DEFAULT_TARGET;
    const provenanceEntry = inputEntry(step, 'provenance');
    const fallback = () => provenanceOf(context, step, 'js-devtools-npm-publish', [], undefined);
    const provenance: Provenance =
      provenanceEntry?.value.type === 'scalar'
        ? hasExpression(provenanceEntry.value.text)
          ? { state: 'unknown' }
          : truthy('provenance')
            ? { state: 'enabled', at: provenanceEntry, source: 'input' }
            : // `provenance: false` only omits `--provenance`; npm still adds it under trusted publishing.
              fallback()
        : fallback();
    return [site('js-devtools-npm-publish', target, provenance)];
  }
  if (uses.name === 'cycjimmy/semantic-release-action' || uses.name === 'codfish/semantic-release-action') {
    if (truthy('dry_run') || truthy('dry-run') || !publishesToNpm(context, 'semantic-release', step)) return [];
    return [site('semantic-release-action', publishTarget(context, step, []), provenanceOf(context, step, 'semantic-release-action', [], undefined))];
  }
  if (TOKEN_ONLY_ACTIONS.has(uses.name)) {
    return [site('token-only-action', publishTarget(context, step, []), provenanceOf(context, step, 'token-only-action', [], undefined))];
  }
  if (uses.fullName === 'jbolda/covector/packages/action') return covectorPublishes(context, step, site);
  return [];
}

/**
 * covector publishes with the commands its `.changes/config.json` gives each package manager, on
 * `command: publish`, `version-or-publish` and `preview` (not `status`, `version`, or `dryRun`).
 */
function covectorPublishes(context: Analysis, step: StepNode, site: (tool: NpmTool, target: PublishTarget, provenance: Provenance, extra?: Partial<NpmPublish>) => NpmPublish): NpmPublish[] {
  const command = inputText(step, 'command')?.trim();
  if (!command || !['publish', 'version-or-publish', 'preview'].includes(command) || /^(true|yes|1)$/i.test(inputText(step, 'dryRun')?.trim() ?? '')) return [];
  const config = context.project.json('.changes/config.json');
  const managers = asObject(config?.pkgManagers);
  const commands: string[] = [];
  for (const manager of Object.values(managers ?? {})) {
    const publish = asObject(manager)?.publish;
    for (const entry of Array.isArray(publish) ? publish : [publish]) {
      const text = typeof entry === 'string' ? entry : asObject(entry)?.command;
      if (typeof text === 'string') commands.push(text);
    }
  }
  const found: NpmPublish[] = [];
  for (const text of commands) {
    for (const shell of parseShell(text)) {
      const words = shell.words.map((word) => word.value);
      const detected = detectPublish(words);
      if (!detected) continue;
      const args = words.slice(detected.toolIndex);
      const location = context.project.yaml('.changes/config.json');
      const chain = location ? [{ at: { file: location.file, span: location.value.span }, message: `covector publishes with \`${text}\`` }] : [];
      found.push(site(detected.tool, publishTarget(context, step, args), provenanceOf(context, step, detected.tool, args, undefined), { args, chain }));
    }
  }
  return found;
}

/**
 * semantic-release and release-it publish to npm only through their npm plugin, which a project can
 * turn off; many non-JavaScript projects run them for changelogs and GitHub releases alone. A
 * publish counts only when the project shows a public package and no config turns npm off.
 */
function publishesToNpm(context: Analysis, tool: NpmTool, step: StepNode, directory?: string): boolean {
  if (tool !== 'semantic-release' && tool !== 'release-it') return true;
  const manifest = directory !== undefined ? packageJsonAt(context, directory) : stepPackageJson(context, step);
  if (!manifest || manifest.private) return false;
  if (tool === 'semantic-release') return semanticReleasePublishesToNpm(context, step) === true;
  const config = releaseItConfig(context, step);
  if (config.kind === 'unreadable') return false;
  const npm = config.kind === 'data' ? config.config.npm : undefined;
  return !(npm === false || (npm && typeof npm === 'object' && (npm as Record<string, unknown>).publish === false));
}
