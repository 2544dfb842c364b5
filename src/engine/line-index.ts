import type { Span } from './ast.js';

/** A 1-based line and column; columns count UTF-16 code units, as editors, ESLint and SARIF do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Converts offsets to positions: built once per file, binary search per lookup. */
export interface LineIndex {
  readonly lineStarts: readonly number[];
  position(offset: number): Position;
  /** Offset of the start of a 1-based line (clamped to the text). */
  lineStart(line: number): number;
}

export function createLineIndex(text: string): LineIndex {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  return {
    lineStarts,
    position(offset) {
      const clamped = Math.max(0, Math.min(offset, text.length));
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (lineStarts[middle]! <= clamped) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, column: clamped - lineStarts[low]! + 1 };
    },
    lineStart(line) {
      const index = Math.max(0, Math.min(line - 1, lineStarts.length - 1));
      return lineStarts[index]!;
    },
  };
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export function spanToRange(index: LineIndex, span: Span): Range {
  return { start: index.position(span.start), end: index.position(span.end) };
}
