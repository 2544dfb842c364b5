import type { Location } from '../engine/source-file.js';

/**
 * One step of the way from a line of the linted workflow to what it runs in another file: a
 * package.json script, a Makefile target, a composite action's step, a called workflow's job. Rules
 * report at the workflow line the user edits and relate the chain, so the user sees how it is reached.
 */
export interface ChainLink {
  readonly at: Location;
  readonly message: string;
}
