/**
 * The publish facts of a job or composite action, over every registry, computed once per run and
 * shared by all rules. Anything not known for certain is `unknown`, and rules that need it stay silent.
 */
import type { ActionNode, JobNode, StepNode } from '../../engine/ast.js';
import type { ChainLink } from '../chain.js';
import type { Analysis } from '../context.js';
import { localCompositeAction } from '../local-actions.js';
import { REGISTRIES, registryOf } from '../registries/index.js';
import type { Credential, PublishFacts, PublishSite } from '../registries/types.js';
import { stepsOf } from '../steps.js';
import { jobAccess } from '../workflow-calls.js';

export function publishFacts(context: Analysis, container: JobNode | ActionNode): PublishFacts {
  return context.facts.memo('publish-facts', container, () => {
    const sites: PublishSite[] = [];
    // A loop, not `push(...)`: a hostile script can hold more publishes than a call takes arguments.
    for (const step of stepsOf(container)) for (const site of sitesOfStep(context, step, new Set())) sites.push(site);
    return { container, sites, idToken: idTokenOf(context, container) };
  });
}

/** Local composite actions followed into each other at most this deep (GitHub allows 10 levels). */
const MAX_ACTION_DEPTH = 10;

/**
 * The publishes of a step over every registry; a `uses: ./local` composite action's publishes are
 * seen from the calling step: reported at its `uses:`, with the action's command in the chain.
 */
function sitesOfStep(context: Analysis, step: StepNode, active: Set<ActionNode>): PublishSite[] {
  const direct = REGISTRIES.flatMap((registry) => registry.sitesOfStep(context, step));
  if (direct.length > 0 || active.size >= MAX_ACTION_DEPTH) return direct;
  const action = localCompositeAction(context, step);
  if (!action || active.has(action)) return direct;
  active.add(action);
  const lifted: PublishSite[] = [];
  for (const inner of action.steps) {
    for (const site of sitesOfStep(context, inner, active)) {
      const text = action.file.text.slice(site.span.start, site.span.end).replace(/\s+/g, ' ');
      const link: ChainLink = { at: { file: action.file, span: site.span }, message: `\`${step.uses!.name}\` runs \`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\`` };
      lifted.push({ ...site, step, span: step.uses!.scalar.span, via: 'uses', chain: [link, ...site.chain], inAction: site.inAction ?? { action, step: site.step } });
    }
  }
  active.delete(action);
  return lifted;
}

/**
 * `id-token: write` for a job: true, false, or undefined when unknown; undefined for a composite
 * action. A called job that declares no `permissions` has its local callers' grant when they agree.
 */
function idTokenOf(context: Analysis, container: JobNode | ActionNode): boolean | undefined {
  if (container.kind !== 'job') return undefined;
  const access = jobAccess(context, container, 'id-token').access;
  return access === undefined ? undefined : access === 'write';
}

/** The long-lived credentials the site's tool reads: they authenticate the publish. */
export function credentialsFor(context: Analysis, site: PublishSite): readonly Credential[] {
  return registryOf(site.registry).credentialsFor(context, site);
}

/** Every long-lived credential of the site's registry visible to its step (exposure). */
export function visibleCredentials(context: Analysis, site: PublishSite): readonly Credential[] {
  return registryOf(site.registry).visibleCredentials(context, site);
}
