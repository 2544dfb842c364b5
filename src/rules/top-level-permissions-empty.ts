import { defineRule } from '../engine/rule.js';
import type { WorkflowNode } from '../engine/ast.js';

interface Options {
  /** Scopes tolerated at the top: `contents` tolerates `contents: read`; `contents:write` tolerates write too. */
  allow: string[];
}

const defaultOptions: Options = { allow: [] };

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
    security: { severity: 5.3, precision: 'very-high', tags: ['external/cwe/cwe-250', 'least-privilege', 'permissions', 'github-token'] },
    messages: {
      missing:
        'This workflow has no top-level `permissions`, so every job without its own block gets the repository\'s default `GITHUB_TOKEN` grant. Add `permissions: {}` at the top and grant each job only what it needs.',
      shorthand:
        'Top-level `permissions: {{value}}` grants every job {{what}}. Use `permissions: {}` at the top and grant each job only what it needs.',
      grants:
        'Top-level `permissions` grants {{scopes}} to every job that does not declare its own. Use `permissions: {}` at the top and move these grants to the jobs that need them.',
    },
    schema: {
      type: 'object',
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string', pattern: '^[a-z-]+(:(read|write))?$' },
          description: 'Scopes tolerated at the top: `contents` allows `contents: read`, `contents:write` allows write too.',
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
        const permissions = workflow.permissions;
        if (!permissions) {
          context.report({ messageId: 'missing', at: firstKey(workflow) });
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
        if (granted.length > 0) context.report({ messageId: 'grants', at: permissions.entry.key, data: { scopes: granted.join(', ') } });
      },
    };
  },
});
