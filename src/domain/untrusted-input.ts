/**
 * Triggers and event data an outsider controls. `pull_request_target`, `issue_comment`, the review
 * events and `workflow_run` run in the base repository's context, with its secrets and a write
 * token, for events anyone (a fork's author, a commenter) can cause; event fields such as a pull
 * request's title or branch name are theirs to write. Sources: GitHub Security Lab, "Keeping your
 * GitHub Actions and workflows secure" parts 1 and 2; GitHub Docs, "Script injections".
 */
import type { Span, StepNode, WorkflowNode, YamlScalar, YamlValue } from '../engine/ast.js';
import type { Analysis } from './context.js';
import { contextReferences, findExpressions, type ContextReference } from './expressions.js';
import { scalarOffsetMap } from './run-script.js';
import { fileOf, usesAction } from './steps.js';

/** Triggers that run with the base repository's secrets for events an outsider can cause. */
export const DANGEROUS_TRIGGERS = ['pull_request_target', 'issue_comment', 'pull_request_review', 'pull_request_review_comment', 'workflow_run'] as const;

/** Triggers that run a workflow for a pull request (what makes a `workflow_run` after it dangerous). */
const PULL_REQUEST_TRIGGERS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment', 'issue_comment']);

/** The key (or item) of a trigger in `on:`, for pointing at it. */
function triggerNode(workflow: WorkflowNode, trigger: string): YamlScalar | YamlValue | undefined {
  const on = workflow.on?.value;
  if (!on) return undefined;
  if (on.type === 'scalar') return on;
  if (on.type === 'seq') return on.items.find((item) => item.type === 'scalar' && item.text.trim() === trigger);
  if (on.type === 'map') return on.byKey.get(trigger)?.key;
  return undefined;
}

/** The names in `on.workflow_run.workflows`, or undefined when not a literal list. */
function workflowRunNames(workflow: WorkflowNode): string[] | undefined {
  const on = workflow.on?.value;
  const config = on?.type === 'map' ? on.byKey.get('workflow_run')?.value : undefined;
  const names = config?.type === 'map' ? config.byKey.get('workflows')?.value : undefined;
  if (names?.type === 'scalar') return [names.text.trim()];
  if (names?.type !== 'seq') return undefined;
  const list = names.items.map((item) => (item.type === 'scalar' && !item.text.includes('${{') ? item.text.trim() : undefined));
  return list.every((name) => name !== undefined) ? (list as string[]) : undefined;
}

/**
 * Whether a `workflow_run` trigger only follows workflows of this repository that no pull request
 * starts: each name in `workflows` matches the `name:` (or, without one, the path) of a local
 * workflow, and none of those runs on a pull request event. Anything not found is not known safe.
 */
function workflowRunFollowsTrustedOnly(context: Analysis, workflow: WorkflowNode): boolean {
  const names = workflowRunNames(workflow);
  if (!names || names.length === 0) return false;
  const byName = new Map<string, WorkflowNode[]>();
  for (const entry of context.project.list('.github/workflows') ?? []) {
    if (entry.directory || !/\.ya?ml$/i.test(entry.name)) continue;
    const path = `.github/workflows/${entry.name}`;
    const model = context.project.model(path);
    if (model?.kind !== 'workflow') continue;
    const name = model.workflow.name?.text.trim() || path;
    byName.set(name, [...(byName.get(name) ?? []), model.workflow]);
  }
  return names.every((name) => {
    const found = byName.get(name);
    return found !== undefined && found.every((callee) => !callee.triggers.some((trigger) => PULL_REQUEST_TRIGGERS.has(trigger)));
  });
}

export interface DangerousTrigger {
  readonly trigger: string;
  /** Where it is written in `on:`. */
  readonly at: YamlScalar | YamlValue;
}

/** The dangerous triggers of a workflow (a `workflow_run` that only follows trusted workflows is not one). */
export function dangerousTriggers(context: Analysis, workflow: WorkflowNode): readonly DangerousTrigger[] {
  return context.facts.memo('dangerous-triggers', workflow, () => {
    const found: DangerousTrigger[] = [];
    for (const trigger of DANGEROUS_TRIGGERS) {
      if (!workflow.triggers.includes(trigger)) continue;
      if (trigger === 'workflow_run' && workflowRunFollowsTrustedOnly(context, workflow)) continue;
      const at = triggerNode(workflow, trigger);
      if (at) found.push({ trigger, at });
    }
    return found;
  });
}

/**
 * Event fields an outsider writes (GitHub Security Lab's list), as `github.` paths; `*` is any
 * index or key. `github.head_ref` is the pull request's branch name.
 */
const UNTRUSTED_PATHS: readonly (readonly string[])[] = [
  'event.issue.title',
  'event.issue.body',
  'event.pull_request.title',
  'event.pull_request.body',
  'event.pull_request.head.ref',
  'event.pull_request.head.label',
  'event.pull_request.head.repo.default_branch',
  'event.comment.body',
  'event.review.body',
  'event.review_comment.body',
  'event.discussion.title',
  'event.discussion.body',
  'event.pages.*.page_name',
  'event.commits.*.message',
  'event.commits.*.author.email',
  'event.commits.*.author.name',
  'event.head_commit.message',
  'event.head_commit.author.email',
  'event.head_commit.author.name',
  'event.workflow_run.head_branch',
  'event.workflow_run.head_commit.message',
  'event.workflow_run.head_commit.author.email',
  'event.workflow_run.head_commit.author.name',
  'event.workflow_run.pull_requests.*.head.ref',
  'head_ref',
].map((path) => path.split('.'));

function untrusted(reference: ContextReference): boolean {
  if (reference.context !== 'github') return false;
  return UNTRUSTED_PATHS.some((pattern) => pattern.length === reference.path.length && pattern.every((part, index) => part === '*' || reference.path[index] === '*' || part === reference.path[index]!.toLowerCase()));
}

export interface UntrustedExpansion {
  /** The `${{ … }}` in the file (the whole scalar when its text cannot be mapped). */
  readonly span: Span;
  /** The field, as written (`github.event.pull_request.title`). */
  readonly field: string;
}

/** The `${{ }}` expressions of a `run:` script that expand an outsider's text into the script. */
export function untrustedExpansions(step: StepNode): readonly UntrustedExpansion[] {
  const run = step.run;
  if (!run) return [];
  const found: UntrustedExpansion[] = [];
  const toSource = scalarOffsetMap(run, fileOf(step).text);
  for (const expression of findExpressions(run.text)) {
    const reference = contextReferences(expression.inner).find(untrusted);
    if (!reference) continue;
    const start = toSource(expression.start);
    const last = toSource(expression.end - 1);
    const span = start !== undefined && last !== undefined && last >= start ? { start, end: last + 1 } : run.span;
    found.push({ span, field: `github.${reference.path.join('.')}` });
  }
  return found;
}

/** References that name the pull request's head: its branch, its commit, or its merge ref. */
const HEAD_REF = /github\.(?:event\.pull_request\.head\.(?:sha|ref|label)|head_ref|event\.workflow_run\.head_(?:sha|branch)|event\.pull_request\.number)|refs\/pull\//i;

/** An actions/checkout of the pull request's code: `ref:` (or `repository:`) naming its head or merge ref. */
export function pullRequestHeadCheckout(step: StepNode): { readonly at: Span; readonly value: string } | undefined {
  if (!usesAction(step, 'actions/checkout')) return undefined;
  for (const input of ['ref', 'repository']) {
    const entry = step.with.get(input);
    if (entry?.value.type !== 'scalar') continue;
    const text = entry.value.text;
    if (input === 'repository' ? /github\.event\.pull_request\.head\.repo\.full_name/i.test(text) : HEAD_REF.test(text)) {
      return { at: entry.span, value: text.trim() };
    }
  }
  return undefined;
}

