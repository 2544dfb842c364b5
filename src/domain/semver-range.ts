/**
 * Three-valued version questions. A version is a semver range of what it may be (`node-version: 22`
 * is any 22.x), never a guess of what it probably is: a range that straddles a threshold is
 * `unknown`, and rules that need the answer stay silent.
 */
import semver from 'semver';

export type Answer = 'below' | 'at-least' | 'unknown';

/** Whether every version in `range` is below `threshold`, every one is at least `threshold`, or neither. */
export function compareRange(range: string | undefined, threshold: string): Answer {
  if (range === undefined) return 'unknown';
  try {
    if (semver.subset(range, `<${threshold}`)) return 'below';
    if (semver.subset(range, `>=${threshold}`)) return 'at-least';
  } catch {
    return 'unknown';
  }
  return 'unknown';
}

/** Whether every version in `range` is inside `allowed`, none is, or some are. */
export function rangeWithin(range: string | undefined, allowed: string): 'inside' | 'outside' | 'unknown' {
  if (range === undefined) return 'unknown';
  try {
    if (!semver.intersects(range, allowed)) return 'outside';
    if (semver.subset(range, allowed)) return 'inside';
  } catch {
    return 'unknown';
  }
  return 'unknown';
}

const RANGE_CHARS = /^[\dxX*^~<>=|.\s-]+$/;

/** A semver range from a version spec (`20`, `v20.11.0`, `^22`, `22.x`), or undefined when it is not one. */
export function toRange(spec: string): string | undefined {
  const text = spec.trim().replace(/^v(?=\d)/i, '').replace(/(\s|^)v(?=\d)/gi, '$1');
  if (!text || !RANGE_CHARS.test(text) || !/\d/.test(text)) return undefined;
  return semver.validRange(text) ?? undefined;
}

/** Union of ranges; undefined when any is unknown. */
export function union(ranges: ReadonlyArray<string | undefined>): string | undefined {
  if (ranges.length === 0 || ranges.some((range) => range === undefined)) return undefined;
  return [...new Set(ranges)].join(' || ');
}

/** Whether two ranges share a version (false when either does not parse). */
export function intersects(a: string, b: string): boolean {
  try {
    return semver.intersects(a, b);
  } catch {
    return false;
  }
}

/** Whether every version of `range` is in `of` (false when either does not parse). */
export function subset(range: string, of: string): boolean {
  try {
    return semver.subset(range, of);
  } catch {
    return false;
  }
}
