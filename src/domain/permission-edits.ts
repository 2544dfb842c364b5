/**
 * Edits of `permissions` blocks, shared by the rules that fix them: give a job a block of its own,
 * move the workflow's block into the jobs that inherit it, empty the workflow's block. GitHub's rule
 * that makes these moves safe: a job's own block replaces the workflow's entirely, so a job that is
 * given an exact copy of what it inherited keeps the same grant
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idpermissions).
 */
import type { JobNode, PermissionsNode, WorkflowNode } from '../engine/ast.js';
import type { Edit } from '../engine/fix/edit.js';
import type { YamlFixer } from '../engine/fix/yaml-fixer.js';
import { copyOf, mapText, scalarText, type YamlText } from '../engine/fix/yaml-text.js';
import { hasExpression } from './expressions.js';
import { PERMISSION_SCOPES, PERMISSION_SHORTHANDS } from './permissions.js';

/** A block that grants these scopes (`permissions: {}` for none), scopes in GitHub's order. */
export function grantText(scopes: Iterable<readonly [string, string]>, options: { readonly flow?: boolean } = {}): YamlText {
  const given = new Map(scopes);
  const ordered = [...PERMISSION_SCOPES.keys(), ...[...given.keys()].filter((scope) => !PERMISSION_SCOPES.has(scope))];
  return mapText(
    ordered.filter((scope) => given.has(scope)).map((scope) => ({ key: scope, value: scalarText(given.get(scope)!) })),
    options,
  );
}

/**
 * The scopes a `permissions` mapping grants, as written (`none` included), when every one is a
 * plain level; undefined for a shorthand, an expression or an invalid entry.
 */
export function writtenScopes(fixer: YamlFixer, permissions: PermissionsNode): Array<[string, string]> | undefined {
  if (permissions.kind !== 'scopes' || !copyablePermissions(fixer, permissions)) return undefined;
  const scopes: Array<[string, string]> = [];
  for (const [scope, entry] of permissions.scopes) {
    const text = entry.value.type === 'scalar' ? entry.value.text.trim() : '';
    if (hasExpression(text)) return undefined;
    scopes.push([scope, text]);
  }
  return scopes;
}

/**
 * Sets one scope in a job's own mapping (`id-token: write`): the level replaced where the scope is
 * written, else a new entry after the last one.
 */
export function setJobScope(fixer: YamlFixer, permissions: PermissionsNode, scope: string, level: string): Edit[] | undefined {
  if (permissions.kind !== 'scopes' || permissions.entry.value.type !== 'map' || !fixer.editable(permissions.entry)) return undefined;
  const written = permissions.scopes.get(scope);
  if (written) {
    if (written.value.type !== 'scalar' || !fixer.editable(written)) return undefined;
    const edit = fixer.replaceScalar(written.value, level);
    return edit ? [edit] : undefined;
  }
  return fixer.insertEntry(permissions.entry.value, scope, scalarText(level));
}

/** `scope: level` pairs as a message lists them: `` `contents: read`, `id-token: write` `` or `nothing`. */
export function describeGrant(scopes: Iterable<readonly [string, string]>): string {
  const list = [...scopes].map(([scope, level]) => `\`${scope}: ${level}\``);
  return list.length === 0 ? 'nothing (`permissions: {}`)' : list.join(', ');
}

/**
 * A block whose every scope and level GitHub accepts (or is an expression), so copying it copies a
 * grant and not an error valid-permissions reports; shorthands `read-all` and `write-all` too. Not
 * one that holds a trustlint directive.
 */
export function copyablePermissions(fixer: YamlFixer, permissions: PermissionsNode | undefined): boolean {
  if (!permissions || permissions.kind === 'unknown' || !fixer.movable(permissions.entry)) return false;
  // A trustlint directive inside would be copied with it, and suppress (or report) in every job.
  if (fixer.commentsOf(permissions.entry).some((comment) => /trustlint-(?:disable|enable)/.test(comment))) return false;
  if (permissions.kind === 'shorthand') return (PERMISSION_SHORTHANDS as readonly string[]).includes(permissions.value.text.trim());
  for (const [scope, entry] of permissions.scopes) {
    const levels = PERMISSION_SCOPES.get(scope);
    const value = entry.value;
    if (!levels || value.type !== 'scalar' || value.style === 'literal' || value.style === 'folded') return false;
    if (!hasExpression(value.text) && !levels.includes(value.text.trim())) return false;
  }
  return true;
}

/** Adds `permissions:` to a job that has none, before its `steps` (after its last entry when it has none). */
export function addJobPermissions(fixer: YamlFixer, job: JobNode, block: YamlText): Edit[] | undefined {
  if (job.permissions) return undefined;
  return fixer.addJobKey(job, 'permissions', block);
}

/** Every entry of `jobs:` is a job mapping: otherwise what inherits the workflow's block is not known. */
function jobsReadable(workflow: WorkflowNode): boolean {
  const jobs = workflow.jobsEntry?.value;
  if (!jobs) return true;
  return jobs.type === 'map' && !jobs.aliasSpan && jobs.entries.length === workflow.jobs.length && workflow.jobs.every((job) => !job.key.aliasSpan && !job.map.aliasSpan);
}

export interface MovePlan {
  /** The block each job without one of its own gets; `undefined` leaves that job inheriting. */
  readonly blockFor: (job: JobNode) => YamlText | undefined;
  /**
   * Whether the moved block's comments are carried into the jobs (verbatim copies in block style):
   * then they leave the workflow's block with it; otherwise they stay there as comment lines.
   */
  readonly carriesComments?: boolean;
}

/**
 * Gives every job that inherits the workflow's grant the block `blockFor` says, then sets the
 * workflow's block to `permissions: {}` (inserted before `jobs:` when there is none) once no job
 * inherits it any more. Undefined when any edit cannot be made safely.
 */
export function moveToJobs(fixer: YamlFixer, workflow: WorkflowNode, plan: MovePlan): Edit[] | undefined {
  if (!jobsReadable(workflow)) return undefined;
  const edits: Edit[] = [];
  let inheriting = 0;
  let carried = false;
  for (const job of workflow.jobs) {
    if (job.permissions) continue;
    const block = plan.blockFor(job);
    if (block === undefined) {
      inheriting++;
      continue;
    }
    const added = addJobPermissions(fixer, job, block);
    if (!added) return undefined;
    edits.push(...added);
    if (block.kind === 'copy' && !fixer.isFlow(job.map)) carried = true;
  }
  if (inheriting > 0) return edits.length > 0 ? edits : undefined;
  const top = emptyWorkflowPermissions(fixer, workflow, !(plan.carriesComments !== false && carried));
  return top ? [...edits, ...top] : undefined;
}

/** `permissions: {}` at the top: the existing block replaced (its comments kept unless carried elsewhere), or a new entry before `jobs:`. */
export function emptyWorkflowPermissions(fixer: YamlFixer, workflow: WorkflowNode, keepComments = true): Edit[] | undefined {
  const permissions = workflow.permissions;
  if (permissions) {
    if (!fixer.editable(permissions.entry)) return undefined;
    return fixer.setValue(workflow.root, permissions.entry, mapText([]), { keepComments });
  }
  return fixer.insertEntry(workflow.root, 'permissions', mapText([]), { before: workflow.jobsEntry });
}

/** The workflow's block as the jobs that inherit it get it: a verbatim copy of what is written. */
export function copyOfWorkflowPermissions(workflow: WorkflowNode): YamlText | undefined {
  return workflow.permissions ? copyOf(workflow.permissions.entry) : undefined;
}
