import type { JobNode, Span, StepNode } from '../engine/ast.js';
import type { ChainLink } from '../domain/chain.js';
import { defineRule, type RuleContext, type SuggestionDescriptor } from '../engine/rule.js';
import { insertRunStepBefore } from '../domain/step-edits.js';
import { isOidcOnly } from '../domain/registries/npm/auth.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { nodeLabel } from '../domain/registries/npm/tools/node.js';
import { npmForPublish, type NpmFact } from '../domain/registries/npm/tools/npm.js';
import { npmOnPath, throughChangesetsAction } from '../domain/registries/npm/tools/publisher.js';
import { NPM_11_ENGINES, NPM_OIDC_MINIMUM, NPM_STAGE_PUBLISH_MINIMUM } from '../domain/registries/npm/tools/thresholds.js';
import { compareRange, intersects } from '../domain/semver-range.js';

function describeNode(npm: NpmFact): string {
  return npm.node.text ? ` on Node ${nodeLabel(npm.node)}` : '';
}

export const trustedPublishingNpmVersion = defineRule({
  id: 'trusted-publishing-npm-version',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require npm 11.5.1 or later (11.15.0 for `npm stage publish`) when publishing through trusted publishing',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 5.0, precision: 'high', tags: ['npm', 'trusted-publishing', 'oidc', 'correctness'] },
    hasSuggestions: true,
    messages: {
      npmTooOld:
        'This job publishes through trusted publishing (OIDC) with {{npm}}{{node}}{{via}}, but npm does OIDC only from 11.5.1: it skips the exchange silently and the publish fails with `E404 Not Found - PUT` or `ENEEDAUTH`. Use `node-version: 24` (Node 24.5.0 and later bundle npm 11.5.1 or later) or run `npm install -g npm@^11.5.1` before publishing.',
      stageTooOld:
        '`npm stage publish` needs npm 11.15.0 or later, but this job runs {{npm}}{{node}}, so the staged publish cannot go through trusted publishing. Run `npm install -g npm@^11.15.0` before publishing.',
      useNode24:
        'Set `node-version: 24` in this setup-node step: Node 24.5.0 and later bundle npm 11.5.1 or later (the steps before the publish then run on Node 24 too).',
      upgradeNpm:
        'Add a step `npm install -g npm@{{spec}}` before the publish (npm 11 installs on Node `{{engines}}`; setup-node picks the newest Node `{{node}}` it has).',
    },
  },
  create(context) {
    const check = (job: JobNode) => {
      const facts = npmPublishFacts(context, job);
      const reported = new Set<string>();
      for (const publish of facts.npmjsPublishes) {
        if (!isOidcOnly(context, facts, publish)) continue;
        const effective = throughChangesetsAction(context, publish);
        if (!effective) continue;
        const found = npmOnPath(context, effective);
        if (found === undefined) continue;
        const via = found === '' && publish.tool === 'changesets-action' ? ' (`changesets/action` runs `npm publish`)' : found;
        const npm = npmForPublish(context, effective);
        const staged = publish.staged;
        const minimum = staged ? NPM_STAGE_PUBLISH_MINIMUM.version : NPM_OIDC_MINIMUM.version;
        if (compareRange(npm.range, minimum) !== 'below') continue;
        // The Node version is the cause when npm is the one it bundles: point at `node-version`.
        const at: Span = npm.source === 'bundled' && npm.node.source === 'setup-node' && npm.node.at ? (npm.node.at.aliasSpan ?? npm.node.at.span) : publish.span;
        const key = `${at.start}:${at.end}:${staged}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report(
          context,
          staged ? 'stageTooOld' : 'npmTooOld',
          at,
          { npm: npm.display ?? 'an npm', node: describeNode(npm), via },
          npm.node.at && at !== publish.span ? publish.span : undefined,
          publish.chain,
          suggestions(context, effective.step, npm, staged),
        );
      }
    };
    return { job: check };
  },
});

type Context = RuleContext<'npmTooOld' | 'stageTooOld' | 'useNode24' | 'upgradeNpm', undefined, false, true>;
type Suggestion = SuggestionDescriptor<'useNode24' | 'upgradeNpm'>;

function report(context: Context, messageId: 'npmTooOld' | 'stageTooOld', at: Span, data: Record<string, string>, publishSpan: Span | undefined, chain: readonly ChainLink[], suggest: Suggestion[]): void {
  context.report({
    messageId,
    at,
    data: messageId === 'stageTooOld' ? { npm: data.npm!, node: data.node! } : data,
    related: [...(publishSpan ? [{ at: publishSpan, message: 'the publish that needs OIDC' }] : []), ...chain],
    ...(suggest.length > 0 ? { suggest } : {}),
  });
}

/**
 * Suggestions only: either change moves the whole job to another Node or npm. Offered when the npm
 * is the one Node bundles (an `npx npm@10` or an earlier pinned upgrade is the user's own choice):
 * Node 24 where setup-node names the version in this file, and an npm upgrade step right before the
 * publish when npm 11 can install on that Node at all (its engines; setup-node resolves `20` to the
 * newest 20.x it has).
 */
function suggestions(context: Context, step: StepNode, npm: NpmFact, staged: boolean): Suggestion[] {
  if (npm.source !== 'bundled') return [];
  const suggest: Suggestion[] = [];
  const at = npm.node.at;
  if (!staged && npm.node.source === 'setup-node' && at && !at.aliasSpan && npm.node.step?.parent === step.parent) {
    const edit = context.fixer.replaceScalar(at, '24');
    if (edit) suggest.push({ messageId: 'useNode24', fix: edit });
  }
  const range = npm.node.range;
  if (range !== undefined && intersects(range, NPM_11_ENGINES.range)) {
    const spec = `^${staged ? NPM_STAGE_PUBLISH_MINIMUM.version : NPM_OIDC_MINIMUM.version}`;
    const fix = insertRunStepBefore(context.fixer, step, `npm install -g npm@${spec}`);
    if (fix) suggest.push({ messageId: 'upgradeNpm', data: { spec, engines: NPM_11_ENGINES.range, node: npm.node.text ?? range }, fix });
  }
  return suggest;
}
