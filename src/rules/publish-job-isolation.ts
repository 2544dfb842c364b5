import { defineRule } from '../engine/rule.js';
import { hardenedJob } from '../domain/publish/publish-capable.js';
import { jobScriptedInstalls } from '../domain/registries/npm/install-scripts.js';

/**
 * An install in a job that can publish runs the lifecycle scripts of every dependency with the
 * job's publish access: any of them can mint the OIDC token or read the registry token (Shai-Hulud
 * republished every package it could reach so). §11 rule 19: build in one job, publish in another.
 */
export const publishJobIsolation = defineRule({
  id: 'publish-job-isolation',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow dependency installs that run lifecycle scripts in jobs that can publish',
      recommended: false,
    },
    severity: 'warn',
    preset: 'strict',
    security: { severity: 6.5, precision: 'high', tags: ['external/cwe/cwe-829', 'supply-chain', 'install-scripts', 'publish-job'] },
    messages: {
      scriptedInstall:
        'Job `{{job}}` {{why}}, and `{{command}}` runs the install scripts of every dependency with that access: one compromised package can mint the publish token or read the registry token. Build in a job without publish credentials and publish the packed tarball from a job of its own (`actions/upload-artifact`, then `npm publish ./pkg.tgz`); at least, add `--ignore-scripts` here.',
    },
  },
  create(context) {
    return {
      job(job) {
        const capable = hardenedJob(context, job);
        if (!capable) return;
        for (const install of jobScriptedInstalls(context, job)) {
          context.report({
            messageId: 'scriptedInstall',
            at: install.span,
            data: { job: job.id, why: capable.why, command: install.command },
            related: [{ at: capable.shownAt, message: 'this job can publish' }],
          });
        }
      },
    };
  },
});
