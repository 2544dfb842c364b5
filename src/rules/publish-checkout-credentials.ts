import { defineRule } from '../engine/rule.js';
import { checkoutCredentials, laterStepsNeedNoGitCredentials } from '../domain/checkout.js';
import { hardenedJob } from '../domain/publish/publish-capable.js';
import { setStepInput } from '../domain/step-edits.js';

/**
 * actions/checkout leaves the job's token in the git config for every later step. In a job that can
 * publish, that is every install script, build tool and action that runs before the publish: one
 * compromised dependency can push to the repository (tags, workflows) with it.
 */
export const publishCheckoutCredentials = defineRule({
  id: 'publish-checkout-credentials',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `persist-credentials: false` on actions/checkout in jobs that can publish',
      recommended: false,
      strict: true,
    },
    severity: 'warn',
    preset: 'strict',
    security: { severity: 5.5, precision: 'high', tags: ['external/cwe/cwe-522', 'supply-chain', 'credentials', 'publish-job'] },
    fixable: 'code',
    messages: {
      persisted:
        'Job `{{job}}` {{why}}, and this checkout {{how}} the job\'s GitHub token in the git config, where every later step and dependency script can read it. Set `persist-credentials: false`; a step that pushes should get the token explicitly.',
    },
  },
  create(context) {
    return {
      job(job) {
        const capable = hardenedJob(context, job);
        if (!capable) return;
        for (const checkout of checkoutCredentials(job)) {
          if (checkout.state !== 'persisted') continue;
          // An explicit `true` is a choice (a later step pushes): reported, never rewritten.
          const fix = !checkout.input && laterStepsNeedNoGitCredentials(context, checkout.step) ? setStepInput(context.fixer, checkout.step, 'persist-credentials', 'false') : undefined;
          context.report({
            messageId: 'persisted',
            at: checkout.step.uses!.scalar,
            data: { job: job.id, why: capable.why, how: checkout.input ? 'keeps (`persist-credentials: true`)' : 'keeps (by default)' },
            related: [{ at: capable.shownAt, message: 'this job can publish' }],
            fix,
          });
        }
      },
    };
  },
});
