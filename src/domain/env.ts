import type { EnvBlock, StepNode, YamlEntry } from '../engine/ast.js';
import type { FactStore } from '../engine/facts.js';

export type EnvLevel = 'step' | 'job' | 'workflow';

export interface EnvBinding {
  readonly name: string;
  readonly entry: YamlEntry;
  readonly level: EnvLevel;
}

interface Level {
  readonly block: EnvBlock;
  readonly level: EnvLevel;
}

/** The env blocks a step sees, innermost first: step, job, workflow (a composite action step: its own only). */
function levelsOf(step: StepNode): Level[] {
  const levels: Level[] = [];
  if (step.env) levels.push({ block: step.env, level: 'step' });
  if (step.parent.kind === 'job') {
    if (step.parent.env) levels.push({ block: step.parent.env, level: 'job' });
    if (step.parent.workflow.env) levels.push({ block: step.parent.workflow.env, level: 'workflow' });
  }
  return levels;
}

/**
 * The binding of a variable a step sees: step env overrides job env overrides workflow env. Returns
 * the entry that defines it (for reporting at the binding), or undefined.
 */
export function envBinding(step: StepNode, name: string): EnvBinding | undefined {
  for (const { block, level } of levelsOf(step)) {
    const entry = block.vars.get(name);
    if (entry) return { name, entry, level };
  }
  return undefined;
}

/**
 * The variables a step sees whose names pass `test`, each with its winning binding, in the order
 * they are first defined from the workflow level inwards. `kind` names the test: the names that
 * pass it are found once per env block and run (facts), so asking for every step of a job stays
 * linear in the size of the workflow, however many variables a workflow-level `env:` holds.
 */
export function envBindings(context: { readonly facts: FactStore }, step: StepNode, kind: string, test: (name: string) => boolean): EnvBinding[] {
  const levels = levelsOf(step);
  const order: string[] = [];
  const seen = new Set<string>();
  for (let index = levels.length - 1; index >= 0; index--) {
    const block = levels[index]!.block;
    const names = context.facts.memo(`env-names:${kind}`, block, () => [...block.vars.keys()].filter(test));
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      order.push(name);
    }
  }
  return order.map((name) => envBinding(step, name)!);
}

/** The first variable (in `envBindings` order) whose name is `name` in any case: npm reads `npm_config_*` so. */
export function envBindingIgnoringCase(context: { readonly facts: FactStore }, step: StepNode, name: string): EnvBinding | undefined {
  const wanted = name.toLowerCase();
  return envBindings(context, step, `ignoring-case:${wanted}`, (candidate) => candidate.toLowerCase() === wanted)[0];
}
