import { defineRule } from '../engine/rule.js';
import { actionOwner, pinState } from '../domain/action-pins.js';
import { actionAsWritten } from '../domain/steps.js';
import { hardenedJob } from '../domain/publish/publish-capable.js';

interface Options {
  /** Owners whose actions may stay on tags in publish jobs (`actions` for GitHub's own). */
  allowOwners: string[];
}

const defaultOptions: Options = { allowOwners: ['actions'] };

/**
 * Every action in a job that can publish runs with its credentials. A tag or branch can be moved to
 * other code by whoever controls the action's repository: in March 2025 every tag of
 * tj-actions/changed-files was re-pointed to a commit that dumped the runner's secrets.
 */
export const publishActionsPinned = defineRule({
  id: 'publish-actions-pinned',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require actions in jobs that can publish to be pinned to a full commit SHA',
      recommended: false,
    },
    severity: 'warn',
    preset: 'strict',
    security: { severity: 6.3, precision: 'very-high', tags: ['external/cwe/cwe-829', 'supply-chain', 'pinning', 'publish-job'] },
    messages: {
      unpinned:
        'Job `{{job}}` {{why}}, and `{{uses}}` runs with its credentials from a {{what}} that whoever controls the action can move to other code (tj-actions/changed-files, March 2025). Pin it to a full commit SHA with the version in a comment (`@<40-hex sha> # v1.2.3`) and let Dependabot or Renovate update it.',
    },
    schema: {
      type: 'object',
      properties: {
        allowOwners: {
          type: 'array',
          items: { type: 'string' },
          description: 'Owners whose actions may stay on a tag in publish jobs (`actions` is GitHub\'s own; `[]` requires a pin everywhere).',
        },
      },
      required: ['allowOwners'],
      additionalProperties: false,
    },
    defaultOptions,
  },
  create(context) {
    const allowed = new Set(context.options.allowOwners.map((owner) => owner.toLowerCase()));
    return {
      job(job) {
        const capable = hardenedJob(context, job);
        if (!capable) return;
        for (const step of job.steps) {
          const uses = step.uses;
          if (!uses || pinState(uses) !== 'unpinned') continue;
          const owner = actionOwner(uses);
          if (owner !== undefined && allowed.has(owner)) continue;
          const what = uses.kind === 'docker' ? 'Docker tag' : /^v?\d+(?:\.\d+){0,2}(?:[-+].*)?$/.test(uses.ref ?? '') ? `tag (\`${uses.ref}\`)` : `ref (\`${uses.ref}\`)`;
          context.report({
            messageId: 'unpinned',
            at: uses.scalar,
            data: { job: job.id, why: capable.why, uses: uses.kind === 'docker' ? uses.name : actionAsWritten(uses), what },
            related: [{ at: capable.shownAt, message: 'this job can publish' }],
          });
        }
      },
    };
  },
});
