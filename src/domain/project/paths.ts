import type { StepNode } from '../../engine/ast.js';
import { hasExpression } from '../expressions.js';
import { defaultsRun } from '../steps.js';

/** `dir` + `file` as a repository-relative path (`''` is the root). */
export function joinPath(directory: string, file: string): string {
  return directory ? `${directory}/${file}` : file;
}

/**
 * A `working-directory` as a repository-relative directory ('' for the root), or undefined when it
 * cannot be known statically: an expression, an absolute or home path, `..`, a shell variable.
 */
export function normalizeDirectory(directory: string | undefined): string | undefined {
  if (directory === undefined) return '';
  if (hasExpression(directory) || directory.startsWith('/') || directory.startsWith('~') || directory.includes('..') || directory.includes('$')) return undefined;
  const clean = directory.trim().replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  return clean === '.' ? '' : clean;
}

/** The directory a step runs in, relative to the repository root ('' for the root); undefined when unknown. */
export function stepDirectory(step: StepNode): string | undefined {
  const fromDefaults = defaultsRun(step, 'working-directory');
  return normalizeDirectory(step.workingDirectory?.text ?? (fromDefaults?.type === 'scalar' ? fromDefaults.text : undefined));
}

/** The step's directory, then the root: where tools look for their config (deduplicated; the root alone when unknown). */
export function stepDirectories(step: StepNode): string[] {
  const directory = stepDirectory(step);
  return directory === undefined || directory === '' ? [''] : [directory, ''];
}

/** `dir` joined to a relative path, or undefined when it leaves the repository or is absolute. */
export function joinRelative(directory: string, relative: string): string | undefined {
  if (relative.startsWith('/') || relative.startsWith('~')) return undefined;
  const parts = directory ? directory.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
