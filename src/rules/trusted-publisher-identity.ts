import type { JobNode, StepNode, WorkflowNode, YamlEntry } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { hasExpression } from '../domain/expressions.js';
import { isOidcOnly } from '../domain/registries/npm/auth.js';
import type { NpmSettings } from '../domain/registries/npm/credentials.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { publishedPackages } from '../domain/registries/npm/published-packages.js';
import type { NpmPublish } from '../domain/registries/npm/sites.js';
import { localCallers } from '../domain/workflow-calls.js';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** The job's environment name: a string, null when it has none, undefined when it cannot be known (an expression). */
function environmentName(job: JobNode): string | null | undefined {
  const value = job.environment?.value;
  if (!value) return null;
  const scalar = value.type === 'scalar' ? value : value.type === 'map' ? value.byKey.get('name')?.value : undefined;
  if (scalar?.type !== 'scalar' || hasExpression(scalar.text)) return undefined;
  return scalar.text.trim();
}

/** Whether a condition in the called job depends on the caller's inputs: then a caller may not publish at all. */
function dependsOnInputs(entry: YamlEntry | undefined): boolean {
  const value = entry?.value;
  if (value === undefined) return false;
  return value.type !== 'scalar' || /\binputs\s*[.[]/.test(value.text);
}

/** The publish may differ per caller: an input decides whether the step runs, where, or with which arguments. */
function variesByCaller(job: JobNode, step: StepNode, publish: NpmPublish): boolean {
  if (dependsOnInputs(job.if) || dependsOnInputs(step.if) || job.strategy) return true;
  if (step.workingDirectory && hasExpression(step.workingDirectory.text)) return true;
  if (publish.args.some((arg) => hasExpression(arg) || arg.includes('$'))) return true;
  return step.run !== undefined && /\binputs\s*[.[]/.test(step.run.text);
}

/**
 * npm checks the trusted publisher against the workflow that *starts* the run: for a reusable
 * workflow that is the caller's file, not the called one ("validation checks the calling workflow's
 * name instead of the workflow that actually contains the publish command"), and a package has one
 * trusted publisher ("Each package can only have one trusted publisher configured at a time").
 * https://docs.npmjs.com/trusted-publishers
 */
export const trustedPublisherIdentity = defineRule({
  id: 'trusted-publisher-identity',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the workflow that starts a trusted publish to be the one npm can trust',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 3.1, precision: 'high', tags: ['npm', 'trusted-publishing', 'reusable-workflows', 'correctness'] },
    messages: {
      workflowMismatch:
        'Package `{{package}}` has its trusted publisher on npmjs.com set to workflow `{{configured}}` (settings.trustedPublishers), but this publish runs in a run started by {{actual}}. npm checks the file name exactly (case and `.yml`/`.yaml` included) and refuses the OIDC token: the publish fails with `ENEEDAUTH` or `E404`. Register {{actual}} as the trusted publisher, or publish from `{{configured}}`.',
      environmentMismatch:
        'Package `{{package}}` has its trusted publisher on npmjs.com set to environment `{{configured}}` (settings.trustedPublishers), but job `{{job}}` {{actual}}. npm checks the environment claim exactly and refuses the OIDC token. Set `environment: {{configured}}` on this job, or change the trusted publisher.',
      severalCallerFiles:
        'This trusted publish runs in a reusable workflow called from {{callers}}. npm checks the trusted publisher against the workflow file that starts the run, and a package has one trusted publisher, so the publish fails with `ENEEDAUTH` or `E404` from every caller but the registered one. Publish from one calling workflow (pass what differs as inputs), and register that file on npmjs.com.',
    },
  },
  create(context) {
    const configured = (context.settings as NpmSettings).trustedPublishers;
    /** The configured trusted publisher is checked against the files that start runs and the job's environment. */
    const checkConfigured = (workflow: WorkflowNode) => {
      if (!configured) return;
      const own = workflow.file.projectPath ?? workflow.file.relativePath;
      const starters = new Set<string>();
      if (workflow.triggers.some((trigger) => trigger !== 'workflow_call')) starters.add(baseName(own));
      if (workflow.triggers.includes('workflow_call')) {
        const callers = localCallers(context, workflow);
        // Called from no workflow here: another repository may start it, the identity is not known.
        if (callers.length === 0) return;
        for (const caller of callers) starters.add(baseName(caller.workflow.file.projectPath ?? caller.workflow.file.relativePath));
      }
      if (starters.size === 0) return;
      for (const job of workflow.jobs) {
        const facts = npmPublishFacts(context, job);
        if (facts.tokenInActionInput) continue;
        for (const publish of facts.npmjsPublishes) {
          if (!isOidcOnly(context, facts, publish)) continue;
          for (const { manifest } of publishedPackages(context, publish).packages) {
            const name = typeof manifest.name === 'string' ? manifest.name : undefined;
            const publisher = name !== undefined && Object.hasOwn(configured, name) ? configured[name] : undefined;
            if (!publisher) continue;
            if (!starters.has(publisher.workflow)) {
              const actual = [...starters].sort().map((file) => `\`${file}\``).join(' or ');
              context.report({ messageId: 'workflowMismatch', at: publish.span, data: { package: name!, configured: publisher.workflow, actual }, related: publish.chain });
            }
            if (publisher.environment !== undefined) {
              const environment = environmentName(job);
              if (environment === undefined || environment === publisher.environment) continue;
              const actual = environment === null ? 'has no `environment`' : `runs in environment \`${environment}\``;
              context.report({ messageId: 'environmentMismatch', at: job.environment?.key ?? job.key, data: { package: name!, configured: publisher.environment, job: job.id, actual }, related: [{ at: publish.span, message: 'publishes here' }, ...publish.chain] });
            }
          }
        }
      }
    };
    return {
      workflow(workflow) {
        checkConfigured(workflow);
        // Only a workflow that always runs as a callee publishes under its callers' identity.
        if (workflow.triggers.length === 0 || workflow.triggers.some((trigger) => trigger !== 'workflow_call')) return;
        const callers = localCallers(context, workflow);
        const files = [...new Set(callers.map((caller) => caller.workflow.file.projectPath ?? caller.workflow.file.relativePath))].sort();
        if (files.length < 2) return;
        for (const job of workflow.jobs) {
          const facts = npmPublishFacts(context, job);
          if (facts.tokenInActionInput) continue;
          const publish = facts.npmjsPublishes.find((candidate) => isOidcOnly(context, facts, candidate) && !variesByCaller(job, candidate.step, candidate));
          if (!publish) continue;
          context.report({
            messageId: 'severalCallerFiles',
            at: publish.span,
            // Advice more than certainty: two callers may still publish different packages.
            severity: 'warn',
            data: { callers: files.map((file) => `\`${baseName(file)}\``).join(' and ') },
            related: [
              ...callers.map((caller) => ({ at: { file: caller.workflow.file, span: caller.uses!.scalar.span }, message: `\`${baseName(caller.workflow.file.projectPath ?? caller.workflow.file.relativePath)}\` calls it here` })),
              ...publish.chain,
            ],
          });
        }
      },
    };
  },
});
