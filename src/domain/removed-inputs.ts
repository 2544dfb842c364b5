/**
 * Action inputs removed in a release: the runner warns "Unexpected input(s)" and ignores them, so
 * the workflow believes it configures something that no longer happens. Data first: one entry per
 * removed input, with the first release without it.
 */
import type { StepNode, YamlEntry } from '../engine/ast.js';
import { actionVersion, atLeast } from './action-version.js';

export interface RemovedInput {
  /** `owner/repo`, lower-case. */
  readonly action: string;
  readonly input: string;
  /** The first release without the input. */
  readonly major: number;
  readonly minor: number;
  /** What it did, and what to know before deleting it, for messages. */
  readonly note: string;
  /** Where the removal is documented. */
  readonly source: string;
}

export const REMOVED_INPUTS: readonly RemovedInput[] = [
  {
    action: 'actions/setup-node',
    input: 'always-auth',
    // "Remove always-auth configuration handling from action (#1436)", released in v6.1.0; README "Breaking changes in V6".
    major: 6,
    minor: 1,
    note: 'it set `always-auth` in the `.npmrc` the action writes',
    source: 'https://github.com/actions/setup-node/pull/1436',
  },
];

export interface RemovedInputUse {
  readonly removed: RemovedInput;
  readonly entry: YamlEntry;
  /** The `uses:` ref as written (`v6`, `v6.1.0`, a SHA with `# v6.2.0`). */
  readonly version: string;
}

/**
 * The removed inputs a step passes, when every release its `uses:` ref can resolve to is one
 * without the input (a major-only tag floats to the newest release of the major, which is). A
 * branch, a bare SHA or an older release says nothing.
 */
export function removedInputsOf(step: StepNode): readonly RemovedInputUse[] {
  const uses = step.uses;
  if (uses?.kind !== 'repository') return [];
  const found: RemovedInputUse[] = [];
  for (const removed of REMOVED_INPUTS) {
    if (uses.name !== removed.action) continue;
    const entry = step.with.get(removed.input);
    if (!entry) continue;
    const version = actionVersion(uses);
    if (!version || version.prerelease !== undefined || !atLeast(version, removed.major, removed.minor, true)) continue;
    found.push({ removed, entry, version: version.source === 'comment' ? uses.refComment! : uses.ref! });
  }
  return found;
}
