import { describe, expect, it } from 'vitest';
import { MAX_YAML_ERRORS } from '../../src/engine/parse.js';
import { expectRangesInside, lintAll } from './helpers.js';

// Shapes that made the YAML layer quadratic or unbounded. No timing assertions: the vitest timeout
// catches a regression to minutes, the assertions check what is reported.
describe('YAML layer on hostile shapes', () => {
  it('finds duplicate keys (checked by a hash map, not yaml\'s quadratic uniqueKeys)', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n  a:\n    runs-on: y\n';
    const result = lintAll(text);
    const duplicate = result.messages.filter((message) => message.message === 'YAML: Map keys must be unique');
    expect(duplicate.map((message) => [message.line, message.column, message.endLine, message.endColumn])).toEqual([[5, 3, 5, 4]]);
  });

  it('compares keys as yaml does: 1 and 1.0 collide, 1 and "1" do not, an alias to a map is reported once', () => {
    expect(lintAll('a: 1\n1: x\n1.0: y\n"1": z\n').messages.filter((m) => m.fatal).map((m) => m.line)).toEqual([3]);
    const anchored = 'on: push\nx: &m {a: 1, a: 2}\ny: *m\nz: *m\n';
    expect(lintAll(anchored).messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column}`)).toEqual(['2:14']);
  });

  it('lints a map with 60,000 keys', () => {
    const text = `on: push\nenv:\n${Array.from({ length: 60_000 }, (_, index) => `  K${index}: v`).join('\n')}\nname: end\n`;
    const result = lintAll(text);
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  }, 30_000);

  it('lints 50,000 aliases to one anchor (aliases resolved in one pass)', () => {
    const text = `on: push\nx: &a [1]\ny:\n${Array.from({ length: 50_000 }, () => '  - *a').join('\n')}\n`;
    const result = lintAll(text);
    expect(result.messages.filter((message) => message.fatal)).toEqual([]);
  }, 30_000);

  it('resolves an alias to the nearest preceding anchor of that name', () => {
    // Redefined anchors: each alias takes the last definition before it, as YAML specifies.
    const text = 'on: push\npermissions: &p {contents: read}\nx: &p {id_token: write}\njobs:\n  j:\n    runs-on: x\n    permissions: *p\n';
    const result = lintAll(text);
    const invalid = result.messages.filter((message) => message.ruleId === 'valid-permissions');
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((message) => message.line === 7)).toBe(true);
  });

  it(`reports at most ${MAX_YAML_ERRORS} YAML errors and says the rest were dropped`, () => {
    const text = '}'.repeat(200_000);
    const result = lintAll(text);
    expect(result.messages.length).toBe(MAX_YAML_ERRORS + 1);
    expect(result.messages.at(-1)!.message).toContain(`More than ${MAX_YAML_ERRORS} YAML errors`);
    expectRangesInside(text, result);
  }, 30_000);

  it('keeps error messages short when yaml quotes a huge token', () => {
    const text = `a: b\n] ${'x'.repeat(100_000)}\n`;
    const result = lintAll(text, 'notes.yml');
    for (const message of result.messages) expect(message.message.length).toBeLessThan(300);
  });

  it('stops at the second document', () => {
    const text = Array.from({ length: 20_000 }, (_, index) => `---\nname: doc${index}\non: push\n`).join('');
    const result = lintAll(text);
    const multiple = result.messages.filter((message) => message.message.includes('holds one YAML document'));
    expect(multiple.map((message) => message.line)).toEqual([4]);
  }, 30_000);
});

describe('text from the file in messages', () => {
  it('control characters and bidi overrides are shown escaped, so a file cannot rewrite the line that reports it', () => {
    const text = 'on: push\npermissions:\n  "id_token\\e[2K\\rall good\\u202e": write\njobs: {}\n';
    const result = lintAll(text);
    const messages = result.messages.filter((message) => message.ruleId === 'valid-permissions');
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message.message).toContain('id_token\\u001b[2K\\u000dall good\\u202e');
      expect(message.message).not.toMatch(/[\u0000-\u001f\u202e]/);
    }
  });
});

describe('directive comments on hostile lines', () => {
  it('a directive comment of 300,000 spaces is parsed in linear time (the old regex backtracked quadratically)', () => {
    const text = `on: push\n# trustlint-disable ${' '.repeat(300_000)}x\njobs: {}\n# trustlint-enable x -- ${'-- '.repeat(100_000)}\n`;
    const result = lintAll(text);
    // `x` is not a rule: both directives name it, so it is reported, at each directive.
    expect(result.messages.filter((message) => message.message.includes('`x`')).map((message) => message.line)).toEqual([2, 4]);
  }, 30_000);
});

describe('text from the file in YAML errors', () => {
  it('a control character quoted by a YAML error is shown escaped', () => {
    const result = lintAll('a: >+\u0000\n');
    expect(result.messages.length).toBeGreaterThan(0);
    for (const message of result.messages) expect(message.message).not.toMatch(/[\u0000-\u001f]/);
    expect(result.messages.some((message) => message.message.includes('\\u0000'))).toBe(true);
  });
});

describe('text from the file in directive problems', () => {
  it('an unknown rule id holding ESC is shown escaped', () => {
    const result = lintAll('on: push\n# trustlint-disable-next-line foo\u001b[2K -- x\njobs: {}\n');
    const unknown = result.messages.filter((message) => message.message.startsWith('Unknown rule'));
    expect(unknown.map((message) => message.message)).toEqual(['Unknown rule `foo\\u001b[2K` in a trustlint directive']);
  });
});
