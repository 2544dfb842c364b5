/** pnpm's and Yarn's versions, from what the workflow and the project pin. */
import type { StepNode } from '../../../../engine/ast.js';
import type { Analysis } from '../../../context.js';
import { packageJsonsOf } from '../../../project/package-json.js';
import { stepDirectories } from '../../../project/paths.js';
import { hasYarnrc, yarnrcAt } from '../../../project/yarnrc.js';
import { compareRange, toRange, union } from '../../../semver-range.js';
import { inputText, lastActionBefore } from '../../../steps.js';
import { globalInstalls, packageManagerOf, UNKNOWN_TOOL, withFrom, type ToolVersion } from './tool-version.js';

/**
 * pnpm's version: `npx pnpm@X`, `pnpm/action-setup` `version:`, a global install, `packageManager`.
 * pnpm/action-setup refuses a `version:` that disagrees with `packageManager`, and pnpm ≥ 9.7 switches
 * to the `packageManager` version itself, so all the sources present must agree.
 */
export function pnpmVersion(context: Analysis, step: StepNode, versionSpec?: string): ToolVersion {
  if (versionSpec !== undefined) return withFrom(pnpmSpec(versionSpec), `\`pnpm@${versionSpec}\``);
  const candidates: Array<string | undefined> = [];
  const from: string[] = [];
  const setup = lastActionBefore(step, 'pnpm/action-setup');
  const setupVersion = setup ? inputText(setup, 'version') : undefined;
  if (setupVersion?.trim()) {
    candidates.push(pnpmSpec(setupVersion));
    from.push(`pnpm/action-setup \`version: ${setupVersion.trim()}\``);
  }
  for (const spec of globalInstalls(context, step, 'pnpm')) {
    candidates.push(pnpmSpec(spec));
    from.push(`\`npm install -g pnpm@${spec}\``);
  }
  const manager = packageManagerOf(context, step);
  if (manager?.name === 'pnpm') {
    candidates.push(manager.range);
    from.push(`\`"packageManager": "${manager.spec}"\``);
  }
  if (candidates.length === 0) return UNKNOWN_TOOL;
  return withFrom(union(candidates), from.join(' and '));
}

function pnpmSpec(spec: string): string | undefined {
  const text = spec.trim().toLowerCase();
  // pnpm 11.0.0 was released 2026-04-28: `latest` has been 11 or later since.
  if (text === 'latest' || text === '' || text === '*') return '>=11.0.0';
  return toRange(text);
}

/** Yarn's version from `packageManager` and `.yarnrc.yml` `yarnPath` (which wins when both exist; they must agree). */
export function yarnVersion(context: Analysis, step: StepNode): ToolVersion & { berry?: boolean } {
  const candidates: Array<string | undefined> = [];
  const from: string[] = [];
  const manager = packageManagerOf(context, step);
  if (manager?.name === 'yarn') {
    candidates.push(manager.range);
    from.push(`\`"packageManager": "${manager.spec}"\``);
  }
  const directory = stepDirectories(step).find((candidate) => hasYarnrc(context, candidate));
  if (directory !== undefined) {
    const yarnPath = yarnrcAt(context, directory)?.yarnPath?.trim();
    if (yarnPath) {
      const version = /yarn-(\d+\.\d+\.\d+)\.c?js$/.exec(yarnPath)?.[1];
      candidates.push(version ? toRange(version) : undefined);
      from.push(`\`yarnPath: ${yarnPath}\``);
    }
  }
  const yarnManager = manager?.name === 'yarn' ? manager : undefined;
  const berry = yarnManager?.range !== undefined ? compareRange(yarnManager.range, '2.0.0') === 'at-least' : directory !== undefined ? true : undefined;
  if (candidates.length === 0) return berry === undefined ? UNKNOWN_TOOL : { berry };
  const range = union(candidates);
  return { ...(range ? { range, from: from.join(' and ') } : {}), ...(berry !== undefined ? { berry } : {}) };
}

/** Whether the repository's Yarn is Yarn 1 for certain (no Berry config, no `packageManager` naming Yarn 2+). */
export function isYarnClassic(context: Analysis, step: StepNode): boolean | undefined {
  if (packageJsonsOf(context, step).length === 0) return undefined;
  const manager = packageManagerOf(context, step);
  if (manager && manager.name !== 'yarn') return undefined;
  if (manager) return compareRange(manager.range, '2.0.0') === 'below' ? true : undefined;
  return stepDirectories(step).some((directory) => hasYarnrc(context, directory)) ? false : true;
}
