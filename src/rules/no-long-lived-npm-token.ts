import type { ActionNode, JobNode, YamlEntry } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import type { Credential } from '../domain/registries/types.js';

interface Options {
  /** Secret names accepted as a reviewed exception, e.g. a bootstrap token for a package's first publish. */
  allowedSecrets: string[];
}

const defaultOptions: Options = { allowedSecrets: [] };

function describeBinding(token: Credential): string {
  if (token.kind === 'env') return `\`${token.name}\``;
  if (token.kind === 'input') return 'the `token` input';
  return `the \`${token.name}\` it writes to the npm config`;
}

export const noLongLivedNpmToken = defineRule({
  id: 'no-long-lived-npm-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived npm tokens in jobs that publish to registry.npmjs.org',
      recommended: true,
    },
    severity: 'error',
    security: {
      severity: 8.1,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'npm', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob:
        'Long-lived npm token `{{secret}}` reaches a publish to registry.npmjs.org through {{binding}}. Configure a trusted publisher on npmjs.com, give this job `id-token: write`, and delete the token from the workflow and the repository secrets.',
      tokenOverridesOidc:
        'Long-lived npm token `{{secret}}` reaches `yarn npm publish` through {{binding}}: Yarn sends a configured token before it tries OIDC, so the trusted publisher configured through `id-token: write` is never used. Remove the token and revoke it on npmjs.com.',
      dormantFallback:
        'Long-lived npm token `{{secret}}` reaches a publish through {{binding}}, although the job already has `id-token: write` for trusted publishing. The token is a dormant fallback that can still be stolen and used: remove it and revoke it on npmjs.com.',
    },
    schema: {
      type: 'object',
      properties: {
        allowedSecrets: {
          type: 'array',
          items: { type: 'string' },
          description: 'Secret names accepted as a reviewed exception (for example a bootstrap token for the first publish).',
        },
      },
      required: ['allowedSecrets'],
      additionalProperties: false,
    },
    defaultOptions,
  },
  create(context) {
    // A workflow-level env token reaches every job: report its binding once.
    const reported = new Set<YamlEntry | number>();
    const allowed = new Set(context.options.allowedSecrets.map((name) => name.toUpperCase()));
    const check = (container: JobNode | ActionNode) => {
      const facts = npmPublishFacts(context, container);
      for (const publish of facts.npmjsPublishes) {
        for (const token of facts.visibleTokens(publish)) {
          const secrets = token.secrets.filter((secret) => !allowed.has(secret.toUpperCase()));
          if (secrets.length === 0) continue;
          const key = 'key' in token.at ? token.at : token.at.start;
          if (reported.has(key)) continue;
          reported.add(key);
          const yarnUsesIt = publish.tool === 'yarn-berry' && facts.tokensFor(publish).includes(token);
          context.report({
            messageId: facts.idToken !== true ? 'tokenInPublishJob' : yarnUsesIt ? 'tokenOverridesOidc' : 'dormantFallback',
            at: token.at,
            data: { secret: secrets.join('`, `'), binding: describeBinding(token) },
            related: [{ at: publish.span, message: 'publishes here' }],
          });
        }
      }
    };
    return { job: check, action: check };
  },
});
