import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, Scalar } from 'yaml';
import type { ScalarStyle, Span, YamlEntry, YamlMap, YamlScalar, YamlValue } from './ast.js';
import { pushYamlError, type ParseError, type ParseLimits } from './parse.js';

const STYLES: Record<string, ScalarStyle> = {
  [Scalar.PLAIN]: 'plain',
  [Scalar.QUOTE_SINGLE]: 'single',
  [Scalar.QUOTE_DOUBLE]: 'double',
  [Scalar.BLOCK_LITERAL]: 'literal',
  [Scalar.BLOCK_FOLDED]: 'folded',
};

interface ConvertState {
  readonly document: Document.Parsed;
  readonly limits: ParseLimits;
  readonly errors: ParseError[];
  aliasNodes: number;
  aliasLimitReported: boolean;
  /** Anchored nodes being expanded: an alias to an ancestor would loop forever. */
  readonly expanding: Set<Node>;
  /** What each alias points at, resolved once for the whole document. */
  readonly aliasTargets: ReadonlyMap<Alias, Node>;
  readonly multilineValues: MultilineValue[];
}

/** A scalar written over several lines under a key; directives on the key's line reach into it. */
export interface MultilineValue {
  readonly keyStart: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Converts a `yaml` document into plain, position-carrying values. Aliases are expanded (bounded by
 * `maxAliasNodes`) and keep the span of the `*alias`, so findings point at the use site.
 */
export function toYamlValue(
  document: Document.Parsed,
  limits: ParseLimits,
  errors: ParseError[],
): { value: YamlValue; multilineValues: MultilineValue[] } {
  const state: ConvertState = {
    document,
    limits,
    errors,
    aliasNodes: 0,
    aliasLimitReported: false,
    expanding: new Set(),
    aliasTargets: resolveAliases(document),
    multilineValues: [],
  };
  const contents = document.contents;
  if (!contents) return { value: { type: 'null', span: { start: 0, end: 0 } }, multilineValues: [] };
  return { value: convert(contents as Node, state, undefined, 0), multilineValues: state.multilineValues };
}

function spanOf(node: Node): Span {
  const range = node.range;
  if (!range) return { start: 0, end: 0 };
  return { start: range[0], end: Math.max(range[0], contentEnd(node)) };
}

/**
 * Where a node's own text ends. `yaml` ends a block collection after the line break and any
 * comment that follow its last item, which would put the end of a job or a step at column 1 of the
 * next line; the collection really ends where its last item does. A loop, not recursion: depth is
 * hostile input.
 */
function contentEnd(node: Node): number {
  let current: Node = node;
  for (;;) {
    if (!(isMap(current) || isSeq(current)) || current.flow || current.items.length === 0) return current.range?.[1] ?? 0;
    const last = current.items[current.items.length - 1] as unknown;
    if (isPair(last)) {
      const value = last.value as Node | null;
      // `key:` with nothing after it: the key is the last text.
      if (value && value.range && value.range[1] > value.range[0]) current = value;
      else return (last.key as Node | null)?.range?.[1] ?? current.range?.[1] ?? 0;
    } else if (last && typeof last === 'object' && (last as Node).range) current = last as Node;
    else return current.range?.[1] ?? 0;
  }
}

function convert(node: Node | null | undefined, state: ConvertState, aliasSpan: Span | undefined, depth: number): YamlValue {
  if (node === null || node === undefined) return { type: 'null', span: aliasSpan ?? { start: 0, end: 0 } };
  if (aliasSpan) {
    state.aliasNodes++;
    if (state.aliasNodes > state.limits.maxAliasNodes) return aliasLimit(state, aliasSpan);
  }
  if (depth > state.limits.maxDepth) return { type: 'null', span: spanOf(node), ...(aliasSpan ? { aliasSpan } : {}) };
  const via = aliasSpan ? { aliasSpan } : {};
  if (isAlias(node)) {
    const target = state.aliasTargets.get(node);
    const useSite = aliasSpan ?? spanOf(node);
    if (!target || state.expanding.has(target)) return { type: 'null', span: useSite };
    state.expanding.add(target);
    try {
      return convert(target, state, useSite, depth);
    } finally {
      state.expanding.delete(target);
    }
  }
  if (isScalar(node)) {
    // `key:` and `key: ~` are empty values, not strings.
    if (node.value === null || node.value === undefined) return { type: 'null', span: spanOf(node), ...via };
    return toScalar(node, aliasSpan);
  }
  if (isMap(node)) {
    const entries: YamlEntry[] = [];
    const byKey = new Map<string, YamlEntry>();
    // Checked once, where the map is written (not again at each alias to it).
    const seenKeys = aliasSpan ? undefined : new Set<unknown>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      if (seenKeys && keyNode && isScalar(keyNode) && !Number.isNaN(keyNode.value)) {
        // As `yaml`'s `uniqueKeys` compares: scalar keys with the same value (`1` and `1.0` are
        // equal, `1` and `"1"` are not); alias and collection keys are never duplicates.
        if (seenKeys.has(keyNode.value)) {
          const start = keyNode.range?.[0] ?? 0;
          pushYamlError(state.errors, { code: 'DUPLICATE_KEY', message: 'Map keys must be unique', span: { start, end: start + 1 } });
        }
        seenKeys.add(keyNode.value);
        if (isMergeKey(keyNode)) reportMergeKey(keyNode, state);
      }
      const key = keyNode && isScalar(keyNode) ? toScalar(keyNode, aliasSpan) : keyNode && isAlias(keyNode) ? aliasKey(keyNode, state) : undefined;
      if (!key) continue;
      const value =
        pair.value === null || pair.value === undefined
          ? nullAfter(key)
          : convert(pair.value as Node, state, aliasSpan, depth + 1);
      // Where the key is written here: for an alias key (`*k: v`) that is the `*k`, not the anchor.
      const keyStart = keyNode?.range?.[0] ?? key.span.start;
      const entry: YamlEntry = { key, value, span: { start: keyStart, end: Math.max(keyStart, value.span.end) } };
      if (value.type === 'scalar' && !aliasSpan && (value.style === 'literal' || value.style === 'folded' || value.text.includes('\n'))) {
        state.multilineValues.push({ keyStart, start: value.span.start, end: value.span.end });
      }
      entries.push(entry);
      byKey.set(key.text, entry);
    }
    return { type: 'map', entries, byKey, span: spanOf(node), ...via };
  }
  if (isSeq(node)) {
    const items: YamlValue[] = [];
    for (const item of node.items) items.push(convert(item as Node, state, aliasSpan, depth + 1));
    return { type: 'seq', items, span: spanOf(node), ...via };
  }
  return { type: 'null', span: spanOf(node), ...via };
}

/** A plain `<<` key: YAML 1.1's merge key (a quoted `"<<"` is an ordinary string in every parser). */
function isMergeKey(node: Scalar): boolean {
  return node.value === '<<' && (node.type ?? Scalar.PLAIN) === Scalar.PLAIN;
}

/**
 * GitHub Actions rejects merge keys, while YAML 1.1 tools merge the aliased map in: either way the
 * file does not mean what trustlint reads (a key named `<<`). Reported like a syntax error, at the
 * key; the model still keeps `<<` as a plain key, as before.
 */
function reportMergeKey(node: Scalar, state: ConvertState): void {
  const start = node.range?.[0] ?? 0;
  pushYamlError(state.errors, {
    code: 'MERGE_KEY',
    message: 'GitHub Actions does not support YAML merge keys (`<<`) and rejects this file; write the keys out (anchors and aliases of whole values do work)',
    span: { start, end: start + 2 },
  });
}

function toScalar(node: Scalar, aliasSpan: Span | undefined): YamlScalar {
  const raw = node.value;
  const value: YamlScalar['value'] =
    raw === null || raw === undefined
      ? null
      : typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean'
        ? raw
        : String(raw);
  return {
    type: 'scalar',
    value,
    text: value === null ? '' : String(value),
    style: STYLES[node.type ?? Scalar.PLAIN] ?? 'plain',
    span: spanOf(node),
    ...(aliasSpan ? { aliasSpan } : {}),
  };
}

function aliasKey(node: Node, state: ConvertState): YamlScalar | undefined {
  const target = isAlias(node) ? state.aliasTargets.get(node) : undefined;
  if (!target || !isScalar(target)) return undefined;
  return toScalar(target, spanOf(node));
}

function nullAfter(key: YamlScalar): YamlValue {
  return { type: 'null', span: { start: key.span.end, end: key.span.end } };
}

function aliasLimit(state: ConvertState, aliasSpan: Span): YamlValue {
  if (!state.aliasLimitReported) {
    state.aliasLimitReported = true;
    pushYamlError(state.errors, {
      code: 'ALIAS_LIMIT',
      message: `YAML aliases expand to more than ${state.limits.maxAliasNodes} nodes; the rest is not analysed (limit \`maxAliasNodes\`)`,
      span: aliasSpan,
    });
  }
  return { type: 'null', span: aliasSpan };
}

/**
 * Resolves every alias in one pass, as `Alias.resolve` does (the last node anchored with that name
 * before the alias, in document order), without its cost: `resolve` walks the whole document for
 * each alias, so 50,000 aliases took minutes. Iterative, so nesting depth cannot overflow the stack.
 */
function resolveAliases(document: Document.Parsed): Map<Alias, Node> {
  const targets = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isCollection(node)) {
      // Pushed in reverse so they pop in document order.
      for (let index = node.items.length - 1; index >= 0; index--) stack.push(node.items[index]);
    }
  }
  return targets;
}

/** Helpers for reading converted values without caring about shape errors. */
export function asMap(value: YamlValue | undefined): YamlMap | undefined {
  return value?.type === 'map' ? value : undefined;
}

export function asScalar(value: YamlValue | undefined): YamlScalar | undefined {
  return value?.type === 'scalar' ? value : undefined;
}
