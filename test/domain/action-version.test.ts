import { describe, expect, it } from 'vitest';
import { actionVersion, atLeast, atMost } from '../../src/domain/action-version.js';
import { parse, step } from '../engine/helpers.js';

function versionOf(uses: string) {
  const p = parse(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${uses}\n`);
  return actionVersion(step(p, 'a', 0).uses!);
}

describe('actionVersion', () => {
  it('reads version tags of any precision', () => {
    expect(versionOf('changesets/action@v2')).toEqual({ major: 2, lowest: '2.0.0', source: 'ref' });
    expect(versionOf('changesets/action@v1.6')).toEqual({ major: 1, minor: 6, lowest: '1.6.0', source: 'ref' });
    expect(versionOf('changesets/action@1.4.5')).toEqual({ major: 1, minor: 4, patch: 5, lowest: '1.4.5', source: 'ref' });
    expect(versionOf('changesets/action@v2.0.0-next.4')).toMatchObject({ major: 2, minor: 0, patch: 0, prerelease: 'next.4', lowest: '2.0.0-next.4' });
  });

  it('reads the version comment of a SHA pin', () => {
    expect(versionOf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1.9.0')).toEqual({
      major: 1,
      minor: 9,
      patch: 0,
      lowest: '1.9.0',
      source: 'comment',
    });
    expect(versionOf('changesets/action@63a615b9cd06ba9a3e6d13796c7fbcb080a60a0b # v1')).toMatchObject({ major: 1, source: 'comment' });
  });

  it('names no version for branches, bare SHAs, expressions and local actions', () => {
    expect(versionOf('changesets/action@main')).toBeUndefined();
    expect(versionOf('changesets/action@release/v2')).toBeUndefined();
    expect(versionOf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d')).toBeUndefined();
    expect(versionOf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # pinned')).toBeUndefined();
    expect(versionOf('changesets/action@v2-beta')).toBeUndefined();
    expect(versionOf('./.github/actions/release')).toBeUndefined();
    expect(versionOf('changesets/action')).toBeUndefined();
  });

  it('compares what a ref can resolve to', () => {
    const v1 = versionOf('changesets/action@v1')!;
    const v16 = versionOf('changesets/action@v1.6')!;
    const v162 = versionOf('changesets/action@v1.6.2')!;
    const v17 = versionOf('changesets/action@v1.7.0')!;
    expect([atMost(v1, 1, 6), atMost(v16, 1, 6), atMost(v162, 1, 6), atMost(v17, 1, 6)]).toEqual([false, true, true, false]);
    expect(atMost(versionOf('changesets/action@v0.9')!, 1, 6)).toBe(true);
    expect([atLeast(v1, 1, 7), atLeast(v1, 1, 7, true), atLeast(v16, 1, 7), atLeast(v17, 1, 7)]).toEqual([false, true, false, true]);
    expect(atLeast(versionOf('changesets/action@v2')!, 1, 7)).toBe(true);
  });
});
