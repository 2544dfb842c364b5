import type { ActionNode, JobNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { effectiveAuth, NO_PROVENANCE_TOOLS } from '../domain/registries/npm/provenance-expected.js';

interface Options {
  /**
   * `auto` (default): a trusted-publishing publish gets provenance from npm automatically, so only
   * token publishes need an explicit signal. `explicit`: every publish needs one.
   */
  mode: 'auto' | 'explicit';
}

const defaultOptions: Options = { mode: 'auto' };

export const requireProvenance = defineRule({
  id: 'require-provenance',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require npm provenance for every publish to registry.npmjs.org',
      recommended: true,
    },
    severity: 'error',
    security: { severity: 5.0, precision: 'high', tags: ['external/cwe/cwe-345', 'supply-chain', 'provenance', 'npm'] },
    messages: {
      tokenPublishWithoutProvenance:
        'This publish authenticates with a long-lived token and has no provenance. Add `--provenance` (or `NPM_CONFIG_PROVENANCE: true`){{andIdToken}}, or better, switch to trusted publishing, which adds provenance by itself.',
      provenanceDisabled:
        'Provenance is turned off for this trusted-publishing publish. Remove the opt-out so npm attaches provenance automatically.',
      explicitProvenanceRequired:
        'This publish does not ask for provenance explicitly. Add `--provenance` or `NPM_CONFIG_PROVENANCE: true` so a missing attestation fails the release instead of being skipped silently.',
    },
    schema: {
      type: 'object',
      properties: {
        mode: {
          type: 'string',
          enum: ['auto', 'explicit'],
          description: '`auto`: trusted publishing counts as provenance. `explicit`: every publish must ask for it.',
        },
      },
      required: ['mode'],
      additionalProperties: false,
    },
    defaultOptions,
  },
  create(context) {
    const check = (container: JobNode | ActionNode) => {
      const facts = npmPublishFacts(context, container);
      for (const publish of facts.npmjsPublishes) {
        // bun and Yarn 1 cannot make provenance at all: `publisher-supports-oidc` reports them.
        if (NO_PROVENANCE_TOOLS.has(publish.tool)) continue;
        const state = publish.provenance.state;
        if (state === 'unknown' || state === 'enabled') continue;
        // npm 11.5.1+ under `id-token: write` exchanges the OIDC token over a user-level token: the
        // publish goes through trusted publishing, and provenance with it.
        const auth = effectiveAuth(context, facts, publish);
        const disabledAt = [...(publish.provenance.at ? [{ at: publish.provenance.at, message: 'provenance turned off here' }] : []), ...publish.chain];
        if (auth === 'token') {
          // A job that already has `id-token: write` needs only the provenance signal.
          const andIdToken = facts.idToken === true ? '' : ' and `id-token: write`';
          context.report({ messageId: 'tokenPublishWithoutProvenance', at: publish.span, data: { andIdToken }, related: disabledAt });
        } else if (auth === 'oidc') {
          if (state === 'disabled') context.report({ messageId: 'provenanceDisabled', at: publish.span, related: disabledAt });
          else if (context.options.mode === 'explicit') context.report({ messageId: 'explicitProvenanceRequired', at: publish.span, related: publish.chain });
        }
      }
    };
    return { job: check, action: check };
  },
});
