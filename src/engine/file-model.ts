import type { FileModel } from './ast.js';
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

/** Parses a file once (CST comments, composed document, errors) and builds its typed model. Never throws on bad input. */
export function modelFile(file: SourceFile, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ModelledFile {
  const parsed = parseYaml(file.text, limits);
  const errors = [...parsed.errors];
  const converted = parsed.document ? toYamlValue(parsed.document, limits, errors) : undefined;
  // Where the file is decides first: by its repository path, or the path it was named by.
  const model = converted ? buildModel(converted.value, fileKindOf(file.relativePath, toPosixPath(file.path)), file) : { kind: 'other' as const };
  return { file, model, errors, comments: parsed.comments, multilineValues: converted?.multilineValues ?? [] };
}
