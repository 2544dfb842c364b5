/**
 * Whether an npm publish will carry provenance, from the facts the publish model already has: its
 * provenance signal (`provenanceOf`) and how it authenticates (`publishAuth`, `oidcReplacesTokens`).
 */
import type { Analysis } from '../../context.js';
import type { Provenance } from '../types.js';
import { oidcReplacesTokens } from './auth.js';
import type { NpmTool } from './detect.js';
import { publishAuth, type NpmPublishFacts, type PublishAuth } from './facts.js';
import type { NpmPublish } from './sites.js';

/**
 * Tools that never produce provenance: bun and Yarn 1 have no provenance support, and the token-only
 * actions run an npm of their own without it.
 */
export const NO_PROVENANCE_TOOLS: ReadonlySet<NpmTool> = new Set(['bun', 'yarn-classic', 'token-only-action']);

/**
 * How a publish authenticates in the end: `publishAuth`, except that long-lived tokens which npm's
 * OIDC exchange certainly replaces (npm 11.5.1+ with `id-token: write` over a user-level token) leave
 * trusted publishing as the way in.
 */
export function effectiveAuth(context: Analysis, facts: NpmPublishFacts, publish: NpmPublish): PublishAuth {
  const auth = publishAuth(facts, publish);
  return auth === 'token' && oidcReplacesTokens(context, facts, publish) ? 'oidc' : auth;
}

/**
 * Whether a publish will carry provenance:
 * - `explicit`: provenance is asked for (a flag, `NPM_CONFIG_PROVENANCE`, `publishConfig`, `.npmrc`,
 *   an action input), so npm signs a statement or fails;
 * - `if-public`: the publish goes through trusted publishing with provenance left at its default, and
 *   npm then adds provenance by itself only when the repository and the package are public
 *   (npm Docs, "Trusted publishing for npm packages": "This automatic generation only applies when
 *   … Publishing from a public repository … Publishing a public package"), which a workflow does not show;
 * - `none`: provenance is turned off, the tool cannot make it, or a token publish does not ask;
 * - `unknown`: the signal or the authentication is not known.
 *
 * `provenance` defaults to the publish's own signal; a caller that knows the signal of one of the
 * packages a publish publishes (its own `publishConfig`) passes that.
 */
export type ProvenanceExpectation = 'explicit' | 'if-public' | 'none' | 'unknown';

export function expectedProvenance(context: Analysis, facts: NpmPublishFacts, publish: NpmPublish, provenance: Provenance = publish.provenance): ProvenanceExpectation {
  if (NO_PROVENANCE_TOOLS.has(publish.tool)) return 'none';
  if (provenance.state === 'enabled') return 'explicit';
  if (provenance.state === 'disabled') return 'none';
  if (provenance.state === 'unknown') return 'unknown';
  const auth = effectiveAuth(context, facts, publish);
  return auth === 'oidc' ? 'if-public' : auth === 'unknown' ? 'unknown' : 'none';
}
