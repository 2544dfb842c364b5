/** What the npm rules ask of a job: its npm publishes, the tokens that reach each, and how each authenticates. */
import type { ActionNode, JobNode, YamlEntry } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { credentialsFor, publishFacts, visibleCredentials } from '../../publish/facts.js';
import type { Credential } from '../types.js';
import { npmTokenPassedToAction } from './credentials.js';
import type { NpmPublish } from './sites.js';

export interface NpmPublishFacts {
  readonly container: JobNode | ActionNode;
  readonly publishes: readonly NpmPublish[];
  /** Publishes whose registry is registry.npmjs.org for certain. */
  readonly npmjsPublishes: readonly NpmPublish[];
  /** `id-token: write` for the job: true, false, or undefined when unknown. */
  readonly idToken: boolean | undefined;
  /** An npm token handed to some action's input: it may land in `~/.npmrc` where the workflow cannot show it. */
  readonly tokenInActionInput: YamlEntry | undefined;
  /** Long-lived npm tokens that the publishing tool reads (they authenticate the publish). */
  tokensFor(publish: NpmPublish): readonly Credential[];
  /** Every long-lived npm token visible to the publish step, whichever tool reads it (exposure). */
  visibleTokens(publish: NpmPublish): readonly Credential[];
}

export function npmPublishFacts(context: Analysis, container: JobNode | ActionNode): NpmPublishFacts {
  return context.facts.memo('npm-publish-facts', container, () => {
    const facts = publishFacts(context, container);
    const publishes = facts.sites.filter((site): site is NpmPublish => site.registry === 'npm');
    return {
      container,
      publishes,
      npmjsPublishes: publishes.filter((publish) => publish.target.official === true),
      idToken: facts.idToken,
      tokenInActionInput: npmTokenPassedToAction(context, container),
      tokensFor: (publish) => credentialsFor(context, publish),
      visibleTokens: (publish) => visibleCredentials(context, publish),
    };
  });
}

/**
 * How a publish authenticates: `token` when a long-lived token reaches it, `oidc` when none does and
 * the job has `id-token: write` (trusted publishing is the only way in), `none` when neither (it
 * will fail with ENEEDAUTH or E404), `unknown` when the job's `id-token` grant is not known.
 */
export type PublishAuth = 'token' | 'oidc' | 'none' | 'unknown';

export function publishAuth(facts: NpmPublishFacts, publish: NpmPublish): PublishAuth {
  if (facts.tokensFor(publish).length > 0 || facts.tokenInActionInput) return 'token';
  if (facts.idToken === undefined) return 'unknown';
  return facts.idToken ? 'oidc' : 'none';
}
