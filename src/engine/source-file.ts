import type { Span } from './ast.js';
import { createLineIndex, type LineIndex } from './line-index.js';

/**
 * A file's text as the engine analyses it: the linted file, or any other file of its repository
 * (a called workflow, a local action, package.json). Offsets of every span are UTF-16 code units
 * into `text`, which never starts with a BOM.
 */
export interface SourceFile {
  /** As the user named it (the linted file), or absolute (a file the project service read). */
  readonly path: string;
  /** Relative to the repository root, POSIX separators: how reports name the file. */
  readonly relativePath: string;
  /**
   * Relative to the root of the repository its project service reads (POSIX separators), the path a
   * `uses: ./…` reference names; undefined for a linted file outside any repository.
   */
  readonly projectPath?: string;
  readonly text: string;
  readonly lineIndex: LineIndex;
}

/** A place in some file: what a finding and its related locations point at across files. */
export interface Location {
  readonly file: SourceFile;
  readonly span: Span;
}

export function createSourceFile(path: string, relativePath: string, rawText: string, projectPath?: string): SourceFile {
  // A BOM is not part of the YAML; keep offsets aligned with what editors show by dropping it.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  return { path, relativePath, ...(projectPath !== undefined ? { projectPath } : {}), text, lineIndex: createLineIndex(text) };
}
