import type { JobNode } from '../engine/ast.js';
import type { Edit } from '../engine/fix/edit.js';
import { defineRule, type RuleContext, type SuggestionDescriptor } from '../engine/rule.js';
import { addJobPermissions, describeGrant, grantText, setJobScope, writtenScopes } from '../domain/permission-edits.js';
import { jobPermissionNeeds } from '../domain/permission-needs.js';
import { oidcFlows } from '../domain/publish/oidc-flows.js';
import { DEFAULT_GRANTS, effectivePermissions, type EffectivePermissions } from '../domain/permissions.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { noOidcToolName } from '../domain/registries/npm/sites.js';
import { jobAccess } from '../domain/workflow-calls.js';
import { classifyRunner } from '../domain/runner.js';
import type { RepositorySettings } from '../domain/settings.js';

export const publishJobNeedsIdToken = defineRule({
  id: 'publish-job-needs-id-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `id-token: write` on jobs that publish through trusted publishing or with provenance',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 4.3, precision: 'very-high', tags: ['npm', 'trusted-publishing', 'provenance', 'permissions', 'correctness'] },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      oidcWithoutIdToken:
        'Job `{{job}}` publishes to registry.npmjs.org without a token, so only trusted publishing can authenticate it, but {{why}}. Add `id-token: write` to this job\'s `permissions`; without it npm fails with `ENEEDAUTH` or `E404 Not Found - PUT`.',
      toolWithoutOidc:
        'Job `{{job}}` publishes to registry.npmjs.org with {{tool}} and no token, but {{tool}} cannot do trusted publishing, so `id-token: write` alone will not authenticate it (it fails with `ENEEDAUTH` or `missing authentication`). Publish with `npm publish` (npm 11.5.1 or later) and give this job `id-token: write`.',
      provenanceWithoutIdToken:
        'Job `{{job}}` asks for provenance, but {{why}}. Add `id-token: write` to this job\'s `permissions`; without it npm aborts with `EUSAGE` (provenance needs the OIDC token).',
      oidcFlowWithoutIdToken:
        'Job `{{job}}` authenticates to {{registry}} only through trusted publishing ({{what}}), but {{why}}. Add `id-token: write` to this job\'s `permissions`; without it the OIDC token exchange fails and nothing is published.',
      inferredBlock:
        'Give job `{{job}}` a `permissions` block with what its steps use: {{grant}} (today it has the repository default, which this replaces).',
      minimalBlock:
        'Give job `{{job}}` `permissions: { contents: read, id-token: write }`; any other scope it takes from the repository default today becomes `none`.',
    },
  },
  create(context) {
    return {
      job(job) {
        const facts = npmPublishFacts(context, job);
        if (facts.idToken !== false) return;
        // A called job that takes its callers' grant is fixed in the callers: reusable-publish-id-token reports there.
        if (jobAccess(context, job, 'id-token').source === 'callers') return;
        const tokenless = facts.npmjsPublishes.filter((publish) => facts.tokensFor(publish).length === 0);
        const oidcOnly = tokenless.length > 0;
        const wantsProvenance = facts.npmjsPublishes.some((publish) => publish.provenance.state === 'enabled');
        const permissions = effectivePermissions(job);
        const why =
          permissions.source === 'job'
            ? 'its own `permissions` block does not grant `id-token: write` (a job-level block replaces the workflow\'s)'
            : permissions.source === 'workflow'
              ? 'the workflow-level `permissions` it inherits do not grant `id-token: write`'
              : 'no `permissions` block grants `id-token: write` (the repository default never does)';
        const permissionsEntry = permissions.node?.entry;
        if (!oidcOnly && !wantsProvenance) {
          // Other registries, through the registry table: a publish or token exchange that only OIDC can authenticate.
          const flow = oidcFlows(context, job)[0];
          if (!flow) return;
          context.report({
            messageId: 'oidcFlowWithoutIdToken',
            at: job.key,
            data: { job: job.id, why, registry: flow.registryName, what: flow.what },
            ...idTokenFixes(context, job, permissions),
            related: [...(permissionsEntry ? [{ at: permissionsEntry, message: 'permissions in effect for this job' }] : []), { at: flow.at, message: 'needs the OIDC token here' }],
          });
          return;
        }
        // `bun publish` and Yarn 1 cannot use the grant: advise the tool change, not the grant.
        const cannot = oidcOnly && tokenless.every((publish) => publish.oidc === 'never') ? tokenless[0]! : undefined;
        if (cannot) {
          const tool = noOidcToolName(cannot);
          context.report({ messageId: 'toolWithoutOidc', at: job.key, data: { job: job.id, tool }, related: [{ at: cannot.span, message: 'publishes here' }, ...cannot.chain] });
          return;
        }
        context.report({
          messageId: oidcOnly ? 'oidcWithoutIdToken' : 'provenanceWithoutIdToken',
          at: job.key,
          data: { job: job.id, why },
          ...idTokenFixes(context, job, permissions),
          related: [
            ...(permissionsEntry ? [{ at: permissionsEntry, message: 'permissions in effect for this job' }] : []),
            { at: facts.npmjsPublishes[0]!.span, message: 'publishes here' },
            ...facts.npmjsPublishes[0]!.chain,
          ],
        });
      },
    };
  },
});

type Context = RuleContext<keyof (typeof publishJobNeedsIdToken)['meta']['messages'] & string, undefined, true, true>;

/**
 * The job needs `id-token: write`, so adding it is the fix (it changes the job's grant on purpose,
 * and nothing else): into the job's own mapping, or into a block of its own built from what it
 * inherits, the workflow's mapping or, with `settings.defaultTokenPermissions`, the repository
 * default (a job-level block replaces the inherited grant, so every other scope stays as it was).
 * With an unknown default, building the block would change the other scopes: a suggestion only.
 */
function idTokenFixes(
  context: Context,
  job: JobNode,
  permissions: EffectivePermissions,
): { fix?: Edit[]; suggest?: () => SuggestionDescriptor<'inferredBlock' | 'minimalBlock'>[] } {
  const fixer = context.fixer;
  const node = permissions.node;
  // npm does not do trusted publishing from self-hosted runners: the grant would not make this publish
  // work (trusted-publishing-hosted-runner says what would).
  if (classifyRunner(context, job).kind === 'self-hosted') return {};
  if (permissions.source === 'job') {
    const fix = node ? setJobScope(fixer, node, 'id-token', 'write') : undefined;
    return fix ? { fix } : {};
  }
  if (permissions.source === 'workflow') {
    const scopes = node ? writtenScopes(fixer, node) : undefined;
    if (!scopes || node?.entry.value.type !== 'map') return {};
    const block = grantText([...scopes.filter(([scope]) => scope !== 'id-token'), ['id-token', 'write']], { flow: fixer.isFlow(node.entry.value) });
    const fix = addJobPermissions(fixer, job, block);
    return fix ? { fix } : {};
  }
  const defaults = (context.settings as RepositorySettings).defaultTokenPermissions;
  if ((defaults === 'read' || defaults === 'write') && !job.workflow.triggers.includes('workflow_call')) {
    const fix = addJobPermissions(fixer, job, grantText([...Object.entries(DEFAULT_GRANTS[defaults]), ['id-token', 'write']]));
    return fix ? { fix } : {};
  }
  return { suggest: () => blockSuggestions(context, job) };
}

/** A block for a job whose grant is the unknown repository default: what its steps use, or the minimal one. */
function blockSuggestions(context: Context, job: JobNode): SuggestionDescriptor<'inferredBlock' | 'minimalBlock'>[] {
  const fixer = context.fixer;
  const suggest: SuggestionDescriptor<'inferredBlock' | 'minimalBlock'>[] = [];
  const needs = jobPermissionNeeds(context, job);
  let sameAsMinimal = false;
  if (needs.kind === 'known') {
    const scopes = new Map<string, string>(needs.scopes);
    scopes.set('id-token', 'write');
    const fix = addJobPermissions(fixer, job, grantText(scopes));
    if (fix) suggest.push({ messageId: 'inferredBlock', data: { job: job.id, grant: describeGrant(scopes) }, fix });
    sameAsMinimal = scopes.size === 2 && scopes.get('contents') === 'read';
  }
  const minimal = addJobPermissions(fixer, job, grantText([['contents', 'read'], ['id-token', 'write']]));
  if (minimal && !sameAsMinimal) suggest.push({ messageId: 'minimalBlock', data: { job: job.id }, fix: minimal });
  return suggest;
}
