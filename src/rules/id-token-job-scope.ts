import type { JobNode, PermissionsNode, WorkflowNode, YamlEntry, YamlScalar } from '../engine/ast.js';
import type { Edit } from '../engine/fix/edit.js';
import { mapText } from '../engine/fix/yaml-text.js';
import type { YamlFixer } from '../engine/fix/yaml-fixer.js';
import { defineRule } from '../engine/rule.js';
import { permissionsMisspelt } from '../domain/permissions.js';
import { CONSUMER_ACTIONS_DEFAULTS, CONSUMER_ACTIONS_SCHEMA, jobOidcUse } from '../domain/oidc-consumers.js';
import { addJobPermissions, copyablePermissions, copyOfWorkflowPermissions } from '../domain/permission-edits.js';


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
      strict: true,
    },
    severity: 'warn',
    preset: 'recommended',
    security: { severity: 5.3, precision: 'high', tags: ['external/cwe/cwe-250', 'permissions', 'oidc', 'least-privilege', 'trusted-publishing'] },
    fixable: 'code',
    messages: {
      moveToJobs:
        '{{grant}} at the workflow level reaches {{needless}}, yet any step there can mint one for your trusted publishers and cloud roles. Grant `id-token: write` in the `permissions` of {{consumers}} only, and set `permissions: {}` at the top.',
      notNeededAtTop:
        '{{grant}} at the workflow level reaches {{needless}}, yet any step there can mint one for your trusted publishers and cloud roles. The jobs that use OIDC ({{consumers}}) declare their own `permissions`, so drop `id-token: write` here and set `permissions: {}` at the top.',
    },
    schema: CONSUMER_ACTIONS_SCHEMA,
    defaultOptions: CONSUMER_ACTIONS_DEFAULTS,
  },
  create(context) {
    return {
      workflow(workflow) {
        // A misspelt `permission:` block: which jobs inherit what is unknown (valid-workflow-keys reports the key).
        if (permissionsMisspelt(workflow)) return;
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
        const fix = permissions?.kind === 'scopes' && at === permissions.scopes.get('id-token') ? moveGrant(context.fixer, workflow, permissions, inheritingConsumers) : undefined;
        const needlessText =
          needless.length === 1 ? `job ${list(needless)}, which never requests an OIDC token` : `jobs ${list(needless)}, which never request an OIDC token`;
        context.report({
          messageId: inheritingConsumers.length > 0 ? 'moveToJobs' : 'notNeededAtTop',
          at,
          data: { grant, needless: needlessText, consumers: list(inheritingConsumers.length > 0 ? inheritingConsumers : consumers) },
          related: needless.map((job) => ({ at: job.key, message: 'inherits `id-token: write` without using it' })),
          fix,
        });
      },
    };
  },
});

/**
 * The fix: each job that inherits the grant and may use OIDC (certainly or maybe) gets a copy of
 * the workflow's block, `id-token: write` included, and the grant leaves the top. Jobs with a block
 * of their own never saw it; the jobs left inheriting are the ones that never request an OIDC token,
 * so losing a grant they never use changes nothing they do. A `write-all` top is not moved here:
 * top-level-permissions-empty copies it into the jobs.
 */
function moveGrant(fixer: YamlFixer, workflow: WorkflowNode, permissions: Extract<PermissionsNode, { kind: 'scopes' }>, consumers: readonly JobNode[]): Edit[] | undefined {
  const entry = permissions.scopes.get('id-token')!;
  const copy = copyOfWorkflowPermissions(workflow);
  if (!copy || !copyablePermissions(fixer, permissions) || permissions.entry.value.type !== 'map') return undefined;
  const edits: Edit[] = [];
  for (const job of consumers) {
    const added = addJobPermissions(fixer, job, copy);
    if (!added) return undefined;
    edits.push(...added);
  }
  const removed =
    permissions.scopes.size === 1 ? fixer.setValue(workflow.root, permissions.entry, mapText([])) : fixer.removeEntry(permissions.entry.value, entry);
  if (!removed) return undefined;
  // The fix starts at the `permissions` key (an edit that rewrites it as it is): top-level-permissions-empty's
  // fix starts after it, so in one pass this one goes first, and the top is emptied in the next with
  // the grant already gone (the other order would copy `id-token: write` into every job).
  const key = permissions.entry.key;
  return [{ range: [key.span.start, key.span.end], text: fixer.file.text.slice(key.span.start, key.span.end) }, ...edits, ...removed];
}
