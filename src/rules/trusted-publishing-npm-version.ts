import type { JobNode, Span } from '../engine/ast.js';
import { defineRule, type RuleContext } from '../engine/rule.js';
import { publishFacts, type PublishCommand, publishContext } from '../domain/publish.js';
import {
  actionRefVersion,
  throughChangesetsAction,
  compareRange,
  isOidcOnly,
  NPM_OIDC_MINIMUM,
  NPM_STAGE_PUBLISH_MINIMUM,
  nodeLabel,
  npmForPublish,
  OIDC_TOOL_MINIMUMS,
  pnpmVersion,
  stepDirectory,
  type NpmFact,
  type OidcOnlyContext,
  type ResolveContext,
} from '../domain/versions.js';

/**
 * Why a publish runs the npm on PATH, or undefined when it does not (or we cannot tell). semantic-release
 * runs its bundled npm, Lerna ≥ 9 and pnpm ≥ 11 exchange the token themselves, and bun/Yarn cannot do
 * OIDC at all (`publisher-supports-oidc` reports those).
 */
function npmOnPath(publish: PublishCommand, context: ResolveContext): string | undefined {
  switch (publish.tool) {
    case 'npm':
      return '';
    case 'pnpm':
      return pnpmBelow11(publish, context) ? ' (pnpm 10 and older publish through the npm on `PATH`)' : undefined;
    case 'changesets': {
      const underlying = changesetsTool(publish, context);
      if (underlying === 'npm') return ' (`changeset publish` runs `npm publish`)';
      if (underlying === 'pnpm' && pnpmBelow11(publish, context)) return ' (`changeset publish` runs `pnpm publish`, and pnpm 10 runs the npm on `PATH`)';
      return undefined;
    }
    case 'release-it':
      return ' (release-it runs `npm publish`)';
    case 'np':
      return ' (np runs `npm publish`)';
    case 'js-devtools-npm-publish':
      // Below 4.1.0 the action cannot publish without a token at all: `publisher-supports-oidc` says so.
      return compareRange(actionRefVersion(publish.step).range, OIDC_TOOL_MINIMUMS['js-devtools-npm-publish'].minimum) === 'below'
        ? undefined
        : ' (`JS-DevTools/npm-publish` runs the npm on `PATH`)';
    default:
      return undefined;
  }
}

function pnpmBelow11(publish: PublishCommand, context: ResolveContext): boolean {
  const spec = publish.tool === 'pnpm' ? publish.versionSpec : undefined;
  return compareRange(pnpmVersion(publish.step, context, spec).range, OIDC_TOOL_MINIMUMS.pnpm.minimum) === 'below';
}

/**
 * The tool `changeset publish` delegates to: pnpm in a pnpm repository, npm when only npm's lockfile
 * is there (Changesets CLI v2 uses npm for Yarn 1 too, v3 Yarn Berry: a yarn.lock leaves it unknown).
 */
function changesetsTool(publish: PublishCommand, context: ResolveContext): 'npm' | 'pnpm' | undefined {
  const directory = stepDirectory(publish.step);
  const dirs = directory === undefined || directory === '' ? [''] : [directory, ''];
  const has = (file: string) => dirs.some((dir) => context.project.readFile(dir ? `${dir}/${file}` : file) !== undefined);
  if (has('pnpm-lock.yaml') || has('pnpm-workspace.yaml')) return 'pnpm';
  if (has('package-lock.json') && !has('yarn.lock') && !has('bun.lockb') && !has('bun.lock')) return 'npm';
  return undefined;
}

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
    security: { severity: 5.0, precision: 'high', tags: ['npm', 'trusted-publishing', 'oidc', 'correctness'] },
    messages: {
      npmTooOld:
        'This job publishes through trusted publishing (OIDC) with {{npm}}{{node}}{{via}}, but npm does OIDC only from 11.5.1: it skips the exchange silently and the publish fails with `E404 Not Found - PUT` or `ENEEDAUTH`. Use `node-version: 24` (Node 24.5.0 and later bundle npm 11.5.1 or later) or run `npm install -g npm@^11.5.1` before publishing.',
      stageTooOld:
        '`npm stage publish` needs npm 11.15.0 or later, but this job runs {{npm}}{{node}}, so the staged publish cannot go through trusted publishing. Run `npm install -g npm@^11.15.0` before publishing.',
    },
  },
  create(context) {
    const resolve: OidcOnlyContext = publishContext(context);
    const check = (job: JobNode) => {
      const facts = publishFacts(job, publishContext(context));
      const reported = new Set<string>();
      for (const publish of facts.npmjsPublishes) {
        if (!isOidcOnly(facts, publish, resolve)) continue;
        const effective = throughChangesetsAction(publish, resolve.project);
        if (!effective) continue;
        const found = npmOnPath(effective, resolve);
        if (found === undefined) continue;
        const via = found === '' && publish.tool === 'changesets-action' ? ' (`changesets/action` runs `npm publish`)' : found;
        const npm = npmForPublish(effective, resolve);
        const staged = publish.staged;
        const minimum = staged ? NPM_STAGE_PUBLISH_MINIMUM.version : NPM_OIDC_MINIMUM.version;
        if (compareRange(npm.range, minimum) !== 'below') continue;
        // The Node version is the cause when npm is the one it bundles: point at `node-version`.
        const at: Span = npm.source === 'bundled' && npm.node.source === 'setup-node' && npm.node.at ? (npm.node.at.aliasSpan ?? npm.node.at.span) : publish.span;
        const key = `${at.start}:${at.end}:${staged}`;
        if (reported.has(key)) continue;
        reported.add(key);
        report(context, staged ? 'stageTooOld' : 'npmTooOld', at, { npm: npm.display ?? 'an npm', node: describeNode(npm), via }, npm.node.at && at !== publish.span ? publish.span : undefined);
      }
    };
    return { job: check };
  },
});

function report(
  context: RuleContext<'npmTooOld' | 'stageTooOld', undefined>,
  messageId: 'npmTooOld' | 'stageTooOld',
  at: Span,
  data: Record<string, string>,
  publishSpan: Span | undefined,
): void {
  context.report({
    messageId,
    at,
    data: messageId === 'stageTooOld' ? { npm: data.npm!, node: data.node! } : data,
    ...(publishSpan ? { related: [{ at: publishSpan, message: 'the publish that needs OIDC' }] } : {}),
  });
}
