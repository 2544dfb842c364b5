import type { ActionNode, JobNode, YamlEntry } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { describeBinding, registryTokenFindings, relatedOf } from './registry-tokens.js';

interface Options {
  /** Secret names accepted as a reviewed exception. */
  allowedSecrets: string[];
}

const defaultOptions: Options = { allowedSecrets: [] };

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
      for (const finding of registryTokenFindings(context, container, 'jsr', allowed, reported)) {
        // `--token` is the only channel, and it is read by the publish: never dormant, never after OIDC.
        const messageId = finding.situation === 'hardcodedToken' || finding.situation === 'tokenInPublishJob' ? finding.situation : 'tokenOverridesOidc';
        context.report({
          messageId,
          at: finding.token.at,
          data: { secret: finding.secrets.join('`, `'), binding: describeBinding(finding.token), tool: finding.site?.toolName ?? '`deno publish`' },
          related: relatedOf(finding),
        });
      }
    };
    return { job: check, action: check };
  },
});
