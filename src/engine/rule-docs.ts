/**
 * A rule's help, as SARIF shows it in code scanning: the opening of its docs page, how to fix it,
 * an incorrect and a correct example, and further reading. Parsed from `docs/rules/<id>.md` when the
 * package is built (`scripts/rule-help.ts`), never at run time, so formatters read no files.
 */

/** What the SARIF help needs from a rule's docs page. */
export interface RuleHelp {
  /** Paragraphs before the first `##` heading, without the title and the metadata table. */
  readonly why: string;
  readonly fix?: string;
  readonly incorrect?: string;
  readonly correct?: string;
  /** The "Further reading" list, links made absolute. */
  readonly references?: string;
}

/** Splits a docs page into the parts the help uses. Never throws; missing parts stay undefined. */
export function parseRuleDoc(markdown: string, pageUrl: string): RuleHelp {
  const body = markdown.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
  const sections: { title: string; lines: string[] }[] = [{ title: '', lines: [] }];
  const examples: { info: string; code: string }[] = [];
  let fence: { marker: string; info: string; lines: string[] } | undefined;
  for (const line of body.split('\n')) {
    const current = sections[sections.length - 1]!;
    if (fence) {
      current.lines.push(line);
      if (line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        examples.push({ info: fence.info, code: fence.lines.join('\n') });
        fence = undefined;
      } else fence.lines.push(line);
      continue;
    }
    const open = /^\s*(`{3,}|~{3,})\s*(.*)$/.exec(line);
    if (open) {
      fence = { marker: open[1]!, info: open[2]!.trim(), lines: [] };
      current.lines.push(line);
      continue;
    }
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading && !line.startsWith('###')) {
      sections.push({ title: heading[1]!.toLowerCase(), lines: [] });
      continue;
    }
    current.lines.push(line);
  }
  const text = (lines: readonly string[]) => absolutizeLinks(lines.join('\n').trim(), pageUrl);
  const preamble = sections[0]!.lines.filter((line) => !/^#\s/.test(line) && !/^\s*\|/.test(line));
  const section = (...names: string[]) => sections.find((candidate) => names.includes(candidate.title));
  const fix = section('remediation', 'how to fix', 'fix');
  const references = section('further reading', 'references', 'resources');
  const example = (kind: string) => examples.find((item) => item.info.split(/\s+/).includes(kind))?.code;
  const incorrect = example('incorrect');
  const correct = example('correct');
  return {
    why: text(preamble),
    ...(fix && text(fix.lines) ? { fix: text(fix.lines) } : {}),
    ...(incorrect !== undefined ? { incorrect: stripTestMarkers(incorrect) } : {}),
    ...(correct !== undefined ? { correct: stripTestMarkers(correct) } : {}),
    ...(references && text(references.lines) ? { references: text(references.lines) } : {}),
  };
}

/** `# ERROR: unknownScope` marks where the docs test expects a finding; readers need no message ids. */
function stripTestMarkers(code: string): string {
  return code.replace(/[ \t]*#\s*(?:ERROR|WARN(?:ING)?)\s*:\s*[\w-]+(?:\s*,\s*[\w-]+)*[ \t]*$/gm, ' # ← flagged').trimEnd();
}

/** Help is shown outside the docs site, so relative links and anchors must point at the page. */
function absolutizeLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/(\]\()([^)\s]+)(\))/g, (whole, open: string, href: string, close: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return whole;
    try {
      return `${open}${new URL(href, pageUrl).href}${close}`;
    } catch {
      return whole;
    }
  });
}
