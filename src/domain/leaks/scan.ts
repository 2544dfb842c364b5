/**
 * Registry tokens written out in a file's text, found by their formats (`TOKEN_FORMATS`, one per
 * registry). The text is scanned as written: what a reader of the repository sees is what leaked,
 * so a token in a YAML comment, a key, any scalar style or a non-YAML file is found with its exact
 * span, and nothing is decoded first.
 */
import type { Span } from '../../engine/ast.js';
import type { FactStore } from '../../engine/facts.js';
import { TOKEN_FORMATS } from '../registries/index.js';
import type { TokenFormat } from '../registries/types.js';
import { isPlaceholderBody } from './secret-values.js';

export interface TokenMatch {
  readonly format: TokenFormat;
  /** The token in the text (offsets of the text scanned). */
  readonly span: Span;
}

interface Scanner {
  readonly format: TokenFormat;
  /** The pattern with `g`: used through `matchAll`, which copies it, so no state is shared. */
  readonly global: RegExp;
}

function scanners(facts: FactStore): readonly Scanner[] {
  return facts.memo('token-scanners', 'all', () => TOKEN_FORMATS.map((format) => ({ format, global: new RegExp(format.pattern.source, 'g') })));
}

/**
 * Every recognised registry token in `text`, in text order; placeholders with a token's shape
 * (`npm_XXXX…`) are left out. Linear: each format is a fixed prefix and character classes, and a
 * format whose prefix is not in the text is not run.
 */
export function findRegistryTokens(context: { readonly facts: FactStore }, text: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const { format, global } of scanners(context.facts)) {
    if (!text.includes(format.prefix)) continue;
    for (const match of text.matchAll(global)) {
      if (isPlaceholderBody(match[0].slice(format.prefix.length))) continue;
      found.push({ format, span: { start: match.index, end: match.index + match[0].length } });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}
