import { defineRule } from '../engine/rule.js';
import { ALLOWED_SECRETS_DEFAULTS, allowedSecretsSchema, registryTokenVisitors, relatedOf, tokenData } from './registry-tokens.js';

export const noLongLivedPypiToken = defineRule({
  id: 'no-long-lived-pypi-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived PyPI tokens in jobs that upload to pypi.org or test.pypi.org',
      recommended: true,
      strict: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: {
      severity: 7.5,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'pypi', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob:
        'Long-lived PyPI token `{{secret}}` reaches {{tool}} (upload to {{index}}) through {{binding}}. Configure a PyPI trusted publisher for this workflow on {{index}}, give this job `id-token: write`, upload without a token{{how}}, then delete the secret and revoke the token.',
      tokenOverridesOidc:
        'Long-lived PyPI token `{{secret}}` reaches {{tool}} (upload to {{index}}) through {{binding}}: a configured token turns trusted publishing off, so the job\'s `id-token: write` is never used for the upload. Check that a PyPI trusted publisher is configured for this workflow, remove the token{{how}}, and revoke it.',
      tokenIsTheCredential:
        'Long-lived PyPI token `{{secret}}` reaches {{tool}} (upload to {{index}}) through {{binding}}, and it is what authenticates the upload: {{tool}} cannot do trusted publishing, so `id-token: write` does not help it. Upload with `pypa/gh-action-pypi-publish` or `uv publish` through a PyPI trusted publisher, then remove the token and revoke it.',
      dormantFallback:
        'Long-lived PyPI token `{{secret}}` reaches the step of {{tool}} (upload to {{index}}) through {{binding}}, but the upload goes through trusted publishing (`id-token: write`): the token is a dormant fallback that can still be stolen. Remove it and revoke it on {{index}}.',
      hardcodedToken:
        'A PyPI token is written into the workflow in {{binding}}: anyone who can read the repository can upload with it. Revoke it on pypi.org now, and upload through a PyPI trusted publisher (`id-token: write`) instead.',
    },
    schema: allowedSecretsSchema("for example a token for a project's first upload"),
    defaultOptions: ALLOWED_SECRETS_DEFAULTS,
  },
  create(context) {
    return registryTokenVisitors(context, 'pypi', (finding) => {
      const site = finding.site!;
      const how = site.tool === 'pypa-action' ? ' (remove `password`)' : site.oidc === 'never' ? ` (${site.toolName} cannot: use \`pypa/gh-action-pypi-publish\` or \`uv publish\`)` : '';
      const index = site.target.url && /test\.pypi\.org|^testpypi$|^test$/.test(site.target.url) ? 'test.pypi.org' : 'pypi.org';
      context.report({
        messageId: finding.situation,
        at: finding.token.at,
        data: { ...tokenData(finding), tool: site.toolName ?? site.tool, index, how },
        related: relatedOf(finding),
      });
    });
  },
});
