import type { Span, YamlEntry } from './ast.js';
import { applyDirectives, parseDirectives } from './directives.js';
import { FixError, mergeEdits, type Edit } from './fix/edit.js';
import { createYamlFixer } from './fix/yaml-fixer.js';
import { createFactStore, type FactStore } from './facts.js';
import { fileKindOf } from './file-kind.js';
import { modelFile } from './file-model.js';
import type { FileTargets } from './file-targets.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './parse.js';
import { toPosixPath } from './paths.js';
import { createProjectService, memorySource, type ProjectService } from './project.js';
import { summarize, type LintFix, type LintMessage, type LintResult, type LintSuggestion, type MessageFix, type RelatedMessage } from './result.js';
import type { AnyRule, EnabledSeverity, Locatable, ReportDescriptor, Visitors } from './rule.js';
import type { Settings } from './settings.js';
import { createSourceFile, type Location, type SourceFile } from './source-file.js';
import { modelTextFile } from './text-model.js';
import { walkModel } from './walk.js';

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
  /** The file's path in the repository `project` reads (what a `uses: ./…` in another file names it). */
  readonly projectPath?: string;
  readonly rules: readonly EnabledRule[];
  readonly settings?: Settings;
  /** The repository the file belongs to, shared by every file of a run; an empty one when absent. */
  readonly project?: ProjectService;
  /** The run's fact store: facts about strings are shared through it; facts about this file's nodes die with it. */
  readonly facts?: FactStore;
  readonly limits?: ParseLimits;
  readonly reportUnusedDirectives?: 'off' | 'warn' | 'error';
  /** All rule ids that exist, so a directive naming a disabled rule is not an unknown id. */
  readonly knownRuleIds?: ReadonlySet<string>;
  readonly suggestRule?: (id: string) => string | undefined;
  /** Ignore `# trustlint-…` directives in the file (`--no-inline-config`): none suppresses or is reported. */
  readonly noInlineConfig?: boolean;
  /**
   * The plugins' text targets (`compileFileTargets`): a file that matches one (and is neither in a
   * workflows folder nor named `action.yml`) is linted as text, for the `textFile` visitors only.
   */
  readonly targets?: FileTargets;
  /** Compute suggestions (default true). The CLI asks only when its output shows them (`--format json`). */
  readonly suggestions?: boolean;
}

/** Lints one file's text: parse → model → rules → directives. Never throws. */
export function lintText(rawText: string, options: LintTextOptions): LintResult {
  const relativePath = options.relativePath ?? toPosixPath(options.filePath);
  const file = createSourceFile(options.filePath, relativePath, rawText, options.projectPath);
  const lineIndex = file.lineIndex;
  const messages: LintMessage[] = [];
  let internalError = false;

  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
  // Location and name decide first (a workflow is a workflow whatever a plugin claims); then the targets.
  const target = fileKindOf(relativePath, toPosixPath(options.filePath)) === 'unknown' ? options.targets?.targetOf(relativePath, options.filePath) : undefined;
  // The project service may already hold this file's parse (another file's rules read it), and keeps
  // this one for them otherwise: one parse per file and run.
  const project = options.project;
  const sameLimits = project !== undefined && project.limits.maxDepth === limits.maxDepth && project.limits.maxAliasNodes === limits.maxAliasNodes;
  const shared = !target && sameLimits && file.projectPath !== undefined ? project.parsed(file.projectPath, file.text) : undefined;
  const modelled = target ? modelTextFile(file, target, limits) : modelFile(file, limits, shared);
  if ('errors' in modelled) {
    for (const error of modelled.errors) {
      messages.push({ ruleId: null, severity: 2, fatal: true, message: `YAML: ${error.message}`, ...lineIndex.locate(error.span) });
    }
  }
  const model = 'node' in modelled ? modelled.node : modelled.model;
  const fixer = createYamlFixer(file, modelled.comments, model.kind === 'workflow' ? model.workflow.root : model.kind === 'action' ? model.action.root : undefined);
  // A file with a YAML error may not be what GitHub reads: no edit is offered on a guess.
  const fixesAllowed = !('errors' in modelled) || modelled.errors.length === 0;
  const settings = options.settings ?? {};
  const service = options.project ?? createProjectService(memorySource({}), options.limits);
  const opened = service.open();
  // A store for this file (its settings and repository are fixed), dropped with it.
  const facts = createFactStore(options.facts);
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
        settings,
        file,
        project: opened.project,
        facts,
        fixer,
        report(descriptor: ReportDescriptor<string>) {
          if (disabled.has(index)) return;
          messages.push(toMessage(enabled.rule, severity, descriptor, file, fixesAllowed, options.suggestions !== false));
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
    options.noInlineConfig ? [] : parseDirectives(modelled.comments, lineIndex),
    lineIndex,
    modelled.multilineValues,
    {
      isKnownRule: (id) => known.has(id),
      suggestRule: options.suggestRule ?? (() => undefined),
      reportUnused: options.reportUnusedDirectives ?? 'warn',
    },
  );
  const result = summarize(options.filePath, relativePath, [...outcome.messages, ...outcome.problems], outcome.suppressed, internalError);
  const dependencies = opened.dependencies();
  return dependencies.length > 0 ? { ...result, dependencies } : result;
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

function interpolate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  // Data quotes the linted file; `summarize` shows its control characters escaped, as every message's.
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? String(data[name]) : whole));
}

function isLocation(at: Locatable | Location): at is Location {
  return typeof at === 'object' && 'file' in at && typeof (at as Location).file?.text === 'string';
}

/** A related location; one in another file names that file. */
function relatedMessage(message: string, at: Locatable | Location, file: SourceFile): RelatedMessage {
  if (!isLocation(at)) return { message, ...file.lineIndex.locate(spanOf(at)) };
  const where = at.file.lineIndex.locate(at.span);
  if (at.file === file || at.file.relativePath === file.relativePath) return { message, ...where };
  return { message, ...where, filePath: at.file.path, relativePath: at.file.relativePath };
}

/** The edits of a fix as one replacement (ESLint merges a fix's edits the same way). */
function fixOf(edits: Edit | readonly Edit[] | undefined, file: SourceFile): MessageFix | undefined {
  if (edits === undefined) return undefined;
  return mergeEdits(file.text, Array.isArray(edits) ? edits : [edits as Edit]);
}

/** Fixes and suggestions of a report, checked against the rule's meta as ESLint checks them. */
function fixesOf(rule: AnyRule, descriptor: ReportDescriptor<string>, file: SourceFile, withSuggestions: boolean): { fix?: LintFix; suggestions?: LintSuggestion[] } {
  if (descriptor.fix !== undefined && rule.meta.fixable !== 'code') throw new FixError('Fixable rules must set `meta.fixable: "code"`');
  if (descriptor.suggest !== undefined && rule.meta.hasSuggestions !== true) throw new FixError('Rules with suggestions must set `meta.hasSuggestions: true`');
  const fix = fixOf(descriptor.fix, file);
  const suggestions: LintSuggestion[] = [];
  const suggest = !withSuggestions ? undefined : typeof descriptor.suggest === 'function' ? descriptor.suggest() : descriptor.suggest;
  for (const suggestion of suggest ?? []) {
    const edit = fixOf(suggestion.fix, file);
    if (!edit) continue;
    const template = rule.meta.messages[suggestion.messageId];
    if (template === undefined) throw new FixError(`Suggestion messageId \`${suggestion.messageId}\` is not in \`meta.messages\``);
    suggestions.push({ desc: interpolate(template, suggestion.data), messageId: suggestion.messageId, fix: edit });
  }
  return {
    // An edit that changes nothing is no fix.
    ...(fix && fix.text !== file.text.slice(fix.range[0], fix.range[1]) ? { fix: { ...fix, region: file.lineIndex.locate({ start: fix.range[0], end: fix.range[1] }) } } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

function toMessage(rule: AnyRule, severity: 1 | 2, descriptor: ReportDescriptor<string>, file: SourceFile, fixesAllowed: boolean, withSuggestions: boolean): LintMessage {
  const template = rule.meta.messages[descriptor.messageId] ?? descriptor.messageId;
  const fixes = fixesOf(rule, descriptor, file, withSuggestions);
  const related = (descriptor.related ?? []).map((item) => relatedMessage(item.message, item.at, file));
  const primary = spanOf(descriptor.at);
  // An aliased value: point secondarily at the anchor where it is written.
  const at = descriptor.at as { aliasSpan?: Span; span?: Span; key?: { aliasSpan?: Span } };
  const definedAt = at.aliasSpan ? at.span : at.key?.aliasSpan ? (descriptor.at as YamlEntry).span : undefined;
  if (definedAt) related.push({ message: 'defined here (through a YAML anchor)', ...file.lineIndex.locate(definedAt) });
  return {
    ruleId: rule.id,
    messageId: descriptor.messageId,
    severity: descriptor.severity === 'warn' ? 1 : severity,
    message: interpolate(template, descriptor.data),
    ...file.lineIndex.locate(primary),
    ...(related.length > 0 ? { related } : {}),
    ...(fixesAllowed ? fixes : {}),
  };
}
