import type { FileModel, YamlValue } from './ast.js';
import { fileKindOf } from './file-kind.js';
import { buildModel } from './model.js';
import { toPosixPath } from './paths.js';
import { DEFAULT_PARSE_LIMITS, parseYaml, type CommentToken, type ParseError, type ParseLimits } from './parse.js';
import type { SourceFile } from './source-file.js';
import { toYamlValue, type MultilineValue } from './yaml-value.js';

/** A file parsed and modelled: what `lintText` lints, and what the project service gives for other files. */
export interface ModelledFile {
  readonly file: SourceFile;
  readonly model: FileModel;
  readonly errors: readonly ParseError[];
  readonly comments: readonly CommentToken[];
  readonly multilineValues: readonly MultilineValue[];
}

/**
 * A text parsed and converted to plain values: what the model is built from. It depends on the text
 * and the limits only, so the linted file and the project service's view of the same file can share
 * one (`ProjectService.parsed`). Read-only once made: models are built over it, never into it.
 */
export interface ParsedFile {
  readonly text: string;
  readonly value: YamlValue | undefined;
  readonly errors: readonly ParseError[];
  readonly comments: readonly CommentToken[];
  readonly multilineValues: readonly MultilineValue[];
}

/** Parses a text once (CST comments, composed document, errors) into plain values. Never throws on bad input. */
export function parseFile(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedFile {
  const parsed = parseYaml(text, limits);
  const errors = [...parsed.errors];
  const converted = parsed.document ? toYamlValue(parsed.document, limits, errors) : undefined;
  return { text, value: converted?.value, errors, comments: parsed.comments, multilineValues: converted?.multilineValues ?? [] };
}

/**
 * Builds a file's typed model from its parse (made here unless given; a given one must be of
 * `file.text` with these limits). Never throws on bad input.
 */
export function modelFile(file: SourceFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS, parsed: ParsedFile = parseFile(file.text, limits)): ModelledFile {
  // Where the file is decides first: by its repository path, or the path it was named by.
  const model = parsed.value ? buildModel(parsed.value, fileKindOf(file.relativePath, toPosixPath(file.path)), file) : { kind: 'other' as const };
  return { file, model, errors: parsed.errors, comments: parsed.comments, multilineValues: parsed.multilineValues };
}
