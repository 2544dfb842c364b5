import type { PermissionsNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { PERMISSION_SCOPES, PERMISSION_SHORTHANDS } from '../domain/permissions.js';
import { suggest } from '../engine/suggest.js';
import { hasExpression } from '../domain/expressions.js';

const list = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(', ');

export const validPermissions = defineRule({
  id: 'valid-permissions',
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce valid `permissions` scopes, access levels and shorthands',
      recommended: true,
    },
    severity: 'error',
    security: { severity: 5.0, precision: 'very-high', tags: ['permissions', 'correctness'] },
    messages: {
      unknownScope: 'Unknown permission scope `{{scope}}`: it grants nothing. {{fix}}',
      invalidLevel: 'Permission `{{scope}}` cannot be {{value}}; it accepts {{levels}}.',
      invalidShorthand: '`permissions: {{value}}` is not valid; use `read-all`, `write-all`, `{}` or a mapping of scopes.',
    },
  },
  create(context) {
    const check = (permissions: PermissionsNode | undefined) => {
      if (!permissions) return;
      if (permissions.kind === 'shorthand') {
        const value = permissions.value.text.trim();
        if (!(PERMISSION_SHORTHANDS as readonly string[]).includes(value)) {
          context.report({ messageId: 'invalidShorthand', at: permissions.value, data: { value } });
        }
        return;
      }
      if (permissions.kind !== 'scopes') return;
      for (const [scope, entry] of permissions.scopes) {
        const levels = PERMISSION_SCOPES.get(scope);
        if (!levels) {
          const nearest = suggest(scope, PERMISSION_SCOPES.keys());
          context.report({
            messageId: 'unknownScope',
            at: entry.key,
            data: {
              scope,
              fix: nearest ? `Did you mean \`${nearest}\`?` : `Valid scopes are ${list(PERMISSION_SCOPES.keys())}.`,
            },
          });
          continue;
        }
        const value = entry.value;
        if (value.type === 'scalar' && hasExpression(value.text)) continue;
        const text = value.type === 'scalar' ? value.text.trim() : '';
        if (!levels.includes(text)) {
          const shown = value.type === 'scalar' ? `\`${text}\`` : value.type === 'null' ? 'empty' : `a ${value.type === 'map' ? 'mapping' : 'list'}`;
          context.report({ messageId: 'invalidLevel', at: value.type === 'null' ? entry : value, data: { scope, value: shown, levels: list(levels) } });
        }
      }
    };
    return {
      workflow: (workflow) => check(workflow.permissions),
      job: (job) => check(job.permissions),
    };
  },
});
