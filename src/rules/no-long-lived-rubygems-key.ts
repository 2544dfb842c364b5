import type { ActionNode, JobNode, StepNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { publishFacts } from '../domain/publish/facts.js';
import { registryOf } from '../domain/registries/index.js';
import { inputEntry, stepsOf } from '../domain/steps.js';
import { ALLOWED_SECRETS_DEFAULTS, allowedSecretsSchema, registryTokenVisitors, relatedOf, tokenData, type TokenFinding } from './registry-tokens.js';

const rubygems = registryOf('rubygems');

const FIX =
  'configure a trusted publisher for this workflow on rubygems.org, give this job `id-token: write`, and push with `rubygems/release-gem@v1` (or after `rubygems/configure-rubygems-credentials` without `api-token`)';

export const noLongLivedRubygemsKey = defineRule({
  id: 'no-long-lived-rubygems-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived RubyGems API keys in jobs that push gems to rubygems.org',
      recommended: true,
      strict: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: {
      severity: 7.5,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'rubygems', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob: `Long-lived RubyGems API key \`{{secret}}\` reaches {{tool}} (push to rubygems.org) through {{binding}}. Publish through trusted publishing instead: ${FIX}; then delete the secret and revoke the key on rubygems.org.`,
      tokenOverridesOidc:
        'Long-lived RubyGems API key `{{secret}}` reaches {{tool}} (push to rubygems.org) through {{binding}} in a job with `id-token: write`: a configured key is used instead of a trusted-publishing key, so the trusted publisher does not authenticate the push. Remove it (`rubygems/configure-rubygems-credentials` without `api-token`, or `rubygems/release-gem@v1`) and revoke it on rubygems.org.',
      tokenIsTheCredential:
        'Long-lived RubyGems API key `{{secret}}` reaches {{tool}} (push to rubygems.org) through {{binding}}, and it is what authenticates the push: `gem` does not do the OIDC exchange itself, so `id-token: write` alone does not replace it. Push with `rubygems/release-gem@v1` (or after `rubygems/configure-rubygems-credentials` without `api-token`), then remove the key and revoke it.',
      dormantFallback:
        'Long-lived RubyGems API key `{{secret}}` reaches the step of {{tool}} (push to rubygems.org) through {{binding}}, but the push does not use it: a dormant key that can still be stolen. Remove it and revoke it on rubygems.org.',
      hardcodedToken:
        'A RubyGems API key is written into the workflow in {{binding}}: anyone who can read the repository can push with it. Revoke it on rubygems.org now, and publish with `rubygems/release-gem@v1` (trusted publishing) instead.',
      trustedPublisherOff:
        '`rubygems/release-gem` pushes to rubygems.org with `setup-trusted-publisher: false`, so it pushes with a long-lived API key set up outside this workflow. Remove `setup-trusted-publisher: false`, ' +
        'configure a trusted publisher for this workflow on rubygems.org, give this job `id-token: write`, and revoke the key.',
    },
    schema: allowedSecretsSchema("for example a key for a gem's first push"),
    defaultOptions: ALLOWED_SECRETS_DEFAULTS,
  },
  create(context) {
    const report = (finding: TokenFinding) =>
      context.report({
        messageId: finding.situation,
        at: finding.token.at,
        data: { ...tokenData(finding), tool: finding.site?.toolName ?? '`rubygems/configure-rubygems-credentials`' },
        related: relatedOf(finding),
      });
    // release-gem told not to set up its trusted publisher, with no key seen and no trusted-publishing exchange before it.
    const trustedPublisherOff = (container: JobNode | ActionNode, findings: readonly TokenFinding[]) => {
      const withFindings = new Set(findings.flatMap((finding) => (finding.site ? [finding.site.step] : [])));
      const sites = publishFacts(context, container).sites;
      const exchangedBefore = (step: StepNode) =>
        stepsOf(container).some((other) => other.index < step.index && rubygems.oidcExchangeOfStep?.(context, other) !== undefined) ||
        sites.some((other) => other.tool === 'release-gem' && other.registry === 'rubygems' && other.oidc === 'capable' && other.step.index < step.index);
      for (const site of sites) {
        if (site.registry !== 'rubygems' || site.tool !== 'release-gem' || site.oidc !== 'never' || withFindings.has(site.step) || exchangedBefore(site.step)) continue;
        const entry = inputEntry(site.step, 'setup-trusted-publisher');
        if (entry) context.report({ messageId: 'trustedPublisherOff', at: entry, related: [{ at: site.span, message: 'publishes here' }] });
      }
    };
    return registryTokenVisitors(context, 'rubygems', report, trustedPublisherOff);
  },
});
