import type { JobNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { yarnTokenFor } from '../domain/registries/npm/yarn-token.js';

export const tokenShadowsOidc = defineRule({
  id: 'token-shadows-oidc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow an npm token for `yarn npm publish` in a job meant to publish through trusted publishing',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 6.5, precision: 'high', tags: ['external/cwe/cwe-798', 'npm', 'trusted-publishing', 'oidc', 'yarn'] },
    messages: {
      tokenShadowsOidc:
        '`yarn npm publish` runs in a job with `id-token: write`, but {{token}} configures an npm token, and Yarn sends a configured token before it tries OIDC: the trusted publisher is never used. Remove the token from the publish step (keep a read-only token on the install step only if private dependencies need one).',
    },
  },
  create(context) {
    const check = (job: JobNode) => {
      const facts = npmPublishFacts(context, job);
      if (facts.idToken !== true) return;
      for (const publish of facts.npmjsPublishes) {
        if (publish.tool !== 'yarn-berry') continue;
        const shadow = yarnTokenFor(context, publish);
        if (!shadow) continue;
        context.report({
          messageId: 'tokenShadowsOidc',
          at: publish.span,
          data: { token: shadow.what },
          related: [...(shadow.at ? [{ at: shadow.at, message: 'token configured here' }] : []), ...publish.chain],
        });
      }
    };
    return { job: check };
  },
});
