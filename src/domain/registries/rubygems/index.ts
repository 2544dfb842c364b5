/**
 * RubyGems as a registry module: `gem push` (also `bundle exec gem push`), Bundler's `rake release`
 * and `rake release:rubygem_push` (also through `bundle exec`), `rubygems/release-gem`, their key
 * channels, and `rubygems/configure-rubygems-credentials`, which exchanges the job's OIDC token for
 * a short-lived rubygems.org key when it is given no `api-token`. `gem` itself has no OIDC code.
 * Sources: notes/registries.md §2 (rubygems `lib/rubygems/gemcutter_utilities.rb`, bundler
 * `lib/bundler/gem_helper.rb`, configure-rubygems-credentials `action.yml` and `src/main.ts`,
 * release-gem `action.yml`); zizmor `use_trusted_publishing.rs` (`KNOWN_RUBY_TP_INDICES`).
 */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { commandName } from '../../commands/launchers.js';
import { hasExpression } from '../../expressions.js';
import { joinPath, normalizeDirectory, stepDirectories } from '../../project/paths.js';
import { runCommands, type RunCommand } from '../../run-script.js';
import { inputEntry, inputText, stepsOf } from '../../steps.js';
import { envCredentials, envValue, inputCredential, optionValue, secretsInText, targetFromUrl, writtenText } from '../shared.js';
import type { Credential, OidcExchange, PublishSite, PublishTarget, RegistryModule } from '../types.js';
import { isRubygemsToken, RUBYGEMS_TOKEN_ENV_NAMES, RUBYGEMS_TOKEN_FORMATS } from './tokens.js';

/** The one host with trusted publishing (zizmor `KNOWN_RUBY_TP_INDICES = ["https://rubygems.org"]`). */
export const RUBYGEMS_HOSTS: readonly string[] = ['rubygems.org'];

export type RubygemsTool = 'gem' | 'rake' | 'release-gem';

const TOOL_NAMES: Readonly<Record<RubygemsTool, string>> = { gem: '`gem push`', rake: '`rake release`', 'release-gem': '`rubygems/release-gem`' };

const DEFAULT: PublishTarget = { url: 'https://rubygems.org', official: true, source: 'default' };

/** Bundler's `gem_push=no` (`n`, `no`, `nil`, `false`, `off`, `0`) skips the push of `rake release` (`gem_helper.rb` `gem_push?`). */
const NO_PUSH = /^(?:n|no|nil|false|off|0)$/i;

/** The words after `bundle exec`, else the words. */
function unbundled(words: readonly string[]): { words: readonly string[]; offset: number } {
  return commandName(words[0]) === 'bundle' && words[1] === 'exec' ? { words: words.slice(2), offset: 2 } : { words, offset: 0 };
}

/** `gem push`, or a Bundler release task that pushes, in a command. */
export function detectRubygemsPublish(command: RunCommand, step: StepNode): { tool: RubygemsTool; offset: number } | undefined {
  const { words, offset } = unbundled(command.words.map((word) => word.value));
  const name = commandName(words[0]);
  if (name === 'gem') return words.slice(1).find((word) => !word.startsWith('-')) === 'push' ? { tool: 'gem', offset } : undefined;
  if (name !== 'rake') return undefined;
  if (!words.slice(1).some((word) => /^release(?:\[[^\]]*\])?$/.test(word) || word === 'release:rubygem_push')) return undefined;
  const assigned = command.assignments.find((word) => word.value.startsWith('gem_push='))?.value.slice('gem_push='.length);
  const fromEnv = envValue(step, 'gem_push');
  const value = assigned ?? (fromEnv === undefined ? undefined : fromEnv);
  if (value !== undefined && (value === 'expression' || hasExpression(value) || NO_PUSH.test(value.trim()))) return undefined;
  return { tool: 'rake', offset };
}

const PUSH_HOST = /allowed_push_host['"]?\s*\]?\s*(?:=>|=|:)\s*(['"])([^'"\n]*)\1/;

/**
 * The `allowed_push_host` of the gemspecs in the directories a push runs in (`gem push` and
 * `rake release` push there): rubygems.org, another server, or unknown (computed, not a URL, two
 * gemspecs that disagree). Without gemspecs in view (one file linted alone) the default stands.
 */
function gemspecTarget(context: Analysis, directories: readonly string[]): PublishTarget {
  const targets: PublishTarget[] = [];
  for (const directory of directories) {
    for (const entry of context.project.list(directory) ?? []) {
      if (entry.directory || !entry.name.endsWith('.gemspec')) continue;
      const text = (context.project.text(joinPath(directory, entry.name)) ?? '').replace(/^\s*#.*$/gm, '');
      if (!text.includes('allowed_push_host')) continue;
      const match = PUSH_HOST.exec(text);
      const url = match?.[2]?.trim();
      targets.push(url && /^https?:\/\//i.test(url) ? targetFromUrl(url, RUBYGEMS_HOSTS, 'project') : { official: undefined, source: 'project' });
    }
    if (targets.length > 0) break;
  }
  if (targets.length === 0) return DEFAULT;
  const [first] = targets;
  return targets.every((target) => target.official === first!.official) ? first! : { official: undefined, source: 'project' };
}

/** Where a push goes: `--host`, else `RUBYGEMS_HOST`, else the gemspec's `allowed_push_host`, else rubygems.org. */
function pushTarget(context: Analysis, step: StepNode, command: RunCommand, tool: RubygemsTool, offset: number): PublishTarget {
  const host = tool === 'gem' ? optionValue(command.words.slice(offset), ['--host']) : undefined;
  if (host) return targetFromUrl(host.value, RUBYGEMS_HOSTS, 'flag');
  const fromEnv = envValue(step, 'RUBYGEMS_HOST');
  if (fromEnv === 'expression') return { official: undefined, source: 'env' };
  return fromEnv !== undefined ? targetFromUrl(fromEnv, RUBYGEMS_HOSTS, 'env') : gemspecTarget(context, stepDirectories(step));
}

/** `setup-trusted-publisher` of release-gem: on unless written `false` (the action compares the string with `true` since aa5bde7). */
function trustedPublisherSetting(step: StepNode): 'on' | 'off' | 'unknown' {
  const text = inputText(step, 'setup-trusted-publisher')?.trim();
  if (text === undefined) return 'on';
  if (hasExpression(text)) return 'unknown';
  return text === 'true' ? 'on' : 'off';
}

function sitesOfStep(context: Analysis, step: StepNode): PublishSite[] {
  const uses = step.uses;
  if (uses) {
    if (uses.kind !== 'repository' || uses.name !== 'rubygems/release-gem') return [];
    const setting = trustedPublisherSetting(step);
    const directory = normalizeDirectory(inputText(step, 'working-directory'));
    const target = directory === undefined ? { official: undefined, source: 'input' as const } : gemspecTarget(context, directory === '' ? [''] : [directory, '']);
    return [
      {
        registry: 'rubygems', tool: 'release-gem', toolName: TOOL_NAMES['release-gem'], step, span: uses.scalar.span, via: 'uses', args: [], chain: [],
        target, provenance: { state: 'unset' }, oidc: setting === 'off' ? 'never' : 'capable',
        // Its trusted-publisher step calls `core.getIDToken`: without `id-token: write` the release fails.
        ...(setting === 'on' ? { oidcOnly: uses.scalar.span } : {}),
      },
    ];
  }
  const found: PublishSite[] = [];
  for (const command of runCommands(context, step)) {
    const detected = detectRubygemsPublish(command, step);
    if (!detected) continue;
    found.push({
      registry: 'rubygems',
      tool: detected.tool,
      toolName: TOOL_NAMES[detected.tool],
      step,
      span: command.span,
      via: 'run',
      command,
      args: command.words.slice(detected.offset).map((word) => word.value),
      chain: [],
      target: pushTarget(context, step, command, detected.tool, detected.offset),
      provenance: { state: 'unset' },
      oidc: 'never',
    });
  }
  return found;
}

/** configure-rubygems-credentials: its `gem-server` is rubygems.org (the default), or not known. */
function configuresRubygemsOrg(step: StepNode): boolean | undefined {
  const server = inputText(step, 'gem-server');
  return server === undefined ? true : targetFromUrl(server, RUBYGEMS_HOSTS, 'input').official;
}

/** `rubygems/configure-rubygems-credentials` with `api-token` from a stored secret, for rubygems.org: it writes `~/.gem/credentials` and exports `GEM_HOST_API_KEY`. */
function configuredCredentials(_context: Analysis, step: StepNode): readonly Credential[] {
  if (step.uses?.kind !== 'repository' || step.uses.name !== 'rubygems/configure-rubygems-credentials') return [];
  if (configuresRubygemsOrg(step) !== true) return [];
  const input = inputCredential(step, 'rubygems', 'api-token', 'gem');
  return input ? [input] : [];
}

/** Keys a `run:` step writes into `~/.gem/credentials` (`echo`, `printf`, a heredoc, `tee`). */
function configWrites(context: Analysis, step: StepNode): Credential[] {
  const writes: Credential[] = [];
  const commands = runCommands(context, step);
  commands.forEach((command, index) => {
    const text = writtenText(commands, index, /\.gem\/credentials$/);
    const secrets = text === undefined ? [] : secretsInText(step, text);
    if (secrets.length > 0) writes.push({ registry: 'rubygems', kind: 'config-write', name: '~/.gem/credentials', secrets, at: command.span, step, channel: 'gem' });
  });
  return writes;
}

/** `gem push` reads `GEM_HOST_API_KEY` first; `RUBYGEMS_API_KEY` is only exported for other tools (notes/registries.md §2.2). */
const envChannel = (name: string) => (name.toUpperCase() === 'GEM_HOST_API_KEY' ? 'gem' : name.toUpperCase() === 'RUBYGEMS_API_KEY' ? 'env-only' : undefined);

function visible(context: Analysis, site: PublishSite): readonly Credential[] {
  return context.facts.memo('rubygems-visible-credentials', site, () => {
    const step = site.step;
    // release-gem with its trusted publisher exports the exchanged key to `GITHUB_ENV`, which wins over job and workflow env;
    // a key in the calling step's own `env` is taken to win over it, as step env does (not verified at run time).
    const trusted = site.tool === 'release-gem' && site.oidc === 'capable';
    const found: Credential[] = envCredentials(context, step, 'rubygems', envChannel, { isToken: isRubygemsToken }).map((credential) =>
      trusted && credential.level !== 'step' ? { ...credential, precedence: 'after-oidc' as const } : credential,
    );
    if (!site.inAction) {
      for (const other of stepsOf(step.parent)) {
        if (other.index >= step.index) break;
        for (const credential of [...configuredCredentials(context, other), ...configWrites(context, other)]) found.push(trusted ? { ...credential, precedence: 'after-oidc' } : credential);
      }
      if (site.via === 'run') found.push(...configWrites(context, step).filter((write) => (write.at as { start: number }).start < site.span.start));
    }
    return found;
  });
}

function credentialsFor(context: Analysis, site: PublishSite): readonly Credential[] {
  return visible(context, site).filter((credential) => credential.channel === 'gem');
}

/** configure-rubygems-credentials without `api-token`, for rubygems.org: the trusted-publisher (or `role-to-assume`) exchange. */
function oidcExchangeOfStep(_context: Analysis, step: StepNode): OidcExchange | undefined {
  const uses = step.uses;
  if (uses?.kind !== 'repository' || uses.name !== 'rubygems/configure-rubygems-credentials') return undefined;
  if (inputEntry(step, 'api-token') !== undefined || configuresRubygemsOrg(step) !== true) return undefined;
  const trusted = inputText(step, 'trusted-publisher')?.trim();
  if (trusted !== undefined && trusted !== 'true' && inputEntry(step, 'role-to-assume') === undefined) return undefined;
  return { registry: 'rubygems', step, span: uses.scalar.span, what: '`rubygems/configure-rubygems-credentials`' };
}

export const rubygemsRegistry: RegistryModule = {
  id: 'rubygems',
  name: 'RubyGems',
  hosts: RUBYGEMS_HOSTS,
  tokenEnvNames: RUBYGEMS_TOKEN_ENV_NAMES,
  commands: ['gem', 'rake', 'bundle'],
  actions: ['rubygems/release-gem', 'rubygems/configure-rubygems-credentials'],
  oidc: '`rubygems/release-gem` (and `rubygems/configure-rubygems-credentials` without `api-token`) exchange the job\'s OIDC token for a short-lived rubygems.org API key that `gem push` reads',
  tokenFormats: RUBYGEMS_TOKEN_FORMATS,
  settingsSchema: {},
  sitesOfStep,
  visibleCredentials: visible,
  credentialsFor,
  oidcExchangeOfStep,
  configuredCredentials,
};
