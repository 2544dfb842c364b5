import type { Log, ReportingDescriptor, Result, Location } from 'sarif';
import type { LintMessage, LintResult, SourceLocation } from '../engine/result.js';
import { ruleDocsUrl, type AnyRule } from '../engine/rule.js';
import type { Formatter } from './types.js';

const INFORMATION_URI = 'https://github.com/trustlint/trustlint';

/** `no-long-lived-npm-token` → `NoLongLivedNpmToken`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Repository-relative, forward slashes, each segment percent-encoded. */
export function artifactUri(relativePath: string): string {
  return relativePath
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function describeRule(rule: AnyRule): ReportingDescriptor {
  const url = ruleDocsUrl(rule.id);
  const description = rule.meta.docs.description;
  const tags = ['security', ...(rule.meta.security.tags ?? [])].filter((tag, index, all) => all.indexOf(tag) === index).slice(0, 10);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: description },
    fullDescription: { text: `${description}.` },
    help: {
      text: `${description}. See ${url}`,
      markdown: `**${description}.**\n\nSee [the rule's documentation](${url}) for why it matters, what it flags and how to fix it.`,
    },
    helpUri: url,
    defaultConfiguration: { level: rule.meta.severity === 'error' ? 'error' : 'warning' },
    properties: {
      tags,
      precision: rule.meta.security.precision,
      'security-severity': rule.meta.security.severity.toFixed(1),
      'problem.severity': rule.meta.severity === 'error' ? 'error' : 'warning',
    },
  };
}

function region(location: SourceLocation) {
  return {
    startLine: location.line,
    startColumn: location.column,
    endLine: location.endLine,
    endColumn: location.endColumn,
  };
}

function location(uri: string, at: SourceLocation, id?: number, text?: string): Location {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(at) },
    ...(text ? { message: { text } } : {}),
  };
}

/** SARIF 2.1.0 for GitHub code scanning: one run, every rule listed, deterministic output. */
export const formatSarif: Formatter = (results, context) => {
  const rules = [...context.rules].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const sarifResults: Result[] = [];
  const sorted = [...results].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  for (const result of sorted) {
    const uri = artifactUri(result.relativePath);
    const add = (message: LintMessage) => {
      const related = (message.related ?? []).map((item, index) => location(uri, item, index + 1, item.message));
      const entry: Result = {
        ...(message.ruleId ? { ruleId: message.ruleId } : { ruleId: message.fatal ? 'trustlint/fatal' : 'trustlint/directive' }),
        ...(message.ruleId && ruleIndex.has(message.ruleId) ? { ruleIndex: ruleIndex.get(message.ruleId)! } : {}),
        level: message.severity === 2 ? 'error' : 'warning',
        message: { text: message.message.endsWith('.') ? message.message : `${message.message}.` },
        locations: [location(uri, message)],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
        ...(message.suppressions
          ? {
              suppressions: message.suppressions.map((suppression) => ({
                kind: 'inSource' as const,
                ...(suppression.justification ? { justification: suppression.justification } : {}),
              })),
            }
          : {}),
      };
      sarifResults.push(entry);
    };
    for (const message of result.messages) add(message);
    for (const message of result.suppressedMessages) add(message);
  }
  sarifResults.sort(
    (a, b) =>
      (a.locations![0]!.physicalLocation!.artifactLocation!.uri ?? '').localeCompare(b.locations![0]!.physicalLocation!.artifactLocation!.uri ?? '') ||
      a.locations![0]!.physicalLocation!.region!.startLine! - b.locations![0]!.physicalLocation!.region!.startLine! ||
      a.locations![0]!.physicalLocation!.region!.startColumn! - b.locations![0]!.physicalLocation!.region!.startColumn! ||
      (a.ruleId ?? '').localeCompare(b.ruleId ?? ''),
  );
  const log: Log = {
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
            rules: rules.map(describeRule),
          },
        },
        automationDetails: { id: 'trustlint/' },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
