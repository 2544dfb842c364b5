/**
 * The steps of a job that can authenticate only through a registry's OIDC exchange, over every
 * registry of the table: publishes that do the exchange themselves and nothing else
 * (`pypa/gh-action-pypi-publish` without `password`, `uv publish --trusted-publishing always`), and
 * steps that trade the job's OIDC token for a registry token (`rust-lang/crates-io-auth-action`,
 * `NuGet/login`). Without `id-token: write` each of them fails.
 */
import type { ActionNode, JobNode, Span, YamlEntry } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { REGISTRIES, registryOf } from '../registries/index.js';
import { stepsOf } from '../steps.js';
import { publishFacts } from './facts.js';

export interface OidcFlow {
  /** The registry as messages name it. */
  readonly registryName: string;
  /** The publish or exchange, as messages name it. */
  readonly what: string;
  /** Where it is. */
  readonly at: Span | YamlEntry;
}

export function oidcFlows(context: Analysis, container: JobNode | ActionNode): readonly OidcFlow[] {
  return context.facts.memo('oidc-flows', container, () => {
    const flows: OidcFlow[] = [];
    for (const site of publishFacts(context, container).sites) {
      if (site.oidcOnly && site.target.official === true) {
        flows.push({ registryName: registryOf(site.registry).name, what: site.toolName ?? `\`${site.tool}\``, at: site.oidcOnly });
      }
    }
    for (const step of stepsOf(container)) {
      for (const registry of REGISTRIES) {
        const exchange = registry.oidcExchangeOfStep?.(context, step);
        if (exchange) flows.push({ registryName: registry.name, what: exchange.what, at: exchange.span });
      }
    }
    return flows;
  });
}
