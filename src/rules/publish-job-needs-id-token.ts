import { defineRule } from '../engine/rule.js';
import { effectivePermissions } from '../domain/permissions.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { noOidcToolName } from '../domain/registries/npm/sites.js';
import { jobAccess } from '../domain/workflow-calls.js';

export const publishJobNeedsIdToken = defineRule({
  id: 'publish-job-needs-id-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `id-token: write` on jobs that publish to npm through trusted publishing or with provenance',
      recommended: true,
    },
    severity: 'error',
    security: { severity: 4.3, precision: 'very-high', tags: ['npm', 'trusted-publishing', 'provenance', 'permissions', 'correctness'] },
    messages: {
      oidcWithoutIdToken:
        'Job `{{job}}` publishes to registry.npmjs.org without a token, so only trusted publishing can authenticate it, but {{why}}. Add `id-token: write` to this job\'s `permissions`; without it npm fails with `ENEEDAUTH` or `E404 Not Found - PUT`.',
      toolWithoutOidc:
        'Job `{{job}}` publishes to registry.npmjs.org with {{tool}} and no token, but {{tool}} cannot do trusted publishing, so `id-token: write` alone will not authenticate it (it fails with `ENEEDAUTH` or `missing authentication`). Publish with `npm publish` (npm 11.5.1 or later) and give this job `id-token: write`.',
      provenanceWithoutIdToken:
        'Job `{{job}}` asks for provenance, but {{why}}. Add `id-token: write` to this job\'s `permissions`; without it npm aborts with `EUSAGE` (provenance needs the OIDC token).',
    },
  },
  create(context) {
    return {
      job(job) {
        const facts = npmPublishFacts(context, job);
        if (facts.npmjsPublishes.length === 0 || facts.idToken !== false) return;
        // A called job that takes its callers' grant is fixed in the callers: reusable-publish-id-token reports there.
        if (jobAccess(context, job, 'id-token').source === 'callers') return;
        const tokenless = facts.npmjsPublishes.filter((publish) => facts.tokensFor(publish).length === 0);
        const oidcOnly = tokenless.length > 0;
        const wantsProvenance = facts.npmjsPublishes.some((publish) => publish.provenance.state === 'enabled');
        if (!oidcOnly && !wantsProvenance) return;
        const permissions = effectivePermissions(job);
        const why =
          permissions.source === 'job'
            ? 'its own `permissions` block does not grant `id-token: write` (a job-level block replaces the workflow\'s)'
            : permissions.source === 'workflow'
              ? 'the workflow-level `permissions` it inherits do not grant `id-token: write`'
              : 'no `permissions` block grants `id-token: write` (the repository default never does)';
        const permissionsEntry = permissions.node?.entry;
        // `bun publish` and Yarn 1 cannot use the grant: advise the tool change, not the grant.
        const cannot = oidcOnly && tokenless.every((publish) => publish.oidc === 'never') ? tokenless[0]! : undefined;
        if (cannot) {
          const tool = noOidcToolName(cannot);
          context.report({ messageId: 'toolWithoutOidc', at: job.key, data: { job: job.id, tool }, related: [{ at: cannot.span, message: 'publishes here' }, ...cannot.chain] });
          return;
        }
        context.report({
          messageId: oidcOnly ? 'oidcWithoutIdToken' : 'provenanceWithoutIdToken',
          at: job.key,
          data: { job: job.id, why },
          related: [
            ...(permissionsEntry ? [{ at: permissionsEntry, message: 'permissions in effect for this job' }] : []),
            { at: facts.npmjsPublishes[0]!.span, message: 'publishes here' },
            ...facts.npmjsPublishes[0]!.chain,
          ],
        });
      },
    };
  },
});
