import type { ProjectFiles } from '../engine/rule.js';

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
