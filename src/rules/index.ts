import type { AnyRule } from '../engine/rule.js';
import { validPermissions } from './valid-permissions.js';

/** Every rule, by id. The order is the order of the docs table and of SARIF's rule list. */
export const rules = {
  'valid-permissions': validPermissions,
} satisfies Record<string, AnyRule>;

export type RuleId = keyof typeof rules;
export const allRules: readonly AnyRule[] = Object.values(rules);
