/**
 * crates.io as a registry module: `cargo publish` (also `cargo +toolchain publish`),
 * `katyo/publish-crates`, their token channels, and `rust-lang/crates-io-auth-action`, which
 * exchanges the job's OIDC token for a 30-minute crates.io token (cargo cannot do the exchange
 * itself). Sources: notes/registries.md §3 (cargo `src/doc/man/cargo-publish.md`, crates.io
 * `app/templates/docs/trusted-publishing.gjs`, crates-io-auth-action `action.yml`, `src/main.ts`).
 */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { commandName } from '../../commands/launchers.js';
import { joinPath, stepDirectories } from '../../project/paths.js';
import { runCommands } from '../../run-script.js';
import { inputText, stepsOf } from '../../steps.js';
import { envCredentials, envValue, flagCredential, hasFlag, inputCredential, optionValue, secretsInText, targetFromUrl, writtenText } from '../shared.js';
import type { Credential, OidcExchange, PublishSite, PublishTarget, RegistryModule } from '../types.js';
import { CRATES_TOKEN_ENV_NAMES, CRATES_TOKEN_FORMATS, isCratesToken } from './tokens.js';

export const CRATES_HOSTS: readonly string[] = ['crates.io'];

/** The index of crates.io, as `--index` spells it (git and sparse). */
const CRATES_INDEX_HOSTS: readonly string[] = ['index.crates.io'];
const CRATES_GIT_INDEX = /^(?:https:\/\/github\.com\/rust-lang\/crates\.io-index(?:\.git)?\/?)$/i;

const DEFAULT: PublishTarget = { url: 'https://crates.io', official: true, source: 'default' };

/** A registry named by `--registry` or `CARGO_REGISTRY_DEFAULT`: only `crates-io` is crates.io; any other is an alternative registry. */
function targetFromName(name: string, source: PublishTarget['source']): PublishTarget {
  return name.trim() === 'crates-io' ? { ...DEFAULT, source } : { official: false, source };
}

function cargoTarget(context: Analysis, step: StepNode, words: Parameters<typeof optionValue>[0]): PublishTarget {
  const registry = optionValue(words, ['--registry']);
  if (registry) return registry.value.includes('$') ? { official: undefined, source: 'flag' } : targetFromName(registry.value, 'flag');
  const index = optionValue(words, ['--index']);
  if (index) {
    const url = index.value.replace(/^sparse\+/, '');
    return CRATES_GIT_INDEX.test(url) ? { ...DEFAULT, source: 'flag' } : targetFromUrl(url, CRATES_INDEX_HOSTS, 'flag');
  }
  const fromEnv = envValue(step, 'CARGO_REGISTRY_DEFAULT');
  if (fromEnv === 'expression') return { official: undefined, source: 'env' };
  return fromEnv !== undefined ? targetFromName(fromEnv, 'env') : projectTarget(context, step);
}

/**
 * What the project says, in the step's directory then the root: `registry.default` in
 * `.cargo/config.toml` (or `.cargo/config`), and `package.publish = ["name"]` in `Cargo.toml`
 * (cargo-publish man page: a single entry is the registry it publishes to). A list without
 * `crates-io` means another registry; `crates-io` listed, or nothing said, means crates.io. One
 * linted file alone sees no project files: crates.io.
 */
function projectTarget(context: Analysis, step: StepNode): PublishTarget {
  for (const directory of stepDirectories(step)) {
    for (const config of ['.cargo/config.toml', '.cargo/config']) {
      const text = context.project.text(joinPath(directory, config));
      const registry = text === undefined ? undefined : /^\s*\[registry\][^[]*?^\s*default\s*=\s*["']([^"']+)["']/m.exec(text);
      if (registry) return targetFromName(registry[1]!, 'project');
    }
    const manifest = context.project.text(joinPath(directory, 'Cargo.toml'))?.replace(/#.*$/gm, '');
    const publish = manifest === undefined ? undefined : /^\s*publish\s*=\s*\[([^\]]*)\]/m.exec(manifest);
    if (publish) {
      const names = [...publish[1]!.matchAll(/["']([^"']+)["']/g)].map((match) => match[1]!);
      return names.includes('crates-io') ? { ...DEFAULT, source: 'project' } : { official: false, source: 'project' };
    }
    if (manifest !== undefined) break;
  }
  return DEFAULT;
}

/** `cargo [+toolchain] [options] publish`, not a dry run (`--dry-run`, `-n`). */
function cargoPublishAt(words: readonly string[]): boolean {
  if (commandName(words[0]) !== 'cargo') return false;
  const sub = words.slice(1).find((word) => !word.startsWith('-') && !word.startsWith('+'));
  return sub === 'publish' && !hasFlag(words, '--dry-run', '-n');
}

function sitesOfStep(context: Analysis, step: StepNode): PublishSite[] {
  const uses = step.uses;
  if (uses) {
    if (uses.kind !== 'repository' || uses.name !== 'katyo/publish-crates') return [];
    if (/^(true|yes|1)$/i.test(inputText(step, 'dry-run')?.trim() ?? '')) return [];
    return [{ registry: 'crates', tool: 'publish-crates-action', toolName: '`katyo/publish-crates`', step, span: uses.scalar.span, via: 'uses', args: [], chain: [], target: DEFAULT, provenance: { state: 'unset' }, oidc: 'never' }];
  }
  const found: PublishSite[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    if (!cargoPublishAt(words)) continue;
    found.push({
      registry: 'crates',
      tool: 'cargo',
      toolName: '`cargo publish`',
      step,
      span: command.span,
      via: 'run',
      command,
      args: words,
      chain: [],
      target: cargoTarget(context, step, command.words),
      provenance: { state: 'unset' },
      oidc: 'never',
    });
  }
  return found;
}

/** Tokens a step saves for cargo: `cargo login <token>`, or a write into `~/.cargo/credentials(.toml)`. */
function configWrites(context: Analysis, step: StepNode): Credential[] {
  const writes: Credential[] = [];
  const commands = runCommands(context, step);
  commands.forEach((command, index) => {
    const words = command.words.map((word) => word.value);
    if (commandName(words[0]) === 'cargo' && words.slice(1).find((word) => !word.startsWith('-') && !word.startsWith('+')) === 'login') {
      if (optionValue(command.words, ['--registry'])) return;
      const value = command.words.slice(words.indexOf('login') + 1).find((word) => !word.value.startsWith('-'));
      const secrets = value ? secretsInText(step, value.value) : [];
      if (secrets.length > 0) writes.push({ registry: 'crates', kind: 'config-write', name: 'cargo login', secrets, at: command.span, step, channel: 'cargo' });
      return;
    }
    const text = writtenText(commands, index, /\.cargo\/credentials/);
    const secrets = text === undefined ? [] : secretsInText(step, text);
    if (secrets.length > 0) writes.push({ registry: 'crates', kind: 'config-write', name: 'credentials.toml', secrets, at: command.span, step, channel: 'cargo' });
  });
  return writes;
}

function visible(context: Analysis, site: PublishSite): readonly Credential[] {
  return context.facts.memo('crates-visible-credentials', site, () => {
    const step = site.step;
    const found = envCredentials(context, step, 'crates', (name) => (name.toUpperCase() === 'CARGO_REGISTRY_TOKEN' ? 'cargo' : undefined), { isToken: isCratesToken });
    if (site.tool === 'publish-crates-action') {
      const input = inputCredential(step, 'crates', 'registry-token', 'cargo');
      if (input) found.push(input);
    }
    if (site.command && !site.inAction) {
      const flag = flagCredential(step, 'crates', optionValue(site.command.words, ['--token']), '--token', 'cargo', isCratesToken);
      if (flag) found.push(flag);
    }
    if (!site.inAction) {
      for (const other of stepsOf(step.parent)) {
        if (other.index > step.index) break;
        found.push(...configWrites(context, other));
      }
    }
    return found;
  });
}

/** The credentials cargo reads: `--token` wins over `CARGO_REGISTRY_TOKEN` and the credentials file (cargo-publish man page). */
function credentialsFor(context: Analysis, site: PublishSite): readonly Credential[] {
  const flagged = site.command ? optionValue(site.command.words, ['--token']) !== undefined : false;
  return visible(context, site).filter((credential) => !flagged || credential.kind === 'flag');
}

function oidcExchangeOfStep(_context: Analysis, step: StepNode): OidcExchange | undefined {
  const uses = step.uses;
  if (uses?.kind !== 'repository' || uses.name !== 'rust-lang/crates-io-auth-action') return undefined;
  const url = inputText(step, 'url');
  if (url !== undefined && targetFromUrl(url, ['crates.io', 'staging.crates.io'], 'input').official !== true) return undefined;
  return { registry: 'crates', step, span: uses.scalar.span, what: '`rust-lang/crates-io-auth-action`' };
}

export const cratesRegistry: RegistryModule = {
  id: 'crates',
  name: 'crates.io',
  hosts: CRATES_HOSTS,
  tokenEnvNames: CRATES_TOKEN_ENV_NAMES,
  commands: ['cargo'],
  actions: ['katyo/publish-crates', 'rust-lang/crates-io-auth-action'],
  oidc: '`rust-lang/crates-io-auth-action` exchanges the job\'s OIDC token for a 30-minute crates.io token that `cargo publish` reads from `CARGO_REGISTRY_TOKEN`',
  tokenFormats: CRATES_TOKEN_FORMATS,
  settingsSchema: {},
  sitesOfStep,
  visibleCredentials: visible,
  credentialsFor,
  oidcExchangeOfStep,
};
