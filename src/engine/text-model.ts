import type { TextFileNode } from './ast.js';
import type { CommentSyntax, FileTarget } from './file-targets.js';
import { parseYaml, type CommentToken, type ParseLimits } from './parse.js';
import type { SourceFile } from './source-file.js';
import { toYamlValue, type MultilineValue } from './yaml-value.js';

/** A text target prepared for linting: the node rules see, and the comments directives are read from. */
export interface ModelledTextFile {
  readonly node: TextFileNode;
  readonly comments: readonly CommentToken[];
  readonly multilineValues: readonly MultilineValue[];
}

/**
 * Prepares a file of a plugin's text target. Nothing is reported about its syntax: whether the file
 * is valid is its tool's business, and a rule that needs structure reads `yaml` (for YAML targets)
 * or the text. Never throws on bad input; YAML is read with the same limits as workflows.
 */
export function modelTextFile(file: SourceFile, target: FileTarget, limits: ParseLimits): ModelledTextFile {
  const base = { kind: 'text' as const, file, target: target.name };
  if (target.comments === 'yaml') {
    const parsed = parseYaml(file.text, limits);
    // As the project service's YAML view: a document with any parse error is not given to rules.
    const converted = parsed.document && parsed.errors.length === 0 ? toYamlValue(parsed.document, limits, []) : undefined;
    return {
      node: converted ? { ...base, yaml: converted.value } : base,
      comments: parsed.comments,
      multilineValues: converted?.multilineValues ?? [],
    };
  }
  return { node: base, comments: lineComments(file.text, target.comments), multilineValues: [] };
}

/**
 * Whole-line comments: lines whose first character after blanks is one of the markers. Lines end at
 * a line feed or a carriage return, as INI readers split them, so a lone `\r` cannot hide a line
 * inside a comment. The marker is given to the directive parser as `#`, at the same offsets.
 */
function lineComments(text: string, syntax: Exclude<CommentSyntax, 'yaml'>): CommentToken[] {
  const comments: CommentToken[] = [];
  const markers = syntax.lineStart.filter((marker) => marker.length > 0);
  if (markers.length === 0) return comments;
  for (const line of text.matchAll(/[^\r\n]+/g)) {
    const body = line[0];
    let start = 0;
    while (start < body.length && (body[start] === ' ' || body[start] === '\t')) start++;
    const marker = markers.find((candidate) => body.startsWith(candidate, start));
    if (marker === undefined) continue;
    const rest = body.slice(start + marker.length);
    comments.push({ offset: line.index + start, source: `#${' '.repeat(marker.length - 1)}${rest}` });
  }
  return comments;
}
