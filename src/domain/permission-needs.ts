/**
 * The least `GITHUB_TOKEN` permissions a job needs, inferred from what it runs: a table of
 * well-known actions and `gh` commands, the OIDC consumers, and the publish model. Inference never
 * guesses: a job that runs anything the table does not know (an action outside it, a script that is
 * given the token and runs a program that may use it, a reusable-workflow call) has unknown needs,
 * with the reason, and no block is ever inferred for it.
 *
 * Data first: the tables below are the one place to teach trustlint an action or a command.
 */
import type { JobNode, StepNode } from '../engine/ast.js';
import { commandName, toolWords } from './commands/launchers.js';
import type { Analysis } from './context.js';
import { envBinding, envBindings } from './env.js';
import { referencesIn, valueOrigin } from './expressions.js';
import { actionOidcUse, matchesAction, oidcConsumerActionOf, runOidcUse } from './oidc-consumers.js';
import { PERMISSION_SCOPES } from './permissions.js';
import { credentialsFor, publishFacts } from './publish/facts.js';
import { npmPublishFacts, publishAuth, type NpmPublishFacts } from './registries/npm/facts.js';
import type { NpmPublish } from './registries/npm/sites.js';
import type { PublishSite } from './registries/types.js';
import { runCommands } from './run-script.js';

export type Level = 'read' | 'write';
type Scopes = Readonly<Record<string, Level>>;

export type PermissionNeeds =
  /** Every scope the job needs (none: `permissions: {}`), in the order GitHub lists scopes. */
  | { readonly kind: 'known'; readonly scopes: ReadonlyMap<string, Level> }
  /** Something in the job is not in the table: `reason` names it, for messages. */
  | { readonly kind: 'unknown'; readonly reason: string };

interface ActionNeeds {
  /** `owner/repo` or `owner/repo/path`, lower-case, as `uses:` names it (a sub-action is its own row). */
  readonly action: string;
  readonly scopes: Scopes;
  /** More scopes when an input is set (and not `false`). */
  readonly withInput?: Readonly<Record<string, Scopes>>;
  /** Inputs that make the action do something the table does not describe. */
  readonly unknownWith?: readonly string[];
}

const CODEQL: Scopes = { 'security-events': 'write', actions: 'read', contents: 'read' };

/**
 * What well-known actions need, from each action's README ("permissions" section) or, for GitHub's
 * own, docs.github.com. `actions: read` and `contents: read` for CodeQL are "only required for
 * workflows in private repositories" (docs: "Configuring advanced setup for code scanning"); they
 * are granted so a private repository keeps working.
 */
const ACTIONS: readonly ActionNeeds[] = [
  { action: 'actions/checkout', scopes: { contents: 'read' } },
  // Setup actions use the token only to download public releases (rate limits): no scope.
  ...['actions/setup-node', 'actions/setup-python', 'actions/setup-go', 'actions/setup-java', 'actions/setup-dotnet', 'pnpm/action-setup', 'oven-sh/setup-bun', 'denoland/setup-deno', 'astral-sh/setup-uv', 'ruby/setup-ruby', 'dtolnay/rust-toolchain', 'docker/setup-buildx-action', 'docker/setup-qemu-action'].map(
    (action) => ({ action, scopes: {} }),
  ),
  // The cache and artifact services authenticate with the runner's own token, not GITHUB_TOKEN.
  ...['actions/cache', 'actions/cache/restore', 'actions/cache/save', 'swatinem/rust-cache', 'actions/upload-artifact', 'actions/upload-pages-artifact'].map((action) => ({ action, scopes: {} })),
  // Artifacts of another run or repository are read through the API with `github-token`.
  { action: 'actions/download-artifact', scopes: {}, withInput: { 'github-token': { actions: 'read' }, 'run-id': { actions: 'read' } } },
  // GET /repos/{owner}/{repo}/pages needs "Pages: read"; `enablement` creates the site, which GITHUB_TOKEN cannot.
  { action: 'actions/configure-pages', scopes: { pages: 'read' }, unknownWith: ['enablement'] },
  { action: 'actions/deploy-pages', scopes: { pages: 'write', 'id-token': 'write' } },
  { action: 'github/codeql-action/init', scopes: { ...CODEQL, packages: 'read' } },
  { action: 'github/codeql-action/analyze', scopes: CODEQL },
  { action: 'github/codeql-action/upload-sarif', scopes: CODEQL },
  { action: 'github/codeql-action/autobuild', scopes: {} },
  // `artifact-metadata: write` is optional (without it no storage record is made, the README says).
  ...['actions/attest-build-provenance', 'actions/attest', 'actions/attest-sbom'].map((action) => ({ action, scopes: { 'id-token': 'write', attestations: 'write' } as Scopes })),
  { action: 'actions/create-github-app-token', scopes: {} },
  { action: 'softprops/action-gh-release', scopes: { contents: 'write' }, withInput: { discussion_category_name: { discussions: 'write' } } },
  { action: 'peter-evans/create-pull-request', scopes: { contents: 'write', 'pull-requests': 'write' } },
  { action: 'changesets/action', scopes: { contents: 'write', 'pull-requests': 'write' } },
  // The v2 publish sub-action pushes the release tags.
  { action: 'changesets/action/publish', scopes: { contents: 'write' } },
  // `rake release` pushes the tag with the checkout's credentials (the README grants `contents: write`).
  { action: 'rubygems/release-gem', scopes: { contents: 'write', 'id-token': 'write' } },
  { action: 'js-devtools/npm-publish', scopes: {} },
  { action: 'codecov/codecov-action', scopes: {} },
];

/** Actions whose use of the token depends on configuration the workflow does not show. */
const UNKNOWN_ACTIONS = ['actions/github-script', 'cycjimmy/semantic-release-action', 'slsa-framework/*'];

/** `gh <group> <verb>` → scopes; a group or verb missing here is unknown (`gh api` can do anything). */
const GH: Readonly<Record<string, Readonly<Record<string, Scopes>>>> = {
  pr: {
    ...verbs(['create', 'edit', 'close', 'reopen', 'comment', 'review', 'ready', 'lock', 'unlock'], { contents: 'read', 'pull-requests': 'write' }),
    ...verbs(['view', 'list', 'diff', 'checks', 'status'], { contents: 'read', 'pull-requests': 'read' }),
    checkout: { contents: 'read', 'pull-requests': 'read' },
    merge: { contents: 'write', 'pull-requests': 'write' },
  },
  issue: {
    ...verbs(['create', 'edit', 'close', 'reopen', 'comment', 'delete', 'lock', 'unlock', 'pin', 'unpin', 'transfer'], { issues: 'write' }),
    ...verbs(['view', 'list', 'status'], { issues: 'read' }),
  },
  release: {
    ...verbs(['create', 'upload', 'edit', 'delete', 'delete-asset'], { contents: 'write' }),
    ...verbs(['view', 'list', 'download'], { contents: 'read' }),
  },
  label: { ...verbs(['create', 'edit', 'delete', 'clone'], { issues: 'write' }), list: { issues: 'read' } },
  run: { ...verbs(['view', 'list', 'watch', 'download'], { actions: 'read' }), ...verbs(['rerun', 'cancel', 'delete'], { actions: 'write' }) },
  workflow: { ...verbs(['view', 'list'], { actions: 'read' }), ...verbs(['run', 'enable', 'disable'], { actions: 'write' }) },
  cache: { list: { actions: 'read' }, delete: { actions: 'write' } },
};

function verbs(names: readonly string[], scopes: Scopes): Record<string, Scopes> {
  return Object.fromEntries(names.map((name) => [name, scopes]));
}

/** Release tools that push commits and tags with the checkout's persisted credentials and call the API. */
const PUSHING_TOOLS = new Set(['semantic-release', 'release-it', 'np', 'lerna', 'standard-version', 'release-please']);

/**
 * Commands that never call the GitHub API, so a token in their environment is not used: shell
 * builtins and file and text tools. Any other command given the token may use it.
 */
const TOKEN_INERT = new Set([
  ...['echo', 'printf', 'cd', 'pwd', 'export', 'set', 'unset', 'test', '[', '[[', 'true', 'false', 'exit', 'return', 'shift', 'read', 'local', 'declare', 'sleep', 'date'],
  ...['mkdir', 'rm', 'rmdir', 'cp', 'mv', 'ls', 'cat', 'touch', 'chmod', 'ln', 'tee', 'basename', 'dirname', 'realpath', 'readlink', 'pushd', 'popd'],
  ...['grep', 'sed', 'awk', 'tr', 'cut', 'head', 'tail', 'sort', 'uniq', 'wc', 'jq', 'yq', 'xxd', 'base64', 'sha256sum', 'shasum', 'md5sum', 'tar', 'zip', 'unzip', 'gzip'],
]);

const truthy = (text: string | undefined) => text !== undefined && !/^\s*(?:false|no|0)?\s*$/i.test(text);

/** The scopes a job needs, or why they cannot be known. Memoised per job. */
export function jobPermissionNeeds(context: Analysis, job: JobNode): PermissionNeeds {
  return context.facts.memo('permission-needs', job, () => inferJob(context, job));
}

function inferJob(context: Analysis, job: JobNode): PermissionNeeds {
  if (job.uses) return unknown('it calls a reusable workflow, whose jobs trustlint does not see from here');
  // A container or service pulled with the token (ghcr.io credentials) needs `packages`, read or write.
  for (const entry of [job.container, job.services]) {
    if (entry && mentionsToken(context, entry, job)) return unknown('its container or services are given the `GITHUB_TOKEN`');
  }
  const scopes = new Map<string, Level>();
  const sites = publishFacts(context, job).sites;
  const npm = npmPublishFacts(context, job);
  for (const step of job.steps) {
    const found = step.uses ? actionNeeds(context, step) : runNeeds(context, step);
    if (found.kind === 'unknown') return found;
    for (const [scope, level] of found.scopes) grant(scopes, scope, level);
    for (const site of sites) {
      if (site.step !== step) continue;
      const need = oidcNeed(context, npm, site);
      if (need === 'unknown') return unknown(`its publish in step ${stepName(step)} may need the OIDC token (its registry or provenance is not known)`);
      if (need === 'yes') grant(scopes, 'id-token', 'write');
    }
  }
  const ordered = new Map([...PERMISSION_SCOPES.keys()].filter((scope) => scopes.has(scope)).map((scope) => [scope, scopes.get(scope)!] as const));
  return { kind: 'known', scopes: ordered };
}

/**
 * Whether a publish site needs the OIDC token: one to the registry's public instance that no
 * long-lived token authenticates (trusted publishing is its only way in), or that asks for
 * provenance. A tool that cannot do OIDC at all gains nothing from it; a registry or a provenance
 * setting trustlint cannot read is unknown.
 */
function oidcNeed(context: Analysis, npm: NpmPublishFacts, site: PublishSite): 'yes' | 'no' | 'unknown' {
  if (site.target.official === false) return 'no';
  // A tool that never does the exchange (`dotnet nuget push`, `cargo publish`, `bun publish`) gains nothing from the grant, wherever it publishes.
  if (site.oidc === 'never' && (site.provenance.state === 'unset' || site.provenance.state === 'disabled')) return 'no';
  if (site.target.official === undefined) return 'unknown';
  const token = site.registry === 'npm' ? publishAuth(npm, site as NpmPublish) === 'token' : credentialsFor(context, site).length > 0;
  if (!token) return site.oidc === 'never' ? 'no' : 'yes';
  if (site.provenance.state === 'enabled') return 'yes';
  return site.provenance.state === 'unknown' ? 'unknown' : 'no';
}

function grant(scopes: Map<string, Level>, scope: string, level: Level): void {
  if (scopes.get(scope) !== 'write') scopes.set(scope, level);
}

function unknown(reason: string): PermissionNeeds {
  return { kind: 'unknown', reason };
}

function stepName(step: StepNode): string {
  const name = step.name?.text ?? step.id?.text;
  return name ? `\`${name.length > 40 ? `${name.slice(0, 40)}…` : name}\`` : `${step.index + 1}`;
}

/** `${{ github.token }}` or `${{ secrets.GITHUB_TOKEN }}` in a text (a fallback `secrets.PAT || github.token` included). */
function refersToToken(text: string): boolean {
  return referencesIn(text).some(
    (reference) =>
      (reference.context === 'secrets' && reference.path[0]?.toUpperCase() === 'GITHUB_TOKEN') || (reference.context === 'github' && reference.path[0]?.toLowerCase() === 'token'),
  );
}

/** The token written anywhere in a step or an entry of the job (its text in the file). */
function mentionsToken(context: Analysis, node: { readonly span: { readonly start: number; readonly end: number } }, job: JobNode): boolean {
  return context.facts.memo('mentions-github-token', node, () => refersToToken(job.workflow.file.text.slice(node.span.start, node.span.end)));
}

/** The step is handed the token: in an env variable it sees, in a `with:` input, or in its script. */
function tokenGiven(context: Analysis, step: StepNode): boolean {
  if (mentionsToken(context, step, step.parent as JobNode)) return true;
  return envBindings(context, step, 'any', () => true).some((binding) => binding.entry.value.type === 'scalar' && refersToToken(binding.entry.value.text));
}

function actionNeeds(context: Analysis, step: StepNode): { kind: 'known'; scopes: ReadonlyMap<string, Level> } | PermissionNeeds {
  const uses = step.uses!;
  if (uses.kind === 'local') return unknown(`step ${stepName(step)} runs the local action \`${uses.name}\``);
  if (uses.kind !== 'repository') return unknown(`step ${stepName(step)} runs ${uses.kind === 'docker' ? `the container \`${uses.name}\`` : 'an action chosen at run time'}`);
  if (UNKNOWN_ACTIONS.some((pattern) => matchesAction(context, pattern, uses.name, uses.fullName))) {
    return unknown(`step ${stepName(step)} runs \`${uses.fullName}\`, whose use of the token depends on its configuration`);
  }
  const row = ACTIONS.find((candidate) => candidate.action === uses.fullName);
  const scopes = new Map<string, Level>();
  if (row) {
    const set = row.unknownWith?.find((input) => truthy(inputOf(step, input)));
    if (set) return unknown(`step ${stepName(step)} runs \`${uses.fullName}\` with \`${set}\``);
    for (const [scope, level] of Object.entries(row.scopes)) grant(scopes, scope, level);
    for (const [input, more] of Object.entries(row.withInput ?? {})) {
      if (truthy(inputOf(step, input))) for (const [scope, level] of Object.entries(more)) grant(scopes, scope, level);
    }
  } else if (oidcConsumerActionOf(context, uses)) {
    // An OIDC consumer needs the OIDC token and nothing else, unless it is handed the GITHUB_TOKEN.
    if (tokenGiven(context, step)) return unknown(`step ${stepName(step)} gives the \`GITHUB_TOKEN\` to \`${uses.fullName}\``);
  } else {
    return unknown(`step ${stepName(step)} runs \`${uses.fullName}\`, which is not in trustlint's table of actions`);
  }
  const oidc = actionOidcUse(context, step, []);
  if (oidc.kind === 'maybe') return unknown(`step ${stepName(step)} may request an OIDC token (${oidc.reason})`);
  // A publishing action's OIDC need is decided by its publish (a token publish needs none).
  if (oidc.kind === 'yes' && !/npm trusted publishing/.test(oidc.purpose)) grant(scopes, 'id-token', 'write');
  return { kind: 'known', scopes };
}

function inputOf(step: StepNode, name: string): string | undefined {
  const entry = step.with.get(name);
  return entry?.value.type === 'scalar' ? entry.value.text : entry ? 'true' : undefined;
}

function runNeeds(context: Analysis, step: StepNode): PermissionNeeds {
  const scopes = new Map<string, Level>();
  const given = tokenGiven(context, step);
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const name = commandName(words[0]);
    if (!name) continue;
    if (name === 'gh') {
      const found = ghNeeds(words);
      if (!found) return unknown(`step ${stepName(step)} runs \`${words.slice(0, 3).join(' ')}\`, which is not in trustlint's table of \`gh\` commands`);
      // gh reads GH_TOKEN before GITHUB_TOKEN; a long-lived token there is not the GITHUB_TOKEN.
      const binding = envBinding(step, 'GH_TOKEN') ?? envBinding(step, 'GITHUB_TOKEN');
      const value = binding?.entry.value.type === 'scalar' ? binding.entry.value.text : undefined;
      const otherToken = value !== undefined && !refersToToken(value) && valueOrigin(value).origin === 'long-lived-secret';
      if (!otherToken) for (const [scope, level] of Object.entries(found)) grant(scopes, scope, level);
      continue;
    }
    if (name === 'git') {
      // `git push` authenticates with the token actions/checkout leaves in the git config.
      if (gitSubcommand(words) === 'push') grant(scopes, 'contents', 'write');
      continue;
    }
    const tool = toolWords(words)[0] ?? name;
    if (PUSHING_TOOLS.has(tool)) return unknown(`step ${stepName(step)} runs \`${tool}\`, which pushes with the checkout's credentials and may call the GitHub API`);
    if (given && !TOKEN_INERT.has(name)) return unknown(`step ${stepName(step)} gives the \`GITHUB_TOKEN\` to \`${name}\`, which may use it`);
  }
  // A script in another language (`shell: python`) is opaque: given the token, it may use it.
  if (given && runCommands(context, step).length === 0 && step.run?.text.trim()) return unknown(`step ${stepName(step)} gives the \`GITHUB_TOKEN\` to a script trustlint cannot read`);
  const oidc = runOidcUse(context, step);
  if (oidc.kind === 'maybe') return unknown(`step ${stepName(step)} may request an OIDC token (${oidc.reason})`);
  if (oidc.kind === 'yes' && oidc.purpose !== 'an npm publish') grant(scopes, 'id-token', 'write');
  return { kind: 'known', scopes };
}

/** The scopes of `gh <group> <verb>`, skipping options before them; undefined when not in the table. */
function ghNeeds(words: readonly string[]): Scopes | undefined {
  const positional = words.slice(1).filter((word) => !word.startsWith('-'));
  const [group, verb] = positional;
  return group && verb ? GH[group]?.[verb] : undefined;
}

/** `git -C dir -c k=v push` → `push`. */
function gitSubcommand(words: readonly string[]): string | undefined {
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    if (word === '-C' || word === '-c' || word === '--git-dir' || word === '--work-tree') index++;
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}
