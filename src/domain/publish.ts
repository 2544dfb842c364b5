/**
 * The publish model: which steps publish to an npm registry, to which registry, with which
 * credentials and provenance signals, and whether the job can use OIDC. Every npm rule asks this
 * module; none re-derives these facts. Anything not known for certain is `unknown`, and rules that
 * need it stay silent.
 */
import type { ActionNode, JobNode, Span, StepNode, YamlEntry } from '../engine/ast.js';
import type { ProjectFiles } from '../engine/rule.js';
import type { Settings } from '../engine/settings.js';
import { effectiveEnv, type EnvBinding } from './env.js';
import { hasExpression, valueOrigin } from './expressions.js';
import { effectivePermissions } from './permissions.js';
import { runCommands, type RunCommand, type SourceWord } from './run-script.js';
import { inputEntry, inputText, setupNodeBefore, stepsOf, usesAction } from './setup-node.js';
import { parseShell } from './shell.js';
import { readProjectJson, stepDirectory } from './project-json.js';
import { npmTokenPassedToAction } from './action-token.js';
import { actionVersion } from './action-version.js';

export type PublishTool =
  | 'npm'
  | 'pnpm'
  | 'yarn-berry'
  | 'yarn-classic'
  | 'bun'
  | 'lerna'
  | 'changesets'
  | 'semantic-release'
  | 'release-it'
  | 'np'
  | 'changesets-action'
  | 'js-devtools-npm-publish'
  | 'semantic-release-action';

export const NPMJS_HOSTS = ['registry.npmjs.org', 'registry.yarnpkg.com'];

export interface Registry {
  /** The registry URL, or undefined when it cannot be known (an expression). */
  readonly url?: string;
  /** True for registry.npmjs.org; false for GitHub Packages and private registries; undefined when unknown. */
  readonly isNpmjs: boolean | undefined;
  readonly source: 'flag' | 'env' | 'setup-node' | 'input' | 'project' | 'default';
}

export type ProvenanceState = 'enabled' | 'disabled' | 'unset' | 'unknown';

export interface Provenance {
  readonly state: ProvenanceState;
  /** Where the signal is written, when it is in the workflow. */
  readonly at?: Span | YamlEntry;
  readonly source?: 'flag' | 'env' | 'input' | 'project';
}

export interface PublishCommand {
  readonly step: StepNode;
  readonly tool: PublishTool;
  /** The publish command in the `run:` script, or the `uses:` value: where findings about it point. */
  readonly span: Span;
  readonly via: 'run' | 'uses';
  /** For `run:` publishes, the shell command. */
  readonly command?: RunCommand;
  /** The words from the publishing tool on (`npm publish --provenance`), without `npx` and friends. */
  readonly args: readonly string[];
  /** `npm stage publish`. */
  readonly staged: boolean;
  /** A version spec that overrides the tool's default: `npx npm@11.6 publish` → `11.6`, `npx lerna@9` → `9`. */
  readonly versionSpec?: string;
  /** The `npm run <script>` that led here, when the publish is inside a package.json script. */
  readonly script?: string;
  readonly registry: Registry;
  readonly provenance: Provenance;
}

/** Where a long-lived npm token reaches a job. */
export interface TokenBinding {
  readonly kind: 'env' | 'input' | 'npmrc-write';
  /** The env variable or input name, or the config key written (`_authToken`, `npmAuthToken`). */
  readonly name: string;
  readonly secrets: readonly string[];
  /** The entry that binds the token (env key, `with:` input) or the span of the command that writes it. */
  readonly at: YamlEntry | Span;
  /** The step the binding belongs to (env at step level, input, or the writing step); undefined for job/workflow env. */
  readonly step?: StepNode;
  readonly level?: 'step' | 'job' | 'workflow';
  /** Which tools read it: Yarn Berry reads only its own channel, bun only `NPM_CONFIG_TOKEN`. */
  readonly channel: 'npm' | 'yarn' | 'bun' | 'any';
}

export interface PublishFacts {
  readonly container: JobNode | ActionNode;
  readonly publishes: readonly PublishCommand[];
  /** Publishes whose registry is registry.npmjs.org for certain. */
  readonly npmjsPublishes: readonly PublishCommand[];
  /** `id-token: write` for the job: true, false, or undefined when unknown (composite actions, expressions, called workflows). */
  readonly idToken: boolean | undefined;
  /** An npm token handed to some action's input: it may land in `~/.npmrc` where the workflow cannot show it. */
  readonly tokenInActionInput: YamlEntry | undefined;
  /** Long-lived npm tokens that the publishing tool reads (they authenticate the publish). */
  tokensFor(publish: PublishCommand): readonly TokenBinding[];
  /** Every long-lived npm token visible to the publish step, whichever tool reads it (exposure). */
  visibleTokens(publish: PublishCommand): readonly TokenBinding[];
}

/** Env names npm tools read a token from. Yarn reads its own; bun reads NPM_CONFIG_TOKEN. */
const TOKEN_ENV_CHANNELS: Readonly<Record<string, TokenBinding['channel']>> = {
  NODE_AUTH_TOKEN: 'npm',
  NPM_TOKEN: 'any',
  NPM_AUTH_TOKEN: 'npm',
  YARN_NPM_AUTH_TOKEN: 'yarn',
  NPM_CONFIG_TOKEN: 'bun',
  NPM_CONFIG__AUTHTOKEN: 'npm',
};
/** Looks like an npm token name (`NPM_PUBLISH_TOKEN`, `NPMJS_TOKEN`): a committed .npmrc may reference it. */
const TOKEN_NAME_HEURISTIC = /(^|_)(NPM|NODE_AUTH|NPMJS|YARN_NPM)(_|$)/i;
const TOKEN_WORD = /(TOKEN|AUTH|KEY|SECRET)/i;
/** An OIDC ID token (GitLab/CircleCI convention): a short-lived credential, never a long-lived token. */
const NOT_TOKENS = new Set(['NPM_ID_TOKEN']);

export function tokenChannel(name: string, settings: Settings): TokenBinding['channel'] | undefined {
  const upper = name.toUpperCase();
  if (NOT_TOKENS.has(upper)) return undefined;
  if (TOKEN_ENV_CHANNELS[upper]) return TOKEN_ENV_CHANNELS[upper];
  if (/^npm_config_\/\/.*:_authtoken$/i.test(name)) return 'npm';
  if ((settings.npmTokenEnvNames ?? []).some((extra) => extra.toUpperCase() === upper)) return 'any';
  if (TOKEN_NAME_HEURISTIC.test(name) && TOKEN_WORD.test(name)) return 'any';
  return undefined;
}

const cache = new WeakMap<JobNode | ActionNode, PublishFacts>();

export interface PublishContext {
  readonly text: string;
  readonly project: ProjectFiles;
  readonly settings: Settings;
}

/** The publish facts of a job or composite action, computed once and shared by all rules. */
export function publishFacts(container: JobNode | ActionNode, context: PublishContext): PublishFacts {
  const cached = cache.get(container);
  if (cached) return cached;
  const publishes: PublishCommand[] = [];
  // A loop, not `push(...)`: a hostile script can hold more publishes than a call takes arguments.
  for (const step of stepsOf(container)) for (const publish of publishesOfStep(step, context)) publishes.push(publish);
  const idToken =
    container.kind === 'job'
      ? (() => {
          const access = effectivePermissions(container).access('id-token');
          return access === undefined ? undefined : access === 'write';
        })()
      : undefined;
  const writes = stepsOf(container).flatMap((step) => npmrcWrites(step, context));
  const tokenCache = new Map<StepNode, TokenBinding[]>();
  const facts: PublishFacts = {
    container,
    publishes,
    npmjsPublishes: publishes.filter((publish) => publish.registry.isNpmjs === true),
    idToken,
    tokenInActionInput: npmTokenPassedToAction(container, context.settings),
    tokensFor(publish) {
      const tokens = facts.visibleTokens(publish).filter((token) => tokenReaches(token, publish));
      // changesets/action v2 dropped its `.npmrc` handling: `NPM_TOKEN` reaches npm only through a committed `.npmrc`.
      if (publish.tool === 'changesets-action' && (actionVersion(publish.step.uses!)?.major ?? 0) >= 2 && !projectTokenVars(context.project).npm.has('NPM_TOKEN')) {
        return tokens.filter((token) => !(token.kind === 'env' && token.name.toUpperCase() === 'NPM_TOKEN'));
      }
      return tokens;
    },
    visibleTokens(publish) {
      let tokens = tokenCache.get(publish.step);
      if (!tokens) {
        tokens = [
          ...envTokens(publish.step, context),
          ...inputTokens(publish.step),
          // An `.npmrc` written earlier in the job (or earlier in the same script) holds the token from then on.
          ...writes.filter((write) => write.step !== undefined && write.step.index <= publish.step.index),
        ];
        tokenCache.set(publish.step, tokens);
      }
      return tokens;
    },
  };
  cache.set(container, facts);
  return facts;
}

/** Whether the tool that publishes reads this token channel. */
function tokenReaches(token: TokenBinding, publish: PublishCommand): boolean {
  if (token.channel === 'any' || token.kind !== 'env') return true;
  if (publish.tool === 'yarn-berry') return token.channel === 'yarn';
  if (publish.tool === 'bun') return token.channel === 'bun' || token.channel === 'npm';
  return token.channel === 'npm' || (token.channel === 'yarn' && publish.tool === 'changesets');
}

/**
 * Env variables that committed config files read a token from: `.yarnrc.yml` `npmAuthToken: "${VAR}"`
 * (GitHub's documented Yarn setup) and `.npmrc` `//registry…/:_authToken=${VAR}`.
 */
function projectTokenVars(project: ProjectFiles): { yarn: ReadonlySet<string>; npm: ReadonlySet<string> } {
  const collect = (text: string | undefined, line: RegExp) => {
    const names = new Set<string>();
    for (const match of (text ?? '').matchAll(line)) for (const name of match[1]!.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(name[1]!);
    return names;
  };
  return {
    yarn: collect(project.readFile('.yarnrc.yml'), /^\s*npmAuthToken\s*:(.*)$/gm),
    npm: collect(project.readFile('.npmrc'), /_authToken\s*=(.*)$/gm),
  };
}

function envTokens(step: StepNode, context: PublishContext): TokenBinding[] {
  const tokens: TokenBinding[] = [];
  const projectVars = projectTokenVars(context.project);
  for (const binding of effectiveEnv(step).values()) {
    const named = tokenChannel(binding.name, context.settings);
    const channel = projectVars.yarn.has(binding.name)
      ? named === 'yarn' ? 'yarn' : 'any'
      : (named ?? (projectVars.npm.has(binding.name) ? 'npm' : undefined));
    if (!channel) continue;
    const token = longLivedBinding(binding, channel, step);
    if (token) tokens.push(token);
  }
  return tokens;
}

function longLivedBinding(binding: EnvBinding, channel: TokenBinding['channel'], step: StepNode): TokenBinding | undefined {
  const value = binding.entry.value;
  if (value.type !== 'scalar') return undefined;
  const origin = valueOrigin(value.text);
  if (origin.origin !== 'long-lived-secret') return undefined;
  return {
    kind: 'env',
    name: binding.name,
    secrets: origin.secrets,
    at: binding.entry,
    ...(binding.level === 'step' ? { step } : {}),
    level: binding.level,
    channel,
  };
}

/** Token inputs of publish actions (`JS-DevTools/npm-publish` `token:`). */
function inputTokens(step: StepNode): TokenBinding[] {
  if (!usesAction(step, 'js-devtools/npm-publish')) return [];
  const entry = inputEntry(step, 'token');
  if (!entry || entry.value.type !== 'scalar') return [];
  const origin = valueOrigin(entry.value.text);
  if (origin.origin !== 'long-lived-secret') return [];
  return [{ kind: 'input', name: 'token', secrets: origin.secrets, at: entry, step, channel: 'any' }];
}

// --- .npmrc / .yarnrc.yml writes -------------------------------------------------------------

const AUTH_KEY = /(?:^|[\s"'])(\/\/[^\s"':]*\/?:)?(_authToken|npmAuthToken)\s*[=:]/;

/**
 * Steps that write a long-lived token into npm or Yarn configuration: `echo …_authToken=… >> ~/.npmrc`,
 * a heredoc into `.npmrc`, `npm config set //registry.npmjs.org/:_authToken …`, `yarn config set npmAuthToken …`.
 * A write for another registry (GitHub Packages) is ignored.
 */
function npmrcWrites(step: StepNode, context: PublishContext): TokenBinding[] {
  const writes: TokenBinding[] = [];
  const env = effectiveEnv(step);
  for (const command of runCommands(step, context.text)) {
    const words = command.words.map((word) => word.value);
    const [name, sub, verb, key, value] = words;
    let written: { key: string; value: string; registry?: string } | undefined;
    if ((name === 'npm' || name === 'pnpm' || name === 'yarn') && (sub === 'config' || sub === 'set')) {
      const keyWord = sub === 'set' ? verb : key;
      const valueWord = sub === 'set' ? key : value;
      if ((sub === 'set' || verb === 'set') && keyWord) {
        const [rawKey, inlineValue] = keyWord.includes('=') ? [keyWord.slice(0, keyWord.indexOf('=')), keyWord.slice(keyWord.indexOf('=') + 1)] : [keyWord, valueWord];
        const match = /^(\/\/[^:]*:)?(_authToken|npmAuthToken)$/.exec(rawKey);
        if (match && inlineValue !== undefined) written = { key: match[2]!, value: inlineValue, ...(match[1] ? { registry: match[1] } : {}) };
      }
    } else {
      const target = command.redirects.find((redirect) => redirect.operator === '>' || redirect.operator === '>>' || redirect.operator === '<<' || redirect.operator === '<<-');
      const file = command.redirects.find((redirect) => (redirect.operator === '>' || redirect.operator === '>>') && /npmrc|yarnrc/.test(redirect.target?.value ?? ''));
      const teeFile = name === 'tee' && words.slice(1).some((word) => /npmrc|yarnrc/.test(word));
      if (target && (file || teeFile)) {
        const bodies = [
          ...command.words.slice(1).map((word) => word.value),
          ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : [])),
        ];
        for (const body of bodies) {
          const match = AUTH_KEY.exec(body);
          if (match) written = { key: match[2]!, value: body.slice(match.index + match[0].length), ...(match[1] ? { registry: match[1] } : {}) };
        }
      }
    }
    if (!written) continue;
    if (written.registry && !NPMJS_HOSTS.some((host) => written!.registry!.includes(host))) continue;
    const secrets = secretsInValue(written.value, env);
    if (secrets.length === 0) continue;
    writes.push({
      kind: 'npmrc-write',
      name: written.key,
      secrets,
      at: command.span,
      step,
      channel: written.key === 'npmAuthToken' ? 'yarn' : 'npm',
    });
  }
  return writes;
}

/** Long-lived secrets in a written value: inline `${{ secrets.X }}`, or `$VAR` bound to one in env. */
function secretsInValue(value: string, env: ReadonlyMap<string, EnvBinding>): string[] {
  const inline = valueOrigin(value);
  if (inline.origin === 'long-lived-secret') return [...inline.secrets];
  const secrets: string[] = [];
  for (const match of value.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const binding = env.get(match[1]!);
    if (binding?.entry.value.type !== 'scalar') continue;
    const origin = valueOrigin(binding.entry.value.text);
    if (origin.origin === 'long-lived-secret') secrets.push(...origin.secrets);
  }
  return secrets;
}

// --- Publish detection -----------------------------------------------------------------------

/** Tools that run a command named after them: `npx <tool>`, `pnpm <tool>`, `yarn <tool>`. */
const TOOL_BINARIES = new Set(['npm', 'lerna', 'changeset', 'semantic-release', 'release-it', 'np', 'pnpm', 'yarn', 'bun']);
const PACKAGE_BINARIES: Readonly<Record<string, string>> = {
  '@changesets/cli': 'changeset',
  '@lerna-lite/cli': 'lerna',
  'lerna-lite': 'lerna',
  '@lerna-lite/publish': 'lerna',
};
/** npm/npx/pnpm options that take a value as the next word. */
const OPTIONS_WITH_VALUE = new Set([
  '--registry', '-w', '--workspace', '--prefix', '-C', '--dir', '--filter', '-F', '--tag', '--access', '--otp',
  '-p', '--package', '--cwd', '--loglevel', '--userconfig', '--provenance-file', '--publish-branch', '--report-summary',
]);

interface Detected {
  tool: PublishTool;
  /** Index of the first word of the publishing tool (after npx & co). */
  toolIndex: number;
  staged?: boolean;
  versionSpec?: string;
}

/** Skips options (and their values) from `index`; returns the index of the next positional word. */
function nextPositional(words: readonly string[], index: number): number {
  let i = index;
  while (i < words.length && words[i]!.startsWith('-')) {
    const word = words[i]!;
    i += OPTIONS_WITH_VALUE.has(word) && !word.includes('=') ? 2 : 1;
  }
  return i;
}

function splitSpec(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf('@');
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  return { name: spec };
}

/** Recognises a publish in a command's words (`VAR=x`, `sudo` and `env` already removed). */
export function detectPublish(words: readonly string[], start = 0, depth = 0): Detected | undefined {
  if (depth > 3) return undefined;
  const first = words[start];
  if (first === undefined) return undefined;
  const name = first.slice(first.lastIndexOf('/') + 1);
  const at = (offset: number) => words[offset];

  if (name === 'npx' || name === 'bunx' || ((name === 'pnpm' || name === 'yarn') && (at(start + 1) === 'dlx' || at(start + 1) === 'exec')) || (name === 'bun' && at(start + 1) === 'x')) {
    const skip = name === 'npx' || name === 'bunx' ? start + 1 : start + 2;
    // `npx -p npm@11 npm publish`: the package given with -p decides the version.
    let packageSpec: string | undefined;
    for (let i = skip; i < words.length && words[i]!.startsWith('-'); i++) {
      const option = words[i]!;
      if ((option === '-p' || option === '--package') && words[i + 1]) packageSpec = words[i + 1];
      else if (option.startsWith('--package=')) packageSpec = option.slice('--package='.length);
    }
    const index = nextPositional(words, skip);
    const spec = words[index];
    if (!spec) return undefined;
    const { name: packageName, version } = splitSpec(spec);
    const binary = PACKAGE_BINARIES[packageName] ?? packageName;
    if (!TOOL_BINARIES.has(binary)) return undefined;
    const rewritten = [...words.slice(0, index), binary, ...words.slice(index + 1)];
    const inner = detectPublish(rewritten, index, depth + 1);
    const specVersion = version ?? (packageSpec && splitSpec(packageSpec).name === packageName ? splitSpec(packageSpec).version : undefined);
    return inner ? { ...inner, ...(specVersion ? { versionSpec: specVersion } : {}) } : undefined;
  }

  const index = nextPositional(words, start + 1);
  const sub = words[index];
  // Runners of other commands: `corepack yarn …`, `pnpm -r exec npm publish`, `yarn workspace x npm publish`,
  // `lerna exec -- npm publish`.
  if (name === 'corepack') return detectPublish(words, start + 1, depth + 1);
  if ((name === 'pnpm' || name === 'yarn') && sub === 'exec') return detectPublish(words, nextPositional(words, index + 1), depth + 1);
  if (name === 'yarn' && sub === 'workspace' && words[index + 1]) {
    // `yarn workspace a exec npm publish` runs npm; `yarn workspace a npm publish` is Yarn's own command.
    if (words[index + 2] === 'exec') return detectPublish(words, index + 3, depth + 1);
    const inner = detectPublish(['yarn', ...words.slice(index + 2)], 0, depth + 1);
    return inner ? { ...inner, toolIndex: start } : undefined;
  }
  if (name === 'lerna' && sub === 'exec') {
    const separator = words.indexOf('--', index);
    return separator === -1 ? undefined : detectPublish(words, separator + 1, depth + 1);
  }
  const isDryRun = words.slice(start).some((word) => word === '--dry-run' || word === '--dry-run=true');
  switch (name) {
    case 'npm':
      if (isDryRun) return undefined;
      if (sub === 'publish') return { tool: 'npm', toolIndex: start };
      if (sub === 'stage' && words[nextPositional(words, index + 1)] === 'publish') return { tool: 'npm', toolIndex: start, staged: true };
      return undefined;
    case 'pnpm':
      if (sub === 'publish') return isDryRun ? undefined : { tool: 'pnpm', toolIndex: start };
      if (sub && TOOL_BINARIES.has(sub) && sub !== 'pnpm') return detectPublish(words, index, depth + 1);
      return undefined;
    case 'yarn':
      if (sub === 'npm' && words[nextPositional(words, index + 1)] === 'publish') {
        return isDryRun || words.includes('-n') ? undefined : { tool: 'yarn-berry', toolIndex: start };
      }
      if (sub === 'publish') return isDryRun ? undefined : { tool: 'yarn-classic', toolIndex: start };
      if (sub && TOOL_BINARIES.has(sub) && sub !== 'yarn') return detectPublish(words, index, depth + 1);
      return undefined;
    case 'bun':
      return sub === 'publish' && !isDryRun ? { tool: 'bun', toolIndex: start } : undefined;
    case 'lerna':
      return sub === 'publish' && !isDryRun && !words.includes('--no-publish') ? { tool: 'lerna', toolIndex: start } : undefined;
    case 'changeset':
      return sub === 'publish' && !isDryRun ? { tool: 'changesets', toolIndex: start } : undefined;
    case 'semantic-release':
      return isDryRun || words.includes('-d') ? undefined : { tool: 'semantic-release', toolIndex: start };
    case 'release-it':
      return isDryRun || words.includes('-d') || words.includes('--no-npm') || words.includes('--npm.publish=false')
        ? undefined
        : { tool: 'release-it', toolIndex: start };
    case 'np':
      return words.includes('--no-publish') || words.includes('--preview') ? undefined : { tool: 'np', toolIndex: start };
    default:
      return undefined;
  }
}

/** `npm run release`, `pnpm run release`, `yarn release`, `pnpm release`, `bun run release`: the script name. */
function scriptName(words: readonly string[]): string | undefined {
  const [tool, sub, third] = words;
  if (tool === 'npm' && (sub === 'run' || sub === 'run-script') && third) return third;
  if ((tool === 'pnpm' || tool === 'yarn' || tool === 'bun') && sub === 'run' && third) return third;
  if ((tool === 'pnpm' || tool === 'yarn') && sub && !sub.startsWith('-') && !BUILTIN_SUBCOMMANDS.has(sub)) return sub;
  return undefined;
}
const BUILTIN_SUBCOMMANDS = new Set([
  'install', 'i', 'add', 'remove', 'rm', 'ci', 'test', 't', 'exec', 'dlx', 'publish', 'pack', 'run', 'npm', 'config', 'set',
  'version', 'build', 'audit', 'outdated', 'update', 'up', 'upgrade', 'link', 'unlink', 'why', 'list', 'ls', 'info',
  'workspace', 'workspaces', 'init', 'create', 'cache', 'store', 'prune', 'import', 'patch', 'env', 'setup', 'global',
  'constraints', 'plugin', 'node', 'start', 'bin', 'licenses', 'dedupe', 'fetch', 'rebuild', 'stage', 'login', 'logout',
]);

/** The package.json a step runs against: its working directory's, else unknown when that cannot be read. */
function packageJsonOf(step: StepNode, project: ProjectFiles): Record<string, unknown> | undefined {
  const directory = stepDirectory(step);
  if (directory === undefined) return undefined;
  return readProjectJson(project, directory ? `${directory}/package.json` : 'package.json');
}

/** The publish commands of one step: `run:` commands (and package.json scripts they call) or a publish action. */
export function publishesOfStep(step: StepNode, context: PublishContext): PublishCommand[] {
  if (step.uses) return actionPublish(step, context);
  const found: PublishCommand[] = [];
  for (const command of runCommands(step, context.text)) {
    const words = command.words.map((word) => word.value);
    const detected = detectPublish(words);
    if (detected) {
      if (publishesToNpm(detected.tool, step, context.project)) found.push(makeRunPublish(step, command, words, detected, context));
      continue;
    }
    const script = scriptName(words);
    if (!script) continue;
    // One level of package.json scripts: `npm run release` → `changeset publish`.
    const scripts = packageJsonOf(step, context.project)?.scripts as Record<string, unknown> | undefined;
    const body = scripts?.[script];
    if (typeof body !== 'string') continue;
    for (const inner of parseShell(body)) {
      const innerWords = inner.words.map((word) => word.value);
      const innerDetected = detectPublish(innerWords);
      if (innerDetected && publishesToNpm(innerDetected.tool, step, context.project)) found.push(makeRunPublish(step, command, innerWords, innerDetected, context, script));
    }
  }
  return found;
}

function makeRunPublish(
  step: StepNode,
  command: RunCommand,
  words: readonly string[],
  detected: Detected,
  context: PublishContext,
  script?: string,
): PublishCommand {
  const args = words.slice(detected.toolIndex);
  const inScript = script !== undefined;
  return {
    step,
    tool: detected.tool,
    span: command.span,
    via: 'run',
    command,
    args,
    staged: detected.staged === true,
    ...(detected.versionSpec ? { versionSpec: detected.versionSpec } : {}),
    ...(script ? { script } : {}),
    registry: registryOf(step, args, context),
    provenance: provenanceOf(step, detected.tool, args, inScript ? undefined : command.words.slice(detected.toolIndex), context),
  };
}

function actionPublish(step: StepNode, context: PublishContext): PublishCommand[] {
  const uses = step.uses!;
  if (uses.kind !== 'repository') return [];
  const base = { step, span: uses.scalar.span, via: 'uses' as const, args: [], staged: false };
  const truthy = (name: string) => /^(true|yes|1)$/i.test(inputText(step, name)?.trim() ?? '');
  if (uses.fullName === 'changesets/action' || uses.fullName === 'changesets/action/publish') {
    // v1 publishes through its `publish` input, v2 through `publish-script`; an unknown version through either.
    const major = actionVersion(uses)?.major;
    const publishInput =
      major === undefined
        ? (inputText(step, 'publish') ?? inputText(step, 'publish-script'))
        : inputText(step, major >= 2 ? 'publish-script' : 'publish');
    if (uses.fullName === 'changesets/action' && !publishInput) return [];
    return [{ ...base, tool: 'changesets-action', registry: registryOf(step, [], context), provenance: provenanceOf(step, 'changesets-action', [], undefined, context) }];
  }
  if (uses.name === 'js-devtools/npm-publish') {
    if (truthy('dry-run')) return [];
    const registryInput = inputText(step, 'registry');
    const registry: Registry = registryInput
      ? registryFromUrl(registryInput, 'input')
      : { url: 'https://registry.npmjs.org/', isNpmjs: true, source: 'default' };
    const provenanceEntry = inputEntry(step, 'provenance');
    const provenance: Provenance = provenanceEntry?.value.type === 'scalar'
      ? hasExpression(provenanceEntry.value.text)
        ? { state: 'unknown' }
        : truthy('provenance')
          ? { state: 'enabled', at: provenanceEntry, source: 'input' }
          : // `provenance: false` only omits `--provenance`; npm still adds it under trusted publishing.
            provenanceOf(step, 'js-devtools-npm-publish', [], undefined, context)
      : provenanceOf(step, 'js-devtools-npm-publish', [], undefined, context);
    return [{ ...base, tool: 'js-devtools-npm-publish', registry, provenance }];
  }
  if (uses.name === 'cycjimmy/semantic-release-action') {
    if (truthy('dry_run') || !publishesToNpm('semantic-release', step, context.project)) return [];
    return [{ ...base, tool: 'semantic-release-action', registry: registryOf(step, [], context), provenance: provenanceOf(step, 'semantic-release-action', [], undefined, context) }];
  }
  return [];
}

function registryFromUrl(url: string, source: Registry['source']): Registry {
  if (hasExpression(url)) return { isNpmjs: undefined, source };
  const host = /^(?:https?:)?\/\/([^/:]+)/i.exec(url.trim())?.[1]?.toLowerCase();
  return { url, isNpmjs: host === undefined ? undefined : NPMJS_HOSTS.includes(host), source };
}

/** Which registry a publish goes to: `--registry`, env, setup-node's `registry-url`, the project's config, the default. */
function registryOf(step: StepNode, args: readonly string[], context: PublishContext): Registry {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--registry' && args[i + 1]) return registryFromUrl(args[i + 1]!, 'flag');
    if (arg.startsWith('--registry=')) return registryFromUrl(arg.slice('--registry='.length), 'flag');
  }
  for (const binding of effectiveEnv(step).values()) {
    if (binding.name.toLowerCase() === 'npm_config_registry' && binding.entry.value.type === 'scalar') {
      return registryFromUrl(binding.entry.value.text, 'env');
    }
  }
  const setupNode = setupNodeBefore(step);
  const registryUrl = setupNode ? inputText(setupNode, 'registry-url') : undefined;
  if (registryUrl) return registryFromUrl(registryUrl, 'setup-node');
  const projectRegistry = projectRegistryOf(step, context.project);
  if (projectRegistry) return projectRegistry;
  // `NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}` is GitHub Packages' documented setup: the registry
  // is then configured somewhere we cannot see, so it is unknown rather than registry.npmjs.org.
  for (const binding of effectiveEnv(step).values()) {
    if (binding.entry.value.type !== 'scalar' || tokenChannel(binding.name, context.settings) === undefined) continue;
    if (valueOrigin(binding.entry.value.text).origin === 'github-token') return { isNpmjs: undefined, source: 'default' };
  }
  return { url: 'https://registry.npmjs.org/', isNpmjs: true, source: 'default' };
}

/** `publishConfig.registry` in package.json, or an unscoped `registry=` in a committed .npmrc. */
function projectRegistryOf(step: StepNode, project: ProjectFiles): Registry | undefined {
  const publishConfig = packageJsonOf(step, project)?.publishConfig as Record<string, unknown> | undefined;
  if (typeof publishConfig?.registry === 'string') return registryFromUrl(publishConfig.registry, 'project');
  const npmrc = project.readFile('.npmrc');
  const line = npmrc?.split(/\r?\n/).find((candidate) => /^\s*registry\s*=/.test(candidate));
  if (line) return registryFromUrl(line.slice(line.indexOf('=') + 1).trim(), 'project');
  return undefined;
}

/**
 * Provenance signals for a publish, strongest first: a flag on the command, `NPM_CONFIG_PROVENANCE`
 * in env (any case, any level), then the project's `publishConfig.provenance` or `.npmrc`.
 */
function provenanceOf(
  step: StepNode,
  tool: PublishTool,
  args: readonly string[],
  argWords: readonly SourceWord[] | undefined,
  context: PublishContext,
): Provenance {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const at = argWords?.[i]?.span;
    const located = at ? { at } : {};
    if (arg === '--provenance' || arg === '--provenance=true') return { state: 'enabled', source: 'flag', ...located };
    if (arg === '--provenance=false' || arg === '--no-provenance') return { state: 'disabled', source: 'flag', ...located };
    if (arg === '--provenance-file' || arg.startsWith('--provenance-file=')) return { state: 'enabled', source: 'flag', ...located };
  }
  // Yarn Berry reads its own setting; every other tool reads npm's config.
  const envName = tool === 'yarn-berry' ? 'YARN_NPM_PUBLISH_PROVENANCE' : 'NPM_CONFIG_PROVENANCE';
  for (const binding of effectiveEnv(step).values()) {
    if (binding.name.toUpperCase() !== envName) continue;
    const value = binding.entry.value;
    if (value.type !== 'scalar' || hasExpression(value.text)) return { state: 'unknown' };
    const text = value.text.trim().toLowerCase();
    return { state: text === 'true' || text === '1' ? 'enabled' : 'disabled', at: binding.entry, source: 'env' };
  }
  const publishConfig = packageJsonOf(step, context.project)?.publishConfig as Record<string, unknown> | undefined;
  if (typeof publishConfig?.provenance === 'boolean') {
    return { state: publishConfig.provenance ? 'enabled' : 'disabled', source: 'project' };
  }
  const npmrc = tool === 'yarn-berry' ? undefined : context.project.readFile('.npmrc');
  const line = npmrc?.split(/\r?\n/).find((candidate) => /^\s*provenance\s*=/.test(candidate));
  if (line) return { state: /=\s*true\s*$/.test(line) ? 'enabled' : 'disabled', source: 'project' };
  if (tool !== 'yarn-berry') return { state: 'unset' };
  const yarnrc = context.project.readFile('.yarnrc.yml');
  const yarnLine = yarnrc?.split(/\r?\n/).find((candidate) => /^\s*npmPublishProvenance\s*:/.test(candidate));
  if (yarnLine) return { state: /:\s*true\s*$/.test(yarnLine) ? 'enabled' : 'disabled', source: 'project' };
  return { state: 'unset' };
}

const SEMANTIC_RELEASE_CONFIGS = ['.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml', '.releaserc.js', '.releaserc.cjs', '.releaserc.mjs', 'release.config.js', 'release.config.cjs', 'release.config.mjs', 'release.config.ts'];

/**
 * semantic-release and release-it publish to npm only through their npm plugin, which a project can
 * turn off; many non-JavaScript projects run them for changelogs and GitHub releases alone. A
 * publish counts only when the project shows a public package and no config turns npm off.
 */
function publishesToNpm(tool: PublishTool, step: StepNode, project: ProjectFiles): boolean {
  if (tool !== 'semantic-release' && tool !== 'release-it') return true;
  const manifest = packageJsonOf(step, project);
  if (!manifest || manifest.private === true) return false;
  if (tool === 'release-it') {
    // Only JSON configs can be read without running or fully parsing them; any other config is unknown.
    const otherConfig = ['.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts', '.release-it.yaml', '.release-it.yml', '.release-it.toml'];
    if (otherConfig.some((name) => project.readFile(name) !== undefined)) return false;
    const config = (manifest['release-it'] as Record<string, unknown> | undefined) ?? readProjectJson(project, '.release-it.json');
    const npm = config?.npm as Record<string, unknown> | false | undefined;
    return !(npm === false || (npm && npm.publish === false));
  }
  const inline = manifest.release as Record<string, unknown> | undefined;
  const configFile = SEMANTIC_RELEASE_CONFIGS.find((name) => project.readFile(name) !== undefined);
  let config = inline;
  if (!config && configFile) {
    // A JavaScript config cannot be read without running it: unknown.
    if (/\.(c|m)?[jt]s$/.test(configFile)) return false;
    config = readProjectJson(project, configFile) ?? readYamlish(project.readFile(configFile)!);
  }
  if (!config) return true; // No config: the default plugins include @semantic-release/npm.
  const plugins = config.plugins;
  if (plugins === undefined) return true;
  if (!Array.isArray(plugins)) return false;
  const npmPlugin = plugins.find((plugin) => plugin === '@semantic-release/npm' || (Array.isArray(plugin) && plugin[0] === '@semantic-release/npm'));
  if (!npmPlugin) return false;
  const options = Array.isArray(npmPlugin) ? (npmPlugin[1] as Record<string, unknown> | undefined) : undefined;
  return options?.npmPublish !== false;
}

/** `.releaserc` may be YAML; only the `plugins` list matters, and anything unreadable is unknown. */
function readYamlish(text: string): Record<string, unknown> | undefined {
  if (/^\s*plugins\s*:/m.test(text)) return { plugins: [...text.matchAll(/['"]?(@semantic-release\/[\w-]+)['"]?/g)].map((match) => match[1]) };
  return /\S/.test(text) ? undefined : {};
}

/** A job that publishes to registry.npmjs.org for certain. */
export function isNpmjsPublishJob(facts: PublishFacts): boolean {
  return facts.npmjsPublishes.length > 0;
}

/**
 * How a publish authenticates: `token` when a long-lived token reaches it, `oidc` when none does and
 * the job has `id-token: write` (trusted publishing is the only way in), `none` when neither (it
 * will fail with ENEEDAUTH or E404), `unknown` when the job's `id-token` grant is not known.
 */
export type PublishAuth = 'token' | 'oidc' | 'none' | 'unknown';

export function publishAuth(facts: PublishFacts, publish: PublishCommand): PublishAuth {
  if (facts.tokensFor(publish).length > 0 || facts.tokenInActionInput) return 'token';
  if (facts.idToken === undefined) return 'unknown';
  return facts.idToken ? 'oidc' : 'none';
}

/** Convenience for rules: the facts of the job or action that holds a step. */
export function publishFactsOfStep(step: StepNode, context: PublishContext): PublishFacts {
  return publishFacts(step.parent, context);
}

/** The publish context of a rule: the file's text, its repository's files and the settings. */
export function publishContext(context: { readonly file: { readonly text: string }; readonly project: ProjectFiles; readonly settings: Settings }): PublishContext {
  return { text: context.file.text, project: context.project, settings: context.settings };
}
