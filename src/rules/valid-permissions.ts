import type { JobNode, PermissionsNode, WorkflowNode, YamlEntry, YamlMap } from '../engine/ast.js';
import type { Edit } from '../engine/fix/edit.js';
import { mapText } from '../engine/fix/yaml-text.js';
import { defineRule, type RuleContext, type SuggestionDescriptor } from '../engine/rule.js';
import { PERMISSION_SCOPES, PERMISSION_SHORTHANDS } from '../domain/permissions.js';
import { jobOidcUse } from '../domain/oidc-consumers.js';
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
    preset: 'recommended',
    security: { severity: 5.0, precision: 'very-high', tags: ['permissions', 'correctness'] },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      unknownScope: 'Unknown permission scope `{{scope}}`: it grants nothing. {{fix}}',
      invalidLevel: 'Permission `{{scope}}` cannot be {{value}}; it accepts {{levels}}.',
      invalidShorthand: '`permissions: {{value}}` is not valid; use `read-all`, `write-all`, `{}` or a mapping of scopes.',
      renameScope: 'Rename `{{scope}}` to `{{target}}`.',
      setLevel: 'Set `{{scope}}: {{level}}`{{why}}.',
      setShorthand: 'Use `permissions: {{value}}`.',
    },
  },
  create(context) {
    const check = (permissions: PermissionsNode | undefined, owner: WorkflowNode | JobNode) => {
      if (!permissions) return;
      if (permissions.kind === 'shorthand') {
        const value = permissions.value.text.trim();
        if (!(PERMISSION_SHORTHANDS as readonly string[]).includes(value)) {
          context.report({ messageId: 'invalidShorthand', at: permissions.value, data: { value }, ...shorthandFixes(context, permissions, owner) });
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
            ...scopeFixes(context, permissions, entry, nearest),
          });
          continue;
        }
        const value = entry.value;
        if (value.type === 'scalar' && hasExpression(value.text)) continue;
        const text = value.type === 'scalar' ? value.text.trim() : '';
        if (!levels.includes(text)) {
          const shown = value.type === 'scalar' ? `\`${text}\`` : value.type === 'null' ? 'empty' : `a ${value.type === 'map' ? 'mapping' : 'list'}`;
          context.report({
            messageId: 'invalidLevel',
            at: value.type === 'null' ? entry : value,
            data: { scope, value: shown, levels: list(levels) },
            ...levelFixes(context, entry, scope, text, owner),
          });
        }
      }
    };
    return {
      workflow: (workflow) => check(workflow.permissions, workflow),
      job: (job) => check(job.permissions, job),
    };
  },
});

type Context = RuleContext<keyof (typeof validPermissions)['meta']['messages'] & string, undefined, true, true>;
type Fixes = { fix?: Edit[]; suggest?: SuggestionDescriptor<'renameScope' | 'setLevel' | 'setShorthand'>[] };

/** `ID_Token`, `id token`, `id_token` → `id-token`: the spelling GitHub's scopes use. */
function normalized(text: string): string {
  return text.trim().toLowerCase().replace(/[_\s]+/g, '-');
}

/**
 * The one scope a misspelling certainly means: the same name but for case, `_` for `-`, or a
 * singular for a plural (`content`, `pull_request`, `status`). Anything else is only a guess.
 */
function certainScope(scope: string): string | undefined {
  const name = normalized(scope);
  const candidates = new Set([name, `${name}s`, `${name}es`, name.replace(/s$/, ''), name.replace(/es$/, '')].filter((candidate) => PERMISSION_SCOPES.has(candidate)));
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

/**
 * A misspelled scope grants nothing today, so renaming it changes the grant: a fix only when the
 * meaning is certain (and its level valid for it, and the name not already used in the block);
 * the nearest name by edit distance is a suggestion.
 */
function scopeFixes(context: Context, permissions: Extract<PermissionsNode, { kind: 'scopes' }>, entry: YamlEntry, nearest: string | undefined): Fixes {
  const level = entry.value.type === 'scalar' ? entry.value.text.trim() : undefined;
  const usable = (target: string) => level !== undefined && PERMISSION_SCOPES.get(target)!.includes(level) && !permissions.scopes.has(target) && context.fixer.editable(entry);
  const rename = (target: string) => {
    const edit = context.fixer.replaceScalar(entry.key, target);
    return edit ? [edit] : undefined;
  };
  const certain = certainScope(entry.key.text);
  if (certain && usable(certain)) {
    const fix = rename(certain);
    if (fix) return { fix };
  }
  if (nearest && usable(nearest)) {
    const fix = rename(nearest);
    if (fix) return { suggest: [{ messageId: 'renameScope', data: { scope: entry.key.text, target: nearest }, fix }] };
  }
  return {};
}

/**
 * Levels: `Read` → `read` (case) and `models: write` → `read` (its only access) are certain;
 * `id-token: read` grants nothing, and what was meant depends on whether the jobs it reaches use
 * OIDC: `write` when one certainly does (and, at the top, reaches no job that never does), `none`
 * when none does, both as suggestions otherwise.
 */
function levelFixes(context: Context, entry: YamlEntry, scope: string, text: string, owner: WorkflowNode | JobNode): Fixes {
  const value = entry.value;
  if (value.type !== 'scalar' || !context.fixer.editable(entry)) return {};
  const set = (level: string) => {
    const edit = context.fixer.replaceScalar(value, level);
    return edit ? [edit] : undefined;
  };
  const lower = text.toLowerCase();
  const levels = PERMISSION_SCOPES.get(scope)!;
  let certain: string | undefined;
  if (lower !== text && levels.includes(lower)) certain = lower;
  else if (scope === 'models' && lower === 'write') certain = 'read';
  if (certain) {
    const fix = set(certain);
    return fix ? { fix } : {};
  }
  if (scope !== 'id-token' || lower !== 'read') return {};
  const reached = owner.kind === 'job' ? [owner] : owner.jobs.filter((job) => !job.permissions);
  const uses = reached.map((job) => jobOidcUse(context, job).kind);
  if (uses.every((use) => use === 'no')) {
    const fix = set('none');
    return fix ? { fix } : {};
  }
  if (uses.every((use) => use === 'yes')) {
    const fix = set('write');
    return fix ? { fix } : {};
  }
  const suggest: SuggestionDescriptor<'setLevel'>[] = [];
  for (const [level, why] of [
    ['write', ' (to mint OIDC tokens)'],
    ['none', ' (`read` grants nothing)'],
  ] as const) {
    const fix = set(level);
    if (fix) suggest.push({ messageId: 'setLevel', data: { scope, level, why }, fix });
  }
  return suggest.length > 0 ? { suggest } : {};
}

/** `read_all`, `Write-All` → the shorthand (certain); `read`, `write`, `none` → a suggestion. */
function shorthandFixes(context: Context, permissions: Extract<PermissionsNode, { kind: 'shorthand' }>, owner: WorkflowNode | JobNode): Fixes {
  const value = permissions.value;
  const name = normalized(value.text).replace(/^(read|write)all$/, '$1-all');
  if ((PERMISSION_SHORTHANDS as readonly string[]).includes(name)) {
    const edit = context.fixer.replaceScalar(value, name);
    return edit ? { fix: [edit] } : {};
  }
  const parent: YamlMap = owner.kind === 'job' ? owner.map : owner.root;
  let fix: Edit[] | undefined;
  let shown: string | undefined;
  if (name === 'read' || name === 'write') {
    const edit = context.fixer.replaceScalar(value, `${name}-all`);
    fix = edit ? [edit] : undefined;
    shown = `${name}-all`;
  } else if (name === 'none' || name === 'nothing' || name === 'empty') {
    fix = context.fixer.setValue(parent, permissions.entry, mapText([]));
    shown = '{}';
  }
  return fix && shown ? { suggest: [{ messageId: 'setShorthand', data: { value: shown }, fix }] } : {};
}
