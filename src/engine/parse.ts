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

/**
 * YAML errors reported per file. A binary or garbage file yields one error per token (millions for
 * a few megabytes); past this many the rest say nothing new, and building them costs minutes.
 */
export const MAX_YAML_ERRORS = 100;

export interface ParseError {
  readonly message: string;
  readonly span: Span;
  /** `yaml`'s error code, or our own for limits (`NESTING_LIMIT`, `ALIAS_LIMIT`, `MULTIPLE_DOCUMENTS`, `TOO_MANY_ERRORS`). */
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
 * Adds a YAML error unless `MAX_YAML_ERRORS` are already there; the first one over the limit is
 * replaced by a single note saying the rest were dropped. Shared by parsing and conversion.
 */
export function pushYamlError(errors: ParseError[], error: ParseError): void {
  if (errors.length < MAX_YAML_ERRORS) {
    errors.push(error);
  } else if (errors.length === MAX_YAML_ERRORS) {
    errors.push({
      code: 'TOO_MANY_ERRORS',
      message: `More than ${MAX_YAML_ERRORS} YAML errors; the rest are not reported`,
      span: error.span,
    });
  }
}

/**
 * Parses once: the CST gives comments with exact offsets (a `#` inside a string is never a comment),
 * the composer builds the document from the same tokens. Errors are collected, never thrown.
 *
 * Hostile input stays linear: nesting is measured on the CST before anything recursive runs, a CST
 * full of errors is reported without composing it, only the first two documents are composed, and
 * duplicate keys are found by `toYamlValue` with a hash map (`yaml`'s own `uniqueKeys` check is a
 * linear search per key: quadratic, minutes for a map with 200,000 keys).
 */
export function parseYaml(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedYaml {
  const tokens = Array.from(new Parser().parse(text));
  const comments: CommentToken[] = [];
  const errors: ParseError[] = [];
  const cstErrors: CstError[] = [];
  const depth = scanTokens(tokens, comments, cstErrors);
  if (depth > limits.maxDepth) {
    const offset = firstDeepOffset(text, limits.maxDepth);
    errors.push({
      code: 'NESTING_LIMIT',
      message: `YAML nesting deeper than ${limits.maxDepth} levels is not analysed (limit \`maxDepth\`)`,
      span: { start: offset, end: offset + 1 },
    });
    return { document: undefined, comments, errors };
  }
  if (cstErrors.length > MAX_YAML_ERRORS) {
    // Not YAML in any useful sense (binary, minified JSON gone wrong, another language): the
    // composer would spend seconds per megabyte turning each bad token into an error.
    cstErrors.sort((a, b) => a.offset - b.offset);
    for (const error of cstErrors) {
      pushYamlError(errors, { code: 'UNEXPECTED_TOKEN', message: cleanMessage(error.message), span: toSpan([error.offset, error.offset + 1], text.length) });
    }
    return { document: undefined, comments, errors };
  }
  let document: Document.Parsed | undefined;
  let count = 0;
  for (const doc of new Composer({ prettyErrors: false, uniqueKeys: false }).compose(tokens, true, text.length)) {
    count++;
    if (count === 1) {
      document = doc;
      for (const error of [...doc.errors, ...doc.warnings]) {
        pushYamlError(errors, { code: error.code, message: cleanMessage(error.message), span: toSpan(error.pos, text.length) });
      }
    } else {
      const start = doc.range[0];
      pushYamlError(errors, {
        code: 'MULTIPLE_DOCUMENTS',
        message: 'A workflow file holds one YAML document; GitHub reads only the first, the rest is ignored',
        span: { start, end: Math.min(text.length, start + 3) },
      });
      // The rest is never read: composing thousands of further documents would only cost time.
      break;
    }
  }
  return { document, comments, errors };
}

/** Longest error message kept: `yaml` quotes the offending token, which may be megabytes long. */
const MAX_MESSAGE_LENGTH = 200;

function cleanMessage(message: string): string {
  // yaml appends " at line L, column C" and a code frame when prettyErrors is on; strip any trace of it.
  const line = message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim()
    // Some messages quote the file raw (`Block scalar header includes extra characters: >+\0`):
    // a control character from a hostile file must not reach the terminal.
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (line.length <= MAX_MESSAGE_LENGTH) return line;
  let cut = MAX_MESSAGE_LENGTH - 1;
  // Never split a surrogate pair: half a character is not valid text in JSON or SARIF consumers.
  if (/[\ud800-\udbff]/.test(line[cut - 1]!)) cut--;
  return `${line.slice(0, cut)}…`;
}

function toSpan(pos: [number, number], length: number): Span {
  const start = Math.max(0, Math.min(pos[0], length));
  const end = Math.max(start, Math.min(pos[1], length));
  return { start, end: end === start && start < length ? start + 1 : end };
}

interface CstError {
  readonly offset: number;
  readonly message: string;
}

/** Collects comment and error tokens and returns the deepest collection nesting, without recursion. */
function scanTokens(tokens: readonly CST.Token[], comments: CommentToken[], cstErrors: CstError[]): number {
  let maxDepth = 0;
  // Two parallel stacks rather than an object per visited value, and `for...in` rather than
  // `Object.entries` (an array of pairs per token): 1.6× faster on the corpus, same visit.
  const values: unknown[] = [];
  const depths: number[] = [];
  for (const token of tokens) {
    values.push(token);
    depths.push(0);
  }
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth);
      }
      continue;
    }
    const token = value as { type?: string; offset?: number; source?: string };
    if (token.type === 'comment' && typeof token.offset === 'number') {
      comments.push({ offset: token.offset, source: token.source ?? '' });
      continue;
    }
    if (token.type === 'error' && typeof token.offset === 'number') {
      // Worded as the composer words it, so the message does not depend on which path reported it.
      const message = (token as { message?: string }).message ?? 'Unexpected token';
      cstErrors.push({ offset: token.offset, message: token.source ? `${message}: ${JSON.stringify(token.source)}` : message });
    }
    const nested =
      token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection' ? depth + 1 : depth;
    if (nested > maxDepth) maxDepth = nested;
    for (const key in token) {
      if (key === 'source') continue;
      const child = (token as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(nested);
      }
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
