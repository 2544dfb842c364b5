import { lintText, type LintTextOptions } from '../lint-text.js';
import type { LintMessage, LintResult } from '../result.js';
import { applyFixes } from './edit.js';

/** ESLint's MAX_AUTOFIX_PASSES: fixes that keep making room for others stop here. */
export const MAX_FIX_PASSES = 10;

const isYamlError = (message: LintMessage) => message.fatal === true && message.ruleId === null && message.message.startsWith('YAML: ');

/**
 * Lints a file and applies its fixes as ESLint's `verifyAndFix` does: each pass applies the fixes
 * that do not overlap (sorted by range; the others wait), then the text is linted again, up to ten
 * passes. The result is the last lint, with `output` when the text changed. A file with a YAML error
 * is never fixed, and a pass whose output no longer parses is dropped (a rule bug; never silently
 * written). A BOM stays.
 */
export function lintAndFix(rawText: string, options: LintTextOptions, shouldFix: (message: LintMessage) => boolean = () => true): LintResult {
  const bom = rawText.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  let text = bom ? rawText.slice(1) : rawText;
  let result = lintText(text, options);
  if (result.messages.some(isYamlError)) return result;
  let changed = false;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { output, applied } = applyFixes(text, result.messages.filter(shouldFix));
    if (applied.length === 0 || output === text) break;
    const next = lintText(output, options);
    if (next.messages.some(isYamlError)) break;
    text = output;
    result = next;
    changed = true;
  }
  return changed ? { ...result, output: bom + text } : result;
}
