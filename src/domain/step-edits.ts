/**
 * Edits of a job's steps for suggestions: set an env variable on a step, remove one binding, insert
 * a `run:` step before another. Each returns undefined when the place cannot be edited safely.
 */
import type { StepNode, YamlEntry, YamlScalar, YamlSeq } from '../engine/ast.js';
import type { Edit } from '../engine/fix/edit.js';
import type { YamlFixer } from '../engine/fix/yaml-fixer.js';
import { mapText, scalarText } from '../engine/fix/yaml-text.js';

/** A step written in the linted file, in a job's `steps:` list, not through an alias. */
function stepEditable(fixer: YamlFixer, step: StepNode): boolean {
  return step.parent.kind === 'job' && !step.aliasSpan && !step.map.aliasSpan && fixer.file === step.parent.workflow.file;
}

/** Adds `name: value` (value written as given) to the step's `env:`, creating the block when there is none. */
export function addStepEnv(fixer: YamlFixer, step: StepNode, name: string, value: string): Edit[] | undefined {
  if (!stepEditable(fixer, step)) return undefined;
  const env = step.env;
  if (!env) return fixer.insertEntry(step.map, 'env', mapText([{ key: name, value: scalarText(value) }]));
  const block = env.entry.value;
  if (block.type !== 'map' || !fixer.editable(env.entry)) return undefined;
  return fixer.insertEntry(block, name, scalarText(value));
}

/** Removes one `with:` or `env:` entry of a step; the whole block when it was the only one. */
export function removeStepEntry(fixer: YamlFixer, step: StepNode, blockKey: 'env' | 'with', entry: YamlEntry): Edit[] | undefined {
  if (!stepEditable(fixer, step)) return undefined;
  const holder = step.map.byKey.get(blockKey);
  const block = holder?.value;
  if (!holder || block?.type !== 'map' || !block.entries.includes(entry) || !fixer.editable(holder) || !fixer.movable(entry)) return undefined;
  if (block.entries.length > 1) return fixer.removeEntry(block, entry);
  return fixer.removeEntry(step.map, holder);
}

/** Inserts `- run: <command>` before a step of the same job. */
export function insertRunStepBefore(fixer: YamlFixer, step: StepNode, command: string): Edit[] | undefined {
  if (!stepEditable(fixer, step) || step.parent.kind !== 'job') return undefined;
  const steps = step.parent.map.byKey.get('steps');
  const list = steps?.value;
  if (!steps || list?.type !== 'seq' || !fixer.editable(steps)) return undefined;
  return fixer.insertItem(list as YamlSeq, step.map, mapText([{ key: 'run', value: scalarText(command) }]));
}

/**
 * Sets a `with:` input of a step to a plain scalar: replaces the value when the input is there,
 * adds it to `with:` when it is not, and creates `with:` when the step has none.
 */
export function setStepInput(fixer: YamlFixer, step: StepNode, name: string, value: string): Edit[] | undefined {
  if (!stepEditable(fixer, step)) return undefined;
  const holder = step.withEntry;
  if (!holder) return fixer.insertEntry(step.map, 'with', mapText([{ key: name, value: scalarText(value) }]));
  const block = holder.value;
  if (block.type !== 'map' || !fixer.editable(holder)) return undefined;
  const entry = block.byKey.get(name);
  if (!entry) return fixer.insertEntry(block, name, scalarText(value));
  if (entry.value.type !== 'scalar' || !fixer.editable(entry)) return undefined;
  const edit = replaceWithLiteral(fixer, entry.value, value);
  return edit ? [edit] : undefined;
}

/**
 * Writes `value` in place of a scalar: as a plain scalar when the old one was plain (a `false` or a
 * number reads back as the same input text, since inputs are strings), else in the old quotes.
 */
export function replaceWithLiteral(fixer: YamlFixer, scalar: YamlScalar, value: string): Edit | undefined {
  if (scalar.aliasSpan) return undefined;
  if (scalar.style === 'plain' && /^(?:true|false|[0-9]+)$/.test(value)) return { range: [scalar.span.start, scalar.span.end], text: value };
  return fixer.replaceScalar(scalar, value);
}

/** Replaces a `with:` input by another one in place: `cache: pnpm` → `package-manager-cache: false`. */
export function replaceStepInput(fixer: YamlFixer, step: StepNode, entry: YamlEntry, name: string, value: string): Edit[] | undefined {
  if (!stepEditable(fixer, step) || !step.withEntry || !fixer.editable(step.withEntry) || !fixer.editable(entry)) return undefined;
  if (entry.key.style !== 'plain' || entry.value.type !== 'scalar') return undefined;
  const edit = replaceWithLiteral(fixer, entry.value, value);
  return edit ? [{ range: [entry.key.span.start, entry.key.span.end], text: name }, edit] : undefined;
}
