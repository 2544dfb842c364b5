import { defineRule } from '../engine/rule.js';
import { publishFacts } from '../domain/publish/facts.js';
import { hardenedJob, isPublishCapable } from '../domain/publish/publish-capable.js';
import { dangerousTriggers, pullRequestHeadCheckout, untrustedExpansions } from '../domain/untrusted-input.js';

/**
 * The release hijacks of 2024–2026 started in workflows an outsider can trigger: Nx (a pull
 * request title injected into a `pull_request_target` script stole the npm token), Ultralytics (a
 * branch name), TanStack (a `pull_request_target` job checking out a fork's code).
 */
export const publishDangerousTrigger = defineRule({
  id: 'publish-dangerous-trigger',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow publish credentials in workflows that outsiders can trigger, and outsiders\' code or text in jobs that can publish',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 9.3, precision: 'high', tags: ['external/cwe/cwe-94', 'external/cwe/cwe-829', 'supply-chain', 'pwn-request', 'publish-job'] },
    messages: {
      dangerousTrigger:
        'Job `{{job}}` {{why}} in a workflow triggered by `{{trigger}}`, which runs with this repository\'s secrets and a write token for events anyone can cause, forks and commenters included (Nx, Ultralytics). Publish from a workflow triggered by `push` of tags, `release` or `workflow_dispatch`, with an environment, and keep `{{trigger}}` workflows free of publish credentials.',
      idTokenOnDangerousTrigger:
        'Job `{{job}}` has `id-token: write` in a workflow triggered by `{{trigger}}`, which runs for events anyone can cause, forks and commenters included: any step can mint an OIDC token that a trusted publisher may accept. Remove `id-token: write` from this job, and publish from a workflow triggered by `push` of tags, `release` or `workflow_dispatch`.',
      headCheckout:
        'Job `{{job}}` {{why}}, and this checkout fetches the pull request\'s code (`{{value}}`) in a workflow triggered by `{{trigger}}`: the code of any fork then runs with the publish credentials (TanStack, May 2026). Never check out the pull request\'s head in a privileged workflow; build it in a `pull_request` workflow without secrets.',
      untrustedInput:
        'Job `{{job}}` {{why}}, and `{{field}}` is expanded into this `run:` script, where whoever writes it (a pull request title, a branch name, a commit message) can inject shell commands that run with the publish credentials (Nx, August 2025). Pass it through `env:` (`env: { VALUE: ${{ {{field}} }} }`) and use `"$VALUE"` in the script.',
    },
  },
  create(context) {
    return {
      job(job) {
        if (job.uses) return;
        const capable = hardenedJob(context, job);
        const triggers = dangerousTriggers(context, job.workflow);
        const trigger = triggers[0];
        if (trigger && capable) {
          context.report({
            messageId: 'dangerousTrigger',
            at: job.key,
            data: { job: job.id, why: capable.why, trigger: trigger.trigger },
            related: [
              { at: trigger.at, message: 'triggered here' },
              { at: capable.shownAt, message: 'this job can publish' },
            ],
          });
        } else if (trigger && publishFacts(context, job).idToken === true && job.workflow.jobs.some((other) => other !== job && isPublishCapable(context, other))) {
          // Registries bind a trusted publisher to a workflow file: only a token minted in the file that
          // publishes can be accepted. An id-token in a workflow that publishes nothing (an AI agent, a
          // cloud login) is not a publishing risk.
          context.report({ messageId: 'idTokenOnDangerousTrigger', at: job.key, data: { job: job.id, trigger: trigger.trigger }, related: [{ at: trigger.at, message: 'triggered here' }] });
        }
        if (!capable) return;
        const why = capable.why;
        for (const step of job.steps) {
          const checkout = trigger ? pullRequestHeadCheckout(step) : undefined;
          if (checkout) {
            context.report({ messageId: 'headCheckout', at: checkout.at, data: { job: job.id, why, value: checkout.value, trigger: trigger!.trigger } });
          }
          for (const expansion of untrustedExpansions(step)) {
            context.report({ messageId: 'untrustedInput', at: expansion.span, data: { job: job.id, why, field: expansion.field } });
          }
        }
      },
    };
  },
});
