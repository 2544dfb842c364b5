import { defineRule } from '../engine/rule.js';
import { publishCapableJob } from '../domain/publish/publish-capable.js';
import type { NpmSettings } from '../domain/registries/npm/credentials.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';

/**
 * A deployment environment is where a publish can be gated: required reviewers, deployment branch
 * and tag rules, secrets only this job receives. npm recommends one for trusted publishing, and its
 * trusted publisher can require it.
 */
export const publishEnvironment = defineRule({
  id: 'publish-environment',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an `environment` on jobs that publish',
      recommended: false,
      strict: true,
    },
    severity: 'warn',
    preset: 'strict',
    security: { severity: 3.1, precision: 'high', tags: ['supply-chain', 'environments', 'publish-job'] },
    messages: {
      noEnvironment:
        'Job `{{job}}` {{why}} without an `environment`, so no reviewer, branch rule or tag rule can gate the publish. Add `environment: <name>` (with required reviewers or deployment tag rules), and name the same environment in the registry\'s trusted publisher.',
    },
  },
  create(context) {
    // With trusted publishers mirrored in settings, trusted-publisher-identity reports a missing or wrong environment as an error.
    const mirrored = Object.values((context.settings as NpmSettings).trustedPublishers ?? {}).some((publisher) => publisher.environment !== undefined);
    return {
      job(job) {
        if (job.uses || job.environment) return;
        const reasons = publishCapableJob(context, job);
        // A job that only holds a token (an install with a read token) is not a publish to gate.
        const publish = reasons?.find((reason) => reason.kind === 'publishes' || reason.kind === 'oidc-publish');
        if (!publish) return;
        if (mirrored && npmPublishFacts(context, job).npmjsPublishes.length > 0) return;
        context.report({ messageId: 'noEnvironment', at: job.key, data: { job: job.id, why: publish.what }, related: [{ at: publish.at, message: 'publishes here' }] });
      },
    };
  },
});
