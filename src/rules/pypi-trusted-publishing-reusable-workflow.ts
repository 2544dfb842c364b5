import { defineRule } from '../engine/rule.js';
import { credentialsFor, publishFacts, visibleCredentials } from '../domain/publish/facts.js';

/**
 * PyPI cannot match a trusted publisher from inside a reusable workflow: "Trusted publishing cannot
 * be used from within a reusable workflow at this time" (pypa/gh-action-pypi-publish README);
 * "Reusable workflows cannot currently be used as the workflow in a trusted publisher"
 * (warehouse `docs/user/trusted-publishers/troubleshooting.md`, pypi/warehouse#11096, open).
 * A few same-repository setups work by accident (pypi/warehouse#20083), hence a warning.
 */
export const pypiTrustedPublishingReusableWorkflow = defineRule({
  id: 'pypi-trusted-publishing-reusable-workflow',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow PyPI trusted publishing from inside a reusable workflow',
      recommended: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: { severity: 3.0, precision: 'medium', tags: ['pypi', 'trusted-publishing', 'reusable-workflows', 'correctness'] },
    messages: {
      reusableWorkflow:
        '{{tool}} uploads to PyPI through trusted publishing inside a reusable workflow (its only trigger is `workflow_call`), which PyPI does not support: it matches the trusted publisher against a workflow file that is not this one, and the upload fails with `invalid-publisher`. Keep the build here, and upload from a job of the calling workflow (download the artifacts there), naming that workflow in the PyPI trusted publisher.',
    },
  },
  create(context) {
    return {
      job(job) {
        const triggers = job.workflow.triggers;
        if (triggers.length !== 1 || triggers[0] !== 'workflow_call') return;
        const facts = publishFacts(context, job);
        if (facts.idToken === false) return;
        for (const site of facts.sites) {
          if (site.registry !== 'pypi' || site.target.official !== true || site.oidc !== 'capable') continue;
          const trusted = site.oidcOnly !== undefined || (credentialsFor(context, site).length === 0 && visibleCredentials(context, site).length === 0 && site.via === 'run' && facts.idToken === true);
          if (!trusted) continue;
          context.report({ messageId: 'reusableWorkflow', at: site.span, data: { tool: site.toolName ?? site.tool } });
        }
      },
    };
  },
});
