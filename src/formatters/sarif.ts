import type { Fix, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { LintFix, LintMessage, SourceLocation } from '../engine/result.js';
import type { AnyRule, RuleSecurity } from '../engine/rule.js';
import type { RuleHelp } from '../engine/rule-docs.js';
import { escapeLinks, keepMostSevere, truncationNotification } from './sarif-limits.js';
import type { FormatContext, Formatter } from './types.js';

/*
 * SARIF 2.1.0 for GitHub code scanning. What GitHub requires and why each field is here:
 * docs/code-scanning.md. The output is a pure function of the results, the rules and the rule
 * docs pages: no timestamps, no absolute paths, sorted, so two runs on the same tree are
 * byte-identical and alert identity (rule id + uri) stays stable across analyses.
 */

const INFORMATION_URI = 'https://github.com/trustlint/trustlint';
const CODE_SCANNING_DOCS = 'https://github.com/trustlint/trustlint/blob/main/docs/code-scanning.md';
/** GitHub keeps at most 10 tags per rule ("fewer than 10" on one docs page); extra ones are dropped. */
const MAX_TAGS = 10;
/** GitHub truncates shortDescription/fullDescription beyond 1024 characters. */
const MAX_DESCRIPTION = 1024;

type Level = 'error' | 'warning';

/**
 * Pseudo-rules for findings that have no rule (`ruleId: null` in the engine), so every result
 * has a `ruleId` and a valid `ruleIndex`. The `trustlint/` prefix cannot collide with a real
 * rule id (those are kebab-case without a slash). Internal errors and unreadable files are not
 * results: they are tool failures, reported as `invocations[0].toolExecutionNotifications`.
 */
interface SyntheticRule {
  readonly id: string;
  readonly description: string;
  readonly why: string;
  readonly fix: string;
  readonly example?: { readonly incorrect: string; readonly correct: string };
  readonly level: Level;
  readonly security: RuleSecurity;
  readonly anchor: string;
}

export const YAML_SYNTAX_RULE_ID = 'trustlint/yaml-syntax';
export const DIRECTIVE_RULE_ID = 'trustlint/directive';
const ANALYSIS_ERROR_ID = 'trustlint/analysis-error';

export const SYNTHETIC_RULES: readonly SyntheticRule[] = [
  {
    id: YAML_SYNTAX_RULE_ID,
    description: 'Require workflow files and action metadata to be valid YAML',
    why:
      'The file could not be parsed, so trustlint could not check it: any publishing problem in it stays hidden. ' +
      'GitHub refuses to run a workflow it cannot parse, and a YAML tool may read duplicate keys or a second document ' +
      'differently from the runner.',
    fix: 'Fix the YAML error at the reported position (indentation, an unclosed quote, a duplicate key, a second `---` document), then run trustlint again.',
    example: {
      incorrect: 'permissions:\n  contents: read\n  contents: write # duplicate key',
      correct: 'permissions:\n  contents: read',
    },
    level: 'error',
    // Low: not a vulnerability itself, but the file's publishing safety is unverified.
    security: { severity: 3.5, precision: 'very-high', tags: ['correctness'] },
    anchor: 'trustlintyaml-syntax',
  },
  {
    id: DIRECTIVE_RULE_ID,
    description: 'Disallow unknown rule ids and unused trustlint disable directives',
    why:
      'A `trustlint-disable` comment that names an unknown rule suppresses nothing, and one that suppresses nothing today ' +
      'would silently hide a future finding on that line.',
    fix: 'Remove the directive, or correct the rule id it names. Keep a `-- reason` on the directives you keep.',
    example: {
      incorrect: '# trustlint-disable-next-line valid-permission -- typo in the rule id\npermissions: {}',
      correct: 'permissions: {}',
    },
    level: 'warning',
    // Low: a stale suppression is a latent blind spot, not an exposure.
    security: { severity: 2.0, precision: 'very-high', tags: ['maintainability'] },
    anchor: 'trustlintdirective',
  },
];

/** `no-long-lived-npm-token` → `NoLongLivedNpmToken`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Repository-relative, each segment percent-encoded (RFC 3986 `uri-reference`). `relativePath` has
 * `/` separators already (the engine converts once, on Windows only); a backslash left in it is part
 * of a POSIX file name and is encoded (`%5C`), never read as a separator.
 */
export function artifactUri(relativePath: string): string {
  return relativePath
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** A string score with one decimal in (0.0, 10.0], or undefined when the rule's value is unusable. */
export function securitySeverity(score: number): string | undefined {
  if (!Number.isFinite(score) || score <= 0 || score > 10) return undefined;
  const text = score.toFixed(1);
  // 0.04 rounds to "0.0", which GitHub reads as "no security severity".
  return text === '0.0' ? undefined : text;
}

function uniqueTags(security: RuleSecurity): string[] {
  const tags = ['security', ...(security.tags ?? [])].filter((tag) => tag.trim() !== '');
  return tags.filter((tag, index) => tags.indexOf(tag) === index).slice(0, MAX_TAGS);
}

/** The first paragraph, cut at a sentence end to fit GitHub's 1024-character limit. */
function firstParagraph(markdown: string): string {
  const paragraph = markdown.split(/\n\s*\n/)[0]?.replace(/\s*\n\s*/g, ' ').trim() ?? '';
  return clip(paragraph, MAX_DESCRIPTION);
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const sentence = cut.lastIndexOf('. ');
  return sentence > max / 2 ? cut.slice(0, sentence + 1) : `${cut.slice(0, max - 1).trimEnd()}…`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

interface HelpInput {
  readonly description: string;
  readonly url: string | undefined;
  readonly docs: RuleHelp | undefined;
}

function buildHelp({ description, url, docs }: HelpInput): { text: string; markdown: string; fullDescription: string } {
  const why = docs?.why || sentence(description);
  const markdown: string[] = [why];
  // Plain text keeps the page's line structure: tables and code blocks would be unreadable on one line.
  const text: string[] = [why];
  if (docs?.fix) {
    markdown.push('### How to fix', docs.fix);
    text.push(`How to fix:\n${docs.fix}`);
  }
  if (docs?.incorrect !== undefined || docs?.correct !== undefined) {
    markdown.push('### Example');
    if (docs.incorrect !== undefined) markdown.push('Flagged:', fenced(docs.incorrect));
    if (docs.correct !== undefined) markdown.push('Fixed:', fenced(docs.correct));
  }
  const references = url ? [`- [Documentation for this rule](${url})`] : [];
  if (docs?.references) references.push(docs.references);
  if (references.length > 0) markdown.push('### References', references.join('\n'));
  if (url) text.push(`Documentation: ${url}`);
  return { markdown: markdown.join('\n\n'), text: text.join('\n\n'), fullDescription: firstParagraph(why) };
}

function fenced(code: string): string {
  const longest = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}yaml\n${code}\n${fence}`;
}

function descriptor(
  id: string,
  description: string,
  level: Level,
  security: RuleSecurity,
  helpUri: string | undefined,
  help: { text: string; markdown: string; fullDescription: string },
): ReportingDescriptor {
  const score = securitySeverity(security.severity);
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: clip(description, MAX_DESCRIPTION) },
    fullDescription: { text: help.fullDescription || sentence(description) },
    help: { text: help.text, markdown: help.markdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level },
    properties: {
      tags: uniqueTags(security),
      precision: security.precision,
      ...(score !== undefined ? { 'security-severity': score } : {}),
      'problem.severity': level,
    },
  };
}

/** A rule's reporting descriptor: its help comes from its meta (built from its docs page), else its description. */
function describeRule(rule: AnyRule): ReportingDescriptor {
  const url = rule.meta.docs.url;
  const help = buildHelp({ description: rule.meta.docs.description, url, docs: rule.meta.docs.help });
  return descriptor(rule.id, rule.meta.docs.description, rule.meta.severity === 'error' ? 'error' : 'warning', rule.meta.security, url, help);
}

function describeSynthetic(rule: SyntheticRule): ReportingDescriptor {
  const url = `${CODE_SCANNING_DOCS}#${rule.anchor}`;
  const docs: RuleHelp = {
    why: rule.why,
    fix: rule.fix,
    ...(rule.example ? { incorrect: rule.example.incorrect, correct: rule.example.correct } : {}),
  };
  return descriptor(rule.id, rule.description, rule.level, rule.security, url, buildHelp({ description: rule.description, url, docs }));
}

// ---------------------------------------------------------------------------------------------
// Results

function region(at: SourceLocation) {
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

function physical(uri: string, at: SourceLocation): Location {
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(at) } };
}

/** Escapes what SARIF's embedded-link syntax would misread in a plain-text message. */
function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (char) => `\\${char}`);
}

/**
 * The first sentence is the alert title, so the rule's message comes first, as written. Related
 * locations are linked after it (`[text](id)`), which GitHub turns into links to those lines.
 */
function messageText(message: LintMessage): string {
  const main = sentence(message.message.replace(/\s*\n\s*/g, ' '));
  // Link syntax in the message (quoted from the file, or a literal `[x](1)`) is not a link.
  const safe = escapeLinks(main);
  const related = message.related ?? [];
  if (related.length === 0) return safe;
  const links = related.map((item, index) => `[${escapeLinkText(item.message)}](${index + 1})`);
  return `${safe} See ${links.join(', ')}.`;
}

/**
 * A safe fix as SARIF `fixes` (one artifact change, one replacement). Suggestions are left out: they
 * may change what the workflow does, and a SARIF consumer may apply a fix without asking.
 */
function sarifFix(uri: string, fix: LintFix): Fix {
  return {
    description: { text: 'The change `trustlint --fix` makes for this finding (its rule page says what it does).' },
    artifactChanges: [
      {
        artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
        replacements: [{ deletedRegion: region(fix.region), insertedContent: { text: fix.text } }],
      },
    ],
  };
}

type Kind = { readonly type: 'result'; readonly ruleId: string } | { readonly type: 'notification' };

/** Where a message without a rule goes; see SYNTHETIC_RULES. */
export function classify(message: LintMessage): Kind {
  if (message.ruleId) return { type: 'result', ruleId: message.ruleId };
  if (message.fatal) {
    // The engine prefixes every parser diagnostic with "YAML: "; other fatal messages are an
    // unreadable file or a crashed rule, i.e. the tool failed, not the code.
    return message.message.startsWith('YAML: ') ? { type: 'result', ruleId: YAML_SYNTAX_RULE_ID } : { type: 'notification' };
  }
  return { type: 'result', ruleId: DIRECTIVE_RULE_ID };
}

function compareLocations(a: { uri: string; at: SourceLocation }, b: { uri: string; at: SourceLocation }): number {
  return (
    compareStrings(a.uri, b.uri) ||
    a.at.line - b.at.line ||
    a.at.column - b.at.column ||
    a.at.endLine - b.at.endLine ||
    a.at.endColumn - b.at.endColumn
  );
}

/** Code-unit order, independent of the process locale (`localeCompare` is not). */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface SarifOptions {
  /** Results kept per run (GitHub's limit by default; tests use a small one). */
  readonly maxResults?: number;
}

/** Builds the SARIF log object (exported for tests and API users). */
export function buildSarif(results: Parameters<Formatter>[0], context: FormatContext, options: SarifOptions = {}): Log {
  // A fixed order: the registry order, then the pseudo-rules. Duplicate ids would make ruleIndex ambiguous.
  const seen = new Set<string>();
  const realRules = context.rules.filter((rule) => !seen.has(rule.id) && seen.add(rule.id));
  const descriptors = [...realRules.map((rule) => describeRule(rule)), ...SYNTHETIC_RULES.map(describeSynthetic)];
  const ruleIndex = new Map(descriptors.map((rule, index) => [rule.id, index]));

  const entries: { uri: string; at: SourceLocation; ruleId: string; text: string; result: Result }[] = [];
  const notes: { uri: string; at: SourceLocation; text: string; notification: Notification }[] = [];
  for (const lintResult of results) {
    const uri = artifactUri(lintResult.relativePath);
    const add = (message: LintMessage, suppressed: boolean) => {
      const kind = classify(message);
      const level: Level = message.severity === 2 ? 'error' : 'warning';
      const text = messageText(message);
      if (kind.type === 'notification') {
        notes.push({
          uri,
          at: message,
          text,
          notification: { level, message: { text }, locations: [physical(uri, message)], descriptor: { id: ANALYSIS_ERROR_ID } },
        });
        return;
      }
      const index = ruleIndex.get(kind.ruleId);
      // A related location in another file (the chain to a publish in a script or a called workflow) is its own artifact.
      const related = (message.related ?? []).map((item, i) => ({
        id: i + 1,
        ...physical(item.relativePath !== undefined ? artifactUri(item.relativePath) : uri, item),
        message: { text: escapeLinks(sentence(item.message)) },
      }));
      const suppressions = (message.suppressions ?? []).map((suppression) => ({
        kind: 'inSource' as const,
        status: 'accepted' as const,
        ...(suppression.justification.trim() ? { justification: suppression.justification.trim() } : {}),
      }));
      const result: Result = {
        ruleId: kind.ruleId,
        // An id missing from context.rules (an API caller passing a subset) keeps its ruleId only.
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level,
        message: { text },
        locations: [physical(uri, message)],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
        ...(suppressions.length > 0 ? { suppressions } : {}),
        ...(message.fix && !suppressed ? { fixes: [sarifFix(uri, message.fix)] } : {}),
      };
      entries.push({ uri, at: message, ruleId: kind.ruleId, text, result });
    };
    for (const message of lintResult.messages) add(message, false);
    for (const message of lintResult.suppressedMessages) add(message, true);
  }
  entries.sort((a, b) => compareLocations(a, b) || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.text, b.text));
  notes.sort((a, b) => compareLocations(a, b) || compareStrings(a.text, b.text));
  const { kept, dropped } = keepMostSevere(entries, descriptors, options.maxResults);
  const notifications = [...notes.map((note) => note.notification), ...(dropped > 0 ? [truncationNotification(dropped, options.maxResults)] : [])];

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trustlint',
            version: context.version,
            semanticVersion: context.version,
            informationUri: INFORMATION_URI,
            rules: descriptors,
          },
        },
        // No times, no working directory: only whether every file was fully analysed.
        invocations: [
          {
            executionSuccessful: notes.length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        automationDetails: { id: 'trustlint/' },
        columnKind: 'utf16CodeUnits',
        results: kept.map((entry) => entry.result),
      },
    ],
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one run, every rule listed, deterministic output. */
export const formatSarif: Formatter = (results, context) => `${JSON.stringify(buildSarif(results, context), null, 2)}\n`;
