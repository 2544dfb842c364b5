import type { Span, YamlEntry } from './ast.js';
import { applyDirectives, parseDirectives } from './directives.js';
import { createLineIndex, type LineIndex } from './line-index.js';
import { fileKindOf } from './file-kind.js';
import { buildModel } from './model.js';
import { toPosixPath } from './paths.js';
import { DEFAULT_PARSE_LIMITS, parseYaml, type ParseLimits } from './parse.js';
import { summarize, type LintMessage, type LintResult, type RelatedMessage, type SourceLocation } from './result.js';
import type { AnyRule, EnabledSeverity, FileInfo, Locatable, ProjectFiles, ReportDescriptor, Visitors } from './rule.js';
import type { Settings } from './settings.js';
import { walkModel } from './walk.js';
import { toYamlValue } from './yaml-value.js';

export interface EnabledRule {
  readonly rule: AnyRule;
  readonly severity: EnabledSeverity;
  readonly options: unknown;
}

export interface LintTextOptions {
  /** As the user named the file; also decides workflow vs action by name. */
  readonly filePath: string;
  /** Relative to the repository root, POSIX separators. Defaults to `filePath`. */
  readonly relativePath?: string;
  readonly rules: readonly EnabledRule[];
  readonly settings?: Settings;
  readonly project?: ProjectFiles;
  readonly limits?: ParseLimits;
  readonly reportUnusedDirectives?: 'off' | 'warn' | 'error';
  /** All rule ids that exist, so a directive naming a disabled rule is not an unknown id. */
  readonly knownRuleIds?: ReadonlySet<string>;
  readonly suggestRule?: (id: string) => string | undefined;
  /** Ignore `# trustlint-…` directives in the file (`--no-inline-config`): none suppresses or is reported. */
  readonly noInlineConfig?: boolean;
}

const NO_PROJECT: ProjectFiles = { readFile: () => undefined };

/** Lints one file's text: parse → model → rules → directives. Never throws. */
export function lintText(rawText: string, options: LintTextOptions): LintResult {
  const relativePath = options.relativePath ?? toPosixPath(options.filePath);
  // A BOM is not part of the YAML; keep offsets aligned with what editors show by dropping it.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineIndex = createLineIndex(text);
  const messages: LintMessage[] = [];
  let internalError = false;

  const parsed = parseYaml(text, options.limits ?? DEFAULT_PARSE_LIMITS);
  const converted = parsed.document ? toYamlValue(parsed.document, options.limits ?? DEFAULT_PARSE_LIMITS, parsed.errors) : undefined;
  for (const error of parsed.errors) {
    messages.push({ ruleId: null, severity: 2, fatal: true, message: `YAML: ${error.message}`, ...locate(lineIndex, error.span) });
  }

  const model = converted ? buildModel(converted.value, fileKindOf(relativePath, toPosixPath(options.filePath)), text) : { kind: 'other' as const };
  const file: FileInfo = { path: options.filePath, relativePath, text, lineIndex };
  const visitors: Visitors[] = [];
  const ruleOf: EnabledRule[] = [];
  const guard = (index: number, call: () => void) => {
    const enabled = ruleOf[index]!;
    // A crashed rule stops receiving callbacks: its state may be broken.
    if (disabled.has(index)) return;
    try {
      call();
    } catch (error) {
      internalError = true;
      disabled.add(index);
      messages.push({
        ruleId: null,
        severity: 2,
        fatal: true,
        message: `Internal error in rule \`${enabled.rule.id}\`: ${describeError(error)}. The other rules still ran; please report this`,
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        // Kept for `--debug`: without it a rule crash cannot be traced to a line of the rule.
        ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
      });
    }
  };
  const disabled = new Set<number>();
  if (model.kind !== 'other') {
    for (const enabled of options.rules) {
      const index = ruleOf.length;
      ruleOf.push(enabled);
      const severity = enabled.severity === 'error' ? 2 : 1;
      const context = {
        id: enabled.rule.id,
        options: enabled.options,
        settings: options.settings ?? {},
        file,
        project: options.project ?? NO_PROJECT,
        report(descriptor: ReportDescriptor<string>) {
          if (disabled.has(index)) return;
          messages.push(toMessage(enabled.rule, severity, descriptor, lineIndex));
        },
      };
      let created: Visitors = {};
      guard(index, () => {
        created = enabled.rule.create(context);
      });
      visitors.push(created);
    }
    walkModel(model, visitors, guard);
  }

  const known = options.knownRuleIds ?? new Set(options.rules.map((enabled) => enabled.rule.id));
  const outcome = applyDirectives(
    messages,
    options.noInlineConfig ? [] : parseDirectives(parsed.comments, lineIndex),
    lineIndex,
    converted?.multilineValues ?? [],
    {
      isKnownRule: (id) => known.has(id),
      suggestRule: options.suggestRule ?? (() => undefined),
      reportUnused: options.reportUnusedDirectives ?? 'warn',
    },
  );
  return summarize(options.filePath, relativePath, [...outcome.messages, ...outcome.problems], outcome.suppressed, internalError);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.split('\n')[0]!;
  return String(error).split('\n')[0]!;
}

/** The span a finding points at: the use site of an alias, the whole entry, or the node. */
export function spanOf(at: Locatable): Span {
  if ('key' in at && 'value' in at) {
    const entry = at as YamlEntry;
    return entry.key.aliasSpan ?? entry.span;
  }
  if ('span' in at) return at.aliasSpan ?? at.span;
  return at;
}

function locate(lineIndex: LineIndex, span: Span): SourceLocation {
  const start = lineIndex.position(span.start);
  const end = lineIndex.position(Math.max(span.start, span.end));
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? visible(String(data[name])) : whole));
}

// Data comes from the linted file. Raw control characters would let a hostile file rewrite the
// terminal line that reports it (`\e[2K\r all good`), and bidi overrides reorder what is shown.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(value: string): string {
  return value.replace(UNSAFE_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function toMessage(rule: AnyRule, severity: 1 | 2, descriptor: ReportDescriptor<string>, lineIndex: LineIndex): LintMessage {
  const template = rule.meta.messages[descriptor.messageId] ?? descriptor.messageId;
  const related: RelatedMessage[] = (descriptor.related ?? []).map((item) => ({
    message: item.message,
    ...locate(lineIndex, spanOf(item.at)),
  }));
  const primary = spanOf(descriptor.at);
  // An aliased value: point secondarily at the anchor where it is written.
  const at = descriptor.at as { aliasSpan?: Span; span?: Span; key?: { aliasSpan?: Span } };
  const definedAt = at.aliasSpan ? at.span : at.key?.aliasSpan ? (descriptor.at as YamlEntry).span : undefined;
  if (definedAt) related.push({ message: 'defined here (through a YAML anchor)', ...locate(lineIndex, definedAt) });
  return {
    ruleId: rule.id,
    messageId: descriptor.messageId,
    severity: descriptor.severity === 'warn' ? 1 : severity,
    message: interpolate(template, descriptor.data),
    ...locate(lineIndex, primary),
    ...(related.length > 0 ? { related } : {}),
  };
}
