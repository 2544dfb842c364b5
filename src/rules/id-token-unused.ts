import { defineRule } from '../engine/rule.js';
import { CONSUMER_ACTIONS_DEFAULTS, CONSUMER_ACTIONS_SCHEMA, jobOidcUse } from '../domain/oidc-consumers.js';


/**
 * `id-token: write` on a job lets every step of it mint OIDC tokens for any audience: npm, PyPI and
 * crates.io trusted publishers, cloud roles. A job that never requests one gains nothing from the
 * grant and hands it to every dependency it runs. A job's own grant is reported at its entry; an
 * inherited one at the job (the workflow-level entry is id-token-job-scope's), so the two rules
 * never report the same entry, and copying the workflow's block into the jobs (the fix of
 * top-level-permissions-empty) moves a finding without adding one.
 */
export const idTokenUnused = defineRule({
  id: 'id-token-unused',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow `id-token: write` on jobs that never request an OIDC token',
      recommended: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: { severity: 5.3, precision: 'high', tags: ['external/cwe/cwe-250', 'permissions', 'oidc', 'least-privilege', 'trusted-publishing'] },
    messages: {
      unused:
        'Job `{{job}}` grants `id-token: write`, but nothing in it requests an OIDC token (no publish, provenance, cloud login, attestation or signing step, and no called workflow that needs it), while any of its steps could mint one for your trusted publishers and cloud roles. Remove `id-token: write` from this job\'s `permissions`.',
      inherited:
        'Job `{{job}}` inherits `id-token: write` from the workflow\'s `permissions`, but nothing in it requests an OIDC token (no publish, provenance, cloud login, attestation or signing step, and no called workflow that needs it), while any of its steps could mint one for your trusted publishers and cloud roles. Give this job a `permissions` block of its own without `id-token` (and grant it only to the jobs that use OIDC).',
    },
    schema: CONSUMER_ACTIONS_SCHEMA,
    defaultOptions: CONSUMER_ACTIONS_DEFAULTS,
  },
  create(context) {
    return {
      job(job) {
        const own = job.permissions;
        // The grant the job has: its own block's entry, else the workflow's, which it inherits.
        const permissions = own ?? job.workflow.permissions;
        if (permissions?.kind !== 'scopes') return;
        const entry = permissions.scopes.get('id-token');
        if (entry?.value.type !== 'scalar' || entry.value.text.trim() !== 'write') return;
        // `maybe` (a remote reusable workflow, an action that may log in, a release script we cannot read) stays silent.
        if (jobOidcUse(context, job, context.options.consumerActions).kind !== 'no') return;
        if (own) {
          context.report({ messageId: 'unused', at: entry, data: { job: job.id } });
          return;
        }
        // An inherited grant is reported at the job, never at the workflow's entry: that one is id-token-job-scope's.
        context.report({ messageId: 'inherited', at: job.key, data: { job: job.id }, related: [{ at: entry, message: 'granted here for every job without its own block' }] });
      },
    };
  },
});
