/**
 * Edits of a file's text, in ESLint's shape: `range` is a half-open UTF-16 offset range into the
 * text the rules saw (a BOM excluded), `text` replaces it. An insertion has an empty range.
 */
export interface Edit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** Thrown for edits that cannot be one fix: a rule bug, reported like any rule crash. */
export class FixError extends Error {
  override readonly name = 'FixError';
}

/**
 * Merges the edits of one fix into a single replacement, as ESLint's fixer merges a fix function's
 * array: sorted by range, the text between them copied from the original. Edits of one fix must not
 * overlap (two insertions at one offset are fine and keep their order).
 */
export function mergeEdits(text: string, edits: readonly Edit[]): Edit | undefined {
  if (edits.length === 0) return undefined;
  for (const edit of edits) {
    const [start, end] = edit.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
      throw new FixError(`Fix range [${start}, ${end}] is not inside the file (length ${text.length})`);
    }
  }
  if (edits.length === 1) return { range: [edits[0]!.range[0], edits[0]!.range[1]], text: edits[0]!.text };
  // A stable sort: insertions at the same offset stay in the order the rule gave them.
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  let end = start;
  let merged = '';
  for (const edit of sorted) {
    if (edit.range[0] < end) throw new FixError('Edits of one fix must not overlap');
    merged += text.slice(end, edit.range[0]) + edit.text;
    end = edit.range[1];
  }
  return { range: [start, end], text: merged };
}

/** A fix candidate: the edit and whether the caller wants it applied. */
export interface Fixable {
  readonly fix?: Edit | undefined;
}

/**
 * Applies the fixes of one lint pass, as ESLint's SourceCodeFixer does: sorted by range, a fix that
 * overlaps or touches the previous one is left for the next pass. Returns the new text and how many
 * fixes it holds.
 */
export function applyFixes<T extends Fixable>(text: string, candidates: readonly T[]): { output: string; applied: T[] } {
  const fixes = candidates.filter((candidate) => candidate.fix !== undefined);
  fixes.sort((a, b) => a.fix!.range[0] - b.fix!.range[0] || a.fix!.range[1] - b.fix!.range[1]);
  const applied: T[] = [];
  let output = '';
  let last = Number.NEGATIVE_INFINITY;
  for (const candidate of fixes) {
    const [start, end] = candidate.fix!.range;
    // `>=`, as ESLint: two fixes at the same offset could each assume the other is absent.
    if (last >= start || start > end) continue;
    output += text.slice(Math.max(0, last), start) + candidate.fix!.text;
    last = end;
    applied.push(candidate);
  }
  output += text.slice(Math.max(0, last));
  return { output: applied.length > 0 ? output : text, applied };
}
