/**
 * Where a value is written in a JSON file (`['scripts', 'release']` of a package.json), for findings
 * and chains that point into it. A package.json is parsed with JSON.parse for its content; this finds
 * only positions, in one pass over the text and without building anything: parsing the file again as
 * YAML for its positions was 5% of a corpus run (every package script a publish expands points here).
 * The text is already known to be JSON (its manifest parsed); anything unexpected gives undefined.
 * Spans match what the YAML parser gives the same value: a string with its quotes, a collection from
 * its opening to its closing bracket; a key written twice resolves to the last, as JSON.parse does.
 */
import type { Span } from '../../engine/ast.js';

const WHITESPACE = /[\s\uFEFF]/;

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && WHITESPACE.test(text[index]!)) index++;
  return index;
}

/** The index after a string that opens at `index`, or -1 when it never closes. */
function skipString(text: string, index: number): number {
  for (let at = index + 1; at < text.length; at++) {
    const char = text[at];
    if (char === '\\') at++;
    else if (char === '"') return at + 1;
  }
  return -1;
}

/** The index after the value that starts at `index` (iterative: nesting depth costs no stack), or -1. */
function skipValue(text: string, index: number): number {
  const first = text[index];
  if (first === '"') return skipString(text, index);
  if (first !== '{' && first !== '[') {
    let at = index;
    while (at < text.length && !/[\s,}\]]/.test(text[at]!)) at++;
    return at > index ? at : -1;
  }
  let depth = 0;
  for (let at = index; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      at = skipString(text, at) - 1;
      if (at < 0) return -1;
    } else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

/** The text of a key string token: its characters, escapes decoded when it has any. */
function keyText(token: string): string | undefined {
  if (!token.includes('\\')) return token.slice(1, -1);
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/** The start of the value of `key` in the object opening at `index` (the last one written), or -1. */
function memberStart(text: string, index: number, key: string): number {
  let found = -1;
  let at = skipWhitespace(text, index + 1);
  if (text[at] === '}') return -1;
  while (at < text.length) {
    if (text[at] !== '"') return -1;
    const keyEnd = skipString(text, at);
    if (keyEnd < 0) return -1;
    const name = keyText(text.slice(at, keyEnd));
    at = skipWhitespace(text, keyEnd);
    if (text[at] !== ':') return -1;
    const valueStart = skipWhitespace(text, at + 1);
    if (name === key) found = valueStart;
    const valueEnd = skipValue(text, valueStart);
    if (valueEnd < 0) return -1;
    at = skipWhitespace(text, valueEnd);
    if (text[at] === '}') return found;
    if (text[at] !== ',') return -1;
    at = skipWhitespace(text, at + 1);
  }
  return -1;
}

/** The span of the value at `keys` (object keys from the top), or undefined. */
export function jsonValueSpan(text: string, keys: readonly string[]): Span | undefined {
  let start = skipWhitespace(text, 0);
  for (const key of keys) {
    if (text[start] !== '{') return undefined;
    start = memberStart(text, start, key);
    if (start < 0) return undefined;
  }
  const end = skipValue(text, start);
  return end < 0 ? undefined : { start, end };
}
