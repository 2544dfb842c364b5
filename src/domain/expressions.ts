import { Lexer, Parser } from '@actions/expressions';

/** A `${{ … }}` inside a string: offsets of the whole `${{ … }}` and its inner text. */
export interface ExpressionSpan {
  readonly start: number;
  readonly end: number;
  readonly inner: string;
}

/** Finds `${{ … }}` in a string; the closing `}}` may not be inside a string literal of the expression. */
export function findExpressions(text: string): ExpressionSpan[] {
  const found: ExpressionSpan[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start === -1) return found;
    let index = start + 3;
    let close = -1;
    while (index < text.length) {
      const c = text[index];
      if (c === "'") {
        const end = text.indexOf("'", index + 1);
        index = end === -1 ? text.length : end + 1;
        continue;
      }
      if (c === '}' && text[index + 1] === '}') {
        close = index;
        break;
      }
      index++;
    }
    if (close === -1) return found;
    found.push({ start, end: close + 2, inner: text.slice(start + 3, close) });
    from = close + 2;
  }
}

export function hasExpression(text: string): boolean {
  return text.includes('${{');
}

/** A reference to a context property, `secrets.NPM_TOKEN` → `{ context: 'secrets', path: ['NPM_TOKEN'] }`. */
export interface ContextReference {
  readonly context: string;
  /** Literal property names after the context; `*` where an index is computed. */
  readonly path: readonly string[];
}

const CONTEXTS = ['github', 'env', 'vars', 'job', 'jobs', 'steps', 'runner', 'secrets', 'strategy', 'matrix', 'needs', 'inputs'];

/**
 * The context references of one expression, parsed with GitHub's own `@actions/expressions`.
 * An expression that does not parse falls back to a conservative scan of `context.name` words.
 */
export function contextReferences(inner: string): readonly ContextReference[] {
  let references: ContextReference[];
  try {
    const tokens = new Lexer(inner).lex().tokens;
    const tree = new Parser(tokens, CONTEXTS, []).parse();
    references = [];
    collect(tree as unknown as ExprLike, references);
  } catch {
    references = [...inner.matchAll(/\b([a-z_]+)((?:\.[\w-]+)+)/gi)].map((match) => ({
      context: match[1]!.toLowerCase(),
      path: match[2]!.slice(1).split('.'),
    }));
  }
  return references;
}

interface ExprLike {
  name?: { lexeme: string };
  expr?: ExprLike;
  index?: ExprLike & { literal?: { value?: unknown } };
  args?: ExprLike[];
  left?: ExprLike;
  right?: ExprLike;
  group?: ExprLike;
  literal?: { value?: unknown };
}

/** Walks the expression tree; an access chain `a.b['c']` becomes one reference. */
function collect(node: ExprLike | undefined, out: ContextReference[]): void {
  if (!node) return;
  const chain = accessChain(node);
  if (chain) {
    out.push(chain);
    // Computed indexes may hold references of their own: `secrets[format('{0}', vars.X)]`.
    for (let current: ExprLike | undefined = node; current?.expr; current = current.expr) collect(current.index, out);
    return;
  }
  for (const child of [node.expr, node.index, node.left, node.right, node.group, ...(node.args ?? [])]) collect(child, out);
}

function accessChain(node: ExprLike): ContextReference | undefined {
  const path: string[] = [];
  let current: ExprLike | undefined = node;
  while (current && current.expr && current.index) {
    const value = current.index.literal?.value;
    path.unshift(typeof value === 'string' ? value : '*');
    current = current.expr;
  }
  if (current?.name && !current.expr) return { context: current.name.lexeme.toLowerCase(), path };
  return undefined;
}

/** Every context reference in a string that may hold several `${{ }}`. */
export function referencesIn(text: string): readonly ContextReference[] {
  if (!hasExpression(text)) return [];
  return findExpressions(text).flatMap((expression) => contextReferences(expression.inner));
}

export type ValueOrigin =
  /** No expression: written in the workflow. */
  | 'literal'
  /** A `secrets.*` (other than GITHUB_TOKEN) or `vars.*` value: a credential someone created and rotates by hand. */
  | 'long-lived-secret'
  /** `secrets.GITHUB_TOKEN` or `github.token`: short-lived, scoped to the run. */
  | 'github-token'
  /** Anything else computed at run time (step outputs, inputs, env, …). */
  | 'other-expression';

/** Where a value comes from, for deciding whether it is a long-lived credential. */
export function valueOrigin(text: string): { origin: ValueOrigin; secrets: readonly string[] } {
  if (!hasExpression(text)) return { origin: 'literal', secrets: [] };
  const references = referencesIn(text);
  const secrets: string[] = [];
  let githubToken = false;
  for (const reference of references) {
    const name = reference.path[0] ?? '*';
    if (reference.context === 'secrets') {
      if (name.toUpperCase() === 'GITHUB_TOKEN') githubToken = true;
      else secrets.push(name);
    } else if (reference.context === 'vars') secrets.push(`vars.${name}`);
    else if (reference.context === 'github' && name.toLowerCase() === 'token') githubToken = true;
  }
  if (secrets.length > 0) return { origin: 'long-lived-secret', secrets };
  if (githubToken) return { origin: 'github-token', secrets: [] };
  return { origin: 'other-expression', secrets: [] };
}
