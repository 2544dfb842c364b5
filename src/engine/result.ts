/**
 * What linting produces, in ESLint's shape: 1-based lines and columns, exclusive ends, UTF-16
 * columns. SARIF regions use the same convention, so formatters copy positions as they are.
 */

import type { SourceLocation } from './line-index.js';

export type { SourceLocation };

/**
 * A secondary location of a finding: where a token is bound, the anchor of an alias, or a step of
 * the chain that leads to a publish in another file (a package.json script, a called workflow).
 */
export interface RelatedMessage extends SourceLocation {
  readonly message: string;
  /** Set when the location is in another file than the result's: that file, as `filePath` and `relativePath` name it. */
  readonly filePath?: string;
  readonly relativePath?: string;
}

export interface Suppression {
  readonly kind: 'directive';
  readonly justification: string;
}

/** A fix as ESLint writes it: replace `range` (offsets into the text without a BOM) with `text`. */
export interface MessageFix {
  readonly range: readonly [number, number];
  readonly text: string;
}

/** A safe fix, with the replaced range also as lines and columns (SARIF's `deletedRegion`). */
export interface LintFix extends MessageFix {
  readonly region: SourceLocation;
}

/** A change the user may choose (ESLint's `suggestions`): `desc` says what it does. */
export interface LintSuggestion {
  readonly desc: string;
  readonly messageId?: string;
  readonly fix: MessageFix;
}

export interface LintMessage extends SourceLocation {
  /** The bare rule id; null for YAML errors, directive problems and internal errors. */
  readonly ruleId: string | null;
  readonly messageId?: string;
  /** 1 = warning, 2 = error (ESLint's numbers). */
  readonly severity: 1 | 2;
  readonly message: string;
  /** Set on YAML errors and internal errors: the file could not be (fully) analysed. */
  readonly fatal?: true;
  readonly related?: readonly RelatedMessage[];
  readonly suppressions?: readonly Suppression[];
  /** The stack of an internal error, for `--debug`; formatters never print it. */
  readonly stack?: string;
  /** A fix that keeps the workflow's behaviour: what `--fix` applies. */
  readonly fix?: LintFix;
  /** Changes a user may choose; they may change behaviour, so `--fix` never applies them. */
  readonly suggestions?: readonly LintSuggestion[];
}

export interface LintResult {
  readonly filePath: string;
  /** Relative to the repository root (POSIX), for SARIF and annotations. */
  readonly relativePath: string;
  readonly messages: readonly LintMessage[];
  readonly suppressedMessages: readonly LintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fatalErrorCount: number;
  /** Errors and warnings that carry a fix (ESLint's counts; absent means 0). */
  readonly fixableErrorCount?: number;
  readonly fixableWarningCount?: number;
  /** The fixed text, when `--fix` or `--fix-dry-run` changed the file (ESLint's `output`). */
  readonly output?: string;
  /** A rule crashed on this file (exit code 2). */
  readonly internalError?: boolean;
  /**
   * Other files of the repository the result depended on (repository-relative, sorted), read or
   * looked for: a change to any of them may change the result (for `--cache` and editors).
   */
  readonly dependencies?: readonly string[];
}

export function summarize(
  filePath: string,
  relativePath: string,
  messages: LintMessage[],
  suppressedMessages: LintMessage[],
  internalError = false,
): LintResult {
  const sorted = messages.map(withVisibleText).sort(compareMessages);
  return {
    filePath,
    relativePath,
    messages: sorted,
    suppressedMessages: suppressedMessages.map(withVisibleText).sort(compareMessages),
    errorCount: sorted.filter((message) => message.severity === 2).length,
    warningCount: sorted.filter((message) => message.severity === 1).length,
    fatalErrorCount: sorted.filter((message) => message.fatal).length,
    fixableErrorCount: sorted.filter((message) => message.severity === 2 && message.fix).length,
    fixableWarningCount: sorted.filter((message) => message.severity === 1 && message.fix).length,
    ...(internalError ? { internalError: true } : {}),
  };
}

// Messages quote the linted file (rule ids in directives, YAML errors, rule data). A control
// character or bidi override from a hostile file would rewrite or reorder the terminal line that
// reports it: every message, whoever built it, shows them escaped.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text from a linted file made safe to print on a terminal: control and bidi characters as `\uXXXX`. */
export function visibleText(text: string): string {
  UNSAFE_CHARACTERS.lastIndex = 0;
  if (!UNSAFE_CHARACTERS.test(text)) return text;
  return text.replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function withVisibleText(message: LintMessage): LintMessage {
  const text = visibleText(message.message);
  const suggestions = message.suggestions?.map((suggestion) => {
    const desc = visibleText(suggestion.desc);
    return desc === suggestion.desc ? suggestion : { ...suggestion, desc };
  });
  const changed = text !== message.message || suggestions?.some((suggestion, index) => suggestion !== message.suggestions![index]);
  return changed ? { ...message, message: text, ...(suggestions ? { suggestions } : {}) } : message;
}

function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn ||
    (a.ruleId ?? '').localeCompare(b.ruleId ?? '') ||
    a.message.localeCompare(b.message)
  );
}
