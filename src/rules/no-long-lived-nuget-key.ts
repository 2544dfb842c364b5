import { defineRule } from '../engine/rule.js';
import { ALLOWED_SECRETS_DEFAULTS, allowedSecretsSchema, registryTokenVisitors, relatedOf, tokenData } from './registry-tokens.js';

const FIX =
  'add a `NuGet/login@v1` step with `id: login` and `user: <your nuget.org profile name>` before the push, and pass `--api-key ${{ steps.login.outputs.NUGET_API_KEY }}`';

export const noLongLivedNugetKey = defineRule({
  id: 'no-long-lived-nuget-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived nuget.org API keys in jobs that push packages to nuget.org',
      recommended: true,
      strict: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: {
      severity: 7.5,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'nuget', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob: `Long-lived nuget.org API key \`{{secret}}\` reaches {{tool}} through {{binding}}. Publish through trusted publishing instead: create a trusted publishing policy for this workflow on nuget.org, ${FIX}, and give this job \`id-token: write\`; then delete the secret and revoke the key on nuget.org.`,
      tokenIsTheCredential: `Long-lived nuget.org API key \`{{secret}}\` reaches {{tool}} through {{binding}}, and it is what authenticates the push: NuGet does not do the OIDC exchange itself, so \`id-token: write\` alone does not replace it. To push through trusted publishing, ${FIX}; then revoke the key.`,
      hardcodedToken:
        'A nuget.org API key is written into the workflow in {{binding}}: anyone who can read the repository can push with it. Revoke it on nuget.org now, and push with a key from `NuGet/login` (trusted publishing) instead.',
    },
    schema: allowedSecretsSchema(),
    defaultOptions: ALLOWED_SECRETS_DEFAULTS,
  },
  create(context) {
    return registryTokenVisitors(context, 'nuget', (finding) => {
      // Every NuGet channel is read by the push, and no NuGet CLI does the exchange: a key is the credential or the only way in.
      const messageId = finding.situation === 'hardcodedToken' || finding.situation === 'tokenInPublishJob' ? finding.situation : 'tokenIsTheCredential';
      context.report({ messageId, at: finding.token.at, data: { ...tokenData(finding), tool: finding.site?.toolName ?? '`nuget push`' }, related: relatedOf(finding) });
    });
  },
});
