/**
 * Minimal edits of a YAML file for fixes and suggestions: insert an entry into a block or flow
 * mapping, replace a scalar or a whole value, remove an entry, insert a list item. Every edit keeps
 * what it does not change byte for byte, and writes what it adds in the file's own style: its line
 * ending (CRLF stays CRLF), its indentation step, block or flow as the surrounding collection is,
 * the quoting of a replaced scalar. Comments are never dropped: a comment inside a removed or
 * replaced region stays as a comment line.
 *
 * Every operation returns `undefined` when it cannot edit safely (a value reached through an alias
 * or carrying an anchor or a tag, a key that does not start its line, a block scalar that keeps its
 * trailing newlines): a rule then offers no fix rather than a wrong one.
 */
import type { JobNode, YamlEntry, YamlMap, YamlScalar, YamlSeq, YamlValue } from '../ast.js';
import type { CommentToken } from '../parse.js';
import type { SourceFile } from '../source-file.js';
import type { Edit } from './edit.js';
import { isPlainSafe, type YamlText } from './yaml-text.js';

export interface YamlFixer {
  readonly file: SourceFile;
  /** `\r\n` when the file's first line ends so, else `\n`. */
  readonly eol: string;
  /** The file's indentation step, read from its first nested block mapping (2 when there is none). */
  readonly indentUnit: number;
  /** True for a `{…}` mapping or `[…]` list. */
  isFlow(node: YamlMap | YamlSeq): boolean;
  /** The entry and its value are written here: not reached through an alias, no anchor or tag on the value. */
  editable(entry: YamlEntry): boolean;
  /** `editable`, and the value's text holds no anchor, alias or tag anywhere: safe to copy or delete. */
  movable(entry: YamlEntry): boolean;
  /** The comments written inside an entry, through the end of its last line (`# …` as written). */
  commentsOf(entry: YamlEntry): string[];
  /** Replaces a scalar's value, keeping its quotes (plain, single or double). */
  replaceScalar(scalar: YamlScalar, value: string): Edit | undefined;
  /** Replaces an entry's whole value; comments inside the old value stay unless `keepComments` is false. */
  setValue(parent: YamlMap, entry: YamlEntry, value: YamlText, options?: { readonly keepComments?: boolean }): Edit[] | undefined;
  /** Adds `key: value` to a mapping: before the entry `before` (its line, above its comments), else after the last one. */
  insertEntry(map: YamlMap, key: string, value: YamlText, options?: { readonly before?: YamlEntry | undefined }): Edit[] | undefined;
  /** Removes an entry (whole lines in a block mapping). Undefined for the last entry of a block mapping: the caller decides what an empty block becomes. */
  removeEntry(map: YamlMap, entry: YamlEntry): Edit[] | undefined;
  /** Inserts a list item before `before`, at its indentation. */
  insertItem(seq: YamlSeq, before: YamlValue, value: YamlText): Edit[] | undefined;
  /**
   * Adds a key the job does not have, before its `steps` (after its last entry when it has none).
   * Undefined for a job written through an alias or an anchor (the edit would reach its other uses)
   * or with a merge key (`<<`), which may already hold the key.
   */
  addJobKey(job: JobNode, key: string, value: YamlText): Edit[] | undefined;
}

export function createYamlFixer(file: SourceFile, comments: readonly CommentToken[], root: YamlValue | undefined): YamlFixer {
  const text = file.text;
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  let unit: number | undefined;

  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = (offset: number) => {
    const next = text.indexOf('\n', offset);
    const end = next === -1 ? text.length : next;
    return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
  };
  /** The offset after the line break that ends the line holding `offset` (or the end of the text). */
  const nextLine = (offset: number) => {
    const next = text.indexOf('\n', offset);
    return next === -1 ? text.length : next + 1;
  };
  const column = (offset: number) => offset - lineStart(offset);
  const pad = (width: number) => ' '.repeat(Math.max(0, width));
  const startsLine = (offset: number) => /^[ \t]*$/.test(text.slice(lineStart(offset), offset));
  /** Where a value's own text ends: a block scalar's span runs on over the line breaks after it. */
  const contentEnd = (value: YamlValue | YamlEntry) => {
    let end = value.span.end;
    while (end > value.span.start && /\s/.test(text[end - 1]!)) end--;
    return end;
  };
  /** The comments that start in [start, end): a binary search, as comments come in document order (a file may hold many). */
  const commentsIn = (start: number, end: number) => {
    let low = 0;
    let high = comments.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (comments[middle]!.offset < start) low = middle + 1;
      else high = middle;
    }
    const found: CommentToken[] = [];
    for (let index = low; index < comments.length && comments[index]!.offset < end; index++) found.push(comments[index]!);
    return found;
  };
  /** The end of the line at `offset` when only a comment follows it there; else `offset`. */
  const afterTrailingComment = (offset: number) => {
    const end = lineEnd(offset);
    const rest = text.slice(offset, end);
    if (/^[ \t]*$/.test(rest)) return offset;
    return /^[ \t]*#/.test(rest) && commentsIn(offset, end).length > 0 ? end : offset;
  };
  const isFlow = (node: YamlMap | YamlSeq) => text[node.span.start] === (node.type === 'map' ? '{' : '[');
  const indentUnit = () => {
    if (unit !== undefined) return unit;
    unit = 2;
    if (root?.type === 'map' && !isFlow(root)) {
      for (const entry of root.entries) {
        const value = entry.value;
        if (value.type !== 'map' || isFlow(value) || value.entries.length === 0 || !startsLine(value.entries[0]!.key.span.start)) continue;
        const step = column(value.entries[0]!.key.span.start) - column(entry.key.span.start);
        if (step > 0 && step <= 8) {
          unit = step;
          break;
        }
      }
    }
    return unit;
  };

  /** The `:` after a key, skipping spaces (`key :` is valid YAML). */
  const colonAfter = (key: YamlScalar) => {
    let index = key.span.end;
    while (text[index] === ' ' || text[index] === '\t') index++;
    return text[index] === ':' ? index : undefined;
  };
  /** Text between two offsets with comments blanked out. */
  const withoutComments = (start: number, end: number) => {
    let result = text.slice(start, end);
    for (const comment of commentsIn(start, end)) {
      const at = comment.offset - start;
      result = result.slice(0, at) + ' '.repeat(comment.source.length) + result.slice(at + comment.source.length);
    }
    return result;
  };
  const editable = (entry: YamlEntry) => {
    if (entry.key.aliasSpan || entry.value.aliasSpan) return false;
    const colon = colonAfter(entry.key);
    if (colon === undefined) return false;
    if (entry.value.type === 'null' && entry.value.span.start <= colon) return true;
    // `key: &anchor value` or `key: !!map`: the properties sit between the colon and the value.
    return !/[&!*]/.test(withoutComments(colon + 1, entry.value.span.start));
  };
  const movable = (entry: YamlEntry) =>
    editable(entry) && !/[&!*]/.test(withoutComments(entry.value.span.start, contentEnd(entry.value)).replace(/'[^'\n]*'|"(?:[^"\\\n]|\\.)*"/g, ''));

  /** A block scalar with `+` chomping keeps its trailing blank lines: text inserted after it would change it. */
  const endsWithKeptScalar = (value: YamlValue): boolean => {
    let current: YamlValue | undefined = value;
    for (let depth = 0; current && depth < 1000; depth++) {
      if (current.type === 'scalar') return (current.style === 'literal' || current.style === 'folded') && /^[|>][0-9]*\+/.test(text.slice(current.span.start, current.span.start + 3));
      if (current.type === 'map') current = current.entries[current.entries.length - 1]?.value;
      else if (current.type === 'seq') current = current.items[current.items.length - 1];
      else return false;
    }
    return false;
  };

  /** A mapping or copy as flow text (`{ a: b }`), or undefined when it cannot be written in flow style. */
  const flowText = (value: YamlText): string | undefined => {
    if (value.kind === 'scalar') return value.text;
    if (value.kind === 'map') {
      const parts: string[] = [];
      for (const entry of value.entries) {
        const inner = flowText(entry.value);
        if (inner === undefined) return undefined;
        parts.push(`${entry.key}: ${inner}`);
      }
      return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
    }
    const source = value.of.value;
    if (source.type === 'scalar' && (source.style === 'literal' || source.style === 'folded')) return undefined;
    if (source.type === 'scalar' || (source.type !== 'null' && isFlow(source))) {
      const written = text.slice(source.span.start, contentEnd(source));
      // A comment inside a flow collection ends at the line break: it cannot move onto one line.
      return written.includes('\n') || commentsIn(source.span.start, contentEnd(source)).length > 0 ? undefined : written;
    }
    if (source.type === 'map') {
      // A block mapping of scalars read back as flow; its comments cannot come along.
      const parts: string[] = [];
      for (const entry of source.entries) {
        if (entry.value.type !== 'scalar' || entry.value.style === 'literal' || entry.value.style === 'folded') return undefined;
        parts.push(`${text.slice(entry.key.span.start, entry.key.span.end)}: ${text.slice(entry.value.span.start, contentEnd(entry.value))}`);
      }
      return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
    }
    return undefined;
  };

  /** What follows `key:` in a block mapping whose keys are at `keyColumn`: ` value` on the line, or the lines of a block. */
  const afterKey = (value: YamlText, keyColumn: number): string | undefined => {
    if (value.kind === 'scalar') return ` ${value.text}`;
    if (value.kind === 'map') {
      if (value.flow || value.entries.length === 0) {
        const flow = flowText(value);
        return flow === undefined ? undefined : ` ${flow}`;
      }
      let result = '';
      for (const entry of value.entries) {
        const inner = afterKey(entry.value, keyColumn + indentUnit());
        if (inner === undefined) return undefined;
        result += `${eol}${pad(keyColumn + indentUnit())}${entry.key}:${inner}`;
      }
      return result;
    }
    const source = value.of.value;
    if (source.type === 'null') return undefined;
    const delta = keyColumn - column(value.of.key.span.start);
    const end = afterTrailingComment(contentEnd(source));
    if (source.type === 'scalar' || isFlow(source)) {
      if (source.type === 'scalar' && (source.style === 'literal' || source.style === 'folded')) return undefined;
      // A flow value may run over lines: its continuation lines keep their place relative to the key.
      return ` ${shift(text.slice(source.span.start, end), delta, false)}`;
    }
    // From the line after the key's: comment lines above the first entry belong to the block too.
    const colon = colonAfter(value.of.key);
    const start = colon === undefined ? lineStart(source.span.start) : Math.min(nextLine(colon), lineStart(source.span.start));
    return `${eol}${shift(text.slice(start, end).replace(/^(?:[ \t]*\r?\n)+/, ''), delta, true)}`;
  };
  /** Moves lines `delta` columns (first line too when `first`), in the file's line ending. */
  const shift = (block: string, delta: number, first: boolean) =>
    block
      .split(/\r?\n/)
      .map((line, index) => {
        if (index === 0 && !first) return line;
        if (line.trim() === '') return '';
        const leading = /^ */.exec(line)![0].length;
        return pad(leading + delta) + line.slice(leading);
      })
      .join(eol);

  /** The first line of the comment lines right above a key at its own indentation (they belong to it). */
  const attachedStart = (offset: number) => {
    const indent = column(offset);
    let start = lineStart(offset);
    while (start > 0) {
      const previous = lineStart(start - 1);
      const line = text.slice(previous, start).replace(/\r?\n$/, '');
      if (!line.startsWith(pad(indent) + '#') || commentsIn(previous, start).length === 0) break;
      start = previous;
    }
    return start;
  };

  const insertEntry: YamlFixer['insertEntry'] = (map, key, value, options = {}) => {
    if (map.aliasSpan) return undefined;
    const before = options.before;
    if (isFlow(map)) {
      const flow = flowText(value);
      if (flow === undefined) return undefined;
      const pair = `${key}: ${flow}`;
      if (map.entries.length === 0) return [{ range: [map.span.start, contentEnd(map)], text: `{ ${pair} }` }];
      if (before) return [{ range: [before.key.span.start, before.key.span.start], text: `${pair}, ` }];
      const at = contentEnd(map.entries[map.entries.length - 1]!);
      return [{ range: [at, at], text: `, ${pair}` }];
    }
    const first = map.entries[0];
    if (!first) return undefined;
    const keyColumn = column(first.key.span.start);
    const rendered = afterKey(value, keyColumn);
    if (rendered === undefined) return undefined;
    const line = `${pad(keyColumn)}${key}:${rendered}`;
    if (before && startsLine(before.key.span.start) && column(before.key.span.start) === keyColumn) {
      const at = attachedStart(before.key.span.start);
      return [{ range: [at, at], text: `${line}${eol}` }];
    }
    const last = map.entries[map.entries.length - 1]!;
    if (endsWithKeptScalar(last.value)) return undefined;
    const at = lineEnd(afterTrailingComment(contentEnd(last)));
    return [{ range: [at, at], text: `${eol}${line}` }];
  };

  const removeEntry: YamlFixer['removeEntry'] = (map, entry) => {
    if (map.aliasSpan || !map.entries.includes(entry)) return undefined;
    if (isFlow(map)) {
      const index = map.entries.indexOf(entry);
      if (map.entries.length === 1) return [{ range: [map.span.start, contentEnd(map)], text: '{}' }];
      const range: [number, number] =
        index < map.entries.length - 1 ? [entry.key.span.start, map.entries[index + 1]!.key.span.start] : [contentEnd(map.entries[index - 1]!), contentEnd(entry)];
      return commentsIn(range[0], range[1]).length > 0 ? undefined : [{ range, text: '' }];
    }
    if (map.entries.length === 1 || !startsLine(entry.key.span.start)) return undefined;
    const start = lineStart(entry.key.span.start);
    const end = nextLine(afterTrailingComment(contentEnd(entry)));
    const keyColumn = column(entry.key.span.start);
    const kept = commentsIn(start, end).map((comment) => `${pad(keyColumn)}${comment.source}${eol}`);
    return [{ range: [start, end], text: kept.join('') }];
  };

  const setValue: YamlFixer['setValue'] = (parent, entry, value, options = {}) => {
    if (!editable(entry)) return undefined;
    const colon = colonAfter(entry.key)!;
    const old = entry.value;
    const flowParent = isFlow(parent);
    const keyColumn = column(entry.key.span.start);
    const multiline = old.type !== 'null' && old.type !== 'scalar' && !isFlow(old);
    const end = old.type === 'null' && old.span.end <= colon ? colon + 1 : multiline ? afterTrailingComment(contentEnd(old)) : Math.max(colon + 1, contentEnd(old));
    const start = colon + 1;
    const inside = commentsIn(start, end);
    let rendered = flowParent ? (flowText(value) === undefined ? undefined : ` ${flowText(value)}`) : afterKey(value, keyColumn);
    if (rendered === undefined) return undefined;
    if (inside.length > 0) {
      if (flowParent) return undefined;
      const keyLine = lineEnd(colon);
      const onKeyLine = inside.filter((comment) => comment.offset < keyLine);
      const below = inside.filter((comment) => comment.offset >= keyLine);
      const lead = onKeyLine.map((comment) => ` ${comment.source}`).join('');
      // A comment on the key's line stays there: after an inline value, or before a block.
      rendered = rendered.startsWith(eol) ? `${lead}${rendered}` : `${rendered}${lead}`;
      if (options.keepComments !== false) {
        const commentColumn = multiline ? column(old.span.start) : keyColumn + indentUnit();
        for (const comment of below) rendered += `${eol}${pad(commentColumn)}${comment.source}`;
      }
    }
    return [{ range: [start, end], text: rendered }];
  };

  const replaceScalar: YamlFixer['replaceScalar'] = (scalar, value) => {
    if (scalar.aliasSpan) return undefined;
    const range: [number, number] = [scalar.span.start, contentEnd(scalar)];
    if (scalar.style === 'single') return value.includes("'") ? undefined : { range, text: `'${value}'` };
    if (scalar.style === 'double') return /["\\]/.test(value) ? undefined : { range, text: `"${value}"` };
    if (scalar.style === 'plain') return isPlainSafe(value) ? { range, text: value } : undefined;
    return undefined;
  };

  const insertItem: YamlFixer['insertItem'] = (seq, before, value) => {
    if (seq.aliasSpan || before.aliasSpan) return undefined;
    if (isFlow(seq)) {
      const flow = flowText(value);
      return flow === undefined ? undefined : [{ range: [before.span.start, before.span.start], text: `${flow}, ` }];
    }
    const prefix = /^([ \t]*)-([ \t]+)$/.exec(text.slice(lineStart(before.span.start), before.span.start));
    if (!prefix) return undefined;
    const dashColumn = prefix[1]!.length;
    const itemColumn = column(before.span.start);
    let item: string;
    if (value.kind === 'map' && !value.flow && value.entries.length > 0) {
      const lines: string[] = [];
      for (const entry of value.entries) {
        const inner = afterKey(entry.value, itemColumn);
        if (inner === undefined) return undefined;
        lines.push(`${entry.key}:${inner}`);
      }
      item = lines.join(`${eol}${pad(itemColumn)}`);
    } else {
      const flow = flowText(value);
      if (flow === undefined) return undefined;
      item = flow;
    }
    const at = attachedStart(lineStart(before.span.start) + dashColumn);
    return [{ range: [at, at], text: `${pad(dashColumn)}-${prefix[2]}${item}${eol}` }];
  };

  const addJobKey: YamlFixer['addJobKey'] = (job, key, value) => {
    if (job.map.byKey.has(key) || job.map.byKey.has('<<') || !editable({ key: job.key, value: job.map, span: job.span })) return undefined;
    return insertEntry(job.map, key, value, { before: job.map.byKey.get('steps') });
  };

  return {
    file,
    eol,
    addJobKey,
    commentsOf: (entry) => commentsIn(entry.span.start, afterTrailingComment(contentEnd(entry))).map((comment) => comment.source),
    get indentUnit() {
      return indentUnit();
    },
    isFlow,
    editable,
    movable,
    replaceScalar,
    setValue,
    insertEntry,
    removeEntry,
    insertItem,
  };
}
