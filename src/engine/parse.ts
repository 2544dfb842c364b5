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
  const hasBreakLike = BREAK_LIKE.test(text);
  const scan = scanTokens(tokens, comments, cstErrors, limits.maxDepth, hasBreakLike);
  if (hasBreakLike) reportBreakLike(text, scan.quoted, comments, errors);
  if (scan.depth > limits.maxDepth) {
    const offset = scan.deepOffset;
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

/** A parser message made safe to show: one line, control characters escaped, at most 200 characters. */
export function cleanMessage(message: string): string {
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

interface TokenScan {
  /** The deepest collection nesting. */
  readonly depth: number;
  /** Where the first collection deeper than the limit starts (document order), or 0. */
  readonly deepOffset: number;
  /** `[start, end)` of each quoted scalar, when asked for. */
  readonly quoted: Array<readonly [number, number]>;
}

/**
 * Collects comment and error tokens, the nesting depth and where it first passes `limit` (on the
 * tokens, so a bracket in a comment or a string never counts), and quoted scalars when `withQuoted`;
 * without recursion.
 */
function scanTokens(tokens: readonly CST.Token[], comments: CommentToken[], cstErrors: CstError[], limit: number, withQuoted: boolean): TokenScan {
  let maxDepth = 0;
  let deepOffset = Number.POSITIVE_INFINITY;
  const quoted: Array<readonly [number, number]> = [];
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
    if (withQuoted && (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && typeof token.offset === 'number') {
      quoted.push([token.offset, token.offset + (token.source?.length ?? 0)]);
    }
    const nested =
      token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection' ? depth + 1 : depth;
    if (nested > maxDepth) maxDepth = nested;
    if (nested === limit + 1 && nested > depth && typeof token.offset === 'number' && token.offset < deepOffset) deepOffset = token.offset;
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
  quoted.sort((a, b) => a[0] - b[0]);
  return { depth: maxDepth, deepOffset: Number.isFinite(deepOffset) ? deepOffset : 0, quoted };
}

/**
 * Characters that end a line for other YAML parsers but not for `yaml`: a carriage return without a
 * line feed (a line break in YAML 1.2 too: js-yaml ends the line there), and NEL, LS and PS (line
 * breaks in YAML 1.1: PyYAML, YamlDotNet). In a comment, a block scalar, a plain scalar or between
 * tokens, what follows such a character is YAML to those parsers and hidden text to trustlint:
 * `# release\r  NODE_AUTH_TOKEN: …` is a comment here and a token elsewhere. Inside a quoted
 * scalar it only changes the string's value, not the structure, so it is left alone there.
 */
const BREAK_LIKE = /\r(?!\n)|[\u0085\u2028\u2029]/;
const BREAK_NAMES: Record<string, string> = {
  '\r': 'A carriage return without a line feed (U+000D)',
  '\u0085': 'A next-line character (U+0085)',
  '\u2028': 'A line separator (U+2028)',
  '\u2029': 'A paragraph separator (U+2029)',
};

function reportBreakLike(
  text: string,
  quoted: ReadonlyArray<readonly [number, number]>,
  comments: readonly CommentToken[],
  errors: ParseError[],
): void {
  const all = new RegExp(BREAK_LIKE.source, 'g');
  let quote = 0;
  let comment = 0;
  for (let match = all.exec(text); match; match = all.exec(text)) {
    const at = match.index;
    while (quote < quoted.length && quoted[quote]![1] <= at) quote++;
    if (quote < quoted.length && quoted[quote]![0] <= at) continue;
    while (comment < comments.length && comments[comment]!.offset + comments[comment]!.source.length <= at) comment++;
    const inComment = comment < comments.length && comments[comment]!.offset <= at;
    const parsers = match[0] === '\r' ? 'js-yaml, PyYAML and YamlDotNet' : 'YAML 1.1 parsers (PyYAML, YamlDotNet)';
    pushYamlError(errors, {
      code: 'LINE_BREAK_DIFFERENTIAL',
      message: `${BREAK_NAMES[match[0]]}${inComment ? ' inside a comment' : ''} ends the line for ${parsers} but not for trustlint's parser, so what follows may be YAML that trustlint does not see; replace it with a line feed or remove it`,
      span: { start: at, end: at + 1 },
    });
  }
}
