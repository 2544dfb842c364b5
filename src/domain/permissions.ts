import type { JobNode, PermissionsNode, WorkflowNode, YamlEntry } from '../engine/ast.js';
import { table, type Table } from './table.js';
import { misspeltKey } from './workflow-keys.js';

// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
/** Every `GITHUB_TOKEN` scope and the levels it accepts (a table: a scope named `constructor` is no scope). */
export const PERMISSION_SCOPES: Table<readonly string[]> = table({
  actions: ['read', 'write', 'none'],
  'artifact-metadata': ['read', 'write', 'none'],
  attestations: ['read', 'write', 'none'],
  checks: ['read', 'write', 'none'],
  contents: ['read', 'write', 'none'],
  // Copilot CLI in Actions (docs: "Using Copilot CLI in GitHub Actions with GITHUB_TOKEN"); the docs show only `write`.
  'copilot-requests': ['read', 'write', 'none'],
  deployments: ['read', 'write', 'none'],
  discussions: ['read', 'write', 'none'],
  'id-token': ['write', 'none'],
  issues: ['read', 'write', 'none'],
  models: ['read', 'none'],
  packages: ['read', 'write', 'none'],
  pages: ['read', 'write', 'none'],
  'pull-requests': ['read', 'write', 'none'],
  'repository-projects': ['read', 'write', 'none'],
  'security-events': ['read', 'write', 'none'],
  statuses: ['read', 'write', 'none'],
});

export const PERMISSION_SHORTHANDS = ['read-all', 'write-all'] as const;

/** The repository's (or organisation's) default `GITHUB_TOKEN` setting: restricted (`read`) or permissive (`write`). */
export type DefaultTokenPermissions = 'read' | 'write';

export const PERMISSIONS_SETTINGS_SCHEMA = {
  defaultTokenPermissions: {
    type: 'string',
    enum: ['read', 'write'],
    description:
      "The repository's default GITHUB_TOKEN permissions: `read` (restricted: contents and packages read) or `write` (permissive). Lets --fix move a workflow without a `permissions` block to `permissions: {}`.",
  },
} as const;

/**
 * What a job gets when no `permissions` block applies, by the repository's setting, as GitHub's
 * table lists it (https://docs.github.com/en/actions/reference/github_token-reference, "Permissions
 * for the GITHUB_TOKEN"; github/docs content/actions/reference/github_token-reference.md). `metadata:
 * read` is always granted and is no scope of a `permissions` block. Scopes the table does not list
 * (`artifact-metadata`, `copilot-requests`) are read as not granted, as the table is written.
 */
export const DEFAULT_GRANTS: Readonly<Record<DefaultTokenPermissions, Readonly<Record<string, 'read' | 'write'>>>> = {
  read: { contents: 'read', packages: 'read' },
  write: {
    actions: 'write',
    attestations: 'write',
    checks: 'write',
    contents: 'write',
    deployments: 'write',
    discussions: 'write',
    issues: 'write',
    models: 'read',
    packages: 'write',
    pages: 'write',
    'pull-requests': 'write',
    'repository-projects': 'write',
    'security-events': 'write',
    statuses: 'write',
  },
};

export type Access = 'none' | 'read' | 'write';

/**
 * A job's effective `GITHUB_TOKEN` grant. `source` says which block decides it: the job's own
 * (which replaces the workflow's entirely), the workflow's, or the repository default when neither
 * declares one. `known` is false when the grant cannot be read (an expression, a wrong shape).
 */
export interface EffectivePermissions {
  readonly source: 'job' | 'workflow' | 'default';
  readonly node?: PermissionsNode;
  readonly known: boolean;
  /** Access for a scope; undefined when unknown (repository default for most scopes). */
  access(scope: string): Access | undefined;
  /** The entry that grants a scope (`id-token: write`) or the shorthand that does, for reporting. */
  grantOf(scope: string): YamlEntry | undefined;
  /**
   * A misspelt block (`permission:`) where the job's or the workflow's `permissions` would be: GitHub
   * rejects the file, and what the author meant to grant is unknown, so nothing is (`known` is false).
   */
  readonly misspelt?: YamlEntry;
}

/** An unknown key of a job or of a workflow's top level that most likely stands for `permissions` (`permission:`, `Permissions:`). */
export function misspeltPermissions(node: JobNode | WorkflowNode): YamlEntry | undefined {
  if (node.permissions) return undefined;
  return node.kind === 'job' ? misspeltKey(node.map, 'job', 'permissions') : misspeltKey(node.root, 'workflow', 'permissions');
}

/** Whether a misspelt `permissions` key at the top or in any job leaves a grant of the workflow unknown. */
export function permissionsMisspelt(workflow: WorkflowNode): boolean {
  return misspeltPermissions(workflow) !== undefined || workflow.jobs.some((job) => misspeltPermissions(job) !== undefined);
}

const LEVELS: readonly Access[] = ['none', 'read', 'write'];

/**
 * A job's grant. `defaults`, the repository's setting when the config gives it, makes the default
 * grant known (except in a called workflow, which inherits its caller's).
 */
export function effectivePermissions(job: JobNode, defaults?: DefaultTokenPermissions): EffectivePermissions {
  if (job.permissions) return fromNode(job.permissions, 'job');
  const ownTypo = misspeltPermissions(job);
  if (ownTypo) return misspeltGrant('job', ownTypo);
  if (job.workflow.permissions) return fromNode(job.workflow.permissions, 'workflow');
  const topTypo = misspeltPermissions(job.workflow);
  if (topTypo) return misspeltGrant('workflow', topTypo);
  // A called workflow that declares nothing inherits its caller's grant, which we cannot see here.
  const inheritsFromCaller = job.workflow.triggers.includes('workflow_call');
  if (defaults && !inheritsFromCaller) {
    const grants = DEFAULT_GRANTS[defaults];
    return { source: 'default', known: true, access: (scope) => (Object.hasOwn(grants, scope) ? grants[scope]! : 'none'), grantOf: () => undefined };
  }
  return {
    source: 'default',
    known: false,
    // The repository default never includes `id-token`; everything else depends on settings we cannot see.
    access: (scope) => (scope === 'id-token' && !inheritsFromCaller ? 'none' : undefined),
    grantOf: () => undefined,
  };
}

function misspeltGrant(source: 'job' | 'workflow', misspelt: YamlEntry): EffectivePermissions {
  return { source, known: false, misspelt, access: () => undefined, grantOf: () => undefined };
}

function fromNode(node: PermissionsNode, source: 'job' | 'workflow'): EffectivePermissions {
  if (node.kind === 'unknown') return { source, node, known: false, access: () => undefined, grantOf: () => undefined };
  if (node.kind === 'shorthand') {
    const shorthand = node.value.text.trim();
    const level: Access | undefined = shorthand === 'write-all' ? 'write' : shorthand === 'read-all' ? 'read' : undefined;
    return {
      source,
      node,
      known: level !== undefined,
      access: (scope) => {
        if (level === undefined) return undefined;
        const allowed = PERMISSION_SCOPES.get(scope) ?? LEVELS;
        if (allowed.includes(level)) return level;
        // `read-all` cannot grant `id-token` (write-only scope); `write-all` cannot give `models` write.
        return level === 'write' && allowed.includes('read') ? 'read' : 'none';
      },
      grantOf: () => (level !== undefined ? node.entry : undefined),
    };
  }
  return {
    source,
    node,
    known: true,
    // A mapping sets every scope it does not name to `none`.
    access: (scope) => {
      const entry = node.scopes.get(scope);
      if (!entry) return 'none';
      const text = entry.value.type === 'scalar' ? entry.value.text.trim() : '';
      return (LEVELS as readonly string[]).includes(text) ? (text as Access) : undefined;
    },
    grantOf: (scope) => node.scopes.get(scope),
  };
}

/** True when the job can mint an OIDC token. */
export function hasIdTokenWrite(job: JobNode): boolean {
  return effectivePermissions(job).access('id-token') === 'write';
}
