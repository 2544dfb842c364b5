import { defineRule } from '../engine/rule.js';
import { npmPublishFacts, publishAuth } from '../domain/registries/npm/facts.js';
import { classifyRunner, THIRD_PARTY_RUNNER_PREFIXES } from '../domain/runner.js';

/**
 * npm trusted publishing supports GitHub-hosted runners only, and the registry refuses a provenance
 * bundle whose builder is not: the OIDC token carries `runner_environment`, and npm answers
 * `E422 … Unsupported GitHub Actions runner environment: "self-hosted"`. Third-party runner
 * services (Blacksmith, Depot, …) register as self-hosted, so they fail the same way.
 */
export const trustedPublishingHostedRunner = defineRule({
  id: 'trusted-publishing-hosted-runner',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require npm trusted publishing and provenance publishes to run on GitHub-hosted runners',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 3.1, precision: 'high', tags: ['npm', 'trusted-publishing', 'provenance', 'runners', 'correctness'] },
    messages: {
      oidcOnSelfHosted:
        'Job `{{job}}` publishes to npm through trusted publishing on {{runner}}, but npm supports trusted publishing only on GitHub-hosted runners and refuses the provenance with `E422 … Unsupported GitHub Actions runner environment: "self-hosted"`. Run the publish job on `ubuntu-latest` (build on this runner and pass the package as an artifact).',
      provenanceOnSelfHosted:
        'Job `{{job}}` publishes to npm with provenance on {{runner}}, and npm refuses it with `E422 … Unsupported GitHub Actions runner environment: "self-hosted". Only "github-hosted" runners are supported when publishing with provenance`. Run the publish job on `ubuntu-latest` (build on this runner and pass the package as an artifact).',
    },
  },
  create(context) {
    return {
      job(job) {
        const value = job.runsOn?.value;
        if (!value) return;
        const runner = classifyRunner(context, job);
        if (runner.kind !== 'self-hosted' || runner.label === undefined) return;
        const facts = npmPublishFacts(context, job);
        // An action given an npm token may have written it to `~/.npmrc`: then OIDC is not the only way in.
        const hiddenToken = facts.tokenInActionInput !== undefined;
        const oidc = hiddenToken ? [] : facts.npmjsPublishes.filter((publish) => publishAuth(facts, publish) === 'oidc');
        // Without `id-token: write` npm stops earlier (EUSAGE), which publish-job-needs-id-token reports.
        const provenance = facts.idToken === true ? facts.npmjsPublishes.filter((publish) => publish.provenance.state === 'enabled') : [];
        const affected = oidc.length > 0 ? oidc : provenance;
        if (affected.length === 0) return;
        const label = runner.label;
        const lower = label.toLowerCase();
        const described =
          lower === 'self-hosted'
            ? 'a self-hosted runner'
            : THIRD_PARTY_RUNNER_PREFIXES.some((prefix) => lower.startsWith(prefix))
              ? `\`${label}\`, a third-party runner that registers as self-hosted`
              : `\`${label}\`, a self-hosted runner (\`settings.selfHostedRunnerLabels\`)`;
        context.report({
          messageId: oidc.length > 0 ? 'oidcOnSelfHosted' : 'provenanceOnSelfHosted',
          at: value,
          data: { job: job.id, runner: described },
          related: affected.flatMap((publish) => [{ at: publish.span, message: 'publishes here' }, ...publish.chain]),
        });
      },
    };
  },
});
