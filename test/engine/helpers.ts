import type { FileModel, Span } from '../../src/engine/ast.js';
import { createFactStore } from '../../src/engine/facts.js';
import { modelFile } from '../../src/engine/file-model.js';
import type { LineIndex } from '../../src/engine/line-index.js';
import type { ParseError } from '../../src/engine/parse.js';
import { createProjectService, memorySource } from '../../src/engine/project.js';
import type { Settings } from '../../src/engine/settings.js';
import { createSourceFile } from '../../src/engine/source-file.js';
import type { Analysis } from '../../src/domain/context.js';
import type { JobNode, StepNode, WorkflowNode, ActionNode } from '../../src/engine/ast.js';
import { lintText } from '../../src/engine/lint-text.js';
import type { LintResult } from '../../src/engine/result.js';
import { defineRule, type AnyRule, type Locatable, type Visitors } from '../../src/engine/rule.js';

export interface Parsed {
  readonly text: string;
  readonly model: FileModel;
  readonly errors: readonly ParseError[];
  readonly lineIndex: LineIndex;
  /** `line:column-endLine:endColumn` (1-based, exclusive end) of a span, for compact exact asserts. */
  at(span: Span | undefined): string;
}

/** Parses text the way `lintText` does and builds the model. */
export function parse(text: string, path = '.github/workflows/test.yml'): Parsed {
  const file = createSourceFile(path, path, text);
  const { model, errors } = modelFile(file);
  const lineIndex = file.lineIndex;
  return {
    text: file.text,
    model,
    errors,
    lineIndex,
    at(span) {
      if (!span) return 'undefined';
      const start = lineIndex.position(span.start);
      const end = lineIndex.position(span.end);
      return `${start.line}:${start.column}-${end.line}:${end.column}`;
    },
  };
}

export function workflowOf(parsed: Parsed): WorkflowNode {
  if (parsed.model.kind !== 'workflow') throw new Error(`expected a workflow, got ${parsed.model.kind}`);
  return parsed.model.workflow;
}

export function actionOf(parsed: Parsed): ActionNode {
  if (parsed.model.kind !== 'action') throw new Error(`expected an action, got ${parsed.model.kind}`);
  return parsed.model.action;
}

export function job(parsed: Parsed, id: string): JobNode {
  const found = workflowOf(parsed).jobs.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no job ${id}`);
  return found;
}

export function step(parsed: Parsed, jobId: string, index: number): StepNode {
  const found = job(parsed, jobId).steps[index];
  if (!found) throw new Error(`no step ${index} in ${jobId}`);
  return found;
}

/** The text a span covers. */
export function textOf(parsed: Parsed, span: Span): string {
  return parsed.text.slice(span.start, span.end);
}


/** A rule that reports wherever `pick` says, to check how the engine places findings. */
export function probeRule(id: string, pick: (report: (at: Locatable) => void) => Visitors): AnyRule {
  return defineRule({
    id,
    meta: {
      type: 'problem',
      docs: { description: 'Enforce nothing (test probe)', recommended: false },
      severity: 'error',
      security: { severity: 1, precision: 'high' },
      messages: { here: 'here' },
    },
    create(context) {
      return pick((at) => context.report({ messageId: 'here', at }));
    },
  }) as unknown as AnyRule;
}

/** `line:column-endLine:endColumn` of each message. */
export function positions(result: LintResult): string[] {
  return result.messages.map((message) => `${message.line}:${message.column}-${message.endLine}:${message.endColumn}`);
}

export function lintWith(text: string, rules: readonly AnyRule[], filePath = '.github/workflows/test.yml'): LintResult {
  return lintText(text, {
    filePath,
    rules: rules.map((rule) => ({ rule, severity: 'error' as const, options: undefined })),
    reportUnusedDirectives: 'off',
  });
}

/** What domain functions are asked with, over in-memory repository files: a fresh fact store each time. */
export function analysis(files: Readonly<Record<string, string>> = {}, settings: Settings = {}): Analysis {
  return { facts: createFactStore(), project: createProjectService(memorySource(files)).open().project, settings };
}
