import type {
  ActionNode,
  ActionRef,
  EnvBlock,
  FileModel,
  JobNode,
  PermissionsNode,
  StepNode,
  WorkflowNode,
  YamlEntry,
  YamlMap,
  YamlScalar,
  YamlValue,
} from './ast.js';
import type { FileKindHint } from './file-kind.js';
import type { SourceFile } from './source-file.js';
import { asMap, asScalar } from './yaml-value.js';

// Decided by location first (src/engine/file-kind.ts); re-exported for the model's users.
export { fileKindHint, type FileKindHint } from './file-kind.js';

/** Builds the typed model. Never throws: wrong shapes leave typed fields undefined. */
export function buildModel(root: YamlValue, hint: FileKindHint, file: SourceFile): FileModel {
  const map = asMap(root);
  if (!map) return { kind: 'other' };
  const isAction = hint === 'action' || (hint === 'unknown' && map.byKey.has('runs') && !map.byKey.has('jobs'));
  if (isAction) return { kind: 'action', action: buildAction(map, file) };
  if (hint === 'workflow' || map.byKey.has('jobs') || map.byKey.has('on')) {
    return { kind: 'workflow', workflow: buildWorkflow(map, file) };
  }
  return { kind: 'other' };
}

function scalarAt(map: YamlMap, key: string): YamlScalar | undefined {
  return asScalar(map.byKey.get(key)?.value);
}

function entriesOf(value: YamlValue | undefined): ReadonlyMap<string, YamlEntry> {
  return asMap(value)?.byKey ?? new Map();
}

function buildWorkflow(root: YamlMap, file: SourceFile): WorkflowNode {
  const text = file.text;
  const jobsEntry = root.byKey.get('jobs');
  const workflow: { -readonly [K in keyof WorkflowNode]: WorkflowNode[K] } = {
    kind: 'workflow',
    file,
    span: root.span,
    root,
    name: scalarAt(root, 'name'),
    on: root.byKey.get('on'),
    triggers: triggersOf(root.byKey.get('on')?.value),
    permissions: permissionsOf(root.byKey.get('permissions')),
    env: envOf(root.byKey.get('env')),
    defaults: root.byKey.get('defaults'),
    concurrency: root.byKey.get('concurrency'),
    jobsEntry,
    jobs: [],
  };
  const jobs: JobNode[] = [];
  for (const entry of asMap(jobsEntry?.value)?.entries ?? []) {
    const jobMap = asMap(entry.value);
    if (!jobMap) continue;
    jobs.push(buildJob(entry, jobMap, workflow, text));
  }
  workflow.jobs = jobs;
  return workflow;
}

function triggersOf(value: YamlValue | undefined): string[] {
  if (!value) return [];
  if (value.type === 'scalar') return [value.text];
  if (value.type === 'seq') return value.items.flatMap((item) => (item.type === 'scalar' ? [item.text] : []));
  if (value.type === 'map') return value.entries.map((entry) => entry.key.text);
  return [];
}

export function permissionsOf(entry: YamlEntry | undefined): PermissionsNode | undefined {
  if (!entry) return undefined;
  const value = entry.value;
  if (value.type === 'map') return { kind: 'scopes', entry, scopes: value.byKey };
  if (value.type === 'scalar' && !value.text.includes('${{')) return { kind: 'shorthand', entry, value };
  return { kind: 'unknown', entry };
}

function envOf(entry: YamlEntry | undefined): EnvBlock | undefined {
  if (!entry) return undefined;
  const map = asMap(entry.value);
  return { entry, vars: map?.byKey ?? new Map(), dynamic: !map && entry.value.type !== 'null' };
}

function buildJob(entry: YamlEntry, map: YamlMap, workflow: WorkflowNode, text: string): JobNode {
  const strategy = map.byKey.get('strategy');
  const needs = map.byKey.get('needs')?.value;
  const usesScalar = scalarAt(map, 'uses');
  const job: { -readonly [K in keyof JobNode]: JobNode[K] } = {
    kind: 'job',
    id: entry.key.text,
    key: entry.key,
    span: entry.span,
    ...(entry.key.aliasSpan ? { aliasSpan: entry.key.aliasSpan } : {}),
    workflow,
    map,
    name: scalarAt(map, 'name'),
    runsOn: map.byKey.get('runs-on'),
    permissions: permissionsOf(map.byKey.get('permissions')),
    environment: map.byKey.get('environment'),
    env: envOf(map.byKey.get('env')),
    defaults: map.byKey.get('defaults'),
    container: map.byKey.get('container'),
    services: map.byKey.get('services'),
    strategy,
    matrix: asMap(strategy?.value)?.byKey.get('matrix')?.value,
    needs:
      needs?.type === 'scalar'
        ? [needs]
        : needs?.type === 'seq'
          ? needs.items.flatMap((item) => (item.type === 'scalar' ? [item] : []))
          : [],
    if: map.byKey.get('if'),
    concurrency: map.byKey.get('concurrency'),
    uses: usesScalar ? parseActionRef(usesScalar, text) : undefined,
    with: entriesOf(map.byKey.get('with')?.value),
    secrets: map.byKey.get('secrets'),
    steps: [],
  };
  job.steps = buildSteps(map.byKey.get('steps')?.value, job, text);
  return job;
}

function buildSteps(value: YamlValue | undefined, parent: JobNode | ActionNode, text: string): StepNode[] {
  if (value?.type !== 'seq') return [];
  const steps: StepNode[] = [];
  value.items.forEach((item, index) => {
    if (item.type !== 'map') return;
    const usesScalar = scalarAt(item, 'uses');
    const runEntry = item.byKey.get('run');
    const withEntry = item.byKey.get('with');
    steps.push({
      kind: 'step',
      index,
      parent,
      span: item.span,
      ...(item.aliasSpan ? { aliasSpan: item.aliasSpan } : {}),
      map: item,
      id: scalarAt(item, 'id'),
      name: scalarAt(item, 'name'),
      if: item.byKey.get('if'),
      uses: usesScalar ? parseActionRef(usesScalar, text) : undefined,
      with: entriesOf(withEntry?.value),
      withEntry,
      run: asScalar(runEntry?.value),
      runEntry,
      shell: scalarAt(item, 'shell'),
      env: envOf(item.byKey.get('env')),
      workingDirectory: scalarAt(item, 'working-directory'),
    });
  });
  return steps;
}

function buildAction(root: YamlMap, file: SourceFile): ActionNode {
  const text = file.text;
  const runsEntry = root.byKey.get('runs');
  const runs = asMap(runsEntry?.value);
  const using = runs ? scalarAt(runs, 'using') : undefined;
  const action: { -readonly [K in keyof ActionNode]: ActionNode[K] } = {
    kind: 'action',
    file,
    span: root.span,
    root,
    name: scalarAt(root, 'name'),
    inputs: root.byKey.get('inputs'),
    runsEntry,
    using,
    steps: [],
  };
  if (runs && using?.text.toLowerCase() === 'composite') action.steps = buildSteps(runs.byKey.get('steps')?.value, action, text);
  return action;
}

const SHA_COMMENT = /^[ \t]*#[ \t]*(?:tag[=: ]\s*)?(v?\d+(?:\.\d+){0,2}[\w.+-]*)/;

/** Splits `owner/repo/path@ref`, `./local` and `docker://image`; reads a `# vX.Y.Z` comment after a pin. */
export function parseActionRef(scalar: YamlScalar, text = ''): ActionRef {
  const value = scalar.text.trim();
  if (value.startsWith('./') || value.startsWith('../')) {
    return { kind: 'local', name: value, fullName: value, scalar };
  }
  if (value.startsWith('docker://')) return { kind: 'docker', name: value, fullName: value, scalar };
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.includes('${{')) return { kind: 'unknown', name: value.toLowerCase(), fullName: value.toLowerCase(), scalar };
  const path = value.slice(0, at).toLowerCase();
  const ref = value.slice(at + 1);
  const parts = path.split('/');
  // `owner/repo@` names no version: GitHub rejects it, and nothing can be said about it.
  if (parts.length < 2 || !parts[0] || !parts[1] || !ref) return { kind: 'unknown', name: path, fullName: path, scalar };
  const lineEnd = text.indexOf('\n', scalar.span.end);
  const rest = text.slice(scalar.span.end, lineEnd === -1 ? text.length : lineEnd);
  const comment = /^[0-9a-f]{40}$/i.test(ref) ? SHA_COMMENT.exec(rest.replace(/^["']/, ''))?.[1] : undefined;
  return {
    kind: 'repository',
    name: `${parts[0]}/${parts[1]}`,
    fullName: path,
    ref,
    ...(comment ? { refComment: comment } : {}),
    scalar,
  };
}
