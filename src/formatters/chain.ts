import type { LintMessage, RelatedMessage } from '../engine/result.js';
import { visibleText } from '../engine/result.js';

/**
 * The related locations of a finding that are in other files: the chain through which the linted
 * line reaches a publish (a package.json script, a Makefile target, a called workflow). Text
 * formatters print them, since a reader cannot see them from the finding's own line.
 */
export function chainOf(message: LintMessage): readonly RelatedMessage[] {
  return (message.related ?? []).filter((item) => item.relativePath !== undefined);
}

/** `path:line:column message`, with the path's control characters escaped (it comes from the linted tree). */
export function describeLink(item: RelatedMessage): string {
  return `${visibleText(item.relativePath ?? '')}:${item.line}:${item.column} ${item.message}`;
}
