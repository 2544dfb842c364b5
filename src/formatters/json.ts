import type { Formatter } from './types.js';

/** ESLint's JSON formatter shape, so tools that read ESLint output read ours. */
export const formatJson: Formatter = (results) =>
  JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      messages: result.messages.map(toEslintMessage),
      suppressedMessages: result.suppressedMessages.map(toEslintMessage),
      errorCount: result.errorCount,
      fatalErrorCount: result.fatalErrorCount,
      warningCount: result.warningCount,
      fixableErrorCount: result.fixableErrorCount ?? 0,
      fixableWarningCount: result.fixableWarningCount ?? 0,
      // As ESLint: the fixed text, when --fix or --fix-dry-run changed the file.
      ...(result.output !== undefined ? { output: result.output } : {}),
      usedDeprecatedRules: [],
    })),
  );

function toEslintMessage(message: import('../engine/result.js').LintMessage) {
  return {
    ruleId: message.ruleId,
    ...(message.messageId ? { messageId: message.messageId } : {}),
    severity: message.severity,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
    ...(message.fatal ? { fatal: true } : {}),
    ...(message.suppressions ? { suppressions: message.suppressions } : {}),
    // ESLint's shapes: `fix: { range, text }`, `suggestions: [{ desc, messageId, fix }]`.
    ...(message.fix ? { fix: { range: [...message.fix.range], text: message.fix.text } } : {}),
    ...(message.suggestions
      ? {
          suggestions: message.suggestions.map((suggestion) => ({
            desc: suggestion.desc,
            ...(suggestion.messageId ? { messageId: suggestion.messageId } : {}),
            fix: { range: [...suggestion.fix.range], text: suggestion.fix.text },
          })),
        }
      : {}),
    // Not in ESLint's shape: secondary locations, each with its own `filePath` when it is in another file.
    ...(message.related
      ? {
          related: message.related.map((item) => ({
            message: item.message,
            ...(item.filePath !== undefined ? { filePath: item.filePath } : {}),
            line: item.line,
            column: item.column,
            endLine: item.endLine,
            endColumn: item.endColumn,
          })),
        }
      : {}),
  };
}
