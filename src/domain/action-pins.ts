/**
 * Whether a `uses:` reference is pinned to something immutable: a full 40-hex commit SHA for a
 * repository action, an `@sha256:` digest for a Docker image. Tags and branches can be moved by
 * anyone who can push to the action's repository (tj-actions/changed-files, March 2025).
 * https://docs.github.com/en/actions/reference/security/secure-use#using-third-party-actions
 */
import type { ActionRef } from '../engine/ast.js';

export type PinState = 'pinned' | 'unpinned' | 'local' | 'unknown';

export function pinState(ref: ActionRef): PinState {
  if (ref.kind === 'local') return 'local';
  if (ref.kind === 'unknown' || ref.scalar.text.includes('${{')) return 'unknown';
  if (ref.kind === 'docker') return /@sha256:[0-9a-f]{64}$/i.test(ref.scalar.text.trim()) ? 'pinned' : 'unpinned';
  return ref.ref !== undefined && /^[0-9a-f]{40}$/i.test(ref.ref) ? 'pinned' : 'unpinned';
}

/** The owner of a repository action (`actions` in `actions/checkout`), lower-case. */
export function actionOwner(ref: ActionRef): string | undefined {
  return ref.kind === 'repository' ? ref.name.split('/')[0] : undefined;
}
