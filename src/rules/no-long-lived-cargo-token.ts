import { defineRule } from '../engine/rule.js';
import { ALLOWED_SECRETS_DEFAULTS, allowedSecretsSchema, registryTokenVisitors, relatedOf, tokenData } from './registry-tokens.js';

const FIX =
  'add a `rust-lang/crates-io-auth-action@v1` step with `id: auth` before the publish, pass `CARGO_REGISTRY_TOKEN: ${{ steps.auth.outputs.token }}`, and give this job `id-token: write` (with a trusted publisher configured for this workflow on crates.io)';

export const noLongLivedCargoToken = defineRule({
  id: 'no-long-lived-cargo-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived crates.io tokens in jobs that publish to crates.io',
      recommended: true,
      strict: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: {
      severity: 7.5,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'crates', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob: `Long-lived crates.io token \`{{secret}}\` reaches {{tool}} through {{binding}}. Publish through trusted publishing instead: ${FIX}; then delete the secret and revoke the token on crates.io.`,
      tokenIsTheCredential: `Long-lived crates.io token \`{{secret}}\` reaches {{tool}} through {{binding}}, and it is what authenticates the publish: cargo does not do the OIDC exchange itself, so \`id-token: write\` alone does not replace it. To publish through trusted publishing, ${FIX.replace(', and give this job `id-token: write`', '')}; then revoke the token.`,
      dormantFallback: 'Long-lived crates.io token `{{secret}}` reaches the step of {{tool}} through {{binding}}, which the publish does not use: a dormant token that can still be stolen. Remove it and revoke it on crates.io.',
      hardcodedToken:
        'A crates.io token is written into the workflow in {{binding}}: anyone who can read the repository can publish with it. Revoke it on crates.io now, and publish with `rust-lang/crates-io-auth-action` (trusted publishing) instead.',
    },
    schema: allowedSecretsSchema("for example the token for a crate's first publish"),
    defaultOptions: ALLOWED_SECRETS_DEFAULTS,
  },
  create(context) {
    return registryTokenVisitors(context, 'crates', (finding) => {
      const site = finding.site!;
      // cargo never does the exchange itself: a token it reads is the credential, with or without `id-token: write`.
      const messageId = finding.situation === 'tokenOverridesOidc' ? 'tokenIsTheCredential' : finding.situation;
      context.report({ messageId, at: finding.token.at, data: { ...tokenData(finding), tool: site.toolName ?? site.tool }, related: relatedOf(finding) });
    });
  },
});
