import type { JobNode, WorkflowNode } from '../engine/ast.js';
import { mergeEdits, type Edit } from '../engine/fix/edit.js';
import type { YamlText } from '../engine/fix/yaml-text.js';
import { defineRule, type RuleContext, type SuggestionDescriptor } from '../engine/rule.js';
import { copyablePermissions, copyOfWorkflowPermissions, describeGrant, grantText, moveToJobs } from '../domain/permission-edits.js';
import { jobPermissionNeeds, type PermissionNeeds } from '../domain/permission-needs.js';
import { isPublishCapable } from '../domain/publish/publish-capable.js';
import { DEFAULT_GRANTS, PERMISSION_SCOPES, permissionsMisspelt, type DefaultTokenPermissions } from '../domain/permissions.js';
import type { RepositorySettings } from '../domain/settings.js';

/** What `allow` accepts: a scope (`contents`: read only) or `scope:read` / `scope:write`; anything else is a config error. */
const TOLERABLE_SCOPES = PERMISSION_SCOPES.keys().flatMap((scope) => [scope, `${scope}:read`, `${scope}:write`]);

interface Options {
  /** Scopes tolerated at the top: `contents` tolerates `contents: read`; `contents:write` tolerates write too. */
  allow: string[];
  /** `publishing`: only workflows with a publish-capable job; `all` (the default): every workflow. Optional in the schema, so a config may give `allow` alone. */
  scope?: 'publishing' | 'all';
  /** A called workflow (`on: workflow_call` only) with no top-level block whose every job declares its own is not flagged: its caller sets the ceiling. */
  callerSetsCeiling?: boolean;
}

const defaultOptions: Options = { allow: [], scope: 'all', callerSetsCeiling: false };

/** Only called (`on: workflow_call` alone), no top-level block, and every job declares its own: the callers' grants bound it. */
function boundedByCallers(workflow: WorkflowNode): boolean {
  return (
    workflow.triggers.length === 1 &&
    workflow.triggers[0] === 'workflow_call' &&
    !workflow.permissions &&
    workflow.jobs.length > 0 &&
    workflow.jobs.every((job) => job.permissions !== undefined)
  );
}

/** The place to report a missing block: the first key of the workflow, normally line 1. */
function firstKey(workflow: WorkflowNode) {
  return workflow.root.entries[0]?.key ?? workflow.span;
}

export const topLevelPermissionsEmpty = defineRule({
  id: 'top-level-permissions-empty',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `permissions: {}` at the top of every workflow',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    // The catalogue's proposal: in `recommended`, a warning about the workflows that can publish only.
    presetEntries: { recommended: { severity: 'warn', options: { scope: 'publishing', callerSetsCeiling: true } } },
    security: { severity: 5.3, precision: 'very-high', tags: ['external/cwe/cwe-250', 'least-privilege', 'permissions', 'github-token'] },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      missing:
        'This workflow has no top-level `permissions`, so every job without its own block gets the repository\'s default `GITHUB_TOKEN` grant. Add `permissions: {}` at the top and grant each job only what it needs.',
      shorthand:
        'Top-level `permissions: {{value}}` grants every job {{what}}. Use `permissions: {}` at the top and grant each job only what it needs.',
      grants:
        'Top-level `permissions` grants {{scopes}} to every job that does not declare its own. Use `permissions: {}` at the top and move these grants to the jobs that need them.',
      leastPrivilege: 'Give each job only what its steps use{{top}}: {{grants}}.{{rest}}',
      assumeRestricted:
        'Assuming the repository default is restricted, give {{jobs}} `contents: read` and `packages: read` and set `permissions: {}` at the top (with the permissive default this takes write access away; set `settings.defaultTokenPermissions` and `--fix` makes the exact move).',
      assumePermissive:
        'Assuming the repository default is permissive, give {{jobs}} that grant (write on every scope but `id-token`, `models: read`) and set `permissions: {}` at the top (set `settings.defaultTokenPermissions` and `--fix` makes this move).',
    },
    schema: {
      type: 'object',
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string', enum: TOLERABLE_SCOPES },
          description: 'Scopes tolerated at the top: `contents` allows `contents: read`, `contents:write` allows write too.',
        },
        scope: {
          type: 'string',
          nullable: true,
          enum: ['publishing', 'all'],
          description: '`publishing`: only workflows with a publish-capable job (one that publishes to any registry, holds a registry token, or calls a workflow that publishes); `all`: every workflow.',
        },
        callerSetsCeiling: {
          type: 'boolean',
          nullable: true,
          description: 'Do not flag a called workflow (`on: workflow_call` only) that has no top-level block and whose jobs all declare their own `permissions`: its callers set the ceiling.',
        },
      },
      required: ['allow'],
      additionalProperties: false,
    },
    defaultOptions,
  },
  create(context) {
    const tolerated = new Map<string, 'read' | 'write'>();
    for (const item of context.options.allow) {
      const [scope, level] = item.split(':') as [string, 'read' | 'write' | undefined];
      tolerated.set(scope, level ?? 'read');
    }
    return {
      workflow(workflow) {
        // A misspelt `permission:` block: GitHub rejects the file, and valid-workflow-keys says why.
        if (permissionsMisspelt(workflow)) return;
        if (context.options.scope === 'publishing' && !workflow.jobs.some((job) => isPublishCapable(context, job))) return;
        if (context.options.callerSetsCeiling && boundedByCallers(workflow)) return;
        const permissions = workflow.permissions;
        if (!permissions) {
          context.report({ messageId: 'missing', at: firstKey(workflow), ...permissionFixes(context, workflow) });
          return;
        }
        if (permissions.kind === 'unknown') return;
        if (permissions.kind === 'shorthand') {
          const value = permissions.value.text.trim();
          if (value !== 'read-all' && value !== 'write-all') return; // valid-permissions reports invalid shorthands
          context.report({
            messageId: 'shorthand',
            at: permissions.entry,
            data: { value, what: value === 'write-all' ? 'write access to every scope, `id-token` included' : 'read access to every scope' },
            ...permissionFixes(context, workflow),
          });
          return;
        }
        const granted: string[] = [];
        for (const [scope, entry] of permissions.scopes) {
          const level = entry.value.type === 'scalar' ? entry.value.text.trim() : '';
          // An expression is known only at run time: precision first, no finding for it.
          if (level === 'none' || level === '' || level.includes('${{')) continue;
          const allowed = tolerated.get(scope);
          if (allowed === 'write' || (allowed === 'read' && level === 'read')) continue;
          granted.push(`\`${scope}: ${level}\``);
        }
        if (granted.length > 0) context.report({ messageId: 'grants', at: permissions.entry.key, data: { scopes: granted.join(', ') }, ...permissionFixes(context, workflow) });
      },
    };
  },
});

type Context = RuleContext<keyof (typeof topLevelPermissionsEmpty)['meta']['messages'] & string, Options, true, true>;

const list = (jobs: readonly JobNode[]) => jobs.map((job) => `\`${job.id}\``).join(', ');

type Suggestion = SuggestionDescriptor<'leastPrivilege' | 'assumeRestricted' | 'assumePermissive'>;

/**
 * The fix and suggestions for a workflow whose top-level block is not `permissions: {}`. The fix
 * copies what the jobs inherit today into each job that has no block of its own and empties the
 * top: every job keeps its grant. It needs to know that grant: the block as written (when GitHub
 * accepts it), or, with no block, the repository default from `settings.defaultTokenPermissions`
 * (never in a called workflow, which inherits its caller's). The suggestions give each job only what
 * its steps use (inferred from the table of actions and commands), or assume a default.
 */
function permissionFixes(context: Context, workflow: WorkflowNode): { fix?: Edit[]; suggest: () => Suggestion[] } {
  const fixer = context.fixer;
  const inheriting = workflow.jobs.filter((job) => !job.permissions);
  const called = workflow.triggers.includes('workflow_call');
  const defaults = (context.settings as RepositorySettings).defaultTokenPermissions;
  let current: YamlText | undefined;
  if (workflow.permissions) current = copyablePermissions(fixer, workflow.permissions) ? copyOfWorkflowPermissions(workflow) : undefined;
  else if (isDefault(defaults) && !called) current = grantText(Object.entries(DEFAULT_GRANTS[defaults]));
  // With no job inheriting, emptying the top changes nothing, whatever it grants.
  const fix = current !== undefined || inheriting.length === 0 ? moveToJobs(fixer, workflow, { blockFor: () => current }) : undefined;
  // The inference costs a walk of every job: only when the output shows suggestions.
  const suggest = () => [...leastPrivilege(context, workflow, inheriting, current, fix), ...assumedDefaults(context, workflow, inheriting, called, defaults)];
  return { ...(fix ? { fix } : {}), suggest };
}

/** Each job that inherits gets what its steps use; a job the table cannot read keeps today's grant (or keeps inheriting). */
function leastPrivilege(context: Context, workflow: WorkflowNode, inheriting: readonly JobNode[], current: YamlText | undefined, fix: readonly Edit[] | undefined): Suggestion[] {
  const needs = new Map<JobNode, PermissionNeeds>(inheriting.map((job) => [job, jobPermissionNeeds(context, job)]));
  const known = inheriting.filter((job) => needs.get(job)!.kind === 'known');
  if (known.length === 0) return [];
  const blockFor = (job: JobNode) => {
    const found = needs.get(job)!;
    return found.kind === 'known' ? grantText(found.scopes) : current;
  };
  const edits = moveToJobs(context.fixer, workflow, { blockFor });
  if (!edits || sameChange(context, edits, fix)) return [];
  const rest = inheriting.filter((job) => needs.get(job)!.kind === 'unknown');
  const grants = known.map((job) => `\`${job.id}\` gets ${describeGrant((needs.get(job) as Extract<PermissionNeeds, { kind: 'known' }>).scopes)}`);
  const kept = current !== undefined ? "keeps a copy of today's grant" : 'keeps the repository default (so the top-level block stays missing)';
  const reasons = rest.map((job) => ` \`${job.id}\` ${kept}, as trustlint cannot tell what it needs: ${(needs.get(job) as Extract<PermissionNeeds, { kind: 'unknown' }>).reason}.`);
  return [
    {
      messageId: 'leastPrivilege',
      data: { top: rest.length === 0 || current !== undefined ? ' and set `permissions: {}` at the top' : '', grants: grants.join('; '), rest: reasons.join('') },
      fix: edits,
    },
  ];
}

/** No block and no known default: the fix's move, under each of the two defaults. */
function assumedDefaults(context: Context, workflow: WorkflowNode, inheriting: readonly JobNode[], called: boolean, defaults: unknown): Suggestion[] {
  if (workflow.permissions || isDefault(defaults) || called || inheriting.length === 0) return [];
  const suggest: Suggestion[] = [];
  for (const assumed of ['read', 'write'] as const) {
    const edits = moveToJobs(context.fixer, workflow, { blockFor: () => grantText(Object.entries(DEFAULT_GRANTS[assumed])) });
    if (edits) suggest.push({ messageId: assumed === 'read' ? 'assumeRestricted' : 'assumePermissive', data: { jobs: list(inheriting) }, fix: edits });
  }
  return suggest;
}

function isDefault(value: unknown): value is DefaultTokenPermissions {
  return value === 'read' || value === 'write';
}

/** A suggestion that would do exactly what the fix does is not worth offering. */
function sameChange(context: Context, a: readonly Edit[], b: readonly Edit[] | undefined): boolean {
  if (!b) return false;
  const left = mergeEdits(context.file.text, a);
  const right = mergeEdits(context.file.text, b);
  return left?.range[0] === right?.range[0] && left?.range[1] === right?.range[1] && left?.text === right?.text;
}
