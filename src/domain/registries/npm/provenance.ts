import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { parseNpmArgs } from '../../commands/npm-cli.js';
import { envBindingIgnoringCase, type EnvBinding } from '../../env.js';
import { hasExpression } from '../../expressions.js';
import { npmrcValue, projectNpmrc } from '../../project/npmrc.js';
import { packageJsonAt, stepPackageJson } from '../../project/package-json.js';
import { yarnrcAt } from '../../project/yarnrc.js';
import type { SourceWord } from '../../run-script.js';
import type { Provenance } from '../types.js';
import type { NpmTool } from './detect.js';

/**
 * Provenance signals for a publish, strongest first: a flag on the command, `NPM_CONFIG_PROVENANCE`
 * in env (any case, any level), then the project's `publishConfig.provenance` or `.npmrc`
 * (Yarn Berry: `YARN_NPM_PUBLISH_PROVENANCE` and `.yarnrc.yml` `npmPublishProvenance`).
 */
export function provenanceOf(
  context: Analysis,
  step: StepNode,
  tool: NpmTool,
  args: readonly string[],
  argWords: readonly SourceWord[] | undefined,
  directory?: string,
): Provenance {
  if (tool === 'npm') {
    // npm's own parse: `--provenance false` and `--no-provenance` are read as npm reads them.
    const parsed = parseNpmArgs(args, 1);
    const flag = parsed.config.get('provenance');
    const file = parsed.config.get('provenance-file');
    const chosen = flag && file ? (flag.index > file.index ? flag : file) : (flag ?? file);
    if (chosen) {
      const at = argWords?.[chosen.index]?.span;
      const enabled = chosen === file || chosen.value === true || chosen.value === 'true';
      return { state: enabled ? 'enabled' : 'disabled', source: 'flag', ...(at ? { at } : {}) };
    }
  } else for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const at = argWords?.[i]?.span;
    const located = at ? { at } : {};
    if (arg === '--provenance' || arg === '--provenance=true') return { state: 'enabled', source: 'flag', ...located };
    if (arg === '--provenance=false' || arg === '--no-provenance') return { state: 'disabled', source: 'flag', ...located };
    if (arg === '--provenance-file' || arg.startsWith('--provenance-file=')) return { state: 'enabled', source: 'flag', ...located };
  }
  // Yarn Berry reads its own setting; every other tool reads npm's config.
  const binding = envBindingIgnoringCase(context, step, tool === 'yarn-berry' ? 'YARN_NPM_PUBLISH_PROVENANCE' : 'NPM_CONFIG_PROVENANCE');
  if (binding) {
    const value = binding.entry.value;
    if (value.type !== 'scalar' || hasExpression(value.text)) return { state: 'unknown' };
    const text = value.text.trim().toLowerCase();
    return { state: text === 'true' || text === '1' ? 'enabled' : 'disabled', at: binding.entry, source: 'env' };
  }
  const manifest = directory !== undefined ? packageJsonAt(context, directory) : stepPackageJson(context, step);
  const configured = manifest?.publishConfig?.provenance;
  if (typeof configured === 'boolean') return { state: configured ? 'enabled' : 'disabled', source: 'project' };
  if (tool !== 'yarn-berry') {
    const line = npmrcValue(projectNpmrc(context), 'provenance');
    return line === undefined ? { state: 'unset' } : { state: line === 'true' ? 'enabled' : 'disabled', source: 'project' };
  }
  const yarnSetting = yarnrcAt(context, '')?.npmPublishProvenance;
  if (yarnSetting !== undefined) return { state: yarnSetting.trim() === 'true' ? 'enabled' : 'disabled', source: 'project' };
  return { state: 'unset' };
}

/**
 * The env binding that switches npm (or Yarn Berry) provenance on for a step, with a literal
 * `true`/`1`: whatever publishes there signs with the job's OIDC identity. Undefined otherwise.
 */
export function provenanceRequestedByEnv(context: Analysis, step: StepNode): EnvBinding | undefined {
  for (const name of ['NPM_CONFIG_PROVENANCE', 'YARN_NPM_PUBLISH_PROVENANCE']) {
    const binding = envBindingIgnoringCase(context, step, name);
    if (binding?.entry.value.type === 'scalar' && /^\s*(?:true|1)\s*$/i.test(binding.entry.value.text)) return binding;
  }
  return undefined;
}
