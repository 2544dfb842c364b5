/**
 * What requests a GitHub OIDC token (`id-token: write`) in a job: publishes with trusted
 * publishing, cloud logins, attestations, keyless signing, registry token exchanges. A job with
 * none of these gains nothing from `id-token: write`; any step in it can still mint tokens.
 *
 * Data first: the lists below are the single place to add a consumer. Classification errs towards
 * "maybe": a job whose use of OIDC cannot be ruled out (a reusable workflow, a local action we
 * cannot read, a `release` script we cannot see) is never called needless.
 */
import type { JSONSchemaType } from 'ajv';
import type { JobNode, StepNode } from '../engine/ast.js';
import { compileGlob } from '../engine/glob.js';
import { toolWords } from './commands/launchers.js';
import { scriptCall } from './commands/package-scripts.js';
import type { Analysis } from './context.js';
import { effectivePermissions } from './permissions.js';
import { publishFacts } from './publish/facts.js';
import { registryOf } from './registries/index.js';
import { detectPublish } from './registries/npm/detect.js';
import { provenanceRequestedByEnv } from './registries/npm/provenance.js';
import { runCommands } from './run-script.js';
import { fileOf, inputText } from './steps.js';
import { calledJobs, localWorkflowCall } from './workflow-calls.js';

export interface OidcConsumerAction {
  /** `owner/repo` or `owner/repo/path`, lower-case; `owner/*` for every action of an owner. */
  readonly action: string;
  /** What it uses the token for, for messages and docs. */
  readonly purpose: string;
  /** When set, the action requests a token only with this input present and not `false`. */
  readonly onlyWithInput?: string;
  /** …and, when set too, only when that input's value matches. */
  readonly inputMatches?: RegExp;
}

// Sources: each action's README (the `permissions: id-token: write` it documents).
export const OIDC_CONSUMER_ACTIONS: readonly OidcConsumerAction[] = [
  // Registry trusted publishing and token exchanges.
  { action: 'js-devtools/npm-publish', purpose: 'npm trusted publishing' },
  { action: 'changesets/action/publish', purpose: 'npm trusted publishing' },
  { action: 'cycjimmy/semantic-release-action', purpose: 'npm trusted publishing' },
  { action: 'pypa/gh-action-pypi-publish', purpose: 'PyPI trusted publishing' },
  // Mints a PyPI token through OIDC when no `password` is given (its action.yml requests `audience=pypi`).
  { action: 'casperdcl/deploy-pypi', purpose: 'PyPI trusted publishing' },
  { action: 'rubygems/release-gem', purpose: 'RubyGems trusted publishing' },
  { action: 'rubygems/configure-rubygems-credentials', purpose: 'RubyGems trusted publishing' },
  { action: 'rust-lang/crates-io-auth-action', purpose: 'crates.io trusted publishing' },
  { action: 'nuget/login', purpose: 'NuGet trusted publishing' },
  { action: 'denoland/deployctl', purpose: 'Deno Deploy' },
  // release-plz publishes crates through crates.io trusted publishing when the job has `id-token: write` (its README).
  { action: 'release-plz/action', purpose: 'crates.io trusted publishing' },
  // maturin uploads to PyPI through trusted publishing when no token is given.
  { action: 'pyo3/maturin-action', purpose: 'PyPI trusted publishing', onlyWithInput: 'command', inputMatches: /^\s*(?:upload|publish)\b/ },
  // Cloud and secret-store logins.
  { action: 'aws-actions/configure-aws-credentials', purpose: 'AWS role assumption' },
  { action: 'google-github-actions/auth', purpose: 'Google Cloud workload identity' },
  { action: 'azure/login', purpose: 'Azure federated credentials' },
  { action: 'hashicorp/vault-action', purpose: 'Vault JWT auth' },
  { action: 'pulumi/auth-actions', purpose: 'Pulumi Cloud' },
  { action: 'octo-sts/action', purpose: 'Octo STS GitHub tokens' },
  { action: 'jfrog/setup-jfrog-cli', purpose: 'JFrog OIDC', onlyWithInput: 'oidc-provider-name' },
  { action: 'codecov/codecov-action', purpose: 'Codecov tokenless upload', onlyWithInput: 'use_oidc' },
  { action: 'depot/*', purpose: 'Depot OIDC authentication' },
  { action: 'tailscale/github-action', purpose: 'Tailscale workload identity', onlyWithInput: 'audience' },
  { action: 'chainguard-dev/setup-chainctl', purpose: 'Chainguard identity' },
  { action: 'github/actions-oidc-debugger', purpose: 'OIDC claims debugging' },
  // Scorecard publishes its results to the OpenSSF API with an OIDC token ("Needed to publish results and get a badge").
  { action: 'ossf/scorecard-action', purpose: 'OpenSSF Scorecard results upload', onlyWithInput: 'publish_results', inputMatches: /^\s*true\s*$/i },
  // Exchanges the OIDC token for a Claude GitHub App token (its README's `id-token: write`).
  { action: 'anthropics/claude-code-action', purpose: 'Claude GitHub App token exchange' },
  // Datadog's Security Token Service: exchanges the job's OIDC token for a Datadog API or app key.
  { action: 'datadog/dd-sts-action', purpose: 'Datadog STS key exchange' },
  // CodSpeed authenticates benchmark uploads with the OIDC token (its docs' `id-token: write`).
  { action: 'codspeedhq/action', purpose: 'CodSpeed OIDC authentication' },
  // Pullfrog exchanges the OIDC token for its GitHub App's installation token (its README's `id-token: write`).
  { action: 'pullfrog/pullfrog', purpose: 'Pullfrog GitHub App token exchange' },
  // Attestations and keyless signing (Sigstore Fulcio certificates are issued for the OIDC identity).
  { action: 'actions/attest-build-provenance', purpose: 'build provenance attestations' },
  { action: 'actions/attest', purpose: 'attestations' },
  { action: 'actions/attest-sbom', purpose: 'SBOM attestations' },
  { action: 'sigstore/*', purpose: 'Sigstore signing' },
  { action: 'slsa-framework/*', purpose: 'SLSA provenance' },
  // goreleaser and ko sign keylessly with cosign when their config says so; not visible here.
  { action: 'goreleaser/goreleaser-action', purpose: 'cosign signing (goreleaser)' },
  // GitHub Pages deployments exchange the OIDC token for a deployment.
  { action: 'actions/deploy-pages', purpose: 'GitHub Pages deployment' },
  // Publishing an immutable action signs its package with a provenance attestation.
  { action: 'actions/publish-immutable-action', purpose: 'immutable action publishing' },
];

/** Commands that request a token themselves (words after `npx`/`pnpm dlx` and friends). */
const CONSUMER_COMMANDS: ReadonlyArray<{ readonly words: readonly string[]; readonly purpose: string }> = [
  { words: ['jsr', 'publish'], purpose: 'JSR publishing' },
  { words: ['deno', 'publish'], purpose: 'JSR publishing' },
  { words: ['uv', 'publish'], purpose: 'PyPI trusted publishing' },
  { words: ['twine', 'upload'], purpose: 'PyPI publishing' },
  { words: ['pdm', 'publish'], purpose: 'PyPI trusted publishing' },
  { words: ['hatch', 'publish'], purpose: 'PyPI publishing' },
  { words: ['poetry', 'publish'], purpose: 'PyPI publishing' },
  { words: ['gem', 'push'], purpose: 'RubyGems publishing' },
  { words: ['cargo', 'publish'], purpose: 'crates.io publishing' },
  { words: ['cosign', 'sign'], purpose: 'Sigstore signing' },
  { words: ['cosign', 'sign-blob'], purpose: 'Sigstore signing' },
  { words: ['cosign', 'attest'], purpose: 'Sigstore attestations' },
  { words: ['cosign', 'attest-blob'], purpose: 'Sigstore attestations' },
  { words: ['goreleaser'], purpose: 'cosign signing (goreleaser)' },
  // pkg.pr.new takes the OIDC token to upload preview builds to its own service, not to a registry:
  // the purpose says "upload" so publish-capability (isPublishPurpose) does not count it.
  { words: ['pkg-pr-new', 'publish'], purpose: 'pkg.pr.new preview uploads' },
  { words: ['maturin', 'upload'], purpose: 'PyPI trusted publishing' },
  { words: ['maturin', 'publish'], purpose: 'PyPI trusted publishing' },
  { words: ['deployctl', 'deploy'], purpose: 'Deno Deploy' },
  // pub.dev automated publishing takes the job's OIDC token (dart-lang/setup-dart provisions it).
  { words: ['dart', 'pub', 'publish'], purpose: 'pub.dev publishing' },
  { words: ['flutter', 'pub', 'publish'], purpose: 'pub.dev publishing' },
  // `nx release` versions and publishes with npm.
  { words: ['nx', 'release'], purpose: 'an npm publish (nx release)' },
];

/** Inputs of actions that federate through OIDC: `role-to-assume`, `aws_role_arn`, `workload_identity_provider`, `audience`. */
const OIDC_INPUT = /role|oidc|id[-_]?token|audience|workload[-_]?identity|federat/i;
const OIDC_ACTION_NAME = /oidc|(?:^|[-_/])sts(?:$|[-_/])|attest|sigstore|cosign/i;

/** Raw script text that requests a token by hand (`curl "$ACTIONS_ID_TOKEN_REQUEST_URL…"`, `core.getIDToken()`). */
const TOKEN_REQUEST_TEXT = /ACTIONS_ID_TOKEN_REQUEST_(?:URL|TOKEN)|getIDToken\s*\(/;

/** A script whose name suggests a release: it may publish through trusted publishing where we cannot see. */
const RELEASE_LIKE = /(?:^|[-_:/.])(?:release|publish|publication|deploy|ship)(?:$|[-_:/.])/i;

/** A purpose above that is a publish to a registry (`PyPI trusted publishing`, `crates.io publishing`): each one says so. */
export function isPublishPurpose(purpose: string): boolean {
  return /\bpublish(?:ing)?\b/i.test(purpose);
}

export type OidcUse =
  | { readonly kind: 'yes'; readonly purpose: string }
  | { readonly kind: 'maybe'; readonly reason: string }
  | { readonly kind: 'no' };

/** Whether an action (`owner/repo[/path]`, with and without its ref) matches an `owner/repo` glob. */
export function matchesAction(context: Analysis, pattern: string, name: string, fullName: string): boolean {
  const lower = pattern.toLowerCase();
  // Linear-time globs (engine/glob.ts): a pattern from a config never backtracks; one that cannot compile matches nothing.
  const compiled = context.facts.memo('action-glob', lower, () => compileGlob(lower));
  return compiled.ok && (compiled.match(name) || compiled.match(fullName));
}

/**
 * The first entry of the consumer table an action matches, or null. Once per action name in a run
 * (a run-wide string fact): matching every step against every glob of the table was 4% of a corpus run.
 */
export function oidcConsumerActionOf(context: Analysis, uses: { readonly name: string; readonly fullName: string }): OidcConsumerAction | null {
  return context.facts.memo('oidc-consumer-action', `${uses.name}\n${uses.fullName}`, () =>
    OIDC_CONSUMER_ACTIONS.find((consumer) => matchesAction(context, consumer.action, uses.name, uses.fullName)) ?? null,
  );
}

/**
 * An action whose `token` output a later step uses, and which is given no secret, mints that token
 * from the job's own identity: an OIDC exchange (octo-sts, tiangolo/pr-submit for a GitHub App).
 */
function mintsTokenFromIdentity(step: StepNode): boolean {
  const id = step.id?.text.trim();
  if (!id || !/^[A-Za-z0-9_-]+$/.test(id)) return false;
  if ([...step.with.values()].some((entry) => entry.value.type !== 'scalar' || /\bsecrets\./.test(entry.value.text))) return false;
  const job = step.parent;
  return new RegExp(`\\bsteps\\.${id}\\.outputs\\.token\\b`).test(fileOf(step).text.slice(job.span.start, job.span.end));
}

function falsy(text: string | undefined): boolean {
  return text === undefined || /^\s*(?:false|no|0)?\s*$/i.test(text);
}

/** Whether an action step requests a token, by the list plus extra `owner/repo` patterns. */
export function actionOidcUse(context: Analysis, step: StepNode, extraActions: readonly string[]): OidcUse {
  const uses = step.uses;
  if (!uses) return { kind: 'no' };
  if (uses.kind === 'local') return localActionOidcUse(context, uses.name);
  if (uses.kind !== 'repository') return uses.kind === 'unknown' ? { kind: 'maybe', reason: 'an action chosen at run time' } : { kind: 'no' };
  const consumer = oidcConsumerActionOf(context, uses);
  if (consumer) {
    if (consumer.onlyWithInput) {
      const value = inputText(step, consumer.onlyWithInput);
      // A known action used without its OIDC input is known not to request a token.
      if (falsy(value) || (consumer.inputMatches && !value!.includes('${{') && !consumer.inputMatches.test(value!))) return { kind: 'no' };
    }
    return { kind: 'yes', purpose: consumer.purpose };
  }
  for (const pattern of extraActions) {
    if (matchesAction(context, pattern, uses.name, uses.fullName)) return { kind: 'yes', purpose: `\`${pattern}\`` };
  }
  if (uses.name === 'actions/github-script' && TOKEN_REQUEST_TEXT.test(inputText(step, 'script') ?? '')) {
    return { kind: 'yes', purpose: 'a script that requests an OIDC token' };
  }
  // An action outside the list may log in to a cloud inside (a composite wrapping
  // configure-aws-credentials): a role or audience input, or a name that says so, gives it away.
  if (mintsTokenFromIdentity(step)) return { kind: 'maybe', reason: `\`${uses.fullName}\`, which hands out a token without being given a secret` };
  const input = [...step.with.keys()].find((key) => OIDC_INPUT.test(key));
  if (input) return { kind: 'maybe', reason: `\`${uses.fullName}\` with input \`${input}\`` };
  if (OIDC_ACTION_NAME.test(uses.fullName)) return { kind: 'maybe', reason: `\`${uses.fullName}\`` };
  return { kind: 'no' };
}

/**
 * A local action (`./.github/actions/x`): its `action.yml` text is scanned for anything that looks
 * like a consumer. Unreadable ⇒ maybe; a scan is coarse, so any hit is only "maybe" too.
 */
function localActionOidcUse(context: Analysis, path: string, seen: Set<string> = new Set()): OidcUse {
  const directory = path.replace(/^\.\//, '').replace(/\/$/, '');
  if (directory.includes('${{') || directory.split('/').includes('..')) return { kind: 'maybe', reason: `local action \`${path}\`` };
  const text = context.project.text(`${directory}/action.yml`) ?? context.project.text(`${directory}/action.yaml`);
  if (text === undefined) return { kind: 'maybe', reason: `local action \`${path}\`` };
  const lower = text.toLowerCase();
  const hit =
    TOKEN_REQUEST_TEXT.test(text) ||
    // `oidc` in a name or description ("Exchange GitHub OIDC token for a Datadog API key") says it too.
    /\bid-token\b|\boidc\b|\bpublish\b|\brelease\b|\bdeploy\b|\bcosign\b|\battest/.test(lower) ||
    OIDC_CONSUMER_ACTIONS.some((consumer) => lower.includes(consumer.action.replace('/*', '/')));
  if (hit) return { kind: 'maybe', reason: `local action \`${path}\`` };
  // A composite action that uses other local actions is as much a consumer as they are (GitHub nests 10 levels).
  // Each action is read once per question (`seen`), so a cycle or a hostile fan of actions stays linear.
  seen.add(directory);
  if (seen.size > 50) return { kind: 'maybe', reason: `local action \`${path}\`` };
  for (const match of text.matchAll(/^\s*(?:-\s*)?uses:\s*["']?(\.\/[^\s"'#]+)/gm)) {
    const inner = match[1]!;
    if (seen.has(inner.replace(/^\.\//, '').replace(/\/$/, ''))) continue;
    if (localActionOidcUse(context, inner, seen).kind !== 'no') return { kind: 'maybe', reason: `local action \`${path}\`` };
  }
  return { kind: 'no' };
}

const PACKAGE_MANAGERS = new Set(['pnpm', 'yarn', 'bun']);

/** Commands that run a named task or script: `make release`, `bundle exec rake release`, `npx turbo run publish`. */
const TASK_RUNNERS = new Set(['make', 'just', 'task', 'rake', 'bundle', 'mise', 'nx', 'turbo', 'gulp', 'grunt', 'bash', 'sh', 'node', 'tsx', 'python', 'python3', 'deno']);

/**
 * A script, package script or make target named like a release (`./scripts/publish.sh`,
 * `pnpm release`, `make deploy`): what it runs is not visible. `gh release create` is not one.
 */
function releaseLike(words: readonly string[]): boolean {
  const [first, second] = words;
  const base = (word: string | undefined) => (word ?? '').slice((word ?? '').lastIndexOf('/') + 1).replace(/\.[a-z]+$/i, '');
  if (RELEASE_LIKE.test(base(first))) return true;
  if (first === 'npm' || first === 'pnpm' || first === 'yarn' || first === 'bun') {
    return RELEASE_LIKE.test(scriptCall(words)?.script ?? second ?? '');
  }
  if (TASK_RUNNERS.has(base(first))) {
    return words.slice(1).some((word) => !word.startsWith('-') && RELEASE_LIKE.test(base(word)));
  }
  return false;
}

/** Whether a `run:` step requests a token (or may, through a script whose name says release). */
export function runOidcUse(context: Analysis, step: StepNode): OidcUse {
  if (!step.run) return { kind: 'no' };
  if (TOKEN_REQUEST_TEXT.test(step.run.text)) return { kind: 'yes', purpose: 'a script that requests an OIDC token' };
  let maybe: OidcUse | undefined;
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    if (words.length === 0) continue;
    // `npm publish --dry-run` still performs the OIDC exchange (it runs before the dry-run branch).
    if (detectPublish(words.filter((word) => word !== '--dry-run' && word !== '--dry-run=true'))) {
      return { kind: 'yes', purpose: 'an npm publish' };
    }
    const tool = toolWords(words);
    // A package manager runs a local binary by its name too: `pnpm pkg-pr-new publish`, `bun pkg-pr-new publish`.
    const tools = PACKAGE_MANAGERS.has(words[0]!) ? [tool, words.slice(1)] : [tool];
    for (const consumer of CONSUMER_COMMANDS) {
      if (tools.some((candidate) => consumer.words.every((word, index) => (index === 0 ? candidate[0] === word : candidate.includes(word))))) {
        return { kind: 'yes', purpose: consumer.purpose };
      }
    }
    // Provenance switched on in env (`NPM_CONFIG_PROVENANCE: true`) for a tool whose publish we cannot
    // see (`changelogen --publish`): the author means the job to sign with its OIDC identity.
    if (!maybe && provenanceRequestedByEnv(context, step)) maybe = { kind: 'maybe', reason: `\`${words.join(' ')}\` with npm provenance enabled` };
    if (!maybe && (releaseLike(words) || releaseLike(tool))) maybe = { kind: 'maybe', reason: `\`${words.join(' ')}\`` };
    // A tool of the repository's own that signs or attests (sigstore-js runs `./packages/cli/bin/run attest`):
    // keyless signing takes the job's OIDC token, and what the tool does cannot be read here.
    if (!maybe && /^\.{0,2}\//.test(words[0]!) && words.slice(1).some((word) => word === 'attest' || word === 'sign')) {
      maybe = { kind: 'maybe', reason: `\`${words.join(' ')}\`` };
    }
  }
  return maybe ?? { kind: 'no' };
}

/**
 * A job that calls a reusable workflow passes its grant on: it needs `id-token: write` when a called
 * job asks for it, or inherits it and uses it. A remote or unreadable callee may use it (`maybe`).
 */
function callOidcUse(context: Analysis, job: JobNode, extraActions: readonly string[]): OidcUse {
  if (!localWorkflowCall(context, job)) return { kind: 'maybe', reason: 'a reusable-workflow call' };
  let maybe: OidcUse | undefined;
  for (const called of calledJobs(context, job)) {
    // A nested call is judged through the jobs it leads to, which calledJobs lists too.
    if (called.job.uses && called.inherits) {
      if (!localWorkflowCall(context, called.job)) maybe ??= { kind: 'maybe', reason: 'a reusable-workflow call' };
      continue;
    }
    if (!called.inherits) {
      if (effectivePermissions(called.job).access('id-token') === 'write') return { kind: 'yes', purpose: `a called job that asks for it (\`${called.job.id}\`)` };
      continue;
    }
    const use = jobOidcUse(context, called.job, extraActions);
    if (use.kind === 'yes') return { kind: 'yes', purpose: `${use.purpose} in a called workflow` };
    if (use.kind === 'maybe') maybe ??= use;
  }
  return maybe ?? { kind: 'no' };
}

/**
 * Whether a job uses its OIDC token: `yes` with what for, `maybe` when that cannot be ruled out,
 * `no` when nothing in it requests one.
 */
export function jobOidcUse(context: Analysis, job: JobNode, extraActions: readonly string[] = []): OidcUse {
  if (job.uses) return callOidcUse(context, job, extraActions);
  // Every registry's publishes, from the registry table: one to a public instance takes the token.
  const sites = publishFacts(context, job).sites;
  const official = sites.find((site) => site.target.official === true);
  if (official) return { kind: 'yes', purpose: `${registryOf(official.registry).name === 'npm' ? 'an npm' : `a ${registryOf(official.registry).name}`} publish` };
  // GitHub Packages authenticates with GITHUB_TOKEN; another registry may or may not take OIDC.
  const otherRegistry = new Set(sites.map((site) => site.step));
  let maybe: OidcUse | undefined;
  for (const step of job.steps) {
    if (otherRegistry.has(step)) {
      maybe ??= { kind: 'maybe', reason: 'a publish to another registry' };
      continue;
    }
    const use = step.uses ? actionOidcUse(context, step, extraActions) : runOidcUse(context, step);
    if (use.kind === 'yes') return use;
    if (use.kind === 'maybe') maybe ??= use;
  }
  return maybe ?? { kind: 'no' };
}

/** The option of the rules that judge OIDC grants by their consumers (id-token-job-scope, id-token-unused). */
export interface ConsumerActionsOptions {
  /** More actions that request OIDC tokens (`owner/repo`, `owner/repo/path`, `owner/*`). */
  consumerActions: string[];
}

export const CONSUMER_ACTIONS_DEFAULTS: ConsumerActionsOptions = { consumerActions: [] };

export const CONSUMER_ACTIONS_SCHEMA: JSONSchemaType<ConsumerActionsOptions> = {
  type: 'object',
  properties: {
    consumerActions: {
      type: 'array',
      items: { type: 'string' },
      description: 'More actions that request OIDC tokens: `owner/repo`, `owner/repo/path` or `owner/*` (lower-case globs).',
    },
  },
  required: ['consumerActions'],
  additionalProperties: false,
};
