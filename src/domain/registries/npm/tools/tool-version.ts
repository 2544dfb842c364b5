/** The version of a publishing tool, from the places a workflow or project pins it. */
import type { StepNode } from '../../../../engine/ast.js';
import { actionVersion, parseVersionTag, type ActionVersion } from '../../../action-version.js';
import type { Analysis } from '../../../context.js';
import { declaredDependency, packageJsonsOf } from '../../../project/package-json.js';
import { runCommands } from '../../../run-script.js';
import { toRange } from '../../../semver-range.js';
import { stepsOf } from '../../../steps.js';

export interface ToolVersion {
  /** Versions the tool may be; undefined when unknown. */
  readonly range?: string;
  /** Where it was read, for messages (`packageManager`, `pnpm/action-setup`, `@v3`). */
  readonly from?: string;
}

export const UNKNOWN_TOOL: ToolVersion = {};

/** `v3`, `v4.0.1`, `4.1.0` → range; branches, SHAs and prerelease tags → undefined. */
export function refRange(ref: string | undefined): string | undefined {
  const version = ref === undefined ? undefined : parseVersionTag(ref, 'ref');
  return version ? versionRange(version) : undefined;
}

/** The releases an action version may be: `v3` any 3.x, `v4.0` any 4.0.x, `v4.0.1` exactly that. */
function versionRange(version: ActionVersion): string | undefined {
  if (version.prerelease !== undefined) return undefined;
  const { major, minor, patch } = version;
  return toRange(patch !== undefined ? `${major}.${minor}.${patch}` : minor !== undefined ? `${major}.${minor}` : `${major}`);
}

/** The version of a `uses:` action from its tag, or from the `# vX.Y.Z` comment after a SHA pin. */
export function actionRefVersion(step: StepNode): ToolVersion {
  const uses = step.uses;
  const version = uses ? actionVersion(uses) : undefined;
  const range = version ? versionRange(version) : undefined;
  if (!uses || !version || !range) return UNKNOWN_TOOL;
  return {
    range,
    from: version.source === 'ref' ? `\`${uses.scalar.text.trim()}\`` : `\`${uses.name}@${uses.ref?.slice(0, 7)}… # ${uses.refComment}\``,
  };
}

/** The words of every `npm … -g …` command of a step: global installs, found once per step and run. */
function globalNpmCommands(context: Analysis, step: StepNode): readonly (readonly string[])[] {
  return context.facts.memo('npm-global-commands', step, () =>
    runCommands(context, step)
      .map((command) => command.words.map((word) => word.value))
      .filter((words) => words[0] === 'npm' && words.some((word) => word === '-g' || word === '--global' || word === '--location=global')),
  );
}

/** Global installs of a package earlier in the job (`npm i -g pnpm@10`), newest last: the specs after `name@`. */
export function globalInstalls(context: Analysis, step: StepNode, name: string): string[] {
  const specs: string[] = [];
  for (const candidate of stepsOf(step.parent)) {
    if (candidate.index >= step.index) break;
    for (const words of globalNpmCommands(context, candidate)) {
      for (const word of words) if (word === name || word.startsWith(`${name}@`)) specs.push(word.slice(name.length + 1));
    }
  }
  return specs;
}

export function withFrom(range: string | undefined, from: string): ToolVersion {
  return range ? { range, from } : UNKNOWN_TOOL;
}

/** A declared dependency across the step's package.json files (working directory first, then the root). */
export function dependencyVersion(context: Analysis, step: StepNode, name: string): ToolVersion | undefined {
  for (const manifest of packageJsonsOf(context, step)) {
    const spec = declaredDependency(manifest, name);
    if (spec === undefined) continue;
    // `workspace:`, `npm:`, git and file specs say nothing about the version.
    const range = toRange(spec);
    return range ? { range, from: `\`"${name}": "${spec}"\` in package.json` } : UNKNOWN_TOOL;
  }
  return undefined;
}

/** The `packageManager` of the step's nearest package.json that declares one. */
export function packageManagerOf(context: Analysis, step: StepNode): { name: string; range?: string; spec: string } | undefined {
  for (const manifest of packageJsonsOf(context, step)) {
    const manager = manifest.packageManager;
    if (!manager) continue;
    const range = toRange(manager.version);
    return { name: manager.name, spec: manager.spec, ...(range ? { range } : {}) };
  }
  return undefined;
}
