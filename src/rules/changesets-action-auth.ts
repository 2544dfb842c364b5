import type { ActionNode, JobNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { actionVersion, atLeast, atMost, type ActionVersion } from '../domain/action-version.js';
import { envBinding } from '../domain/env.js';
import { otherTokenChannel, publishScriptMayWriteAuth } from '../domain/registries/npm/changesets-action.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { inputText, lastActionBefore } from '../domain/steps.js';

/**
 * changesets/action and npm authentication (changesets/action CHANGELOG.md and src/index.ts at v1.4–v2.0):
 * - v2.0.0 removed the `.npmrc` handling: `NPM_TOKEN` is ignored, auth comes from trusted
 *   publishing or from an npm config someone else wrote (setup-node `registry-url` +
 *   `NODE_AUTH_TOKEN`, an `.npmrc` write, a committed `.npmrc`).
 * - v1.7+ decides on `NPM_TOKEN` alone and logs "using npm trusted publishing" when it is unset,
 *   even when setup-node's `.npmrc` still feeds npm a token through `NODE_AUTH_TOKEN`.
 * - v1 up to 1.6.x wrote `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` unconditionally, so the
 *   literal `undefined` when it is unset.
 */

/** The newest 1.x release is 1.9.x, so a floating `@v1` resolves to a version ≥ 1.7.0. */
const FLOATING_V1_IS_AT_LEAST_1_7 = true;

function versionText(version: ActionVersion): string {
  const core = [version.major, version.minor, version.patch].filter((part) => part !== undefined).join('.');
  return `v${core}${version.prerelease ? `-${version.prerelease}` : ''}`;
}

export const changesetsActionAuth = defineRule({
  id: 'changesets-action-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `changesets/action` publishes to authenticate in a way the action version actually uses',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 4.3, precision: 'high', tags: ['npm', 'trusted-publishing', 'changesets', 'correctness'] },
    messages: {
      v2IgnoresNpmToken:
        '`changesets/action` {{version}} ignores `NPM_TOKEN` (v2 no longer writes an `.npmrc`), and nothing else gives npm a token while {{why}}, so this publish goes out unauthenticated and fails with `ENEEDAUTH` or `E404 Not Found - PUT`. Publish through trusted publishing (`id-token: write`, ideally the `changesets/action/publish` sub-action in its own job), or pass a token through `actions/setup-node` `registry-url` and `NODE_AUTH_TOKEN`.',
      v2NpmTokenNotFallback:
        '`changesets/action` {{version}} ignores `NPM_TOKEN` (v2 no longer writes an `.npmrc`): this publish authenticates through trusted publishing only, and the token is no fallback if the trusted publisher on npmjs.com does not match. Remove `NPM_TOKEN` from the environment, or pass a token through `actions/setup-node` `registry-url` and `NODE_AUTH_TOKEN` if one is still needed.',
      v1LogsOidcWithToken:
        '`changesets/action` {{version}} decides on `NPM_TOKEN` alone: with the token in `NODE_AUTH_TOKEN` it logs "No NPM_TOKEN found, but OIDC is available - using npm trusted publishing" while setup-node\'s `.npmrc` still hands npm the long-lived token. Remove `NODE_AUTH_TOKEN` from this step to publish through trusted publishing only.',
      v1WritesUndefinedToken:
        '`changesets/action` {{version}} writes `//registry.npmjs.org/:_authToken=undefined` to `~/.npmrc` when `NPM_TOKEN` is unset, so when trusted publishing fails npm reports `Access token expired or revoked` and `E404 Not Found - PUT` instead of the real cause. Upgrade to `changesets/action` v1.7.0 or later.',
    },
  },
  create(context) {
    const check = (container: JobNode | ActionNode) => {
      const facts = npmPublishFacts(context, container);
      for (const publish of facts.npmjsPublishes) {
        if (publish.tool !== 'changesets-action' || !publish.step.uses) continue;
        const version = actionVersion(publish.step.uses);
        // Prereleases of 2.0.0 changed auth step by step: which one dropped `.npmrc` is not known.
        if (!version || version.prerelease !== undefined) continue;
        // v2 renamed `publish` to `publish-script` and ignores the old name (no publish at all), and v1
        // knows only `publish`: a step publishes only with its version's input. The sub-action always does.
        if (publish.step.uses.fullName === 'changesets/action' && !inputText(publish.step, version.major >= 2 ? 'publish-script' : 'publish')) continue;
        const npmToken = facts.visibleTokens(publish).find((token) => token.kind === 'env' && token.name === 'NPM_TOKEN');
        const data = { version: versionText(version) };

        if (version.major >= 2) {
          if (!npmToken || otherTokenChannel(context, facts, publish) || publishScriptMayWriteAuth(context, publish.step)) continue;
          const related = [{ at: npmToken.at, message: '`NPM_TOKEN` bound here, and ignored' }, ...publish.chain];
          if (facts.idToken === false) {
            const why = container.kind === 'job' ? `job \`${container.id}\` has no \`id-token: write\`` : 'the job has no `id-token: write`';
            context.report({ messageId: 'v2IgnoresNpmToken', at: publish.span, data: { ...data, why }, related });
          } else {
            context.report({ messageId: 'v2NpmTokenNotFallback', at: publish.span, data, related, severity: 'warn' });
          }
          continue;
        }

        // v1: the traps only matter for a job that can publish through trusted publishing.
        if (version.major !== 1 || npmToken || envBinding(publish.step, 'NPM_TOKEN') || facts.idToken !== true) continue;
        const setupNode = lastActionBefore(publish.step, 'actions/setup-node');
        const registryUrl = setupNode ? inputText(setupNode, 'registry-url') : undefined;
        if (atLeast(version, 1, 7, FLOATING_V1_IS_AT_LEAST_1_7)) {
          const nodeAuthToken = facts.visibleTokens(publish).find((token) => token.kind === 'env' && token.name === 'NODE_AUTH_TOKEN');
          // Without setup-node's `.npmrc` nothing reads NODE_AUTH_TOKEN, and the log tells the truth.
          if (!nodeAuthToken || !registryUrl) continue;
          context.report({
            messageId: 'v1LogsOidcWithToken',
            at: publish.span,
            data,
            related: [{ at: nodeAuthToken.at, message: 'long-lived token bound here' }, ...publish.chain],
            severity: 'warn',
          });
        } else if (atMost(version, 1, 6)) {
          // setup-node's `registry-url` points npm at its own user config, and a committed `.npmrc`
          // with a token wins over `~/.npmrc`: the `undefined` line is then never read.
          if (registryUrl || otherTokenChannel(context, facts, publish)) continue;
          context.report({ messageId: 'v1WritesUndefinedToken', at: publish.span, data, related: publish.chain, severity: 'warn' });
        }
      }
    };
    return { job: check, action: check };
  },
});
