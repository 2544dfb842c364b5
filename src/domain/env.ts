import type { EnvBlock, JobNode, StepNode, WorkflowNode, YamlEntry } from '../engine/ast.js';

export type EnvLevel = 'step' | 'job' | 'workflow';

export interface EnvBinding {
  readonly name: string;
  readonly entry: YamlEntry;
  readonly level: EnvLevel;
}

function blocksOf(step: StepNode): Array<{ block: EnvBlock | undefined; level: EnvLevel }> {
  const parent = step.parent;
  if (parent.kind === 'action') return [{ block: step.env, level: 'step' }];
  return [
    { block: step.env, level: 'step' },
    { block: parent.env, level: 'job' },
    { block: parent.workflow.env, level: 'workflow' },
  ];
}

/**
 * The binding of an environment variable a step sees: step env overrides job env overrides
 * workflow env. Returns the entry that defines it (for reporting at the binding), or undefined.
 * `caseInsensitive` is for variables tools read in any case (npm's `npm_config_*`).
 */
export function resolveEnv(step: StepNode, name: string, caseInsensitive = false): EnvBinding | undefined {
  for (const { block, level } of blocksOf(step)) {
    if (!block) continue;
    const entry = findVar(block, name, caseInsensitive);
    if (entry) return { name: entry.key.text, entry, level };
  }
  return undefined;
}

function findVar(block: EnvBlock, name: string, caseInsensitive: boolean): YamlEntry | undefined {
  if (!caseInsensitive) return block.vars.get(name);
  const wanted = name.toLowerCase();
  let found: YamlEntry | undefined;
  for (const [key, entry] of block.vars) if (key.toLowerCase() === wanted) found = entry;
  return found;
}

/** Every variable a step sees, with the binding that wins for each name. */
export function effectiveEnv(step: StepNode): ReadonlyMap<string, EnvBinding> {
  const result = new Map<string, EnvBinding>();
  for (const { block, level } of blocksOf(step).reverse()) {
    if (!block) continue;
    for (const [name, entry] of block.vars) result.set(name, { name, entry, level });
  }
  return result;
}

/** True when some level's `env:` is an expression, so unseen variables may exist. */
export function hasDynamicEnv(step: StepNode): boolean {
  return blocksOf(step).some(({ block }) => block?.dynamic === true);
}

/** The env blocks of a job (job, then workflow), for job-level facts. */
export function jobEnvBlocks(job: JobNode): Array<{ block: EnvBlock; level: EnvLevel }> {
  const blocks: Array<{ block: EnvBlock; level: EnvLevel }> = [];
  if (job.env) blocks.push({ block: job.env, level: 'job' });
  if (job.workflow.env) blocks.push({ block: job.workflow.env, level: 'workflow' });
  return blocks;
}

export function workflowOf(step: StepNode): WorkflowNode | undefined {
  return step.parent.kind === 'job' ? step.parent.workflow : undefined;
}
