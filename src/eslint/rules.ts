/** trustlint's rules as ESLint rules: same ids (under `trustlint/`), options, schemas, fixes and suggestions. */
import type { AnyRule, LintMessage, MessageFix } from '../index.js';
import { WorkflowSourceCode } from './language.js';
import { messagesFor, resultOf, type RunContext } from './run.js';

interface Fixer {
  replaceTextRange(range: readonly [number, number], text: string): unknown;
}

/** The part of ESLint's `RuleContext` the rules use. */
interface EslintRuleContext extends RunContext {
  readonly sourceCode: unknown;
  readonly options: readonly unknown[];
  report(descriptor: Record<string, unknown>): void;
}

export interface EslintRule {
  readonly meta: Record<string, unknown>;
  create(context: EslintRuleContext): Record<string, () => void>;
}

const fixWith = (fix: MessageFix) => (fixer: Fixer) => fixer.replaceTextRange(fix.range, String(fix.text));

/** ESLint's report for a trustlint message; trustlint's positions are already ESLint's (1-based, exclusive end). */
function toReport(message: LintMessage): Record<string, unknown> {
  return {
    loc: { start: { line: message.line, column: message.column }, end: { line: message.endLine, column: message.endColumn } },
    message: message.message,
    ...(message.fix ? { fix: fixWith(message.fix) } : {}),
    ...(message.suggestions ? { suggest: message.suggestions.map((suggestion) => ({ desc: suggestion.desc, fix: fixWith(suggestion.fix) })) } : {}),
  };
}

/** Options as trustlint resolves them: the user's object over the rule's defaults (ESLint before 9.15 does not merge). */
function optionsOf(rule: AnyRule, given: unknown): unknown {
  const defaults = rule.meta.defaultOptions;
  if (given === undefined || given === null || typeof given !== 'object') return defaults;
  return defaults && typeof defaults === 'object' ? { ...defaults, ...given } : given;
}

/**
 * The rule's options schema for ESLint. Properties the defaults provide are not required: trustlint
 * merges the defaults before validating, and so does ESLint from 9.15 on, but not 9.7 to 9.14.
 */
function schemaOf(rule: AnyRule): object {
  const { required, ...schema } = rule.meta.schema as { required?: string[] } & Record<string, unknown>;
  const defaults = rule.meta.defaultOptions;
  const stillRequired = (required ?? []).filter((key) => !(defaults && typeof defaults === 'object' && key in defaults));
  return stillRequired.length > 0 ? { ...schema, required: stillRequired } : schema;
}

export function toEslintRule(rule: AnyRule, knownRuleIds: ReadonlySet<string>): EslintRule {
  return {
    meta: {
      type: rule.meta.type,
      docs: { description: rule.meta.docs.description, recommended: rule.meta.docs.recommended, ...(rule.meta.docs.url ? { url: rule.meta.docs.url } : {}) },
      // ESLint 9 requires a schema for a rule given options; trustlint's is the schema of the one options object.
      schema: rule.meta.schema ? [schemaOf(rule)] : [],
      ...(rule.meta.defaultOptions !== undefined ? { defaultOptions: [rule.meta.defaultOptions] } : {}),
      ...(rule.meta.fixable ? { fixable: 'code' } : {}),
      ...(rule.meta.hasSuggestions ? { hasSuggestions: true } : {}),
      // ESLint 10.2+ refuses to run the rule on a file of another language; older versions ignore this.
      languages: ['trustlint/workflow'],
    },
    create(context): Record<string, () => void> {
      const sourceCode = context.sourceCode;
      // Enabled on a file another language parsed (a config without `language: "trustlint/workflow"`): nothing to do.
      if (!(sourceCode instanceof WorkflowSourceCode)) return {};
      const run = (sourceCode.trustlintRun ??= { enabled: [] });
      const first = run.enabled.length === 0;
      // ESLint applies the configured severity; trustlint reports at `error` so nothing is lowered twice.
      run.enabled.push({ rule, severity: 'error', options: optionsOf(rule, context.options[0]) });
      return {
        'Document:exit'() {
          const result = resultOf(run, sourceCode.text, context, knownRuleIds);
          for (const message of messagesFor(result, rule, first)) context.report(toReport(message));
        },
      };
    },
  };
}
