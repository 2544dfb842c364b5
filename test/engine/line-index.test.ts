import { describe, expect, it } from 'vitest';
import { createLineIndex } from '../../src/engine/line-index.js';
import { spanOf } from '../../src/engine/lint-text.js';
import type { YamlEntry, YamlScalar } from '../../src/engine/ast.js';

describe('createLineIndex', () => {
  const text = 'ab\r\n😀c\n\nd';
  const index = createLineIndex(text);

  it('gives 1-based lines and UTF-16 columns; CR belongs to its line', () => {
    expect(index.lineStarts).toEqual([0, 4, 8, 9]);
    expect([0, 1, 2, 3, 4, 6, 7, 8, 9, 10].map((offset) => index.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 },
      { line: 1, column: 4 },
      { line: 2, column: 1 },
      // The emoji is two code units: `c` is column 3.
      { line: 2, column: 3 },
      { line: 2, column: 4 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
  });

  it('clamps offsets and lines outside the text', () => {
    expect(index.position(-5)).toEqual({ line: 1, column: 1 });
    expect(index.position(1000)).toEqual({ line: 4, column: 2 });
    expect(index.lineStart(0)).toBe(0);
    expect(index.lineStart(3)).toBe(8);
    expect(index.lineStart(99)).toBe(9);
  });

  it('an empty text has one line', () => {
    expect(createLineIndex('').position(0)).toEqual({ line: 1, column: 1 });
  });

  it('locate converts both ends to 1-based lines and columns with an exclusive end', () => {
    expect(index.locate({ start: 6, end: 9 })).toEqual({ line: 2, column: 3, endLine: 4, endColumn: 1 });
    // An end before the start is read as the start.
    expect(index.locate({ start: 6, end: 2 })).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 3 });
  });
});

describe('spanOf (where a finding points)', () => {
  const scalar = (start: number, end: number, aliasSpan?: { start: number; end: number }): YamlScalar => ({
    type: 'scalar',
    value: 'x',
    text: 'x',
    style: 'plain',
    span: { start, end },
    ...(aliasSpan ? { aliasSpan } : {}),
  });

  it('a bare span, a node, an aliased node, an entry, an entry reached through an alias', () => {
    expect(spanOf({ start: 1, end: 2 })).toEqual({ start: 1, end: 2 });
    expect(spanOf(scalar(3, 4))).toEqual({ start: 3, end: 4 });
    expect(spanOf(scalar(3, 4, { start: 10, end: 12 }))).toEqual({ start: 10, end: 12 });
    const entry: YamlEntry = { key: scalar(0, 3), value: scalar(5, 8), span: { start: 0, end: 8 } };
    expect(spanOf(entry)).toEqual({ start: 0, end: 8 });
    const aliased: YamlEntry = { key: scalar(0, 3, { start: 20, end: 22 }), value: scalar(5, 8, { start: 20, end: 22 }), span: { start: 0, end: 8 } };
    expect(spanOf(aliased)).toEqual({ start: 20, end: 22 });
  });
});
