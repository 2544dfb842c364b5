import semver from 'semver';
import type { ActionRef } from '../engine/ast.js';

/**
 * The version an action reference names: a tag (`v2`, `v2.1`, `v2.1.1`, `2.1.1`) or, for a SHA pin,
 * its `# v2.1.1` comment (the Dependabot/Renovate format). A branch (`main`) or a bare SHA names no
 * version. `precision` says how much of the version the ref fixes: a major-only tag floats to the
 * newest release of that major.
 */
export interface ActionVersion {
  readonly major: number;
  /** Undefined for a major-only tag (`v2`). */
  readonly minor?: number;
  /** Undefined for a major or major.minor tag. */
  readonly patch?: number;
  /** `next.4` in `v2.0.0-next.4`. */
  readonly prerelease?: string;
  /** The lowest release the ref can be (`v2` → 2.0.0, `v1.6` → 1.6.0), as a semver string. */
  readonly lowest: string;
  readonly source: 'ref' | 'comment';
}

const VERSION_TAG = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

export function actionVersion(ref: ActionRef): ActionVersion | undefined {
  if (ref.kind !== 'repository' || ref.ref === undefined) return undefined;
  const fromRef = parseVersionTag(ref.ref, 'ref');
  if (fromRef) return fromRef;
  return ref.refComment !== undefined && /^[0-9a-f]{40}$/i.test(ref.ref) ? parseVersionTag(ref.refComment, 'comment') : undefined;
}

export function parseVersionTag(text: string, source: ActionVersion['source']): ActionVersion | undefined {
  const match = VERSION_TAG.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, patch, prerelease] = match;
  // A prerelease only makes sense on a full version (`v2-next` is some branch-like tag).
  if (prerelease !== undefined && patch === undefined) return undefined;
  const lowest = semver.coerce(`${major}.${minor ?? 0}.${patch ?? 0}`)?.version;
  if (lowest === undefined) return undefined;
  return {
    major: Number(major),
    ...(minor !== undefined ? { minor: Number(minor) } : {}),
    ...(patch !== undefined ? { patch: Number(patch) } : {}),
    ...(prerelease !== undefined ? { prerelease } : {}),
    lowest: prerelease !== undefined ? `${lowest}-${prerelease}` : lowest,
    source,
  };
}

/**
 * True when every release the ref can resolve to is at most `major.minor.x`: `v1.6` and `v1.6.2`
 * yes for 1.6, `v1` (floats to the newest 1.x) no.
 */
export function atMost(version: ActionVersion, major: number, minor: number): boolean {
  if (version.major !== major) return version.major < major;
  return version.minor !== undefined && version.minor <= minor;
}

/**
 * True when every release the ref can resolve to is at least `major.minor`. A major-only tag (`v1`)
 * floats to the newest release of that major: it counts only when the caller knows that release is
 * new enough (`floatingIsNewest`).
 */
export function atLeast(version: ActionVersion, major: number, minor: number, floatingIsNewest = false): boolean {
  if (version.major !== major) return version.major > major;
  if (version.minor === undefined) return floatingIsNewest;
  return version.minor >= minor;
}
