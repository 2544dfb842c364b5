/**
 * What a file is, decided by where it is first and by its name second: GitHub runs every
 * `.github/workflows/*.yml` as a workflow, whatever it is called, so `.github/workflows/action.yml`
 * is a workflow (read as action metadata it escaped every workflow rule). Paths use `/` separators
 * (`toPosixPath`).
 */
export type FileKindHint = 'workflow' | 'action' | 'unknown';

const WORKFLOW_LOCATION = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const ACTION_NAME = /(?:^|\/)action\.ya?ml$/i;

export function fileKindHint(path: string): FileKindHint {
  if (WORKFLOW_LOCATION.test(path)) return 'workflow';
  if (ACTION_NAME.test(path)) return 'action';
  return 'unknown';
}

/** The kind of a file known by several paths (as named, relative to its repository): location wins. */
export function fileKindOf(...paths: readonly string[]): FileKindHint {
  const kinds = paths.map(fileKindHint);
  if (kinds.includes('workflow')) return 'workflow';
  return kinds.includes('action') ? 'action' : 'unknown';
}

/** Workflow files and action metadata: what a directory search picks up. */
export function isLintTarget(path: string): boolean {
  return fileKindHint(path) !== 'unknown';
}
