import type { Formatter } from './types.js';
import { visibleText } from '../engine/result.js';
import { chainOf, describeLink } from './chain.js';

const paint = (enabled: boolean) => ({
  red: (text: string) => (enabled ? `\u001b[31m${text}\u001b[39m` : text),
  yellow: (text: string) => (enabled ? `\u001b[33m${text}\u001b[39m` : text),
  dim: (text: string) => (enabled ? `\u001b[2m${text}\u001b[22m` : text),
  underline: (text: string) => (enabled ? `\u001b[4m${text}\u001b[24m` : text),
  bold: (text: string) => (enabled ? `\u001b[1m${text}\u001b[22m` : text),
});

/** ESLint's stylish layout: findings grouped by file, `line:column  severity  message  rule`. */
export const formatStylish: Formatter = (results, context) => {
  const colors = paint(context.color);
  let output = '';
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const result of results) {
    suppressed += result.suppressedMessages.length;
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount ?? 0;
    fixableWarnings += result.fixableWarningCount ?? 0;
    const rows = result.messages.map((message) => [
      `${message.line}:${message.column}`,
      message.severity === 2 ? colors.red('error') : colors.yellow('warning'),
      message.message.replace(/\.$/, ''),
      // No rule (YAML and directive problems): nothing, not an empty colour sequence that `trimEnd` cannot remove.
      (message.ruleId ? colors.dim(message.ruleId) : '') + (message.fix ? ` ${colors.dim('(fixable)')}` : ''),
    ]);
    // As ESLint's table: position, severity and message are padded, so rule ids line up.
    // A reduce, not `Math.max(...)`: a hostile file can have more findings than a call takes arguments.
    const widths = [0, 1, 2].map((column) => rows.reduce((widest, row) => Math.max(widest, visibleLength(row[column]!)), 0));
    // A file name is text from the linted tree too: escape control characters like messages.
    output += `\n${colors.underline(visibleText(result.filePath))}\n`;
    rows.forEach((row, index) => {
      output += `  ${pad(row[0]!, widths[0]!)}  ${pad(row[1]!, widths[1]!)}  ${pad(row[2]!, widths[2]!)}  ${row[3]}`.trimEnd() + '\n';
      // The chain into other files, under the finding: the reader's editor shows only this file.
      const indent = ' '.repeat(2 + widths[0]! + 2);
      for (const item of chainOf(result.messages[index]!)) output += `${indent}${colors.dim(`\u21b3 ${describeLink(item)}`)}\n`;
    });
  }
  const total = errors + warnings;
  if (total > 0) {
    const summary = `\u2716 ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
    const paint = (text: string) => colors.bold(errors > 0 ? colors.red(text) : colors.yellow(text));
    output += `\n${paint(summary)}\n`;
    // ESLint's line: how many of them `--fix` would fix.
    if (fixableErrors > 0 || fixableWarnings > 0) {
      output += `${paint(`  ${fixableErrors} error${fixableErrors === 1 ? '' : 's'} and ${fixableWarnings} warning${fixableWarnings === 1 ? '' : 's'} potentially fixable with the \`--fix\` option.`)}\n`;
    }
  }
  if (suppressed > 0) output += `${colors.dim(`${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed by directives`)}\n`;
  return output;
};

function visibleLength(text: string): number {
  return text.replace(/\u001b\[\d+m/g, '').length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}
