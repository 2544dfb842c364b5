/**
 * Local composite actions (`uses: ./.github/actions/publish`): the action's metadata, read with the
 * same parser as a linted file, and its inputs bound to the values the calling step passes. A
 * remote action, an expression path or an action that cannot be read stays unknown.
 */
import type { ActionNode, StepNode, YamlEntry } from '../engine/ast.js';
import type { Analysis } from './context.js';
import { referencesIn } from './expressions.js';
import { normalizeDirectory } from './project/paths.js';

/** The composite action a `uses: ./path` step runs, or undefined (not local, not readable, not composite). */
export function localCompositeAction(context: Analysis, step: StepNode): ActionNode | undefined {
  const uses = step.uses;
  if (uses?.kind !== 'local') return undefined;
  const directory = normalizeDirectory(uses.name.replace(/\/+$/, ''));
  if (directory === undefined) return undefined;
  for (const name of ['action.yml', 'action.yaml']) {
    const model = context.project.model(directory ? `${directory}/${name}` : name);
    if (model?.kind === 'action') return model.action.using?.text.toLowerCase() === 'composite' ? model.action : undefined;
  }
  return undefined;
}

/**
 * The caller's `with:` entry (or the action's declared default) that an `${{ inputs.X }}` value
 * inside a composite action stands for; undefined when the value is not exactly one input.
 */
export function boundInput(call: StepNode, action: ActionNode, text: string): YamlEntry | undefined {
  const trimmed = text.trim();
  if (!/^\$\{\{[^}]*\}\}$/.test(trimmed)) return undefined;
  const references = referencesIn(trimmed);
  if (references.length !== 1 || references[0]!.context !== 'inputs' || references[0]!.path.length !== 1) return undefined;
  const name = references[0]!.path[0]!;
  const given = call.with.get(name) ?? [...call.with].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  if (given) return given;
  const declared = action.inputs?.value.type === 'map' ? action.inputs.value.byKey.get(name)?.value : undefined;
  return declared?.type === 'map' ? declared.byKey.get('default') : undefined;
}
