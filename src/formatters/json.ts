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
      fixableErrorCount: 0,
      fixableWarningCount: 0,
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
