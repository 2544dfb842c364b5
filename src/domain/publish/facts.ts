/**
 * The publish facts of a job or composite action, over every registry, computed once per run and
 * shared by all rules. Anything not known for certain is `unknown`, and rules that need it stay silent.
 */
import type { ActionNode, JobNode } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { effectivePermissions } from '../permissions.js';
import { REGISTRIES, registryOf } from '../registries/index.js';
import type { Credential, PublishFacts, PublishSite } from '../registries/types.js';
import { stepsOf } from '../steps.js';

export function publishFacts(context: Analysis, container: JobNode | ActionNode): PublishFacts {
  return context.facts.memo('publish-facts', container, () => {
    const sites: PublishSite[] = [];
    // A loop, not `push(...)`: a hostile script can hold more publishes than a call takes arguments.
    for (const step of stepsOf(container)) {
      for (const registry of REGISTRIES) for (const site of registry.sitesOfStep(context, step)) sites.push(site);
    }
    return { container, sites, idToken: idTokenOf(container) };
  });
}

/** `id-token: write` for a job: true, false, or undefined when unknown; undefined for a composite action. */
function idTokenOf(container: JobNode | ActionNode): boolean | undefined {
  if (container.kind !== 'job') return undefined;
  const access = effectivePermissions(container).access('id-token');
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
