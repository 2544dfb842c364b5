import type { JobNode, YamlEntry, YamlScalar } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { jobOidcUse } from '../domain/oidc-consumers.js';

interface Options {
  /** More actions that request OIDC tokens (`owner/repo`, `owner/repo/path`, `owner/*`). */
  consumerActions: string[];
}

const defaultOptions: Options = { consumerActions: [] };

const list = (jobs: readonly JobNode[]) => jobs.map((job) => `\`${job.id}\``).join(', ');

/**
 * `id-token: write` lets every step of a job mint OIDC tokens for any audience: npm publish tokens
 * through the trusted publisher, cloud roles, signing certificates. Granted at the workflow level it
 * reaches test and lint jobs that run third-party code and never need it.
 */
export const idTokenJobScope = defineRule({
  id: 'id-token-job-scope',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require the `id-token` write grant on the jobs that use OIDC, not on the whole workflow',
      recommended: true,
    },
    severity: 'warn',
    security: { severity: 5.3, precision: 'high', tags: ['external/cwe/cwe-250', 'permissions', 'oidc', 'least-privilege', 'trusted-publishing'] },
    messages: {
      moveToJobs:
        '{{grant}} at the workflow level reaches {{needless}}, yet any step there can mint one for your trusted publishers and cloud roles. Grant `id-token: write` in the `permissions` of {{consumers}} only, and set `permissions: {}` at the top.',
      notNeededAtTop:
        '{{grant}} at the workflow level reaches {{needless}}, yet any step there can mint one for your trusted publishers and cloud roles. The jobs that use OIDC ({{consumers}}) declare their own `permissions`, so drop `id-token: write` here and set `permissions: {}` at the top.',
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
      workflow(workflow) {
        const permissions = workflow.permissions;
        let at: YamlEntry | YamlScalar | undefined;
        let grant = '`id-token: write`';
        if (permissions?.kind === 'scopes') {
          const entry = permissions.scopes.get('id-token');
          if (entry?.value.type === 'scalar' && entry.value.text.trim() === 'write') at = entry;
        } else if (permissions?.kind === 'shorthand' && permissions.value.text.trim() === 'write-all') {
          at = permissions.value;
          grant = '`permissions: write-all` (which includes `id-token: write`)';
        }
        // One job gains nothing from moving the grant (zizmor draws the same line).
        if (!at || workflow.jobs.length < 2) return;
        const uses = new Map(workflow.jobs.map((job) => [job, jobOidcUse(context, job, context.options.consumerActions)]));
        // Without a job that certainly uses OIDC, the consumer is more likely hidden from us than absent.
        const consumers = workflow.jobs.filter((job) => uses.get(job)!.kind === 'yes');
        if (consumers.length === 0) return;
        const inheriting = workflow.jobs.filter((job) => job.permissions === undefined);
        const needless = inheriting.filter((job) => uses.get(job)!.kind === 'no');
        if (needless.length === 0) return;
        const inheritingConsumers = inheriting.filter((job) => uses.get(job)!.kind !== 'no');
        const needlessText =
          needless.length === 1 ? `job ${list(needless)}, which never requests an OIDC token` : `jobs ${list(needless)}, which never request an OIDC token`;
        context.report({
          messageId: inheritingConsumers.length > 0 ? 'moveToJobs' : 'notNeededAtTop',
          at,
          data: { grant, needless: needlessText, consumers: list(inheritingConsumers.length > 0 ? inheritingConsumers : consumers) },
          related: needless.map((job) => ({ at: job.key, message: 'inherits `id-token: write` without using it' })),
        });
      },
    };
  },
});
