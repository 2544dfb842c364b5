import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { envBinding, envBindingIgnoringCase } from '../../env.js';
import { commandName } from '../../commands/launchers.js';
import { parseNpmArgs } from '../../commands/npm-cli.js';
import { hasExpression, valueOrigin } from '../../expressions.js';
import { npmrcValue, projectNpmrc } from '../../project/npmrc.js';
import { packageJsonAt, stepPackageJson } from '../../project/package-json.js';
import { inputText, lastActionBefore } from '../../steps.js';
import type { PublishTarget } from '../types.js';
import { tokenChannel, type NpmSettings } from './credentials.js';
import { NPMJS_HOSTS, registryAuthority } from './hosts.js';

/**
 * The target a registry URL names. An expression makes it unknown, except inside the userinfo
 * (`https://ci:${{ secrets.T }}@registry.npmjs.org/`): the credentials, not the host.
 */
function targetFromUrl(url: string, source: PublishTarget['source']): PublishTarget {
  const authority = registryAuthority(url);
  const rest = authority?.userinfo === undefined ? url : url.replace(`${authority.userinfo}@`, '');
  if (hasExpression(rest)) return { official: undefined, source };
  return { url, official: authority === undefined ? undefined : NPMJS_HOSTS.includes(authority.host), source };
}

export function targetFromInput(url: string): PublishTarget {
  return targetFromUrl(url, 'input');
}

export const DEFAULT_TARGET: PublishTarget = { url: 'https://registry.npmjs.org/', official: true, source: 'default' };

/**
 * Which registry a publish goes to: `--registry`, env, setup-node's `registry-url`, the project's
 * config, the default. `directory` is the package it runs in when a script or workspace decides it.
 */
export function publishTarget(context: Analysis, step: StepNode, args: readonly string[], directory?: string): PublishTarget {
  if (commandName(args[0]) === 'npm') {
    // npm's own parse: `--reg URL`, `--registry=URL`, and a `--registry` anywhere on the line.
    const registry = parseNpmArgs(args, 1).config.get('registry')?.value;
    if (typeof registry === 'string') return targetFromUrl(registry, 'flag');
  } else for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--registry' && args[i + 1]) return targetFromUrl(args[i + 1]!, 'flag');
    if (arg.startsWith('--registry=')) return targetFromUrl(arg.slice('--registry='.length), 'flag');
  }
  const fromEnv = envBindingIgnoringCase(context, step, 'npm_config_registry');
  if (fromEnv && fromEnv.entry.value.type === 'scalar') return targetFromUrl(fromEnv.entry.value.text, 'env');
  const setupNode = lastActionBefore(step, 'actions/setup-node');
  const registryUrl = setupNode ? inputText(setupNode, 'registry-url') : undefined;
  if (registryUrl) return targetFromUrl(registryUrl, 'setup-node');
  const fromProject = projectTarget(context, step, directory);
  if (fromProject) return fromProject;
  // `NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}` is GitHub Packages' documented setup: the registry
  // is then configured somewhere we cannot see, so it is unknown rather than registry.npmjs.org.
  const settings = context.settings as NpmSettings;
  for (const block of [step.env, step.parent.kind === 'job' ? step.parent.env : undefined, step.parent.kind === 'job' ? step.parent.workflow.env : undefined]) {
    if (!block) continue;
    // Found once per env block, so asking for every step stays linear in the workflow's size.
    const names = context.facts.memo('npm-github-token-names', block, () =>
      [...block.vars].filter(([name, entry]) => tokenChannel(name, settings) !== undefined && entry.value.type === 'scalar' && valueOrigin(entry.value.text).origin === 'github-token').map(([name]) => name),
    );
    if (names.some((name) => envBinding(step, name)?.entry === block.vars.get(name))) return { official: undefined, source: 'default' };
  }
  return DEFAULT_TARGET;
}

/** `publishConfig.registry` in package.json, or an unscoped `registry=` in a committed .npmrc. */
function projectTarget(context: Analysis, step: StepNode, directory: string | undefined): PublishTarget | undefined {
  const manifest = directory !== undefined ? packageJsonAt(context, directory) : stepPackageJson(context, step);
  const registry = manifest?.publishConfig?.registry;
  if (typeof registry === 'string') return targetFromUrl(registry, 'project');
  const line = npmrcValue(projectNpmrc(context), 'registry');
  return line === undefined ? undefined : targetFromUrl(line, 'project');
}
