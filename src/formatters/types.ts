import type { LintResult } from '../engine/result.js';
import type { AnyRule } from '../engine/rule.js';

export interface FormatContext {
  /** Every rule that exists, in registry order (SARIF lists them all). */
  readonly rules: readonly AnyRule[];
  readonly version: string;
  /** Colour for the stylish formatter. */
  readonly color: boolean;
}

/** A formatter is a pure function of the results: the CLI does the writing. */
export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;
