import type { FileModel, TextFileNode } from './ast.js';
import type { Visitors } from './rule.js';

/**
 * Calls each rule's visitors in document order: workflow, then each job and its steps, then the
 * exits. A composite action gets `action`, its steps, then `action:exit`; a text target gets
 * `textFile`. `guard` wraps each call so one rule's crash is contained.
 */
export function walkModel(model: FileModel | TextFileNode, visitors: readonly Visitors[], guard: (index: number, call: () => void) => void): void {
  const each = <K extends keyof Visitors>(name: K, node: Parameters<NonNullable<Visitors[K]>>[0]) => {
    visitors.forEach((visitor, index) => {
      const callback = visitor[name] as ((node: unknown) => void) | undefined;
      if (callback) guard(index, () => callback.call(visitor, node));
    });
  };
  // A plugin's text target: `textFile` only, so no workflow or action rule ever sees one.
  if (model.kind === 'text') {
    each('textFile', model);
    return;
  }
  if (model.kind === 'workflow') {
    const { workflow } = model;
    each('workflow', workflow);
    for (const job of workflow.jobs) {
      each('job', job);
      for (const step of job.steps) each('step', step);
      each('job:exit', job);
    }
    each('workflow:exit', workflow);
  } else if (model.kind === 'action') {
    const { action } = model;
    each('action', action);
    for (const step of action.steps) each('step', step);
    each('action:exit', action);
  }
}
