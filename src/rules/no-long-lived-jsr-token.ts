import { defineRule } from '../engine/rule.js';
import { ALLOWED_SECRETS_DEFAULTS, allowedSecretsSchema, registryTokenVisitors, relatedOf, tokenData } from './registry-tokens.js';

export const noLongLivedJsrToken = defineRule({
  id: 'no-long-lived-jsr-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived JSR tokens in jobs that publish to jsr.io',
      recommended: false,
      strict: true,
    },
    severity: 'warn',
    preset: 'strict',
    security: {
      severity: 6.5,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'jsr', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob:
        'Long-lived JSR token `{{secret}}` reaches {{tool}} through {{binding}}. Link the package to this repository on jsr.io (package settings), give this job `id-token: write`, and publish without `--token`; then delete the secret and revoke the token on jsr.io.',
      tokenOverridesOidc:
        'Long-lived JSR token `{{secret}}` reaches {{tool}} through {{binding}} in a job with `id-token: write`: with `--token` JSR publishes with the token instead of the job\'s OIDC identity, and without provenance. Remove `--token` (the package must be linked to this repository on jsr.io), then revoke the token.',
      hardcodedToken:
        'A JSR token is written into the workflow in {{binding}}: anyone who can read the repository can publish with it. Revoke it on jsr.io now, and publish with `id-token: write` and no token instead.',
    },
    schema: allowedSecretsSchema(),
    defaultOptions: ALLOWED_SECRETS_DEFAULTS,
  },
  create(context) {
    return registryTokenVisitors(context, 'jsr', (finding) => {
      // `--token` is the only channel, and it is read by the publish: never dormant, never after OIDC.
      const messageId = finding.situation === 'hardcodedToken' || finding.situation === 'tokenInPublishJob' ? finding.situation : 'tokenOverridesOidc';
      context.report({ messageId, at: finding.token.at, data: { ...tokenData(finding), tool: finding.site?.toolName ?? '`deno publish`' }, related: relatedOf(finding) });
    });
  },
});
