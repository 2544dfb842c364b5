import { defineRule } from '../engine/rule.js';
import { removedInputsOf } from '../domain/removed-inputs.js';
import { removeStepEntry } from '../domain/step-edits.js';

/**
 * `always-auth` is gone from actions/setup-node since v6.1.0: the runner warns "Unexpected input"
 * and ignores it. It is usually a leftover of token authentication, and deleting it changes nothing.
 */
export const setupNodeRemovedInputs = defineRule({
  id: 'setup-node-removed-inputs',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow actions/setup-node inputs that the referenced release no longer has',
      recommended: false,
    },
    severity: 'warn',
    preset: 'strict',
    security: { severity: 2.0, precision: 'very-high', tags: ['npm', 'maintainability', 'setup-node'] },
    fixable: 'code',
    messages: {
      removedInput:
        '`{{input}}` was removed from `{{action}}` in v{{major}}.{{minor}}.0, and `{{action}}@{{version}}` ignores it with an "Unexpected input" warning ({{note}}). Delete the input.',
    },
  },
  create(context) {
    return {
      step(step) {
        for (const use of removedInputsOf(step)) {
          const { removed } = use;
          context.report({
            messageId: 'removedInput',
            at: use.entry,
            data: { input: removed.input, action: removed.action, major: removed.major, minor: removed.minor, version: use.version, note: removed.note },
            // Deleting an input the action ignores keeps what the step does.
            fix: removeStepEntry(context.fixer, step, 'with', use.entry),
          });
        }
      },
    };
  },
});
