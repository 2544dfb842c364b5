/**
 * Keys GitHub does not know, from its own workflow and action-metadata schemas (compiled at build
 * time into workflow-keys.generated.ts): `permission:` for `permissions:`, `runs_on:`, `branchs:`.
 * GitHub rejects such a file ("Unexpected value 'permission'"), so a rule that read the misspelt
 * block as absent would give advice about a workflow that never runs as written: the facts that
 * depend on a key ask here first and stay unknown when it is misspelt.
 *
 * The walk follows trustlint's parsed document, so positions are its own and nothing is parsed
 * twice. Only the keys of actual mappings are checked: a `${{ }}` value may stand for a whole
 * mapping, an expression key is legal where the schema allows expressions, free keys (`env`,
 * `with`, matrix axes, input names) are anyone's, and a value reached through an alias is checked
 * where its anchor is.
 */
import type { YamlEntry, YamlMap, YamlValue } from '../engine/ast.js';
import type { FactStore } from '../engine/facts.js';
import { suggest } from '../engine/suggest.js';
import { ACTION_KEYS, WORKFLOW_KEYS, type KeyGraph, type KeyGraphNode } from './workflow-keys.generated.js';

export interface UnknownKey {
  readonly entry: YamlEntry;
  /** Where it is, for the message: `jobs.release`, `on.push`, `` (the top). */
  readonly path: string;
  /** The known key it most likely stands for. */
  readonly suggestion?: string;
  /** The key is known, but not in this kind of mapping: `a job that calls a reusable workflow`. */
  readonly notAllowedIn?: string;
}

/** Names for the one-of variants a message has to tell apart. */
const VARIANT_NAMES: Readonly<Record<string, string>> = {
  'job-factory': 'a job that runs steps',
  'workflow-job': 'a job that calls a reusable workflow',
  'run-step': 'a `run` step',
  'regular-step': 'a `uses` step',
  'uses-step': 'a `uses` step',
  'node-runs-strict': 'the `runs` of a JavaScript action',
  'container-runs-strict': 'the `runs` of a Docker action',
  'composite-runs-strict': 'the `runs` of a composite action',
};

const RUNS_BY_USING: ReadonlyArray<readonly [RegExp, string]> = [
  [/^node\d+$/i, 'node-runs-strict'],
  [/^docker$/i, 'container-runs-strict'],
  [/^composite$/i, 'composite-runs-strict'],
];

/** The mapping definitions a definition may be (its one-of flattened). */
function mappingsOf(graph: KeyGraph, name: string | 0 | undefined, seen = new Set<string>()): string[] {
  if (!name || seen.has(name)) return [];
  seen.add(name);
  const node = graph.defs[name];
  if (!node) return [];
  if ('m' in node) return [name];
  if ('o' in node) return node.o.flatMap((candidate) => mappingsOf(graph, candidate, seen));
  return [];
}

/** The item definition of a definition that may be a sequence. */
function itemOf(graph: KeyGraph, name: string | 0 | undefined, seen = new Set<string>()): string | undefined {
  if (!name || seen.has(name)) return undefined;
  seen.add(name);
  const node = graph.defs[name];
  if (!node) return undefined;
  if ('s' in node) return node.s || undefined;
  if ('o' in node) for (const candidate of node.o) {
    const item = itemOf(graph, candidate, seen);
    if (item) return item;
  }
  return undefined;
}

type Mapping = Extract<KeyGraphNode, { m: unknown }>;
const mapping = (graph: KeyGraph, name: string) => graph.defs[name] as Mapping;

/**
 * The variants a mapping is judged against: of a one-of with several (a job, a step, an action's
 * `runs`), the ones whose required keys are all present (`uses` → a call, `runs-on` → a job with
 * steps; `using` and `main` → a JavaScript action), the one with fewest keys when several are (so
 * `runs-on` beside `uses` is the offender); all of them when none is (then only keys no variant
 * knows are reported).
 */
function variantsFor(graph: KeyGraph, candidates: readonly string[], map: YamlMap): readonly string[] {
  if (candidates.length < 2) return candidates;
  // An action's `runs` is told apart by the value of `using`, as the runner does.
  const using = map.byKey.get('using')?.value;
  if (using?.type === 'scalar') {
    const variant = RUNS_BY_USING.find(([pattern]) => pattern.test(using.text.trim()))?.[1];
    if (variant && candidates.includes(variant)) return [variant];
  }
  const hit = candidates.filter((name) => {
    const required = mapping(graph, name).r;
    return required !== undefined && required.every((key) => map.byKey.has(key));
  });
  if (hit.length === 0) return candidates;
  return [hit.sort((a, b) => Object.keys(mapping(graph, a).m).length - Object.keys(mapping(graph, b).m).length)[0]!];
}

/** The known key a misspelling stands for: the same key in another case or with `_` (`runs_on`), else the nearest one. */
export function suggestKey(key: string, known: Iterable<string>): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/_/g, '-');
  const list = [...known];
  return list.find((candidate) => normal(candidate) === normal(key)) ?? suggest(key, list);
}

const isExpression = (text: string) => text.includes('${{');

function walk(graph: KeyGraph, value: YamlValue, name: string | 0 | undefined, path: string, found: UnknownKey[]): void {
  if (!name || value.aliasSpan) return;
  if (value.type === 'seq') {
    const item = itemOf(graph, name);
    if (item) value.items.forEach((child, index) => walk(graph, child, item, `${path}[${index}]`, found));
    return;
  }
  if (value.type !== 'map') return;
  const candidates = mappingsOf(graph, name);
  if (candidates.length === 0) return;
  const variants = variantsFor(graph, candidates, value);
  const loose = variants.map((variant) => mapping(graph, variant).l).find((free) => free !== undefined);
  for (const entry of value.entries) {
    const key = entry.key.text;
    if (key === '<<' || isExpression(key) || entry.key.aliasSpan) continue;
    const child = `${path ? `${path}.` : ''}${key}`;
    const known = variants.find((variant) => Object.hasOwn(mapping(graph, variant).m, key));
    if (known) {
      walk(graph, entry.value, mapping(graph, known).m[key], child, found);
      continue;
    }
    if (loose !== undefined) {
      walk(graph, entry.value, loose, child, found);
      continue;
    }
    const elsewhere = variants.length === 1 && candidates.length > 1 && candidates.some((candidate) => Object.hasOwn(mapping(graph, candidate).m, key));
    if (elsewhere) {
      found.push({ entry, path, notAllowedIn: VARIANT_NAMES[variants[0]!] ?? variants[0]! });
      continue;
    }
    const suggestion = suggestKey(key, new Set(variants.flatMap((variant) => Object.keys(mapping(graph, variant).m))));
    found.push({ entry, path, ...(suggestion ? { suggestion } : {}) });
  }
}

/** The unknown keys of a workflow or an action metadata file, in document order; once per file. */
export function unknownKeys(context: { readonly facts: FactStore }, root: YamlMap, kind: 'workflow' | 'action'): readonly UnknownKey[] {
  return context.facts.memo('unknown-keys', root, () => {
    const graph = kind === 'workflow' ? WORKFLOW_KEYS : ACTION_KEYS;
    const found: UnknownKey[] = [];
    walk(graph, root, graph.root, '', found);
    return found;
  });
}

/** The keys of a workflow's top level and of a job (either kind): constants of the schema. */
const KNOWN_KEYS = {
  workflow: new Set(mappingsOf(WORKFLOW_KEYS, WORKFLOW_KEYS.root).flatMap((name) => Object.keys(mapping(WORKFLOW_KEYS, name).m))),
  job: new Set(mappingsOf(WORKFLOW_KEYS, 'job').flatMap((name) => Object.keys(mapping(WORKFLOW_KEYS, name).m))),
} as const;

/**
 * An unknown key of a workflow's top level (`kind: 'workflow'`) or of a job that most likely stands
 * for `wanted`: `permission:` or `Permissions:` for `permissions`. Cheap (one mapping's keys), so
 * the facts that need it ask without a store.
 */
export function misspeltKey(map: YamlMap, kind: 'workflow' | 'job', wanted: string): YamlEntry | undefined {
  if (map.byKey.has(wanted)) return undefined;
  const known = KNOWN_KEYS[kind];
  return map.entries.find((entry) => !known.has(entry.key.text) && !isExpression(entry.key.text) && suggestKey(entry.key.text, known) === wanted);
}
