import { afterAll, describe, expect, it } from 'vitest';
import { resolveRuleOptions } from '../src/engine/config/load-config.js';
import { createValidators } from '../src/engine/config/validation.js';
import { applyFixes } from '../src/engine/fix/edit.js';
import { lintAndFix } from '../src/engine/fix/lint-and-fix.js';
import { compileFileTargets } from '../src/engine/file-targets.js';
import { pluginTargets } from '../src/engine/plugin.js';
import { lintText, type LintTextOptions } from '../src/engine/lint-text.js';
import type { LintMessage, LintResult } from '../src/engine/result.js';
import { createProjectService, memorySource } from '../src/engine/project.js';
import type { AnyRule, Messages, Rule } from '../src/engine/rule.js';
import type { Settings } from '../src/engine/settings.js';
import { builtinPlugin } from '../src/rules/index.js';

/** Strips the common indentation of a template literal, so cases can be written inline. */
export function workflow(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

type NoInfer<T> = [T][T extends unknown ? 0 : never];

export interface ValidCase<O> {
  readonly name?: string;
  readonly code: string;
  readonly options?: Partial<O>;
  readonly settings?: Settings;
  /** Path of the linted file; decides workflow, action or a text target (`.npmrc`). Default `.github/workflows/test.yml`. */
  readonly filename?: string;
  /** Other files of the repository, by relative path (package.json, .nvmrc, …). */
  readonly files?: Readonly<Record<string, string>>;
  /** For valid cases: how many findings directives suppressed (proves a directive works, not that nothing fired). */
  readonly suppressedCount?: number;
}

export interface ExpectedError<M extends string> {
  readonly messageId: M;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Substrings the final message must contain. */
  readonly messageIncludes?: readonly string[];
  /** ESLint's number: 1 for a warning, 2 for an error. Checked when given (a rule may lower one finding below its severity). */
  readonly severity?: 1 | 2;
  /**
   * Every related location, in order, when given: `line:column` or `path:line:column` (another file
   * of the repository) for short, or the full range with an optional annotation substring.
   */
  readonly related?: readonly (string | ExpectedRelated)[];
  /**
   * The suggestions of this finding, in order, each with the exact text after applying it alone
   * (ESLint's RuleTester). Required when the finding has suggestions; `[]` asserts it has none.
   */
  readonly suggestions?: readonly ExpectedSuggestion<M>[];
}

export interface ExpectedRelated {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The repository-relative path of another file; absent for the linted file. */
  readonly file?: string;
  /** A substring of the annotation. */
  readonly messageIncludes?: string;
}

export interface ExpectedSuggestion<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Substrings the suggestion's description must contain. */
  readonly descIncludes?: readonly string[];
  readonly output: string;
}

export interface InvalidCase<M extends string, O> extends ValidCase<O> {
  readonly errors: readonly ExpectedError<M>[];
  /** Skip the automatic `trustlint-disable-next-line` check (for findings inside block scalars). */
  readonly skipSuppressionCheck?: boolean;
  /**
   * The text after one pass of the fixes (ESLint's RuleTester `output`); `null` asserts there is no
   * fix. Required when the rule fixes the case.
   */
  readonly output?: string | null;
}

export interface RuleTests<M extends string, O> {
  readonly valid: ReadonlyArray<string | ValidCase<O>>;
  readonly invalid: ReadonlyArray<InvalidCase<M, O>>;
}

// The validators a config with the built-in plugin gets: its rules' options are checked by the generated code.
const validators = createValidators();

function lintOptions(rule: AnyRule, testCase: ValidCase<unknown>): LintTextOptions {
  const options = resolveRuleOptions(rule, testCase.options as Record<string, unknown> | undefined, `test options`, validators, [builtinPlugin]);
  const filename = testCase.filename ?? '.github/workflows/test.yml';
  return {
    filePath: filename,
    relativePath: filename,
    projectPath: filename,
    rules: [{ rule, severity: rule.meta.severity, options }],
    settings: testCase.settings ?? {},
    project: createProjectService(memorySource(testCase.files ?? {})),
    reportUnusedDirectives: 'off',
    // The built-in plugin's text targets, as the CLI lints them.
    targets: compileFileTargets(pluginTargets([builtinPlugin])),
  };
}

export function lintWithRule(rule: AnyRule, testCase: ValidCase<unknown>): LintResult {
  return lintText(testCase.code, lintOptions(rule, testCase));
}

/** `--fix` of this one rule on a case: every pass, until nothing changes. */
export function fixWithRule(rule: AnyRule, testCase: ValidCase<unknown>): LintResult {
  return lintAndFix(testCase.code, lintOptions(rule, testCase));
}

const yamlErrors = (result: LintResult) => result.messages.filter((message) => message.fatal).map((message) => message.message);

function describeMessages(messages: readonly LintMessage[]): string {
  return messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId ?? 'null'}/${m.messageId ?? ''} ${m.message}`).join('\n');
}

/**
 * Registers one vitest case per valid and invalid example. Invalid cases must list every finding,
 * in order, with exact ranges; every messageId of the rule must be hit by some case; and a
 * `trustlint-disable-next-line` above each finding's line must suppress it.
 */
export function testRule<const M extends Messages, O, F extends 'code' | undefined = undefined, S extends boolean | undefined = undefined>(
  rule: Rule<M, O, F, S>,
  tests: RuleTests<NoInfer<keyof M & string>, NoInfer<O>>,
): void {
  const anyRule = rule as unknown as AnyRule;
  const hit = new Set<string>();
  describe(rule.id, () => {
    describe('valid', () => {
      tests.valid.forEach((valid, index) => {
        const testCase = typeof valid === 'string' ? { code: valid } : valid;
        it(testCase.name ?? `valid #${index + 1}`, () => {
          const result = lintWithRule(anyRule, testCase as ValidCase<unknown>);
          expect(describeMessages(result.messages)).toBe('');
          if (testCase.suppressedCount !== undefined) expect(result.suppressedMessages.length).toBe(testCase.suppressedCount);
        });
      });
    });
    describe('invalid', () => {
      tests.invalid.forEach((testCase, index) => {
        it(testCase.name ?? `invalid #${index + 1}`, () => {
          const result = lintWithRule(anyRule, testCase as ValidCase<unknown>);
          const fatal = result.messages.filter((message) => message.fatal);
          expect(describeMessages(fatal)).toBe('');
          const actual = result.messages.map((message) => ({
            messageId: message.messageId,
            line: message.line,
            column: message.column,
            endLine: message.endLine,
            endColumn: message.endColumn,
          }));
          const expected = testCase.errors.map((error) => ({
            messageId: error.messageId,
            line: error.line,
            column: error.column,
            endLine: error.endLine,
            endColumn: error.endColumn,
          }));
          expect(actual, describeMessages(result.messages)).toEqual(expected);
          checkFixes(anyRule, testCase as InvalidCase<string, unknown>, result);
          testCase.errors.forEach((error, errorIndex) => {
            hit.add(error.messageId);
            for (const suggestion of error.suggestions ?? []) hit.add(suggestion.messageId);
            const message = result.messages[errorIndex]!;
            for (const part of error.messageIncludes ?? []) expect(message.message).toContain(part);
            if (error.severity !== undefined) expect(message.severity, `severity of finding ${errorIndex + 1}`).toBe(error.severity);
            if (error.related) {
              const actual = message.related ?? [];
              const related = actual.map((item, relatedIndex) => {
                const wanted = error.related![relatedIndex];
                if (typeof wanted === 'string' || wanted === undefined) return `${item.relativePath !== undefined ? `${item.relativePath}:` : ''}${item.line}:${item.column}`;
                return { line: item.line, column: item.column, endLine: item.endLine, endColumn: item.endColumn, ...(item.relativePath !== undefined ? { file: item.relativePath } : {}) };
              });
              const expectedRelated = error.related.map((item) => (typeof item === 'string' ? item : (({ messageIncludes: _, ...where }) => where)(item)));
              expect(related, `related locations of finding ${errorIndex + 1}`).toEqual(expectedRelated);
              error.related.forEach((item, relatedIndex) => {
                if (typeof item !== 'string' && item.messageIncludes !== undefined) expect(actual[relatedIndex]!.message).toContain(item.messageIncludes);
              });
            }
            if (error.data) {
              const template = rule.meta.messages[error.messageId]!;
              let rendered: string = template;
              for (const [key, value] of Object.entries(error.data)) rendered = rendered.replaceAll(`{{${key}}}`, String(value));
              expect(message.message).toBe(rendered);
            }
            expect(message.message).not.toMatch(/\{\{\s*\w+\s*\}\}/);
          });
          if (!testCase.skipSuppressionCheck) {
            const lines = testCase.code.split('\n');
            const reportedLines = [...new Set(result.messages.map((message) => message.line))].sort((a, b) => b - a);
            for (const line of reportedLines) {
              const indent = /^\s*/.exec(lines[line - 1] ?? '')![0].replace(/-/g, ' ');
              lines.splice(line - 1, 0, `${indent}# trustlint-disable-next-line ${rule.id} -- test`);
            }
            const suppressed = lintWithRule(anyRule, { ...testCase, code: lines.join('\n') } as ValidCase<unknown>);
            expect(describeMessages(suppressed.messages), 'a disable-next-line directive above each finding suppresses it').toBe('');
            expect(suppressed.suppressedMessages.length).toBe(result.messages.length);
          }
        });
      });
    });
    afterAll(() => {
      // Suggestion messages are messages too: each must be shown by some case.
      const missing = Object.keys(rule.meta.messages).filter((id) => !hit.has(id));
      expect(missing, 'every messageId is exercised by an invalid case').toEqual([]);
    });
  });
}

/**
 * ESLint's RuleTester checks of fixes and suggestions, plus trustlint's guarantees: the fixed text
 * still parses, and a second `--fix` over it changes nothing.
 */
export function checkFixes(rule: AnyRule, testCase: InvalidCase<string, unknown>, result: LintResult): void {
  const code = testCase.code;
  const fixed = applyFixes(code, result.messages).output;
  if (testCase.output === undefined) {
    expect(fixed, `the rule fixed the code; add \`output\` to the case:\n${fixed}`).toBe(code);
  } else if (testCase.output === null) {
    expect(fixed, 'the case says there is no fix (`output: null`)').toBe(code);
  } else {
    expect(testCase.output, '`output` equals `code`: for no fix, write `output: null`').not.toBe(code);
    expect(fixed).toBe(testCase.output);
    expect(yamlErrors(lintWithRule(rule, { ...testCase, code: fixed })), 'the fixed text parses').toEqual([]);
    const all = fixWithRule(rule, testCase);
    const final = all.output ?? code;
    expect(yamlErrors(all), 'the text after every pass parses').toEqual([]);
    expect(fixWithRule(rule, { ...testCase, code: final }).output, 'a second --fix changes nothing').toBeUndefined();
  }
  testCase.errors.forEach((error, index) => {
    const message = result.messages[index];
    const actual = message?.suggestions ?? [];
    if (error.suggestions === undefined) {
      expect(
        actual.map((suggestion) => suggestion.messageId),
        `finding ${index + 1} has suggestions; list them in \`suggestions\` (with their output)`,
      ).toEqual([]);
      return;
    }
    expect(actual.map((suggestion) => suggestion.messageId)).toEqual(error.suggestions.map((suggestion) => suggestion.messageId));
    error.suggestions.forEach((expected, suggestionIndex) => {
      const suggestion = actual[suggestionIndex]!;
      const output = code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
      expect(output, `suggestion ${suggestionIndex + 1} (${suggestion.desc})`).toBe(expected.output);
      expect(yamlErrors(lintWithRule(rule, { ...testCase, code: output })), 'the suggested text parses').toEqual([]);
      for (const part of expected.descIncludes ?? []) expect(suggestion.desc).toContain(part);
      expect(suggestion.desc).not.toMatch(/\{\{\s*\w+\s*\}\}/);
      if (expected.data) {
        let rendered = rule.meta.messages[expected.messageId]!;
        for (const [key, value] of Object.entries(expected.data)) rendered = rendered.replaceAll(`{{${key}}}`, String(value));
        expect(suggestion.desc).toBe(rendered);
      }
    });
  });
}
