import type { Span } from './ast.js';

/** A 1-based line and column; columns count UTF-16 code units, as editors, ESLint and SARIF do. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A span as 1-based lines and columns with an exclusive end: what results, ESLint and SARIF use. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Converts offsets to positions: built once per file, binary search per lookup. This is the one
 * place offsets become lines and columns; everything else asks it.
 */
export interface LineIndex {
  readonly lineStarts: readonly number[];
  position(offset: number): Position;
  /** The 1-based range of a span (an end before the start is read as the start). */
  locate(span: Span): SourceLocation;
  /** Offset of the start of a 1-based line (clamped to the text). */
  lineStart(line: number): number;
}

export function createLineIndex(text: string): LineIndex {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  const position = (offset: number): Position => {
    const clamped = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= clamped) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: clamped - lineStarts[low]! + 1 };
  };
  return {
    lineStarts,
    position,
    locate(span) {
      const start = position(span.start);
      const end = position(Math.max(span.start, span.end));
      return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    },
    lineStart(line) {
      const index = Math.max(0, Math.min(line - 1, lineStarts.length - 1));
      return lineStarts[index]!;
    },
  };
}
