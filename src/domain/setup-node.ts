import type { ActionNode, JobNode, StepNode, YamlEntry } from '../engine/ast.js';

/** The steps of a job or of a composite action. */
export function stepsOf(container: JobNode | ActionNode): readonly StepNode[] {
  return container.steps;
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

/** The last `actions/setup-node` step that runs before `before` in the same job or action. */
export function setupNodeBefore(before: StepNode): StepNode | undefined {
  let found: StepNode | undefined;
  for (const step of stepsOf(before.parent)) {
    if (step === before || step.index >= before.index) break;
    if (usesAction(step, 'actions/setup-node')) found = step;
  }
  return found;
}
