/**
 * The registry-neutral publish model. A *publish site* is one place where a job publishes a
 * package: a command in a `run:` script or a publishing action. Each registry module (npm, PyPI,
 * crates.io, RubyGems, NuGet, JSR) finds its sites and the credentials that reach them;
 * everything generic (which job, `id-token`, where a finding points) stays registry-neutral.
 */
import type { ActionNode, JobNode, Span, StepNode, YamlEntry } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import type { ChainLink } from '../chain.js';
import type { RunCommand } from '../run-script.js';

export type RegistryId = 'npm' | 'pypi' | 'crates' | 'rubygems' | 'nuget' | 'jsr';

/** Where a publish goes. */
export interface PublishTarget {
  /** The registry URL, or undefined when it cannot be known (an expression). */
  readonly url?: string;
  /**
   * True for a public instance with trusted publishing (registry.npmjs.org, pypi.org, test.pypi.org,
   * crates.io, rubygems.org, nuget.org, jsr.io); false for another one (GitHub Packages, a private
   * index, an alternative registry); undefined when unknown.
   */
  readonly official: boolean | undefined;
  readonly source: 'flag' | 'env' | 'setup-node' | 'input' | 'project' | 'default';
}

export type ProvenanceState = 'enabled' | 'disabled' | 'unset' | 'unknown';

export interface Provenance {
  readonly state: ProvenanceState;
  /** Where the signal is written, when it is in the workflow. */
  readonly at?: Span | YamlEntry;
  readonly source?: 'flag' | 'env' | 'input' | 'project';
}

export interface PublishSite {
  readonly registry: RegistryId;
  /** The publishing tool, as its registry module names it (`npm`, `pnpm`, `changesets-action`). */
  readonly tool: string;
  /** How messages name the publish, when the module says (`` `twine upload` ``, `` `cargo publish` ``). */
  readonly toolName?: string;
  readonly step: StepNode;
  /** The publish command in the `run:` script, or the `uses:` value: where findings about it point (in the step's file). */
  readonly span: Span;
  readonly via: 'run' | 'uses';
  /** For `run:` publishes, the shell command. */
  readonly command?: RunCommand;
  /** The words from the publishing tool on (`npm publish --provenance`), without launchers. */
  readonly args: readonly string[];
  /** A version spec that overrides the tool's default: `npx npm@11.6 publish` → `11.6`. */
  readonly versionSpec?: string;
  /** The package.json script that led here (`npm run release` → `release`). */
  readonly script?: string;
  /** How the linted line reaches this publish in other files (scripts, Makefile targets, actions), outermost first. */
  readonly chain: readonly ChainLink[];
  /** The package directory the publish runs in, when a script or workspace selection decides it. */
  readonly directory?: string;
  /**
   * For a publish inside a local composite action: the action and its step that publishes. The site's
   * own `step` is then the calling step, and `span` its `uses:`.
   */
  readonly inAction?: { readonly action: ActionNode; readonly step: StepNode };
  readonly target: PublishTarget;
  readonly provenance: Provenance;
  /** Whether the tool can authenticate through the registry's OIDC exchange at all (`bun publish` never can). */
  readonly oidc: 'capable' | 'never';
  /**
   * The publish can authenticate only through the OIDC exchange, whatever else the job holds
   * (`pypa/gh-action-pypi-publish` without `password`, `uv publish --trusted-publishing always`):
   * without `id-token: write` it fails. Where it is written, for findings.
   */
  readonly oidcOnly?: Span | YamlEntry;
}

/**
 * A step that exchanges the job's OIDC token for a short-lived registry token
 * (`rust-lang/crates-io-auth-action`, `NuGet/login`): without `id-token: write` it fails.
 */
export interface OidcExchange {
  readonly registry: RegistryId;
  readonly step: StepNode;
  /** Where findings point: the `uses:` value, or the command. */
  readonly span: Span;
  /** As messages name it: `` `rust-lang/crates-io-auth-action` ``. */
  readonly what: string;
}

/**
 * A long-lived credential that reaches a job: a token bound in env (an `env:` entry, a shell
 * assignment, a `$GITHUB_ENV` write), given to an action, written to a config file, or given to the
 * publish as a config flag.
 */
export interface Credential {
  readonly registry: RegistryId;
  readonly kind: 'env' | 'input' | 'config-write' | 'flag';
  /** The env variable or input name, the config key written (`_authToken`, `npmAuthToken`), or the flag (`--token`, or the config key a `--key=value` flag sets). */
  readonly name: string;
  /** The secrets it comes from (`NPM_TOKEN`, `vars.X`); empty for a literal token written in the workflow. */
  readonly secrets: readonly string[];
  /** A token written in the workflow itself rather than taken from a secret. */
  readonly literal?: boolean;
  /** The entry that binds it (env key, `with:` input), or the span of the assignment, command or flag that sets it. */
  readonly at: YamlEntry | Span;
  /** The step it belongs to (step env, an input, the writing step); undefined for job and workflow env. */
  readonly step?: StepNode;
  /** For a binding made by a script: the index of the command that makes it in `step`'s script. */
  readonly command?: number;
  /** Where the secret is written when the binding reads it from another (`NODE_AUTH_TOKEN: ${{ env.T }}` → `T`). */
  readonly via?: YamlEntry | Span;
  readonly level?: 'step' | 'job' | 'workflow';
  /** Which of the registry's tools read it; the registry module decides (npm: `npm`, `yarn`, `bun`, `any`). */
  readonly channel: string;
  /**
   * For a tool that does the OIDC exchange itself: `after-oidc` when it tries OIDC first and reads
   * this credential only when no OIDC token is available (maturin's `MATURIN_PASSWORD`); otherwise
   * the credential wins over OIDC, or the module does not say (npm decides this its own way).
   */
  readonly precedence?: 'after-oidc';
}

/**
 * A literal token format of a registry: what one of its tokens looks like when it is written out in
 * a file. Registry-neutral: the rule that finds leaked tokens reads only these.
 */
export interface TokenFormat {
  /** The registry's id (`npm`, `pypi`, `rubygems`, `crates`, `nuget`, `jsr`). */
  readonly registry: string;
  /** The registry as messages name it (`PyPI`, `crates.io`). */
  readonly registryName: string;
  /** What the token is called (`npm access token`). */
  readonly name: string;
  /**
   * Matches one token, without flags (scanners add `g`). Linear: a fixed prefix, then character
   * classes; a word boundary where the token's end is fixed.
   */
  readonly pattern: RegExp;
  /** The fixed start of every such token: the only part of a token a message may show (`npm_`). */
  readonly prefix: string;
  /** Where a leaked token is revoked, as a message says it (`on npmjs.com (Access Tokens)`). */
  readonly revoke: string;
}

/** What a registry module tells about itself and finds in a job. */
export interface RegistryModule {
  readonly id: RegistryId;
  /** As messages name it. */
  readonly name: string;
  /** Hosts of the public instance, the one with trusted publishing. */
  readonly hosts: readonly string[];
  /** Environment variables its tools read a token from, as documented. */
  readonly tokenEnvNames: readonly string[];
  /** Commands that publish (their names; detection is the module's). */
  readonly commands: readonly string[];
  /** Actions that publish (`owner/repo[/path]`, lower-case). */
  readonly actions: readonly string[];
  /** How its trusted-publishing exchange happens, for docs and messages. */
  readonly oidc: string;
  /** Literal token formats, for finding tokens written into files. */
  readonly tokenFormats: readonly TokenFormat[];
  /** JSON Schema of each `settings` key the module reads. */
  readonly settingsSchema: Readonly<Record<string, object>>;
  /** The publishes of one step. */
  sitesOfStep(context: Analysis, step: StepNode): readonly PublishSite[];
  /** Every long-lived credential of the registry visible to the site's step, whichever tool reads it (exposure). */
  visibleCredentials(context: Analysis, site: PublishSite): readonly Credential[];
  /** The credentials the publishing tool reads: they authenticate the publish. */
  credentialsFor(context: Analysis, site: PublishSite): readonly Credential[];
  /** A step that exchanges the job's OIDC token for a registry token, when the step is one. */
  oidcExchangeOfStep?(context: Analysis, step: StepNode): OidcExchange | undefined;
  /**
   * Long-lived credentials a step configures for the registry's public instance whether or not a
   * publish is seen after it (`rubygems/configure-rubygems-credentials` with `api-token`).
   */
  configuredCredentials?(context: Analysis, step: StepNode): readonly Credential[];
}

/** Everything a job or composite action publishes, over every registry. */
export interface PublishFacts {
  readonly container: JobNode | ActionNode;
  readonly sites: readonly PublishSite[];
  /** `id-token: write` for the job: true, false, or undefined when unknown (composite actions, expressions, called workflows). */
  readonly idToken: boolean | undefined;
}
