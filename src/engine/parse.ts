import { Composer, Parser, type Document, type CST } from 'yaml';
import type { Span } from './ast.js';

/** Limits that keep hostile input bounded; each is a documented, configurable setting. */
export interface ParseLimits {
  /** Deepest nesting of YAML collections that is modelled. */
  readonly maxDepth: number;
  /** Nodes that alias expansion may produce in one file ("billion laughs" protection). */
  readonly maxAliasNodes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxDepth: 500, maxAliasNodes: 100_000 };

export interface ParseError {
  readonly message: string;
  readonly span: Span;
  /** `yaml`'s error code, or our own for limits (`NESTING_LIMIT`, `ALIAS_LIMIT`, `MULTIPLE_DOCUMENTS`). */
  readonly code: string;
}

export interface CommentToken {
  readonly offset: number;
  /** The comment text including the leading `#`. */
  readonly source: string;
}

export interface ParsedYaml {
  readonly document: Document.Parsed | undefined;
  readonly comments: readonly CommentToken[];
  readonly errors: ParseError[];
}

/**
 * Parses once: the CST gives comments with exact offsets (a `#` inside a string is never a comment),
 * the composer builds the document from the same tokens. Errors are collected, never thrown.
 */
export function parseYaml(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedYaml {
  const tokens = Array.from(new Parser().parse(text));
  const comments: CommentToken[] = [];
  const errors: ParseError[] = [];
  const depth = scanTokens(tokens, comments);
  if (depth > limits.maxDepth) {
    const offset = firstDeepOffset(text, limits.maxDepth);
    errors.push({
      code: 'NESTING_LIMIT',
      message: `YAML nesting deeper than ${limits.maxDepth} levels is not analysed (limit \`maxDepth\`)`,
      span: { start: offset, end: offset + 1 },
    });
    return { document: undefined, comments, errors };
  }
  let document: Document.Parsed | undefined;
  let count = 0;
  for (const doc of new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, text.length)) {
    count++;
    if (count === 1) {
      document = doc;
      for (const error of [...doc.errors, ...doc.warnings]) {
        // Duplicate keys are a warning-level YAML problem but GitHub rejects them: keep them as errors.
        errors.push({ code: error.code, message: cleanMessage(error.message), span: toSpan(error.pos, text.length) });
      }
    } else if (count === 2) {
      const start = doc.range[0];
      errors.push({
        code: 'MULTIPLE_DOCUMENTS',
        message: 'A workflow file holds one YAML document; GitHub reads only the first, the rest is ignored',
        span: { start, end: Math.min(text.length, start + 3) },
      });
    }
  }
  return { document, comments, errors };
}

function cleanMessage(message: string): string {
  // yaml appends " at line L, column C" and a code frame when prettyErrors is on; strip any trace of it.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function toSpan(pos: [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  const end = Math.max(start, Math.min(pos[1], length));
  return { start, end: end === start && start < length ? start + 1 : end };
}

/** Collects comment tokens and returns the deepest collection nesting, without recursion. */
function scanTokens(tokens: readonly CST.Token[], comments: CommentToken[]): number {
  let maxDepth = 0;
  const stack: Array<{ value: unknown; depth: number }> = tokens.map((value) => ({ value, depth: 0 }));
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth });
      continue;
    }
    const token = value as { type?: string; offset?: number; source?: string };
    if (token.type === 'comment' && typeof token.offset === 'number') {
      comments.push({ offset: token.offset, source: token.source ?? '' });
      continue;
    }
    const nested =
      token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection' ? depth + 1 : depth;
    if (nested > maxDepth) maxDepth = nested;
    for (const [key, child] of Object.entries(token)) {
      if (key !== 'source' && child !== null && typeof child === 'object') stack.push({ value: child, depth: nested });
    }
  }
  comments.sort((a, b) => a.offset - b.offset);
  return maxDepth;
}

/** Finds where flow nesting first passes the limit, to point the error at it. */
function firstDeepOffset(text: string, limit: number): number {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '[' || char === '{') {
      depth++;
      if (depth > limit) return index;
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return 0;
}
