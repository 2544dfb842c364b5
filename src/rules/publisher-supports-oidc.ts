import type { JobNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { isOidcOnly } from '../domain/registries/npm/auth.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { switchesYarn, toolBelowOidc } from '../domain/registries/npm/tools/oidc-tools.js';
import { isYarnClassic } from '../domain/registries/npm/tools/package-managers.js';
import { throughChangesetsAction } from '../domain/registries/npm/tools/publisher.js';
import { OIDC_TOOL_MINIMUMS } from '../domain/registries/npm/tools/thresholds.js';

export const publisherSupportsOidc = defineRule({
  id: 'publisher-supports-oidc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a publishing tool (and tool version) that can do trusted publishing when the job has no npm token',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 5.0, precision: 'high', tags: ['npm', 'trusted-publishing', 'oidc', 'correctness'] },
    messages: {
      bunPublish:
        '`bun publish` cannot do trusted publishing (OIDC) and this job has no npm token, so it fails with `missing authentication`. Pack with `bun pm pack` and publish the tarball with `npx npm@^11.5.1 publish <file>.tgz`.',
      yarnClassicPublish:
        '`yarn publish` (Yarn 1) cannot do trusted publishing (OIDC) and this job has no npm token, so it fails with `No token found and can\'t prompt for login`. Publish with `npm publish` (npm 11.5.1 or later), or move to Yarn 4.10.3 or later and run `yarn npm publish`.',
      toolTooOld:
        '{{tool}} ({{from}}) cannot do trusted publishing (OIDC) before {{minimum}}, and this job has no npm token, so the publish fails with {{error}}. To publish with OIDC, {{fix}}.',
    },
  },
  create(context) {
    const check = (job: JobNode) => {
      const facts = npmPublishFacts(context, job);
      for (const found of facts.npmjsPublishes) {
        if (!isOidcOnly(context, facts, found)) continue;
        // `changesets/action` publishes with whatever its `publish` script runs.
        const publish = throughChangesetsAction(context, found);
        if (!publish) continue;
        if (publish.tool === 'bun') {
          context.report({ messageId: 'bunPublish', at: publish.span, related: publish.chain });
          continue;
        }
        if (publish.tool === 'yarn-classic') {
          if (isYarnClassic(context, publish.step) === true && !switchesYarn(publish)) context.report({ messageId: 'yarnClassicPublish', at: publish.span, related: publish.chain });
          continue;
        }
        const old = toolBelowOidc(context, publish);
        if (!old) continue;
        context.report({
          messageId: 'toolTooOld',
          at: publish.span,
          related: publish.chain,
          data: {
            tool: OIDC_TOOL_MINIMUMS[old.tool].display,
            from: old.version.from ?? 'the workflow',
            minimum: old.minimum,
            error: OIDC_TOOL_MINIMUMS[old.tool].failure,
            fix: OIDC_TOOL_MINIMUMS[old.tool].upgrade,
          },
        });
      }
    };
    return { job: check };
  },
});
