import type { JobNode } from '../engine/ast.js';
import type { RelatedLocation } from '../engine/rule.js';
import { defineRule } from '../engine/rule.js';
import { effectivePermissions } from '../domain/permissions.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { calledJobs, jobAccess, type CalledJob } from '../domain/workflow-calls.js';

/** The `uses:` of each nested call after the first, as related locations in the files that hold them. */
function callPath(called: CalledJob): RelatedLocation[] {
  return called.calls.slice(1).map((job) => ({ at: { file: job.workflow.file, span: job.uses!.scalar.span }, message: `\`${job.id}\` calls the next workflow here` }));
}

/** Names a called job for messages: `_publish.yml` job `npm`. */
function describeJob(job: JobNode): string {
  const file = job.workflow.file.projectPath ?? job.workflow.file.relativePath;
  return `\`${file.slice(file.lastIndexOf('/') + 1)}\` job \`${job.id}\``;
}

/**
 * Permissions can only be kept or reduced along a reusable-workflow call: the calling job's grant
 * is the ceiling. A called job that asks for `id-token: write` under a caller that does not grant
 * it stops the whole run before any job starts ("The nested job 'publish' is requesting
 * 'id-token: write', but is only allowed 'id-token: none'"); a called job that declares nothing
 * takes the caller's grant, and its tokenless npm publish then has no OIDC token to trade.
 * https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows
 * https://docs.npmjs.com/trusted-publishers ("The `id-token: write` permission must also be given to both parent and child workflows")
 */
export const reusablePublishIdToken = defineRule({
  id: 'reusable-publish-id-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `id-token: write` on jobs that call a local reusable workflow which needs it',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 4.3, precision: 'very-high', tags: ['npm', 'trusted-publishing', 'reusable-workflows', 'permissions', 'correctness'] },
    messages: {
      nestedRequestsIdToken:
        'Job `{{job}}` calls {{callee}}, which asks for `id-token: write`, but {{why}}. GitHub refuses the whole run at startup ("The nested job \'{{nested}}\' is requesting \'id-token: write\', but is only allowed \'id-token: none\'"). Grant `id-token: write` in this job\'s `permissions`.',
      inheritedPublishWithoutIdToken:
        'Job `{{job}}` calls {{callee}}, which publishes to registry.npmjs.org without a token and takes its permissions from this job, but {{why}}: the publish has no OIDC token for trusted publishing{{andProvenance}} and fails with `ENEEDAUTH`. Grant `id-token: write` in this job\'s `permissions`.',
      inheritedProvenanceWithoutIdToken:
        'Job `{{job}}` calls {{callee}}, which publishes to registry.npmjs.org with provenance and takes its permissions from this job, but {{why}}: npm aborts with `EUSAGE` (provenance needs the OIDC token). Grant `id-token: write` in this job\'s `permissions`.',
    },
  },
  create(context) {
    return {
      job(job) {
        if (!job.uses) return;
        const access = jobAccess(context, job, 'id-token');
        // Unknown (an expression, callers that disagree) stays silent; a grant is all it takes.
        if (access.access !== 'none') return;
        const why =
          access.source === 'job'
            ? 'its own `permissions` do not grant `id-token: write`'
            : access.source === 'workflow'
              ? 'the workflow-level `permissions` it inherits do not grant `id-token: write`'
              : access.source === 'callers'
                ? 'the jobs that call this workflow do not grant `id-token: write` to it'
                : 'no `permissions` block grants `id-token: write` to it (the repository default never does)';
        const grant = effectivePermissions(job).node?.entry;
        const inEffect: RelatedLocation[] = grant ? [{ at: grant, message: 'permissions in effect for this job' }] : [];
        for (const called of calledJobs(context, job)) {
          const data = { job: job.id, callee: describeJob(called.job), why, nested: called.job.id };
          if (!called.inherits) {
            const requested = effectivePermissions(called.job);
            if (requested.access('id-token') !== 'write') continue;
            const entry = requested.grantOf('id-token');
            context.report({
              messageId: 'nestedRequestsIdToken',
              at: job.uses.scalar,
              data,
              related: [...inEffect, ...callPath(called), ...(entry ? [{ at: { file: called.job.workflow.file, span: entry.span }, message: 'asks for `id-token: write` here' }] : [])],
            });
            continue;
          }
          const facts = npmPublishFacts(context, called.job);
          if (facts.tokenInActionInput) continue;
          const tokenless = facts.npmjsPublishes.filter((publish) => publish.oidc === 'capable' && facts.tokensFor(publish).length === 0);
          const provenance = facts.npmjsPublishes.filter((publish) => publish.provenance.state === 'enabled');
          const publish = tokenless[0] ?? provenance[0];
          if (!publish) continue;
          const inCallee = { at: { file: called.job.workflow.file, span: publish.span }, message: 'publishes here' };
          context.report({
            messageId: tokenless.length > 0 ? 'inheritedPublishWithoutIdToken' : 'inheritedProvenanceWithoutIdToken',
            at: job.uses.scalar,
            data: { ...data, andProvenance: tokenless.length > 0 && provenance.length > 0 ? ' or provenance' : '' },
            related: [...inEffect, ...callPath(called), inCallee, ...publish.chain],
          });
        }
      },
    };
  },
});
