/**
 * Which program really publishes: `changesets/action` runs its `publish` script, `changeset
 * publish` runs pnpm or npm, pnpm 10 and older run the npm on `PATH`. The npm version and OIDC
 * questions are asked of that program.
 */
import type { Analysis } from '../../../context.js';
import { expandCommand } from '../../../commands/expand.js';
import { hasExpression } from '../../../expressions.js';
import { joinPath, stepDirectories } from '../../../project/paths.js';
import { compareRange } from '../../../semver-range.js';
import { parseShell } from '../../../shell.js';
import { inputText } from '../../../steps.js';
import { detectPublish, type NpmTool } from '../detect.js';
import type { NpmPublish } from '../sites.js';
import { switchesNodeOrNpm } from './node.js';
import { npmSelfUpgrade } from './npm.js';
import { pnpmVersion } from './package-managers.js';
import { OIDC_TOOL_MINIMUMS } from './thresholds.js';
import { actionRefVersion } from './tool-version.js';

/**
 * The tool that `changesets/action` runs: its `publish` (v1) or `publish-script` (v2) input as a command,
 * or the package.json script it names (`pnpm release` → `changeset publish`). Undefined when unknown.
 */
export function changesetsActionTool(context: Analysis, publish: NpmPublish): { tool: NpmTool; versionSpec?: string } | undefined {
  const input = inputText(publish.step, 'publish') ?? inputText(publish.step, 'publish-script');
  if (!input || hasExpression(input)) return undefined;
  const tools = new Set<string>();
  let found: { tool: NpmTool; versionSpec?: string } | undefined;
  for (const command of parseShell(input)) {
    const expansion = expandCommand(context, publish.step, command.words.map((word) => word.value));
    if (expansion.opaque) tools.add('?');
    for (const leaf of expansion.leaves) {
      const detected = detectPublish(leaf.words);
      if (detected) {
        tools.add(detected.tool);
        found = { tool: detected.tool, ...(detected.versionSpec ? { versionSpec: detected.versionSpec } : {}) };
      } else if (npmSelfUpgrade(leaf.words) || switchesNodeOrNpm(leaf.words)) {
        // A script that changes npm or Node before publishing: what publishes is no longer what the job set up.
        tools.add('?');
      }
    }
  }
  // Several publishing tools, or a command we cannot follow: leave it.
  const publishing = [...tools].filter((tool) => tool !== '?');
  return publishing.length === 1 && !tools.has('?') ? found : undefined;
}

/**
 * A publish as the tool that really publishes: for `changesets/action`, the tool its `publish` script runs
 * (`changeset publish`, `npx npm@11 publish`), or undefined when that cannot be followed; others as they are.
 */
export function throughChangesetsAction(context: Analysis, publish: NpmPublish): NpmPublish | undefined {
  if (publish.tool !== 'changesets-action') return publish;
  const inner = changesetsActionTool(context, publish);
  if (!inner || inner.tool === 'changesets-action') return undefined;
  const { versionSpec: _ignored, ...rest } = publish;
  const never = inner.tool === 'bun' || inner.tool === 'yarn-classic';
  return { ...rest, tool: inner.tool, oidc: never ? 'never' : 'capable', ...(inner.versionSpec ? { versionSpec: inner.versionSpec } : {}) };
}

/**
 * The tool `changeset publish` delegates to: pnpm in a pnpm repository, npm when only npm's lockfile
 * is there (Changesets CLI v2 uses npm for Yarn 1 too, v3 Yarn Berry: a yarn.lock leaves it unknown).
 */
function changesetsDelegate(context: Analysis, publish: NpmPublish): 'npm' | 'pnpm' | undefined {
  const directories = stepDirectories(publish.step);
  const has = (file: string) => directories.some((directory) => context.project.exists(joinPath(directory, file)));
  if (has('pnpm-lock.yaml') || has('pnpm-workspace.yaml')) return 'pnpm';
  if (has('package-lock.json') && !has('yarn.lock') && !has('bun.lockb') && !has('bun.lock')) return 'npm';
  return undefined;
}

function pnpmBelow11(context: Analysis, publish: NpmPublish): boolean {
  const spec = publish.tool === 'pnpm' ? publish.versionSpec : undefined;
  return compareRange(pnpmVersion(context, publish.step, spec).range, OIDC_TOOL_MINIMUMS.pnpm.minimum) === 'below';
}

/**
 * Why a publish runs the npm on `PATH` (for messages; `''` for `npm publish` itself), or undefined when it
 * does not, or that cannot be told. semantic-release runs its bundled npm, Lerna ≥ 9 and pnpm ≥ 11
 * exchange the token themselves, and bun and Yarn never run npm.
 */
export function npmOnPath(context: Analysis, publish: NpmPublish): string | undefined {
  switch (publish.tool) {
    case 'npm':
      return '';
    case 'pnpm':
      return pnpmBelow11(context, publish) ? ' (pnpm 10 and older publish through the npm on `PATH`)' : undefined;
    case 'changesets': {
      const delegate = changesetsDelegate(context, publish);
      if (delegate === 'npm') return ' (`changeset publish` runs `npm publish`)';
      if (delegate === 'pnpm' && pnpmBelow11(context, publish)) return ' (`changeset publish` runs `pnpm publish`, and pnpm 10 runs the npm on `PATH`)';
      return undefined;
    }
    case 'release-it':
      return ' (release-it runs `npm publish`)';
    case 'np':
      return ' (np runs `npm publish`)';
    case 'js-devtools-npm-publish':
      // Below 4.1.0 the action cannot publish without a token at all.
      return compareRange(actionRefVersion(publish.step).range, OIDC_TOOL_MINIMUMS['js-devtools-npm-publish'].minimum) === 'below'
        ? undefined
        : ' (`JS-DevTools/npm-publish` runs the npm on `PATH`)';
    default:
      return undefined;
  }
}
