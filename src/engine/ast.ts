import type { SourceFile } from './source-file.js';

/**
 * The typed model of workflow files and action metadata. Every node keeps its source span so a
 * rule can report exactly where a fact comes from. The model never throws on a wrong shape: a
 * value that is not what GitHub expects stays available as a raw `YamlValue` and the typed field
 * is left undefined (or empty), so rules that need it stay silent.
 */

/** Half-open UTF-16 offset range into the file's text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Where a value was written. `span` is the text of the value itself; when the value was reached
 * through a YAML alias, `aliasSpan` is the `*alias` at the use site (the place a finding points at).
 */
interface Located {
  readonly span: Span;
  readonly aliasSpan?: Span;
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

/** A YAML scalar. `text` is the value as the runner sees it (`true` → "true", `null` → ""). */
export interface YamlScalar extends Located {
  readonly type: 'scalar';
  readonly value: string | number | boolean | null;
  readonly text: string;
  readonly style: ScalarStyle;
}

export interface YamlMap extends Located {
  readonly type: 'map';
  readonly entries: readonly YamlEntry[];
  /** Last entry for each plain key; GitHub rejects duplicate keys, the last one is what YAML tools keep. */
  readonly byKey: ReadonlyMap<string, YamlEntry>;
}

export interface YamlSeq extends Located {
  readonly type: 'seq';
  readonly items: readonly YamlValue[];
}

/** An empty value (`key:` with nothing after it). */
export interface YamlNull extends Located {
  readonly type: 'null';
}

export type YamlValue = YamlScalar | YamlMap | YamlSeq | YamlNull;

export interface YamlEntry {
  readonly key: YamlScalar;
  readonly value: YamlValue;
  /** From the start of the key to the end of the value. */
  readonly span: Span;
}

/** `KEY: value` pairs of an `env:` block; `dynamic` when the block itself is an expression. */
export interface EnvBlock {
  readonly entry: YamlEntry;
  readonly vars: ReadonlyMap<string, YamlEntry>;
  readonly dynamic: boolean;
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
export type PermissionsNode =
  | { readonly kind: 'shorthand'; readonly entry: YamlEntry; readonly value: YamlScalar }
  | { readonly kind: 'scopes'; readonly entry: YamlEntry; readonly scopes: ReadonlyMap<string, YamlEntry> }
  /** An expression or a wrong shape: nothing can be known about it. */
  | { readonly kind: 'unknown'; readonly entry: YamlEntry };

/** A `uses:` reference split into its parts. */
export interface ActionRef {
  readonly kind: 'repository' | 'local' | 'docker' | 'unknown';
  /** `owner/repo` (lower-cased) for repository refs, the path for local ones. */
  readonly name: string;
  /** `owner/repo/sub/path` lower-cased, for refs into a sub-directory action. */
  readonly fullName: string;
  readonly ref?: string;
  /** A `# v1.2.3` comment after a SHA pin (Dependabot/Renovate format). */
  readonly refComment?: string;
  readonly scalar: YamlScalar;
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idsteps
export interface StepNode extends Located {
  readonly kind: 'step';
  readonly index: number;
  /** The job that runs this step, or the composite action that declares it. */
  readonly parent: JobNode | ActionNode;
  readonly map: YamlMap;
  readonly id?: YamlScalar;
  readonly name?: YamlScalar;
  readonly if?: YamlEntry;
  readonly uses?: ActionRef;
  readonly with: ReadonlyMap<string, YamlEntry>;
  readonly withEntry?: YamlEntry;
  readonly run?: YamlScalar;
  readonly runEntry?: YamlEntry;
  readonly shell?: YamlScalar;
  readonly env?: EnvBlock;
  readonly workingDirectory?: YamlScalar;
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobs
export interface JobNode extends Located {
  readonly kind: 'job';
  readonly id: string;
  readonly key: YamlScalar;
  readonly workflow: WorkflowNode;
  readonly map: YamlMap;
  readonly name?: YamlScalar;
  readonly runsOn?: YamlEntry;
  readonly permissions?: PermissionsNode;
  readonly environment?: YamlEntry;
  readonly env?: EnvBlock;
  readonly defaults?: YamlEntry;
  readonly container?: YamlEntry;
  readonly services?: YamlEntry;
  readonly strategy?: YamlEntry;
  readonly matrix?: YamlValue;
  readonly needs: readonly YamlScalar[];
  readonly if?: YamlEntry;
  readonly concurrency?: YamlEntry;
  /** A reusable-workflow call (`jobs.<id>.uses`). */
  readonly uses?: ActionRef;
  readonly with: ReadonlyMap<string, YamlEntry>;
  readonly secrets?: YamlEntry;
  readonly steps: readonly StepNode[];
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#on
export interface WorkflowNode extends Located {
  readonly kind: 'workflow';
  /** The file it was read from: every span below is an offset into its text. */
  readonly file: SourceFile;
  readonly root: YamlMap;
  readonly name?: YamlScalar;
  readonly on?: YamlEntry;
  /** Event names from `on:` (string, list or map form). */
  readonly triggers: readonly string[];
  readonly permissions?: PermissionsNode;
  readonly env?: EnvBlock;
  readonly defaults?: YamlEntry;
  readonly concurrency?: YamlEntry;
  readonly jobsEntry?: YamlEntry;
  readonly jobs: readonly JobNode[];
}

// https://docs.github.com/en/actions/reference/workflows-and-actions/metadata-syntax
export interface ActionNode extends Located {
  readonly kind: 'action';
  /** The file it was read from: every span below is an offset into its text. */
  readonly file: SourceFile;
  readonly root: YamlMap;
  readonly name?: YamlScalar;
  readonly inputs?: YamlEntry;
  readonly runsEntry?: YamlEntry;
  /** `runs.using`, lower-cased (`composite`, `node20`, `docker`, …). */
  readonly using?: YamlScalar;
  /** Steps of a composite action; empty for other kinds. */
  readonly steps: readonly StepNode[];
}

/**
 * A file that a plugin declares as a lint target besides workflows and action metadata (a client
 * configuration, a credentials file): rules read it as text, through the `textFile` visitor.
 */
export interface TextFileNode {
  readonly kind: 'text';
  readonly file: SourceFile;
  /** The name of the plugin target it matched (`FileTarget.name`). */
  readonly target: string;
  /**
   * For a target whose comments are YAML: the document, read with the linter's parser and limits,
   * when it parses without errors; undefined otherwise (the text is still there).
   */
  readonly yaml?: YamlValue;
}

export type FileModel =
  | { readonly kind: 'workflow'; readonly workflow: WorkflowNode }
  | { readonly kind: 'action'; readonly action: ActionNode }
  /** Not a mapping at the top, or neither a workflow nor an action: nothing to lint. */
  | { readonly kind: 'other' };
