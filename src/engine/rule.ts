import type { JSONSchemaType } from 'ajv';
import type { ActionNode, JobNode, Span, StepNode, TextFileNode, WorkflowNode, YamlEntry } from './ast.js';
import type { PresetName } from './config/config-schema.js';
import type { FactStore } from './facts.js';
import type { Project } from './project.js';
import type { Settings } from './settings.js';
import type { RuleHelp } from './rule-docs.js';
import type { Location, SourceFile } from './source-file.js';
import type { Edit } from './fix/edit.js';
import type { YamlFixer } from './fix/yaml-fixer.js';

export type { Edit } from './fix/edit.js';

export type Severity = 'off' | 'warn' | 'error';
export type EnabledSeverity = Exclude<Severity, 'off'>;

/** Message templates keyed by messageId; `{{name}}` is filled from the report's `data`. */
export type Messages = Record<string, string>;

/** How sure the rule is and how bad a finding is; feeds SARIF `precision` and `security-severity`. */
export interface RuleSecurity {
  /** CVSS-like score 0.0–10.0, as GitHub code scanning reads `security-severity`. */
  readonly severity: number;
  readonly precision: 'very-high' | 'high' | 'medium' | 'low';
  /** Extra tags for code scanning, e.g. `external/cwe/cwe-798`. `security` is always added. */
  readonly tags?: readonly string[];
}

export interface RuleMeta<M extends Messages, O> {
  readonly type: 'problem' | 'suggestion';
  readonly docs: {
    /** Starts with Require, Disallow, Prefer or Enforce; no trailing period. */
    readonly description: string;
    /** In the `recommended` preset (the default); for the built-in rules, the same as `meta.preset === 'recommended'`. */
    readonly recommended: boolean;
    /** In the `strict` preset; every recommended rule is too. Used when `meta.preset` is not given. */
    readonly strict?: boolean;
    /** The rule's documentation page; its plugin sets it (`docsUrl`) when the rule does not. */
    readonly url?: string;
    /** Help for code scanning, built from the docs page when the plugin is built. */
    readonly help?: RuleHelp;
  };
  /** Severity when a preset turns the rule on. */
  readonly severity: EnabledSeverity;
  /**
   * The smallest preset that turns the rule on: `recommended` (a certain problem) ⊂ `strict` (plus
   * hardening) ⊂ `all` (every rule). Without it, `docs.recommended` and `docs.strict` decide.
   */
  readonly preset?: PresetName;
  /** How a preset that holds the rule sets it, where that is not `meta.severity` with `defaultOptions`. */
  readonly presetEntries?: Readonly<Partial<Record<PresetName, PresetEntry<O>>>>;
  readonly messages: M;
  readonly security: RuleSecurity;
  readonly schema?: O extends object ? JSONSchemaType<O> : undefined;
  readonly defaultOptions?: O;
  /**
   * `'code'` when the rule's reports may carry a `fix` (ESLint's `meta.fixable`): a change that keeps the
   * workflow's behaviour, which `--fix` applies. A report with a fix from a rule without it is an error.
   */
  readonly fixable?: 'code';
  /** True when the rule's reports may carry `suggest` (ESLint's `meta.hasSuggestions`). */
  readonly hasSuggestions?: boolean;
}

/** A rule's setting in one preset: a severity other than `meta.severity`, options over `defaultOptions`. */
export interface PresetEntry<O> {
  readonly severity?: EnabledSeverity;
  readonly options?: O extends object ? Partial<O> : undefined;
}

/** Anything that has a place in the linted file: a node, a scalar, an entry, or a bare span. */
export type Locatable = Span | { readonly span: Span; readonly aliasSpan?: Span } | YamlEntry;

export interface RelatedLocation {
  /** In the linted file, or a `Location` in any file of the repository (the chain to a publish in a script). */
  readonly at: Locatable | Location;
  /** A short lowercase annotation: "this job's permissions", "token bound here". */
  readonly message: string;
}

/**
 * A change a user may choose to apply (ESLint's suggestions): unlike a fix it may change what the
 * workflow does, so `--fix` never applies it. Its message, from `meta.messages`, says what it does.
 */
export interface SuggestionDescriptor<MessageId extends string> {
  readonly messageId: MessageId;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Edits of the linted file, merged into one replacement as ESLint's fixer merges them. */
  readonly fix: Edit | readonly Edit[];
}

/** `fix` only for rules with `meta.fixable`, `suggest` only with `meta.hasSuggestions`: a compile error otherwise. */
type FixFields<MessageId extends string, Fixable extends boolean, Suggests extends boolean> = (Fixable extends true
  ? {
      /** Edits that keep the workflow's behaviour; undefined or empty when there is no safe fix. */
      readonly fix?: Edit | readonly Edit[] | undefined;
    }
  : { readonly fix?: undefined }) &
  (Suggests extends true
    ? {
        /**
         * Suggestions, or a function that makes them: called only when the output shows suggestions
         * (JSON, the API), so a rule whose suggestions cost an inference pays for it only then.
         */
        readonly suggest?: readonly SuggestionDescriptor<MessageId>[] | (() => readonly SuggestionDescriptor<MessageId>[]) | undefined;
      }
    : { readonly suggest?: undefined });

export type ReportDescriptor<MessageId extends string, Fixable extends boolean = boolean, Suggests extends boolean = boolean> = ReportFields<MessageId> &
  FixFields<MessageId, Fixable, Suggests>;

interface ReportFields<MessageId extends string> {
  readonly messageId: MessageId;
  readonly at: Locatable;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly related?: readonly RelatedLocation[];
  /**
   * Lowers this one finding below the rule's configured severity (a rule whose traps differ in
   * certainty). It never raises it: a rule configured as `warn` reports warnings only.
   */
  readonly severity?: EnabledSeverity;
}

export interface RuleContext<MessageId extends string, O, Fixable extends boolean = boolean, Suggests extends boolean = boolean> {
  readonly id: string;
  /** Options already validated and merged with `defaultOptions`. */
  readonly options: O;
  readonly settings: Settings;
  /** The linted file. */
  readonly file: SourceFile;
  /** Every other file of the repository, parsed on demand and recorded as a dependency of this result. */
  readonly project: Project;
  /** Facts computed once per run and shared by every rule (domain functions take this context). */
  readonly facts: FactStore;
  /** Builds fixes and suggestions: minimal edits of the linted file that keep its comments, quoting, indentation and line endings. */
  readonly fixer: YamlFixer;
  report(descriptor: ReportDescriptor<MessageId, Fixable, Suggests>): void;
}

/** Callbacks the walker calls in document order. */
export interface Visitors {
  workflow?(node: WorkflowNode): void;
  'workflow:exit'?(node: WorkflowNode): void;
  job?(node: JobNode): void;
  'job:exit'?(node: JobNode): void;
  action?(node: ActionNode): void;
  'action:exit'?(node: ActionNode): void;
  /** Steps of jobs and of composite actions (`step.parent` tells which). */
  step?(node: StepNode): void;
  /** A file of a plugin's text lint targets (`Plugin.targets`); the only callback such a file gets. */
  textFile?(node: TextFileNode): void;
}

/** What `meta.fixable` and `meta.hasSuggestions` allow a rule's reports to carry. */
type Fixes<F> = F extends 'code' ? true : false;
type Suggests<S> = S extends true ? true : false;

export interface Rule<M extends Messages = Messages, O = undefined, F extends 'code' | undefined = undefined, S extends boolean | undefined = undefined> {
  readonly id: string;
  readonly meta: RuleMeta<M, O> & { readonly fixable?: F; readonly hasSuggestions?: S };
  create(context: RuleContext<keyof M & string, O, Fixes<F>, Suggests<S>>): Visitors;
}

/** A rule with its types erased, for registries and the engine. */
export interface AnyRule {
  readonly id: string;
  readonly meta: Omit<RuleMeta<Messages, unknown>, 'schema' | 'defaultOptions'> & {
    readonly schema?: object;
    readonly defaultOptions?: unknown;
  };
  create(context: RuleContext<string, any>): Visitors;
}

/**
 * Identity helper that makes `messageId` and `options` type-checked per rule: the message ids and
 * the options type are inferred from the object, so a typo is a compile error. So are `meta.fixable`
 * and `meta.hasSuggestions`: a report may carry a `fix` or `suggest` only when the meta declares it.
 */
export function defineRule<const M extends Messages, O = undefined, const F extends 'code' | undefined = undefined, const S extends boolean | undefined = undefined>(
  rule: Rule<M, O, F, S>,
): Rule<M, O, F, S> {
  return rule;
}

