import type { JobNode, StepNode, YamlEntry } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { hasExpression } from '../domain/expressions.js';
import { isOidcOnly } from '../domain/registries/npm/auth.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import type { NpmPublish } from '../domain/registries/npm/sites.js';
import { localCallers } from '../domain/workflow-calls.js';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

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
    security: { severity: 3.1, precision: 'high', tags: ['npm', 'trusted-publishing', 'reusable-workflows', 'correctness'] },
    messages: {
      severalCallerFiles:
        'This trusted publish runs in a reusable workflow called from {{callers}}. npm checks the trusted publisher against the workflow file that starts the run, and a package has one trusted publisher, so the publish fails with `ENEEDAUTH` or `E404` from every caller but the registered one. Publish from one calling workflow (pass what differs as inputs), and register that file on npmjs.com.',
    },
  },
  create(context) {
    return {
      workflow(workflow) {
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
