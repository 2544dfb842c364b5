import type { StepNode } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { nearestPackageJson, type PackageJson } from '../project/package-json.js';
import { stepDirectory } from '../project/paths.js';
import { scriptCall, type ScriptCall } from './package-scripts.js';

/** A package.json script a command runs, resolved: its name, its command line, and the file it is in. */
export interface ResolvedScript extends ScriptCall {
  readonly name: string;
  readonly body: string;
  readonly packageJson: PackageJson;
}

/**
 * The package.json script a step's command runs in the step's own package (`npm run release`,
 * `pnpm release`): one level, for questions about the script's text. Undefined when the command runs
 * no script, or the script is not there (then what it runs is unknown). `expandCommand` follows
 * scripts all the way, through workspaces and nested scripts.
 */
export function packageScript(context: Analysis, step: StepNode, words: readonly string[]): ResolvedScript | undefined {
  const call = scriptCall(words);
  const directory = stepDirectory(step);
  if (!call || directory === undefined) return undefined;
  const packageJson = nearestPackageJson(context, directory);
  const body = packageJson?.scripts.get(call.script);
  return packageJson && body !== undefined ? { ...call, name: call.script, body, packageJson } : undefined;
}
