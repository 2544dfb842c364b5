/**
 * Local reusable workflows (`jobs.<id>.uses: ./.github/workflows/x.yml`): the called workflow, read
 * with the same parser as a linted file, evaluated under the call. Permissions can only be kept or
 * reduced along a call chain: the calling job's grant is the ceiling, and a called job that
 * declares no `permissions` inherits it. Secrets reach the callee only as the caller passes them
 * (`secrets: { NAME: ${{ secrets.X }} }` or `secrets: inherit`).
 * https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows
 *
 * A remote reusable workflow, an expression path, or a file that cannot be read or is not
 * `on: workflow_call` stays unknown.
 */
import type { JobNode, WorkflowNode, YamlEntry, YamlScalar } from '../engine/ast.js';
import type { Analysis } from './context.js';
import { valueOrigin } from './expressions.js';
import { effectivePermissions, type Access } from './permissions.js';
import { normalizeDirectory } from './project/paths.js';

/** Calls followed up a chain of callers at most this deep (GitHub nests reusable workflows 10 levels on github.com). */
export const MAX_CALL_DEPTH = 10;

/** A local call: the calling job and the workflow it calls. */
export interface WorkflowCall {
  readonly job: JobNode;
  readonly workflow: WorkflowNode;
  /** The repository-relative path of the callee. */
  readonly path: string;
}

/** The repository-relative path a `./.github/workflows/x.yml` reference names, or undefined. */
export function localWorkflowPath(job: JobNode): string | undefined {
  const uses = job.uses;
  if (uses?.kind !== 'local') return undefined;
  const path = normalizeDirectory(uses.name);
  if (!path || !/^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)) return undefined;
  return path;
}

/** The local reusable workflow a job calls; undefined when it is remote, cannot be read, or is not `on: workflow_call`. */
export function localWorkflowCall(context: Analysis, job: JobNode): WorkflowCall | undefined {
  return context.facts.memo('local-workflow-call', job, () => {
    const path = localWorkflowPath(job);
    if (path === undefined) return undefined;
    const model = context.project.model(path);
    if (model?.kind !== 'workflow' || !model.workflow.triggers.includes('workflow_call')) return undefined;
    return { job, workflow: model.workflow, path };
  });
}

/** Whether a job declares no `permissions` (nor does its workflow) and so takes its caller's grant when called. */
export function inheritsCallerPermissions(job: JobNode): boolean {
  return effectivePermissions(job).source === 'default' && job.workflow.triggers.includes('workflow_call');
}

/**
 * Where a job's grant of a scope comes from and what it is: its own block or its workflow's; the
 * calling jobs' grant for a called job that declares none (known when every local caller, and the
 * repository default for the workflow's other triggers, agree); else the repository default.
 */
export interface JobAccess {
  readonly access: Access | undefined;
  readonly source: 'job' | 'workflow' | 'default' | 'callers';
  /** For `callers`: the calling jobs whose grant the job takes. */
  readonly callers: readonly JobNode[];
}

/** A job's access to a scope, with calls taken into account. */
export function jobAccess(context: Analysis, job: JobNode, scope: string): JobAccess {
  return accessAt(context, job, scope, []);
}

/**
 * Memoised per job, so a hostile fan of callers costs one visit each; `path` holds the called
 * workflows on the way up, which cuts cycles (GitHub refuses them) and over-deep chains.
 */
function accessAt(context: Analysis, job: JobNode, scope: string, path: readonly WorkflowNode[]): JobAccess {
  const own = effectivePermissions(job);
  if (!inheritsCallerPermissions(job)) return { access: own.access(scope), source: own.source, callers: [] };
  if (path.includes(job.workflow) || path.length >= MAX_CALL_DEPTH) return { access: undefined, source: 'callers', callers: [] };
  return context.facts.memo(`job-access:${scope}`, job, () => {
    const callers = localCallers(context, job.workflow);
    // No local caller: called from another repository, or not at all; the grant is not known.
    if (callers.length === 0) return { access: undefined, source: 'callers', callers };
    const above = [...path, job.workflow];
    const values = new Set(callers.map((caller) => accessAt(context, caller, scope, above).access));
    // Its other triggers run it with the repository default, which never grants `id-token`.
    if (job.workflow.triggers.some((trigger) => trigger !== 'workflow_call')) values.add(scope === 'id-token' ? 'none' : undefined);
    const [only] = values;
    return { access: values.size === 1 ? only : undefined, source: 'callers', callers };
  });
}

/** What the calling job passes for one of the callee's `secrets.NAME`. */
export interface PassedSecret {
  /** The `NAME: ${{ secrets.X }}` entry, or the `secrets: inherit` entry. */
  readonly at: YamlEntry | YamlScalar;
  /** The caller-side secrets it carries (`X`), or `NAME` itself for `inherit`. */
  readonly secrets: readonly string[];
  readonly literal: boolean;
}

/**
 * The caller's value for `secrets.NAME` in the callee: `'absent'` when the caller does not pass it
 * (the callee then sees an empty string), undefined when it cannot be known (an expression block).
 */
export function passedSecret(call: WorkflowCall, name: string): PassedSecret | 'absent' | undefined {
  const entry = call.job.secrets;
  if (!entry) return 'absent';
  const value = entry.value;
  if (value.type === 'scalar') {
    // `inherit` passes every secret of the caller, under the same name.
    return value.text.trim() === 'inherit' ? { at: entry, secrets: [name], literal: false } : undefined;
  }
  if (value.type !== 'map') return undefined;
  // Secret names are case-insensitive in GitHub Actions.
  const passed = [...value.byKey].find(([key]) => key.toUpperCase() === name.toUpperCase())?.[1];
  if (!passed) return 'absent';
  if (passed.value.type !== 'scalar') return undefined;
  const origin = valueOrigin(passed.value.text);
  if (origin.origin === 'literal') return passed.value.text.trim() ? { at: passed, secrets: [], literal: true } : 'absent';
  if (origin.origin !== 'long-lived-secret') return undefined;
  return { at: passed, secrets: origin.secrets, literal: false };
}

/** The jobs of the project's workflows that call `workflow` locally (the files npm's trusted publisher can name). */
export function localCallers(context: Analysis, workflow: WorkflowNode): readonly JobNode[] {
  return context.facts.memo('local-callers', workflow, () => {
    const callers: JobNode[] = [];
    const path = workflow.file.projectPath;
    if (path === undefined) return callers;
    for (const entry of context.project.list('.github/workflows') ?? []) {
      if (entry.directory || !/\.ya?ml$/i.test(entry.name)) continue;
      const model = context.project.model(`.github/workflows/${entry.name}`);
      if (model?.kind !== 'workflow') continue;
      for (const job of model.workflow.jobs) if (localWorkflowPath(job) === path) callers.push(job);
    }
    return callers;
  });
}

/** A hostile fan of calls (every job calling the next workflow) stops here rather than grow exponentially. */
const MAX_CALLED_JOBS = 1000;

/** A job reached from a calling job through local calls, and how. */
export interface CalledJob {
  readonly job: JobNode;
  /** The calling job's grant is this job's ceiling; `inherits` when it declares none and takes it whole. */
  readonly inherits: boolean;
  /** The `uses:` of each call on the way, outermost first (the first one is in the caller's file). */
  readonly calls: readonly JobNode[];
}

/**
 * The jobs a calling job runs through local reusable workflows, whose grant the calling job bounds:
 * the callee's jobs, and the jobs of workflows they call in turn when the calling job in between
 * declares no `permissions` (one that declares its own sets the next ceiling itself). Cycles and
 * chains deeper than GitHub allows are not followed.
 */
export function calledJobs(context: Analysis, caller: JobNode): readonly CalledJob[] {
  const found: CalledJob[] = [];
  const visit = (job: JobNode, calls: readonly JobNode[], seen: ReadonlySet<WorkflowNode>) => {
    const call = localWorkflowCall(context, job);
    if (!call || seen.has(call.workflow) || calls.length >= MAX_CALL_DEPTH || found.length >= MAX_CALLED_JOBS) return;
    const inside = new Set(seen).add(call.workflow);
    for (const callee of call.workflow.jobs) {
      const inherits = inheritsCallerPermissions(callee);
      found.push({ job: callee, inherits, calls: [...calls, job] });
      if (inherits) visit(callee, [...calls, job], inside);
    }
  };
  visit(caller, [], new Set([caller.workflow]));
  return found;
}
