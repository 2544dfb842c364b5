import { defineRule } from '../engine/rule.js';
import { unknownKeys, type UnknownKey } from '../domain/workflow-keys.js';

/** Inside a `permissions` block, valid-permissions reports unknown scopes (with its own fixes). */
const PERMISSIONS_BLOCK = /(?:^|\.)permissions$/;

export const validWorkflowKeys = defineRule({
  id: 'valid-workflow-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the keys GitHub\'s workflow and action schemas know',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 2.0, precision: 'very-high', tags: ['correctness', 'schema'] },
    messages: {
      unknownKey: '`{{key}}` is not a key GitHub knows {{where}}: GitHub rejects this file ("Unexpected value \'{{key}}\'"). Did you mean `{{suggestion}}`?',
      unknownKeyNoSuggestion: '`{{key}}` is not a key GitHub knows {{where}}: GitHub rejects this file ("Unexpected value \'{{key}}\'").',
      notAllowed: '`{{key}}` is not allowed in {{variant}} ({{where}}): GitHub rejects this file ("Unexpected value \'{{key}}\'").',
    },
  },
  create(context) {
    const report = (found: readonly UnknownKey[], file: string) => {
      for (const unknown of found) {
        if (PERMISSIONS_BLOCK.test(unknown.path)) continue;
        const data = { key: unknown.entry.key.text, where: unknown.path ? `in \`${unknown.path}\`` : `at the top of ${file}` };
        if (unknown.notAllowedIn) context.report({ messageId: 'notAllowed', at: unknown.entry.key, data: { ...data, variant: unknown.notAllowedIn } });
        else if (unknown.suggestion) context.report({ messageId: 'unknownKey', at: unknown.entry.key, data: { ...data, suggestion: unknown.suggestion } });
        else context.report({ messageId: 'unknownKeyNoSuggestion', at: unknown.entry.key, data });
      }
    };
    return {
      workflow(workflow) {
        report(unknownKeys(context, workflow.root, 'workflow'), 'a workflow');
      },
      action(action) {
        report(unknownKeys(context, action.root, 'action'), 'an action');
      },
    };
  },
});
