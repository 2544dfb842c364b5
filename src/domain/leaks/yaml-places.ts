/**
 * Where an offset of a YAML file is, in words a message can use ("the `run:` script", "the env
 * variable `NODE_AUTH_TOKEN`", "a comment"), and the literal values of documented token environment
 * variables (`TWINE_PASSWORD: <literal>`). One walk over the document, iterative (depth is hostile
 * input); values reached through an alias are skipped, since their text is written at the anchor.
 */
import type { Span, YamlValue } from '../../engine/ast.js';
import type { FactStore } from '../../engine/facts.js';
import { TOKEN_ENV_NAMES, type TokenEnvName } from '../registries/index.js';
import { isPlainSecret } from './secret-values.js';

export interface YamlPlace {
  readonly span: Span;
  readonly label: string;
}

/** A documented token variable bound to a literal secret. */
export interface EnvLiteral {
  readonly name: string;
  readonly registryName: string;
  /** The value. */
  readonly span: Span;
}

export interface YamlScan {
  /** Keys and scalar values, in text order. */
  readonly places: readonly YamlPlace[];
  readonly envLiterals: readonly EnvLiteral[];
}

interface EnvNameMatcher {
  readonly entry: TokenEnvName;
  readonly pattern: RegExp;
}

function envNameMatchers(facts: FactStore): readonly EnvNameMatcher[] {
  return facts.memo('token-env-name-patterns', 'all', () =>
    TOKEN_ENV_NAMES.map((entry) => ({
      entry,
      // `*` is any part of a name (`POETRY_PYPI_TOKEN_*`); names compare without regard to case.
      pattern: new RegExp(`^${entry.name.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[A-Za-z0-9_]+')}$`, 'i'),
    })),
  );
}

/** The registry token variable a name is documented as (`NODE_AUTH_TOKEN`, `TWINE_PASSWORD`, `POETRY_PYPI_TOKEN_*`), any case. */
export function tokenEnvNameOf(facts: FactStore, name: string): TokenEnvName | undefined {
  return envNameMatchers(facts).find((matcher) => matcher.pattern.test(name))?.entry;
}

/** A key as a message quotes it: bounded, without backticks. */
function quoted(key: string): string {
  return `\`${key.slice(0, 60).replace(/`/g, "'")}${key.length > 60 ? '…' : ''}\``;
}

function labelOf(key: string | undefined, parentKey: string | undefined): string {
  if (key === undefined) return 'the file';
  if (key === 'run') return 'the `run:` script';
  if (parentKey === 'env') return `the env variable ${quoted(key)}`;
  if (parentKey === 'with') return `the \`with:\` input ${quoted(key)}`;
  return `the ${quoted(key)} value`;
}

interface Pending {
  readonly value: YamlValue;
  readonly key?: string;
  readonly parentKey?: string;
}

export function scanYaml(context: { readonly facts: FactStore }, root: YamlValue): YamlScan {
  const places: YamlPlace[] = [];
  const envLiterals: EnvLiteral[] = [];
  const matchers = envNameMatchers(context.facts);
  const stack: Pending[] = [{ value: root }];
  while (stack.length > 0) {
    const { value, key, parentKey } = stack.pop()!;
    if (value.aliasSpan) continue;
    if (value.type === 'scalar') {
      places.push({ span: value.span, label: labelOf(key, parentKey) });
      if (key !== undefined && isPlainSecret(value.text.trim())) {
        const matcher = matchers.find((candidate) => candidate.pattern.test(key));
        if (matcher) envLiterals.push({ name: key, registryName: matcher.entry.registryName, span: value.span });
      }
    } else if (value.type === 'map') {
      for (const entry of value.entries) {
        if (!entry.key.aliasSpan) places.push({ span: entry.key.span, label: 'a YAML key' });
        stack.push({ value: entry.value, key: entry.key.text, ...(key !== undefined ? { parentKey: key } : {}) });
      }
    } else if (value.type === 'seq') {
      for (const item of value.items) stack.push({ value: item, ...(key !== undefined ? { key } : {}), ...(parentKey !== undefined ? { parentKey } : {}) });
    }
  }
  places.sort((a, b) => a.span.start - b.span.start);
  envLiterals.sort((a, b) => a.span.start - b.span.start);
  return { places, envLiterals };
}

/** The place that holds `offset` (places do not overlap), or undefined when it is outside every key and value. */
export function placeAt(places: readonly YamlPlace[], offset: number): YamlPlace | undefined {
  let low = 0;
  let high = places.length - 1;
  let found: YamlPlace | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (places[middle]!.span.start <= offset) {
      found = places[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && offset < found.span.end ? found : undefined;
}

/** How far back a comment marker is looked for: a leak on a megabyte-long line must not cost a scan of it each. */
const COMMENT_WINDOW = 4096;

/**
 * Whether `offset` is after a marker that starts a comment on its line: at the line start, or after
 * a blank when `trailing` (YAML's `#`). Looked for within the 4,096 characters before `offset`.
 */
export function inLineComment(text: string, offset: number, markers: readonly string[], trailing: boolean): boolean {
  const windowStart = Math.max(0, offset - COMMENT_WINDOW);
  let lineStart = windowStart === 0 ? 0 : -1;
  for (let index = offset - 1; index >= windowStart; index--) {
    if (text[index] === '\n' || text[index] === '\r') {
      lineStart = index + 1;
      break;
    }
  }
  const line = text.slice(lineStart === -1 ? windowStart : lineStart, offset);
  // A whole-line comment needs the line's start; past the window it is not known, and not assumed.
  if (!trailing) return lineStart !== -1 && markers.some((marker) => line.trimStart().startsWith(marker));
  return markers.some((marker) => {
    for (let at = line.indexOf(marker); at !== -1; at = line.indexOf(marker, at + 1)) {
      if (at === 0 || /\s/.test(line[at - 1]!)) return true;
    }
    return false;
  });
}
