import type { ActionNode, JobNode, YamlEntry } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { describeBinding, registryTokenFindings, relatedOf } from './registry-tokens.js';

interface Options {
  /** Secret names accepted as a reviewed exception. */
  allowedSecrets: string[];
}

const defaultOptions: Options = { allowedSecrets: [] };

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
    schema: {
      type: 'object',
      properties: {
        allowedSecrets: { type: 'array', items: { type: 'string' }, description: 'Secret names accepted as a reviewed exception.' },
      },
      required: ['allowedSecrets'],
      additionalProperties: false,
    },
    defaultOptions,
  },
  create(context) {
    const reported = new Set<YamlEntry | number>();
    const allowed = new Set(context.options.allowedSecrets.map((name) => name.toUpperCase()));
    const check = (container: JobNode | ActionNode) => {
      for (const finding of registryTokenFindings(context, container, 'nuget', allowed, reported)) {
        // Every NuGet channel is read by the push, and no NuGet CLI does the exchange: a key is the credential or the only way in.
        const messageId = finding.situation === 'hardcodedToken' || finding.situation === 'tokenInPublishJob' ? finding.situation : 'tokenIsTheCredential';
        context.report({
          messageId,
          at: finding.token.at,
          data: { secret: finding.secrets.join('`, `'), binding: describeBinding(finding.token), tool: finding.site?.toolName ?? '`nuget push`' },
          related: relatedOf(finding),
        });
      }
    };
    return { job: check, action: check };
  },
});
