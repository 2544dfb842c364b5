import type { FactStore } from '../engine/facts.js';
import type { Project } from '../engine/project.js';
import type { Settings } from '../engine/settings.js';

/**
 * What every domain question is asked with: the run's fact store (answers are memoised there, never
 * in module state), the repository's files, and the settings of the linted file. A rule's context
 * is one, so rules pass `context` straight through.
 */
export interface Analysis {
  readonly facts: FactStore;
  readonly project: Project;
  readonly settings: Settings;
}
