/**
 * What a fix writes into a YAML file, before it is laid out: a scalar as it is written, a mapping
 * built by the fix, or a copy of a value already in the file (its own text, comments included).
 * The fixer lays it out in block or flow style to match the place it goes.
 */
import type { YamlEntry } from '../ast.js';

export type YamlText =
  /** A scalar exactly as written (`read`, `"true"`, `24`); the caller quotes it. */
  | { readonly kind: 'scalar'; readonly text: string }
  /** A mapping; laid out in flow style when `flow` is set, when it is empty, or inside a flow collection. */
  | { readonly kind: 'map'; readonly entries: readonly YamlTextEntry[]; readonly flow?: boolean }
  /** The value of an entry of this file, copied with its comments and re-indented. */
  | { readonly kind: 'copy'; readonly of: YamlEntry };

export interface YamlTextEntry {
  readonly key: string;
  readonly value: YamlText;
}

export function scalarText(text: string): YamlText {
  return { kind: 'scalar', text };
}

export function mapText(entries: readonly YamlTextEntry[], options: { readonly flow?: boolean } = {}): YamlText {
  return { kind: 'map', entries, ...(options.flow ? { flow: true } : {}) };
}

export function copyOf(entry: YamlEntry): YamlText {
  return { kind: 'copy', of: entry };
}

/** A plain scalar that reads back as the same string: no quoting needed. */
export function isPlainSafe(text: string): boolean {
  return /^(?!- )[A-Za-z0-9_./@^~+=-][A-Za-z0-9_./@^~+= -]*$/.test(text) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(text) && !/\s$/.test(text) && !text.includes(' #');
}
