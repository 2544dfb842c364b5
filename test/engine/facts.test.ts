import { describe, expect, it } from 'vitest';
import { createFactStore } from '../../src/engine/facts.js';

describe('fact store', () => {
  it('computes a fact once per subject, separately per fact name', () => {
    const store = createFactStore();
    const subject = {};
    let calls = 0;
    const compute = () => ++calls;
    expect(store.memo('a', subject, compute)).toBe(1);
    expect(store.memo('a', subject, compute)).toBe(1);
    expect(store.memo('b', subject, compute)).toBe(2);
    expect(store.memo('a', {}, compute)).toBe(3);
    // A fact whose value is undefined is still computed once.
    let undefinedCalls = 0;
    store.memo('u', subject, () => void undefinedCalls++);
    store.memo('u', subject, () => void undefinedCalls++);
    expect(undefinedCalls).toBe(1);
  });

  it('keys facts by the scope they were computed in: one callee evaluated for two callers gives two answers', () => {
    const store = createFactStore();
    const callee = {};
    const callerA = {};
    const callerB = {};
    expect(store.within(callerA)).toBe(store.within(callerA));
    expect(store.within(callerA).memo('grant', callee, () => 'write')).toBe('write');
    expect(store.within(callerB).memo('grant', callee, () => 'none')).toBe('none');
    expect(store.within(callerA).memo('grant', callee, () => 'never asked')).toBe('write');
    expect(store.memo('grant', callee, () => 'unscoped')).toBe('unscoped');
  });

  it('string subjects are memoised too, and dropped rather than kept without bound', () => {
    const store = createFactStore();
    let calls = 0;
    store.memo('refs', 'secrets.NPM_TOKEN', () => ++calls);
    store.memo('refs', 'secrets.NPM_TOKEN', () => ++calls);
    expect(calls).toBe(1);
    for (let index = 0; index < 20_000; index++) store.memo('refs', `x${index}`, () => index);
    store.memo('refs', 'secrets.NPM_TOKEN', () => ++calls);
    expect(calls).toBe(2);
  });

  it('two stores (two runs) share nothing', () => {
    const subject = {};
    expect(createFactStore().memo('a', subject, () => 1)).toBe(1);
    expect(createFactStore().memo('a', subject, () => 2)).toBe(2);
  });

  it('the store of a file shares string facts with the run store it was made from, and keeps node facts to itself', () => {
    const run = createFactStore();
    const first = createFactStore(run);
    const second = createFactStore(run);
    let calls = 0;
    first.memo('glob', 'my-runner-*', () => ++calls);
    second.memo('glob', 'my-runner-*', () => ++calls);
    expect(calls).toBe(1);
    const node = {};
    expect(first.memo('publishes', node, () => 'first')).toBe('first');
    expect(second.memo('publishes', node, () => 'second')).toBe('second');
    // A call scope under a file's store also shares string facts with the run.
    first.within({}).memo('glob', 'my-runner-*', () => ++calls);
    expect(calls).toBe(1);
  });
});
