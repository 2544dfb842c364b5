import type { ActionNode, ActionRef, JobNode, StepNode, WorkflowNode, YamlEntry, YamlValue } from '../engine/ast.js';
import type { SourceFile } from '../engine/source-file.js';

/** The steps of a job or of a composite action. */
export function stepsOf(container: JobNode | ActionNode): readonly StepNode[] {
  return container.steps;
}

/** The file a node was read from: the linted file, or a called workflow or local action. */
export function fileOf(node: StepNode | JobNode | WorkflowNode | ActionNode): SourceFile {
  if (node.kind === 'workflow' || node.kind === 'action') return node.file;
  if (node.kind === 'job') return node.workflow.file;
  return node.parent.kind === 'job' ? node.parent.workflow.file : node.parent.file;
}

/** A step that runs `uses: owner/repo[/path]@…` for one of the given names (lower-case). */
export function usesAction(step: StepNode, ...names: string[]): boolean {
  const uses = step.uses;
  return uses?.kind === 'repository' && (names.includes(uses.fullName) || names.includes(uses.name));
}

/** A `with:` input as text, or undefined when absent or not a scalar. */
export function inputText(step: StepNode, name: string): string | undefined {
  const entry = step.with.get(name);
  return entry?.value.type === 'scalar' ? entry.value.text : undefined;
}

export function inputEntry(step: StepNode, name: string): YamlEntry | undefined {
  return step.with.get(name);
}

/** The last step before `before` in the same job or action that uses one of the named actions. */
export function lastActionBefore(before: StepNode, ...names: string[]): StepNode | undefined {
  let found: StepNode | undefined;
  for (const step of stepsOf(before.parent)) {
    if (step === before || step.index >= before.index) break;
    if (usesAction(step, ...names)) found = step;
  }
  return found;
}

/**
 * A `defaults.run.<key>` value (`shell`, `working-directory`) for a step that does not set its own:
 * the job's defaults, else the workflow's
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#defaultsrun).
 */
export function defaultsRun(step: StepNode, key: 'shell' | 'working-directory'): YamlValue | undefined {
  if (step.parent.kind !== 'job') return undefined;
  const read = (defaults: YamlValue | undefined) => {
    const run = defaults?.type === 'map' ? defaults.byKey.get('run')?.value : undefined;
    const value = run?.type === 'map' ? run.byKey.get(key)?.value : undefined;
    return value?.type === 'scalar' ? value : undefined;
  };
  return read(step.parent.defaults?.value) ?? read(step.parent.workflow.defaults?.value);
}

/** A step's `if:` without `${{ }}` and spacing, for comparing conditions. */
function conditionOf(step: StepNode): string | undefined {
  const value = step.if?.value;
  if (!value) return undefined;
  const text = value.type === 'scalar' ? value.text : '?';
  return text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').replace(/\s+/g, '');
}

/** Whether `earlier` certainly ran when `later` runs: it has no `if:`, or the same `if:` as `later`. */
export function runsWhenever(earlier: StepNode, later: StepNode): boolean {
  const condition = conditionOf(earlier);
  return condition === undefined || condition === conditionOf(later);
}

/**
 * An action as the workflow writes it, without its ref (`JS-DevTools/npm-publish`), for messages:
 * the lower-cased `fullName` is for matching. An expression in it gives the lower-cased name.
 */
export function actionAsWritten(uses: ActionRef): string {
  const text = uses.scalar.text.trim();
  if (text.includes('${{')) return uses.fullName;
  const at = text.indexOf('@');
  return at >= 0 ? text.slice(0, at) : text;
}
