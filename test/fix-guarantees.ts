/**
 * The guarantees of `--fix`, checked on any workflow: the fixed text parses, a second `--fix` changes
 * nothing, every fixed finding is gone, no rule gains a finding, every comment survives, and every
 * job's effective permissions are the same before and after except for the change the fixing rule
 * is for. Shared by the property test (generated workflows) and the corpus test (real ones).
 */
import type { JobNode } from '../src/engine/ast.js';
import { createFactStore, type FactStore } from '../src/engine/facts.js';
import { modelFile } from '../src/engine/file-model.js';
import { lintAndFix } from '../src/engine/fix/lint-and-fix.js';
import { lintText, type EnabledRule, type LintTextOptions } from '../src/engine/lint-text.js';
import { parseYaml } from '../src/engine/parse.js';
import { createProjectService, memorySource, type ProjectService } from '../src/engine/project.js';
import type { LintResult } from '../src/engine/result.js';
import type { AnyRule } from '../src/engine/rule.js';
import type { Settings } from '../src/engine/settings.js';
import { createSourceFile } from '../src/engine/source-file.js';
import { effectivePermissions, PERMISSION_SCOPES, type Access, type DefaultTokenPermissions } from '../src/domain/permissions.js';
import { allRules } from '../src/rules/index.js';

/**
 * What a fix may change in a job's grant, by the rule that fixes: nothing, except what the rule is
 * for, and only on the jobs its findings name (the job it reports, or the jobs it lists as needless).
 */
const INTENDED: Readonly<Record<string, { readonly jobs: (result: LintResult, jobAtLine: ReadonlyMap<number, string>) => Set<string>; readonly change: (scope: string, before: Access | undefined, after: Access | undefined) => boolean }>> = {
  // The grant moves; no job's grant changes.
  'top-level-permissions-empty': { jobs: () => new Set(), change: () => false },
  // The publish job gains the OIDC token it needs.
  'publish-job-needs-id-token': {
    jobs: (result, jobAtLine) => new Set(findings(result, 'publish-job-needs-id-token').map((message) => jobAtLine.get(message.line)!)),
    change: (scope, before, after) => scope === 'id-token' && before !== 'write' && after === 'write',
  },
  // Jobs that never request an OIDC token lose the grant.
  'id-token-job-scope': {
    jobs: (result, jobAtLine) =>
      new Set(findings(result, 'id-token-job-scope').flatMap((message) => (message.related ?? []).filter((item) => item.message.startsWith('inherits')).map((item) => jobAtLine.get(item.line)!))),
    change: (scope, before, after) => scope === 'id-token' && before === 'write' && after === 'none',
  },
};

function findings(result: LintResult, ruleId: string) {
  return result.messages.filter((message) => message.ruleId === ruleId);
}

export interface FixRun {
  readonly code: string;
  readonly filePath?: string;
  readonly settings?: Settings;
  /** Other files of the repository. */
  readonly files?: Readonly<Record<string, string>>;
  readonly project?: ProjectService;
  readonly facts?: FactStore;
  /** The rules that fix (all rules lint, to see that none gains a finding). */
  readonly fixing: readonly AnyRule[];
}

export interface FixOutcome {
  readonly output: string | undefined;
  /** Guarantees that do not hold, each a sentence; empty when all hold. */
  readonly problems: string[];
  readonly fixedFindings: number;
  /** Jobs whose grant changed beyond what the fixing rule is for (counted once per job). */
  readonly changedJobs: number;
}

function enabled(rules: readonly AnyRule[]): EnabledRule[] {
  return rules.map((rule) => ({ rule, severity: rule.meta.severity, options: rule.meta.defaultOptions }));
}

function counts(result: LintResult): Map<string, number> {
  const byRule = new Map<string, number>();
  for (const message of result.messages) byRule.set(message.ruleId ?? 'null', (byRule.get(message.ruleId ?? 'null') ?? 0) + 1);
  return byRule;
}

function commentsOf(text: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const comment of parseYaml(text.replace(/^\uFEFF/, '')).comments) found.set(comment.source.trimEnd(), (found.get(comment.source.trimEnd()) ?? 0) + 1);
  return found;
}

function grants(text: string, path: string, defaults: DefaultTokenPermissions | undefined): Map<string, Map<string, Access | undefined>> {
  const modelled = modelFile(createSourceFile(path, path, text));
  const jobs: readonly JobNode[] = modelled.model.kind === 'workflow' ? modelled.model.workflow.jobs : [];
  return new Map(jobs.map((job) => [job.id, new Map([...PERMISSION_SCOPES.keys()].map((scope) => [scope, effectivePermissions(job, defaults).access(scope)]))]));
}

/** Runs `--fix` with `fixing` and checks every guarantee. */
export function checkFix(run: FixRun): FixOutcome {
  const filePath = run.filePath ?? '.github/workflows/test.yml';
  const project = run.project ?? createProjectService(memorySource(run.files ?? {}));
  const facts = run.facts ?? createFactStore();
  const fixed = lintAndFix(run.code, { ...baseOptions(run, filePath, project, facts), rules: enabled(run.fixing) });
  return fixGuarantees({ ...run, project, facts }, fixed.output, fixed);
}

function baseOptions(run: FixRun, filePath: string, project: ProjectService, facts: FactStore): Omit<LintTextOptions, 'rules'> {
  return { filePath, relativePath: run.filePath ?? filePath, settings: run.settings ?? {}, project, facts, reportUnusedDirectives: 'off' };
}

/**
 * Checks the guarantees for a text `--fix` turned `run.code` into (`output`; undefined when it did
 * not change it), by linting both with every rule. `fixedResult` is --fix's own last lint, when known.
 */
export function fixGuarantees(run: FixRun, output: string | undefined, fixedResult?: LintResult): FixOutcome {
  const filePath = run.filePath ?? '.github/workflows/test.yml';
  const project = run.project ?? createProjectService(memorySource(run.files ?? {}));
  const facts = run.facts ?? createFactStore();
  const base = baseOptions(run, filePath, project, facts);
  const all = { ...base, rules: enabled(allRules) };
  const before = lintText(run.code, all);
  const problems: string[] = [];
  const fixable = before.messages.filter((message) => message.fix && run.fixing.some((rule) => rule.id === message.ruleId)).length;
  if (output === undefined) return { output, problems: fixable > 0 ? [`${fixable} fixable findings, but --fix changed nothing`] : [], fixedFindings: 0, changedJobs: 0 };

  const after = lintText(output, all);
  const yaml = after.messages.filter((message) => message.fatal);
  if (yaml.length > 0) problems.push(`the fixed text does not parse: ${yaml.map((message) => `${message.line}:${message.column} ${message.message}`).join('; ')}`);
  const again = lintAndFix(output, { ...base, rules: enabled(run.fixing) });
  if (again.output !== undefined) problems.push('a second --fix changes the text again');
  if ((fixedResult ?? again).messages.some((message) => message.fix && run.fixing.some((rule) => rule.id === message.ruleId))) problems.push('findings with a fix are left after --fix');

  const countsBefore = counts(before);
  const countsAfter = counts(after);
  for (const [rule, count] of countsAfter) {
    if (count > (countsBefore.get(rule) ?? 0)) problems.push(`${rule} has ${count} findings after --fix, ${countsBefore.get(rule) ?? 0} before`);
  }
  const fixedFindings = [...countsBefore].reduce((sum, [rule, count]) => sum + Math.max(0, count - (countsAfter.get(rule) ?? 0)), 0);
  for (const rule of run.fixing) {
    const fixedHere = before.messages.filter((message) => message.ruleId === rule.id && message.fix).length;
    if ((countsAfter.get(rule.id) ?? 0) > (countsBefore.get(rule.id) ?? 0) - fixedHere) problems.push(`${rule.id}: a fixed finding is still reported`);
  }

  const commentsAfter = commentsOf(output);
  for (const [comment, count] of commentsOf(run.code)) {
    if ((commentsAfter.get(comment) ?? 0) < count) problems.push(`the comment \`${comment}\` was lost`);
  }

  // valid-permissions fixes what was certainly meant, which changes a grant by design: its files are not compared.
  const unchecked = run.fixing.some((rule) => !Object.hasOwn(INTENDED, rule.id) && before.messages.some((message) => message.ruleId === rule.id && message.fix));
  const defaults = (run.settings?.defaultTokenPermissions as DefaultTokenPermissions | undefined) ?? undefined;
  const grantsBefore = grants(run.code, filePath, defaults);
  const grantsAfter = grants(output, filePath, defaults);
  const jobAtLine = jobLines(run.code, filePath);
  const intended = run.fixing.flatMap((rule) => (Object.hasOwn(INTENDED, rule.id) ? [{ ...INTENDED[rule.id]!, on: INTENDED[rule.id]!.jobs(before, jobAtLine) }] : []));
  let changedJobs = 0;
  for (const [job, scopes] of unchecked ? [] : grantsBefore) {
    const later = grantsAfter.get(job);
    const changed = [...scopes].filter(([scope, access]) => later?.get(scope) !== access && !intended.some((rule) => rule.on.has(job) && rule.change(scope, access, later?.get(scope))));
    if (changed.length > 0) {
      changedJobs++;
      problems.push(`job \`${job}\`: ${changed.map(([scope, access]) => `${scope} ${access ?? 'unknown'} → ${later?.get(scope) ?? 'unknown'}`).join(', ')}`);
    }
  }
  return { output, problems, fixedFindings, changedJobs };
}

/** Job ids by the line of their key. */
function jobLines(text: string, path: string): Map<number, string> {
  const file = createSourceFile(path, path, text);
  const modelled = modelFile(file);
  const jobs: readonly JobNode[] = modelled.model.kind === 'workflow' ? modelled.model.workflow.jobs : [];
  return new Map(jobs.map((job) => [file.lineIndex.position(job.key.span.start).line, job.id]));
}
