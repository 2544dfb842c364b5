import type { ActionNode, JobNode } from '../engine/ast.js';
import type { YamlFixer } from '../engine/fix/yaml-fixer.js';
import { defineRule, type SuggestionDescriptor } from '../engine/rule.js';
import { npmPublishFacts, type NpmPublishFacts } from '../domain/registries/npm/facts.js';
import { effectiveAuth, NO_PROVENANCE_TOOLS } from '../domain/registries/npm/provenance-expected.js';
import { classifyRunner } from '../domain/runner.js';
import type { Analysis } from '../domain/context.js';
import { addStepEnv } from '../domain/step-edits.js';
import type { NpmPublish } from '../domain/registries/npm/sites.js';

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
      strict: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: { severity: 5.0, precision: 'high', tags: ['external/cwe/cwe-345', 'supply-chain', 'provenance', 'npm'] },
    hasSuggestions: true,
    messages: {
      tokenPublishWithoutProvenance:
        'This publish authenticates with a long-lived token and has no provenance. Add `--provenance` (or `NPM_CONFIG_PROVENANCE: true`){{andIdToken}}, or better, switch to trusted publishing, which adds provenance by itself.',
      provenanceDisabled:
        'Provenance is turned off for this trusted-publishing publish. Remove the opt-out so npm attaches provenance automatically.',
      explicitProvenanceRequired:
        'This publish does not ask for provenance explicitly. Add `--provenance` or `NPM_CONFIG_PROVENANCE: true` so a missing attestation fails the release instead of being skipped silently.',
      setProvenanceEnv:
        'Set `{{name}}: "true"` in the env of this publishing step (the job has `id-token: write` and a GitHub-hosted runner, as provenance needs; a failed attestation then fails the publish).',
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
          context.report({ messageId: 'tokenPublishWithoutProvenance', at: publish.span, data: { andIdToken }, related: disabledAt, ...provenanceSuggestion(context, context.fixer, facts, publish) });
        } else if (auth === 'oidc') {
          if (state === 'disabled') context.report({ messageId: 'provenanceDisabled', at: publish.span, related: disabledAt });
          else if (context.options.mode === 'explicit') context.report({ messageId: 'explicitProvenanceRequired', at: publish.span, related: publish.chain, ...provenanceSuggestion(context, context.fixer, facts, publish) });
        }
      }
    };
    return { job: check, action: check };
  },
});

/**
 * A suggestion, not a fix: explicit provenance makes a failed attestation fail the publish. Offered
 * only where provenance can work: the job has `id-token: write` and runs on a GitHub-hosted runner,
 * and nothing in the workflow or project sets provenance yet (an opt-out is the user's decision).
 * The variable is the one the publishing tool reads: Yarn Berry has its own.
 */
function provenanceSuggestion(context: Analysis, fixer: YamlFixer, facts: NpmPublishFacts, publish: NpmPublish): { suggest?: SuggestionDescriptor<'setProvenanceEnv'>[] } {
  const job = facts.container;
  if (job.kind !== 'job' || facts.idToken !== true || publish.provenance.state !== 'unset' || classifyRunner(context, job).kind !== 'github-hosted') return {};
  const name = publish.tool === 'yarn-berry' ? 'YARN_NPM_PUBLISH_PROVENANCE' : 'NPM_CONFIG_PROVENANCE';
  const fix = addStepEnv(fixer, publish.step, name, '"true"');
  return fix ? { suggest: [{ messageId: 'setProvenanceEnv', data: { name }, fix }] } : {};
}
