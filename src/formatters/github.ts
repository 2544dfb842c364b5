import { chainOf, describeLink } from './chain.js';
import type { Formatter } from './types.js';

// Escaping exactly as @actions/core's command.ts does (escapeData / escapeProperty).
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub workflow commands: each finding becomes an annotation on the pull request. */
export const formatGithub: Formatter = (results, context) => {
  const lines: string[] = [];
  const docsUrls = new Map(context.rules.flatMap((rule) => (rule.meta.docs.url ? [[rule.id, rule.meta.docs.url] as const] : [])));
  for (const result of results) {
    for (const message of result.messages) {
      const command = message.severity === 2 ? 'error' : 'warning';
      const title = message.ruleId ? `trustlint/${message.ruleId}` : message.fatal ? 'trustlint: fatal' : 'trustlint';
      const properties = [
        `file=${escapeProperty(result.relativePath)}`,
        `line=${message.line}`,
        `col=${message.column}`,
        `endLine=${message.endLine}`,
        `endColumn=${message.endColumn}`,
        `title=${escapeProperty(title)}`,
      ].join(',');
      // The annotation is all a reviewer sees: give it the chain into other files and the way to the rule's docs.
      const chain = chainOf(message);
      const via = chain.length > 0 ? `\n\nVia:\n${chain.map((item) => `- ${describeLink(item)}`).join('\n')}` : '';
      const url = message.ruleId ? docsUrls.get(message.ruleId) : undefined;
      const text = url ? `${message.message}${via}\n\nDocs: ${url}` : `${message.message}${via}`;
      lines.push(`::${command} ${properties}::${escapeData(text)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
