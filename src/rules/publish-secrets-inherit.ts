import { defineRule } from '../engine/rule.js';
import { publishCapability } from '../domain/publish/publish-capable.js';

/** A remote reusable workflow whose path says it ships something (§11 rule 22). */
const RELEASE_PATH = /release|publish|deploy/i;

/**
 * `secrets: inherit` hands every secret of the caller (registry tokens, cloud keys, bot tokens) to
 * the called workflow, and so to every action and script of its jobs. A workflow that publishes
 * needs one registry credential at most, and none with trusted publishing.
 */
export const publishSecretsInherit = defineRule({
  id: 'publish-secrets-inherit',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow `secrets: inherit` on calls to reusable workflows that publish',
      recommended: false,
    },
    severity: 'warn',
    preset: 'strict',
    security: { severity: 5.3, precision: 'high', tags: ['external/cwe/cwe-250', 'least-privilege', 'secrets', 'publish-job'] },
    messages: {
      inheritToPublisher:
        '`secrets: inherit` hands every secret of this repository to `{{callee}}`, whose job `{{calleeJob}}` {{why}}: every action and script there can read them all. Pass only the secrets it needs by name (`secrets: { NAME: ${{ secrets.NAME }} }`), ideally none with trusted publishing.',
      inheritToRemoteRelease:
        '`secrets: inherit` hands every secret of this repository to `{{callee}}`, a workflow of another repository whose name says it releases or publishes: every action and script there can read them all. Pass only the secrets it needs by name (`secrets: { NAME: ${{ secrets.NAME }} }`), ideally none with trusted publishing.',
    },
  },
  create(context) {
    return {
      job(job) {
        const entry = job.secrets;
        if (!job.uses || !entry || entry.value.type !== 'scalar' || entry.value.text.trim() !== 'inherit') return;
        const capability = publishCapability(context, job);
        const callee = job.uses.kind === 'local' ? job.uses.name : job.uses.scalar.text.trim();
        if (capability.kind === 'yes') {
          const reason = capability.reasons.find((item) => item.kind === 'calls');
          if (!reason || reason.kind !== 'calls') return;
          const inner = publishCapability(context, reason.job);
          const why = inner.kind === 'yes' ? inner.reasons[0]!.what : 'can publish';
          context.report({ messageId: 'inheritToPublisher', at: entry, data: { callee, calleeJob: reason.job.id, why }, related: [{ at: job.uses.scalar, message: 'the called workflow' }] });
          return;
        }
        // A remote workflow cannot be read: its path is all there is (§11 rule 22).
        if (capability.kind === 'unknown' && job.uses.kind === 'repository' && RELEASE_PATH.test(job.uses.fullName)) {
          context.report({ messageId: 'inheritToRemoteRelease', at: entry, data: { callee } });
        }
      },
    };
  },
});
