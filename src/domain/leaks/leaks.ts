/**
 * Registry credentials written into the repository: in a workflow or action metadata file, or in a
 * committed client configuration or credentials file (`files.ts`). Three kinds, one finding per
 * written value:
 *
 * - `token`: a token of a recognised registry format (`TOKEN_FORMATS`), anywhere in the text;
 * - `config`: a literal value of a credential key of npm or Yarn configuration (`_authToken=…`),
 *   in `.npmrc`/`.yarnrc.yml`, or written by a script in a workflow;
 * - `env`: a literal secret bound to an environment variable a registry's tools read a token from
 *   (`TWINE_PASSWORD: <literal>`), in a workflow or action.
 *
 * Where two overlap (an `npm_…` token as an `_authToken` value), the recognised token wins.
 */
import type { Span, TextFileNode, YamlValue } from '../../engine/ast.js';
import type { FactStore } from '../../engine/facts.js';
import type { SourceFile } from '../../engine/source-file.js';
import type { TokenFormat } from '../registries/types.js';
import { npmrcCredentials, scriptCredentials, yarnrcCredentials, type LiteralCredential } from './config-credentials.js';
import { credentialFile, type CredentialFile } from './files.js';
import { findRegistryTokens } from './scan.js';
import { inLineComment, placeAt, scanYaml, type YamlPlace } from './yaml-places.js';

export type Leak =
  | { readonly kind: 'token'; readonly span: Span; readonly format: TokenFormat }
  | { readonly kind: 'config'; readonly span: Span; readonly credential: LiteralCredential }
  | { readonly kind: 'env'; readonly span: Span; readonly name: string; readonly registryName: string };

/** What was found in one file, and where each finding is in words. */
export interface FileLeaks {
  readonly leaks: readonly Leak[];
  /** "the `run:` script", "a comment", "this `.npmrc`". */
  where(leak: Leak): string;
}

type Context = { readonly facts: FactStore };

/** Sorted by start; a leak that overlaps an earlier kept one is dropped (tokens are listed first, so they win ties). */
function merge(...groups: ReadonlyArray<readonly Leak[]>): Leak[] {
  const all = groups.flat().sort((a, b) => a.span.start - b.span.start || rank(a) - rank(b));
  const kept: Leak[] = [];
  for (const leak of all) {
    const last = kept[kept.length - 1];
    if (last && leak.span.start < last.span.end) {
      if (rank(leak) < rank(last)) kept[kept.length - 1] = leak;
      continue;
    }
    kept.push(leak);
  }
  return kept;
}

function rank(leak: Leak): number {
  return leak.kind === 'token' ? 0 : leak.kind === 'config' ? 1 : 2;
}

function tokens(context: Context, text: string): Leak[] {
  return findRegistryTokens(context, text).map((match) => ({ kind: 'token', span: match.span, format: match.format }));
}

function configs(credentials: readonly LiteralCredential[]): Leak[] {
  return credentials.map((credential) => ({ kind: 'config', span: credential.span, credential }));
}

/** Leaks in a workflow or action metadata file, whose parsed document is `root`. */
export function yamlFileLeaks(context: Context, file: SourceFile, root: YamlValue): FileLeaks {
  return context.facts.memo('yaml-file-leaks', file, () => {
    const scan = scanYaml(context, root);
    const leaks = merge(
      tokens(context, file.text),
      configs(scriptCredentials(file.text)),
      scan.envLiterals.map((literal): Leak => ({ kind: 'env', span: literal.span, name: literal.name, registryName: literal.registryName })),
    );
    return { leaks, where: (leak: Leak) => yamlWhere(file.text, scan.places, leak.span.start) };
  });
}

function yamlWhere(text: string, places: readonly YamlPlace[], offset: number): string {
  const place = placeAt(places, offset);
  if (place) return place.label;
  return inLineComment(text, offset, ['#'], true) ? 'a comment' : 'the file';
}

/** Leaks in a committed credential file (a text target of `CREDENTIAL_FILES`); none for another target. */
export function textFileLeaks(context: Context, node: TextFileNode): FileLeaks {
  return context.facts.memo('text-file-leaks', node, () => {
    const kind = credentialFile(node.target);
    if (!kind) return { leaks: [], where: () => '' };
    const text = node.file.text;
    const keys = kind.keys === 'npmrc' ? npmrcCredentials(text) : kind.keys === 'yarnrc' && node.yaml ? yarnrcCredentials(node.yaml, text) : [];
    const leaks = merge(tokens(context, text), configs(keys));
    // For YAML files, the keys and values of the parsed document: outside them is a comment.
    const places = kind.comments === 'yaml' && node.yaml && leaks.length > 0 ? scanYaml(context, node.yaml).places : undefined;
    return { leaks, where: (leak: Leak) => textWhere(kind, text, places, leak.span.start) };
  });
}

function textWhere(kind: CredentialFile, text: string, places: readonly YamlPlace[] | undefined, offset: number): string {
  const file = `this ${kind.display}`;
  const inComment =
    kind.comments === 'yaml'
      ? places !== undefined && placeAt(places, offset) === undefined && inLineComment(text, offset, ['#'], true)
      : inLineComment(text, offset, kind.comments.lineStart, false);
  return inComment ? `a comment of ${file}` : file;
}
