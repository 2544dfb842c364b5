import type { Notification, ReportingDescriptor, Result } from 'sarif';

/**
 * GitHub's limit on results per SARIF run: upload-sarif rejects a run with more
 * (docs/code-scanning.md, ../shared/reference/sarif-code-scanning.md).
 */
export const MAX_RESULTS_PER_RUN = 25_000;

export const RESULTS_TRUNCATED_ID = 'trustlint/results-truncated';

/**
 * Keeps at most `max` results: the most severe first (not suppressed before suppressed, `error`
 * before `warning`, then the rule's security severity), ties in the order they came in. What is
 * kept stays in that order, so the output is as deterministic as the input.
 */
export function keepMostSevere<T extends { readonly result: Result; readonly ruleId: string }>(
  entries: readonly T[],
  rules: readonly ReportingDescriptor[],
  max = MAX_RESULTS_PER_RUN,
): { kept: T[]; dropped: number } {
  if (entries.length <= max) return { kept: [...entries], dropped: 0 };
  const security = new Map(rules.map((rule) => [rule.id, Number(rule.properties?.['security-severity'] ?? 0) || 0]));
  const rank = (entry: T) => [
    entry.result.suppressions?.length ? 1 : 0,
    entry.result.level === 'error' ? 0 : 1,
    -(security.get(entry.ruleId) ?? 0),
  ];
  const order = entries.map((entry, index) => ({ index, rank: rank(entry) }));
  order.sort((a, b) => a.rank[0]! - b.rank[0]! || a.rank[1]! - b.rank[1]! || a.rank[2]! - b.rank[2]! || a.index - b.index);
  const keep = order.slice(0, max).map((item) => item.index);
  keep.sort((a, b) => a - b);
  return { kept: keep.map((index) => entries[index]!), dropped: entries.length - max };
}

/** The tool notification that says results were left out, and which. */
export function truncationNotification(dropped: number, max = MAX_RESULTS_PER_RUN): Notification {
  return {
    level: 'warning',
    message: {
      text:
        `${dropped} results were left out: GitHub code scanning accepts at most ${max} results per run. ` +
        `The ${max} most severe are kept (errors before warnings, then by security severity); ` +
        'run trustlint with --format json to see every finding.',
    },
    descriptor: { id: RESULTS_TRUNCATED_ID },
  };
}

/**
 * Message text quotes the linted file, and SARIF viewers (GitHub among them) render `[text](target)`
 * in a plain-text message as a link. Link syntax in such text is escaped (`\[`, `\]`, `\\`), so a
 * file cannot put a link to an arbitrary site in an alert. Text without it is left as it is.
 */
export function escapeLinks(text: string): string {
  return text.includes('[') && /\][ \t]*\(/.test(text) ? text.replace(/[[\]\\]/g, (char) => `\\${char}`) : text;
}
