/**
 * The publish-capable job: the one a release hijack wants. A job is publish-capable when it can
 * publish to a registry, whichever: it publishes (a publish step a registry module knows, also
 * through a local composite action, or a step that publishes to any other registry), it holds a long-lived registry token (a documented token variable bound
 * to a secret or variable), or it calls a local reusable workflow that publishes (its grant, and so
 * its OIDC token, is that workflow's ceiling). Only what is known counts: a job whose scripts
 * cannot be read is not publish-capable, so rules that need the fact stay silent.
 */
import type { JobNode } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { valueOrigin } from '../expressions.js';
import { actionOidcUse, isPublishPurpose, runOidcUse } from '../oidc-consumers.js';
import { tokenEnvNameOf } from '../leaks/yaml-places.js';
import { calledJobs } from '../workflow-calls.js';
import { publishFacts } from './facts.js';

export function isPublishCapable(context: Analysis, job: JobNode): boolean {
  return context.facts.memo('publish-capable', job, () => publishes(context, job) || holdsRegistryToken(context, job) || calledJobs(context, job).some((called) => publishes(context, called.job)));
}

/**
 * A publish step the registry modules know, or a step that publishes to another registry, as the
 * OIDC consumer table knows them (`pypa/gh-action-pypi-publish`, `cargo publish`, `gem push`),
 * whatever its credential: OIDC, a `--token` flag, a `password:` input. A `--dry-run` publishes nothing.
 */
function publishes(context: Analysis, job: JobNode): boolean {
  if (publishFacts(context, job).sites.length > 0) return true;
  return job.steps.some((step) => {
    if (step.run && DRY_RUN.test(step.run.text)) return false;
    const use = step.uses ? actionOidcUse(context, step, []) : runOidcUse(context, step);
    return use.kind === 'yes' && isPublishPurpose(use.purpose);
  });
}

const DRY_RUN = /(?:^|\s)--dry-run(?:=true)?(?=\s|$)/m;

/** A documented registry token variable bound to a long-lived secret, in the workflow's, the job's or a step's `env`. */
function holdsRegistryToken(context: Analysis, job: JobNode): boolean {
  const blocks = [job.workflow.env, job.env, ...job.steps.map((step) => step.env)];
  for (const block of blocks) {
    if (!block) continue;
    for (const [name, entry] of block.vars) {
      if (entry.value.type !== 'scalar' || !tokenEnvNameOf(context.facts, name)) continue;
      if (valueOrigin(entry.value.text).origin === 'long-lived-secret') return true;
    }
  }
  return false;
}
