import type { StepNode } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { packageJsonsOf, type PackageJson } from '../project/package-json.js';
import { scriptCall, type ScriptCall } from './package-scripts.js';

/** A package.json script a command runs, resolved: its name, its command line, and the file it is in. */
export interface ResolvedScript extends ScriptCall {
  readonly name: string;
  readonly body: string;
  readonly packageJson: PackageJson;
}

/**
 * The package.json script a step's command runs (`npm run release`, `pnpm release`), read from the
 * package.json of the step's working directory, else the root's. Undefined when the command runs
 * no script, or the script is not there (then what it runs is unknown).
 */
export function packageScript(context: Analysis, step: StepNode, words: readonly string[]): ResolvedScript | undefined {
  const call = scriptCall(words);
  if (!call) return undefined;
  const packageJson = packageJsonsOf(context, step)[0];
  const body = packageJson?.scripts.get(call.script);
  return packageJson && body !== undefined ? { ...call, name: call.script, body, packageJson } : undefined;
}
