/**
 * What the `no-long-lived-<registry>-token` rules of the registries after npm share: the long-lived
 * credentials that reach each publish to the registry's public instance, one finding per secret,
 * and which situation each is in. Domain facts only; the registry is a parameter.
 */
import type { JSONSchemaType } from 'ajv';
import type { ActionNode, JobNode, YamlEntry } from '../engine/ast.js';
import type { RelatedLocation } from '../engine/rule.js';
import type { Analysis } from '../domain/context.js';
import { credentialsFor, publishFacts, visibleCredentials } from '../domain/publish/facts.js';
import { registryOf } from '../domain/registries/index.js';
import type { Credential, PublishSite, RegistryId } from '../domain/registries/types.js';
import { stepsOf } from '../domain/steps.js';

export type TokenSituation =
  /** Written out in full in the workflow. */
  | 'hardcodedToken'
  /** The job has no `id-token: write` (or it is not known): the token is the way in. */
  | 'tokenInPublishJob'
  /** `id-token: write`, and the tool uses the token before it tries OIDC. */
  | 'tokenOverridesOidc'
  /** `id-token: write`, but the tool cannot do the OIDC exchange: the token authenticates. */
  | 'tokenIsTheCredential'
  /** `id-token: write`, and the tool does not use this token (it tries OIDC first, or reads another channel). */
  | 'dormantFallback';

export interface TokenFinding {
  readonly situation: TokenSituation;
  readonly token: Credential;
  /** The same secret reaching the publish through other channels. */
  readonly others: readonly Credential[];
  /** The publish it reaches; undefined for a credential configured with no publish seen. */
  readonly site?: PublishSite;
  /** The secrets, without the allowed ones. */
  readonly secrets: readonly string[];
}

const KIND_ORDER: Readonly<Record<Credential['kind'], number>> = { env: 0, input: 1, flag: 2, 'config-write': 3 };

/** How a message names a binding: `` `TWINE_PASSWORD` ``, `` the `password` input ``, `` `--token` ``. */
export function describeBinding(token: Credential): string {
  if (token.kind === 'env') return `\`${token.name}\``;
  if (token.kind === 'input') return `the \`${token.name}\` input`;
  if (token.kind === 'flag') return `\`${token.name}\``;
  return `the \`${token.name}\` it writes`;
}

function situationOf(idToken: boolean | undefined, site: PublishSite, token: Credential, readByTool: boolean): TokenSituation {
  if (token.literal) return 'hardcodedToken';
  if (idToken !== true) return 'tokenInPublishJob';
  if (!readByTool) return 'dormantFallback';
  if (site.oidc === 'never') return 'tokenIsTheCredential';
  return token.precedence === 'after-oidc' ? 'dormantFallback' : 'tokenOverridesOidc';
}

/**
 * The findings of one job or composite action for a registry. `reported` spans the whole run of
 * the rule: a workflow-level env token reaches every job and is reported once.
 */
export function registryTokenFindings(
  context: Analysis,
  container: JobNode | ActionNode,
  registry: RegistryId,
  allowed: ReadonlySet<string>,
  reported: Set<YamlEntry | number>,
): TokenFinding[] {
  const keyOf = (token: Credential) => ('key' in token.at ? token.at : token.at.start);
  const kept = (token: Credential) => token.secrets.filter((secret) => !allowed.has(secret.toUpperCase()));
  const facts = publishFacts(context, container);
  const findings: TokenFinding[] = [];
  // A credential is reported at a publish whose tool reads it when there is one, else where it is only visible.
  for (const pass of ['read', 'visible'] as const) {
    for (const site of facts.sites) {
      if (site.registry !== registry || site.target.official !== true) continue;
      const read = credentialsFor(context, site);
      const bySecret = new Map<string, Credential[]>();
      for (const token of visibleCredentials(context, site)) {
        const secrets = kept(token);
        if (secrets.length === 0 && !token.literal) continue;
        const group = token.literal ? `literal:${bySecret.size}` : [...secrets].sort().join(',');
        bySecret.set(group, [...(bySecret.get(group) ?? []), token]);
      }
      for (const tokens of bySecret.values()) {
        const readByTool = tokens.some((candidate) => read.includes(candidate));
        if (pass === 'read' && !readByTool) continue;
        const [token, ...others] = [...tokens].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
        if (!token || tokens.some((candidate) => reported.has(keyOf(candidate)))) continue;
        for (const candidate of tokens) reported.add(keyOf(candidate));
        const best = tokens.find((candidate) => read.includes(candidate)) ?? token;
        findings.push({ situation: situationOf(facts.idToken, site, best, readByTool), token, others, site, secrets: kept(token) });
      }
    }
  }
  // Credentials a step configures for the public instance, publish seen or not.
  const configure = registryOf(registry).configuredCredentials;
  if (configure) {
    for (const step of stepsOf(container)) {
      for (const token of configure(context, step)) {
        if (reported.has(keyOf(token)) || (kept(token).length === 0 && !token.literal)) continue;
        reported.add(keyOf(token));
        findings.push({ situation: token.literal ? 'hardcodedToken' : facts.idToken === true ? 'tokenOverridesOidc' : 'tokenInPublishJob', token, others: [], secrets: kept(token) });
      }
    }
  }
  return findings;
}

/** The related locations of a finding: the other channels of the same secret, and the publish. */
export function relatedOf(finding: TokenFinding): RelatedLocation[] {
  return [
    ...finding.others.map((other) => ({ at: other.at, message: 'the same secret also reaches the publish here' })),
    ...(finding.site ? [{ at: finding.site.span, message: 'publishes here' }, ...finding.site.chain] : []),
  ];
}

/** The one option of every registry's token rule. */
export interface AllowedSecretsOptions {
  /** Secret names accepted as a reviewed exception. */
  allowedSecrets: string[];
}

export const ALLOWED_SECRETS_DEFAULTS: AllowedSecretsOptions = { allowedSecrets: [] };

/** The option schema, with a registry's example of a reviewed exception (`for example a key for a gem's first push`). */
export function allowedSecretsSchema(example?: string): JSONSchemaType<AllowedSecretsOptions> {
  return {
    type: 'object',
    properties: {
      allowedSecrets: { type: 'array', items: { type: 'string' }, description: `Secret names accepted as a reviewed exception${example ? ` (${example})` : ''}.` },
    },
    required: ['allowedSecrets'],
    additionalProperties: false,
  };
}

/** What every token message names: the secrets (allowed ones left out) and the binding they reach the publish through. */
export function tokenData(finding: TokenFinding): { secret: string; binding: string } {
  return { secret: finding.secrets.join('`, `'), binding: describeBinding(finding.token) };
}

/**
 * The `job` and `action` visitors of a registry's token rule: each finding for `registry`, once per
 * run of the rule (a workflow-level token reaches every job), goes to `report`; `after` sees a
 * container's findings once they are reported.
 */
export function registryTokenVisitors(
  context: Analysis & { readonly options: AllowedSecretsOptions },
  registry: RegistryId,
  report: (finding: TokenFinding) => void,
  after?: (container: JobNode | ActionNode, findings: readonly TokenFinding[]) => void,
): { job: (job: JobNode) => void; action: (action: ActionNode) => void } {
  const reported = new Set<YamlEntry | number>();
  const allowed = new Set(context.options.allowedSecrets.map((name) => name.toUpperCase()));
  const check = (container: JobNode | ActionNode) => {
    const findings = registryTokenFindings(context, container, registry, allowed, reported);
    for (const finding of findings) report(finding);
    after?.(container, findings);
  };
  return { job: check, action: check };
}
