/**
 * JSR as a registry module: `deno publish` and the npm `jsr` CLI (`npx jsr publish`, `pnpm dlx`,
 * `yarn dlx`, `bunx`), which runs `deno publish` with the same arguments. Both do the OIDC exchange
 * themselves on GitHub Actions when the job has `id-token: write` and the package is linked to the
 * repository on jsr.io; `--token` makes them publish with the token instead (and without
 * provenance). Sources: notes/registries.md §5 (jsr `frontend/docs/publishing-packages.md`,
 * jsr-npm `src/bin.ts`, `src/commands.ts`; docs.deno.com `deno publish`).
 */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { commandName, javascriptLauncher } from '../../commands/launchers.js';
import { runCommands } from '../../run-script.js';
import { envValue, flagCredential, hasFlag, optionValue, targetFromUrl } from '../shared.js';
import type { Credential, PublishSite, PublishTarget, RegistryModule } from '../types.js';
import { isJsrToken, JSR_TOKEN_ENV_NAMES, JSR_TOKEN_FORMATS } from './tokens.js';

export const JSR_HOSTS: readonly string[] = ['jsr.io'];

const DEFAULT: PublishTarget = { url: 'https://jsr.io', official: true, source: 'default' };

/** `deno publish` or `<launcher> jsr publish`, not a dry run: the tool and the index of its name. */
function detect(words: readonly string[]): { tool: 'deno' | 'jsr'; at: number } | undefined {
  if (commandName(words[0]) === 'deno') return words[1] === 'publish' && !hasFlag(words, '--dry-run') ? { tool: 'deno', at: 0 } : undefined;
  const launcher = javascriptLauncher(words, 0);
  const at = launcher ? launcher.skip : 0;
  if (launcher && words[at]?.startsWith('-')) return undefined;
  if (!/^jsr(?:@[^\s]+)?$/.test(words[at] ?? '') || words[at + 1] !== 'publish' || hasFlag(words, '--dry-run')) return undefined;
  return { tool: 'jsr', at };
}

/** The npm `jsr` CLI publishes to `JSR_URL` when set (jsr-npm `src/bin.ts`); `deno publish` to jsr.io. */
function jsrTarget(step: StepNode, tool: 'deno' | 'jsr'): PublishTarget {
  if (tool !== 'jsr') return DEFAULT;
  const url = envValue(step, 'JSR_URL');
  if (url === 'expression') return { official: undefined, source: 'env' };
  return url === undefined ? DEFAULT : targetFromUrl(url, JSR_HOSTS, 'env');
}

function sitesOfStep(context: Analysis, step: StepNode): PublishSite[] {
  if (step.uses) return [];
  const found: PublishSite[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const detected = detect(words);
    if (!detected) continue;
    found.push({
      registry: 'jsr',
      tool: detected.tool,
      toolName: detected.tool === 'deno' ? '`deno publish`' : '`jsr publish`',
      step,
      span: command.span,
      via: 'run',
      command,
      args: words.slice(detected.at),
      chain: [],
      target: jsrTarget(step, detected.tool),
      provenance: { state: hasFlag(words, '--no-provenance') ? 'disabled' : 'unset' },
      oidc: 'capable',
    });
  }
  return found;
}

/** `--token`, inline or through a variable bound to a secret: the only way the CLIs take a token. */
function visible(context: Analysis, site: PublishSite): readonly Credential[] {
  return context.facts.memo('jsr-visible-credentials', site, () => {
    if (!site.command || site.inAction) return [];
    const words = site.command.words;
    const flag = flagCredential(site.step, 'jsr', optionValue(words, ['--token'], words.length - site.args.length), '--token', site.tool, isJsrToken);
    return flag ? [flag] : [];
  });
}

export const jsrRegistry: RegistryModule = {
  id: 'jsr',
  name: 'JSR',
  hosts: JSR_HOSTS,
  tokenEnvNames: JSR_TOKEN_ENV_NAMES,
  commands: ['deno', 'jsr'],
  actions: [],
  oidc: '`deno publish` and `npx jsr publish` exchange the job\'s OIDC token themselves when the package is linked to the repository on jsr.io',
  tokenFormats: JSR_TOKEN_FORMATS,
  settingsSchema: {},
  sitesOfStep,
  visibleCredentials: visible,
  credentialsFor: visible,
};
