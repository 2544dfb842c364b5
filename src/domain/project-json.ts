import type { StepNode, YamlEntry } from '../engine/ast.js';
import type { ProjectFiles } from '../engine/rule.js';
import { hasExpression } from './expressions.js';

const parsedCache = new WeakMap<ProjectFiles, Map<string, Record<string, unknown> | undefined>>();

/**
 * A JSON object from the linted repository (package.json, .release-it.json, …), parsed once per
 * repository and path: every publish step asks for the same package.json. Undefined when the file
 * is absent, unreadable, not JSON or not an object.
 */
export function readProjectJson(project: ProjectFiles, path: string): Record<string, unknown> | undefined {
  let byPath = parsedCache.get(project);
  if (!byPath) {
    byPath = new Map();
    parsedCache.set(project, byPath);
  }
  if (byPath.has(path)) return byPath.get(path);
  let result: Record<string, unknown> | undefined;
  const text = project.readFile(path);
  if (text !== undefined) {
    try {
      const parsed = JSON.parse(text) as unknown;
      result = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      result = undefined;
    }
  }
  byPath.set(path, result);
  return result;
}

/** The directory a step runs in, relative to the repository root ('' for the root); undefined when unknown. */
export function stepDirectory(step: StepNode): string | undefined {
  const job = step.parent.kind === 'job' ? step.parent : undefined;
  const fromDefaults = (entry: YamlEntry | undefined) => {
    const run = entry?.value.type === 'map' ? entry.value.byKey.get('run')?.value : undefined;
    const directory = run?.type === 'map' ? run.byKey.get('working-directory')?.value : undefined;
    return directory?.type === 'scalar' ? directory.text : undefined;
  };
  const directory = step.workingDirectory?.text ?? fromDefaults(job?.defaults) ?? (job ? fromDefaults(job.workflow.defaults) : undefined);
  return normalizeDirectory(directory);
}

export function normalizeDirectory(directory: string | undefined): string | undefined {
  if (directory === undefined) return '';
  if (hasExpression(directory) || directory.startsWith('/') || directory.startsWith('~') || directory.includes('..') || directory.includes('$')) return undefined;
  const clean = directory.trim().replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  return clean === '.' ? '' : clean;
}
