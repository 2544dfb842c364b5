/**
 * The publish-capable job: the crown jewel the hardening rules protect. A job is publish-capable
 * when it publishes to a registry (any registry of the table), when it can mint an OIDC token and
 * uses it to publish (a registry's trusted-publishing action or command), or when it holds a
 * registry token (an env variable a registry's tools read, bound to a stored secret). A job that
 * calls a local reusable workflow is publish-capable when a job it calls is; a remote one is
 * unknown. Registry-neutral: the knowledge comes from the registry table and the OIDC consumers.
 */
import type { JobNode, Span, StepNode, YamlEntry } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { valueOrigin } from '../expressions.js';
import { actionOidcUse, isPublishPurpose, runOidcUse } from '../oidc-consumers.js';
import { tokenEnvNameOf } from '../leaks/yaml-places.js';
import { actionAsWritten } from '../steps.js';
import { calledJobs, localWorkflowCall } from '../workflow-calls.js';
import { publishFacts } from './facts.js';

/** Why a job can publish, with the place that shows it. */
export type CapabilityReason =
  /** A publish site (any registry, any target). */
  | { readonly kind: 'publishes'; readonly at: Span; readonly step: StepNode; readonly what: string }
  /** `id-token: write` and a step that exchanges it for a registry credential. */
  | { readonly kind: 'oidc-publish'; readonly at: Span; readonly step: StepNode; readonly what: string }
  /** A registry token bound from a stored secret in env the job sees. */
  | { readonly kind: 'token'; readonly at: YamlEntry; readonly what: string }
  /** A local reusable workflow whose jobs can publish. */
  | { readonly kind: 'calls'; readonly at: Span; readonly job: JobNode; readonly what: string };

export type PublishCapability =
  | { readonly kind: 'yes'; readonly reasons: readonly CapabilityReason[] }
  /** A remote reusable workflow, an unreadable callee: whether it publishes is not known. */
  | { readonly kind: 'unknown' }
  | { readonly kind: 'no' };

const NO: PublishCapability = { kind: 'no' };

/**
 * A `maybe` from a script named like a publish (`npm run publish`, `make publish`): it may do trusted
 * publishing unseen. `release` is not enough: release scripts also build binaries or open release
 * pull requests, with `id-token: write` for attestations or GitHub token exchanges.
 */
const PUBLISH_REASON = /publish/i;

/** A command as a message quotes it: at most 60 characters. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...\`` : text;
}

/** The registry-token bindings a job sees: workflow, job and step env entries bound to a stored secret. */
function tokenReasons(context: Analysis, job: JobNode): CapabilityReason[] {
  const reasons: CapabilityReason[] = [];
  const blocks = [job.workflow.env, job.env, ...job.steps.map((step) => step.env)];
  for (const block of blocks) {
    if (!block) continue;
    for (const [name, entry] of block.vars) {
      if (entry.value.type !== 'scalar' || !tokenEnvNameOf(context.facts, name)) continue;
      const origin = valueOrigin(entry.value.text);
      if (origin.origin !== 'long-lived-secret') continue;
      reasons.push({ kind: 'token', at: entry, what: `holds registry token \`${name}\`` });
    }
  }
  return reasons;
}

/** Steps that exchange the job's OIDC token for a registry credential (or, by their name, may). */
function oidcPublishReasons(context: Analysis, job: JobNode): CapabilityReason[] {
  const reasons: CapabilityReason[] = [];
  for (const step of job.steps) {
    if (step.uses) {
      const use = actionOidcUse(context, step, []);
      if (use.kind === 'yes' && isPublishPurpose(use.purpose)) {
        reasons.push({ kind: 'oidc-publish', at: step.uses.scalar.span, step, what: `can mint an OIDC token for ${use.purpose}` });
      }
    } else if (step.run) {
      const use = runOidcUse(context, step);
      if ((use.kind === 'yes' && isPublishPurpose(use.purpose)) || (use.kind === 'maybe' && PUBLISH_REASON.test(use.reason))) {
        const what = use.kind === 'yes' ? `can mint an OIDC token for ${use.purpose}` : `can mint an OIDC token and runs ${clip(use.reason)}`;
        reasons.push({ kind: 'oidc-publish', at: step.run.span, step, what });
      }
    }
  }
  return reasons;
}

/** A publish command as messages quote it: up to its `publish` word (`npm stage publish`, `pnpm -r publish`), at most four words. */
function commandText(args: readonly string[]): string {
  // `npm publish`, `cargo +nightly publish`; `gem push`, `dotnet nuget push`.
  const publish = args.findIndex((word) => word === 'publish' || word === 'push');
  return args.slice(0, publish >= 0 && publish < 4 ? publish + 1 : 2).join(' ');
}

/** Whether a job can publish: `yes` with why (most direct reason first), `no`, or `unknown` for a call that cannot be read. */
export function publishCapability(context: Analysis, job: JobNode): PublishCapability {
  return context.facts.memo('publish-capability', job, () => {
    if (job.uses) {
      if (!localWorkflowCall(context, job)) return { kind: 'unknown' };
      const reasons: CapabilityReason[] = [];
      let unknown = false;
      for (const called of calledJobs(context, job)) {
        if (called.job.uses) {
          if (!localWorkflowCall(context, called.job)) unknown = true;
          continue;
        }
        const capability = publishCapability(context, called.job);
        if (capability.kind === 'yes') reasons.push({ kind: 'calls', at: job.uses.scalar.span, job: called.job, what: `calls job \`${called.job.id}\`, which ${capability.reasons[0]!.what}` });
      }
      if (reasons.length > 0) return { kind: 'yes', reasons };
      return unknown ? { kind: 'unknown' } : NO;
    }
    const reasons: CapabilityReason[] = publishFacts(context, job).sites.map((site) => ({
      kind: 'publishes',
      at: site.span,
      step: site.step,
      what: `publishes with \`${site.via === 'uses' ? actionAsWritten(site.step.uses!) : commandText(site.args) || site.tool}\``,
    }));
    if (publishFacts(context, job).idToken === true) reasons.push(...oidcPublishReasons(context, job));
    reasons.push(...tokenReasons(context, job));
    return reasons.length > 0 ? { kind: 'yes', reasons } : NO;
  });
}

/** The job's capability when it certainly can publish; undefined otherwise (no, or unknown). */
export function publishCapableJob(context: Analysis, job: JobNode): readonly CapabilityReason[] | undefined {
  const capability = publishCapability(context, job);
  return capability.kind === 'yes' ? capability.reasons : undefined;
}

/**
 * A job the hardening rules check: it runs steps (a calling job is judged in the workflow it calls)
 * and can certainly publish. `why` is its most direct reason as messages say it ("publishes with
 * `npm publish`"), `shownAt` where that reason is written, for the finding's related location.
 */
export function hardenedJob(context: Analysis, job: JobNode): { readonly why: string; readonly shownAt: Span | YamlEntry } | undefined {
  if (job.uses) return undefined;
  const first = publishCapableJob(context, job)?.[0];
  return first ? { why: first.what, shownAt: first.at } : undefined;
}

/**
 * Whether the job can certainly publish (`top-level-permissions-empty`'s `scope: publishing`): an
 * unknown capability (a remote reusable workflow) counts as no, so the rule stays silent on a guess.
 */
export function isPublishCapable(context: Analysis, job: JobNode): boolean {
  return publishCapability(context, job).kind === 'yes';
}
