import { defineRule } from '../engine/rule.js';
import { jobOidcUse } from '../domain/oidc-consumers.js';

interface Options {
  /** More actions that request OIDC tokens (`owner/repo`, `owner/repo/path`, `owner/*`). */
  consumerActions: string[];
}

const defaultOptions: Options = { consumerActions: [] };

/**
 * `id-token: write` on a job lets every step of it mint OIDC tokens for any audience: npm, PyPI and
 * crates.io trusted publishers, cloud roles. A job that never requests one gains nothing from the
 * grant and hands it to every dependency it runs. The workflow-level grant is
 * id-token-job-scope's; this rule reads job-level blocks only, so the two never report one entry.
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
    security: { severity: 5.3, precision: 'high', tags: ['external/cwe/cwe-250', 'permissions', 'oidc', 'least-privilege', 'trusted-publishing'] },
    messages: {
      unused:
        'Job `{{job}}` grants `id-token: write`, but nothing in it requests an OIDC token (no publish, provenance, cloud login, attestation or signing step, and no called workflow that needs it), while any of its steps could mint one for your trusted publishers and cloud roles. Remove `id-token: write` from this job\'s `permissions`.',
    },
    schema: {
      type: 'object',
      properties: {
        consumerActions: {
          type: 'array',
          items: { type: 'string' },
          description: 'More actions that request OIDC tokens: `owner/repo`, `owner/repo/path` or `owner/*` (lower-case globs).',
        },
      },
      required: ['consumerActions'],
      additionalProperties: false,
    },
    defaultOptions,
  },
  create(context) {
    return {
      job(job) {
        const permissions = job.permissions;
        if (permissions?.kind !== 'scopes') return;
        const entry = permissions.scopes.get('id-token');
        if (entry?.value.type !== 'scalar' || entry.value.text.trim() !== 'write') return;
        // `maybe` (a remote reusable workflow, an action that may log in, a release script we cannot read) stays silent.
        if (jobOidcUse(context, job, context.options.consumerActions).kind !== 'no') return;
        context.report({ messageId: 'unused', at: entry, data: { job: job.id } });
      },
    };
  },
});
