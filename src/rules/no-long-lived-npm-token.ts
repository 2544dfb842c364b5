import type { ActionNode, JobNode, YamlEntry } from '../engine/ast.js';
import type { YamlFixer } from '../engine/fix/yaml-fixer.js';
import { defineRule, type SuggestionDescriptor } from '../engine/rule.js';
import { removeStepEntry } from '../domain/step-edits.js';
import { npmPublishFacts } from '../domain/registries/npm/facts.js';
import { noOidcToolName, type NpmPublish } from '../domain/registries/npm/sites.js';
import { nodeLabel } from '../domain/registries/npm/tools/node.js';
import { oidcCapability, type OidcBlocker } from '../domain/registries/npm/tools/oidc-tools.js';
import { OIDC_TOOL_MINIMUMS } from '../domain/registries/npm/tools/thresholds.js';
import type { Credential } from '../domain/registries/types.js';
import { passedCredentials, type PassedCredential } from '../domain/publish/call-credentials.js';

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

interface Options {
  /** Secret names accepted as a reviewed exception, e.g. a bootstrap token for a package's first publish. */
  allowedSecrets: string[];
}

const defaultOptions: Options = { allowedSecrets: [] };

function describeBinding(token: Credential): string {
  if (token.kind === 'env') return `\`${token.name}\``;
  if (token.kind === 'input') return 'the `token` input';
  if (token.kind === 'flag') return token.name === 'registry' ? 'the credentials in the `--registry` URL' : `the \`--${token.name}\` flag`;
  return `the \`${token.name}\` it writes to the npm config`;
}

/** Why the token is the real credential, and what to do first, for the `tokenIsTheCredential` message. */
function blockerText(blocker: OidcBlocker): { reason: string; fix: string } {
  switch (blocker.kind) {
    case 'tool-never':
      return {
        reason: `${noOidcToolName(blocker.publish)} cannot do trusted publishing`,
        fix:
          blocker.publish.tool === 'yarn-classic'
            ? 'publish with `npm publish` (npm 11.5.1 or later) or `yarn npm publish` (Yarn 4.10.3 or later)'
            : 'publish the packed tarball with `npm publish` (npm 11.5.1 or later)',
      };
    case 'npm-too-old': {
      const node = blocker.npm.node.text ? ` on Node ${nodeLabel(blocker.npm.node)}` : '';
      return {
        reason: `${blocker.npm.display ?? 'its npm'}${node} cannot do trusted publishing (npm does it from ${blocker.minimum})`,
        fix: blocker.minimum === '11.5.1' ? 'use `node-version: 24` or run `npm install -g npm@^11.5.1` before publishing' : `run \`npm install -g npm@^${blocker.minimum}\` before publishing`,
      };
    }
    case 'tool-too-old': {
      const tool = OIDC_TOOL_MINIMUMS[blocker.below.tool];
      return { reason: `${tool.display} (${blocker.below.version.from ?? 'the workflow'}) cannot do trusted publishing before ${blocker.below.minimum}`, fix: tool.upgrade };
    }
  }
}

/** Where each kind of binding is best reported: the env binding is the line the user edits. */
const KIND_ORDER: Readonly<Record<Credential['kind'], number>> = { env: 0, input: 1, 'config-write': 2, flag: 3 };

export const noLongLivedNpmToken = defineRule({
  id: 'no-long-lived-npm-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow long-lived npm tokens in jobs that publish to registry.npmjs.org',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: {
      severity: 8.1,
      precision: 'high',
      tags: ['external/cwe/cwe-798', 'external/cwe/cwe-522', 'supply-chain', 'npm', 'trusted-publishing'],
    },
    messages: {
      tokenInPublishJob:
        'Long-lived npm token `{{secret}}` reaches a publish to registry.npmjs.org through {{binding}}. Configure a trusted publisher on npmjs.com, give this job `id-token: write`, and delete the token from the workflow and the repository secrets.',
      tokenOverridesOidc:
        'Long-lived npm token `{{secret}}` reaches `yarn npm publish` through {{binding}}: Yarn sends a configured token before it tries OIDC, so the trusted publisher configured through `id-token: write` is never used. Remove the token and revoke it on npmjs.com.',
      dormantFallback:
        'Long-lived npm token `{{secret}}` reaches a publish through {{binding}}, although the job already has `id-token: write` for trusted publishing. The token is a dormant fallback that can still be stolen and used: remove it and revoke it on npmjs.com.',
      tokenIsTheCredential:
        'Long-lived npm token `{{secret}}` reaches a publish through {{binding}}, and it is what authenticates the publish: {{reason}}, so `id-token: write` here serves provenance only. Removing the token now would break the release: first {{fix}} and configure a trusted publisher on npmjs.com, then remove the token and revoke it.',
      dormantIfOidc:
        'Long-lived npm token `{{secret}}` reaches a publish through {{binding}} in a job that also has `id-token: write`. If this publish goes through trusted publishing (npm 11.5.1 or later, or a tool that does the OIDC exchange itself), the token is a dormant fallback that can still be stolen: remove it and revoke it on npmjs.com; if not, move the publish to trusted publishing first.',
      tokenPassedToCall:
        'Long-lived npm token `{{secret}}` is passed to {{callee}}, where it reaches a publish to registry.npmjs.org through {{binding}}. Move that publish to trusted publishing (a trusted publisher on npmjs.com naming `{{file}}`, the workflow that starts the run, and `id-token: write` for this job), then stop passing the secret and revoke it on npmjs.com.',
      hardcodedToken:
        'An npm token is written into the workflow in {{binding}}: anyone who can read the repository can publish with it. Revoke it on npmjs.com now, and publish through trusted publishing (`id-token: write`) instead of a token.',
      removeBinding:
        'Remove {{binding}} from this step: the publish goes through trusted publishing without it (check that a trusted publisher is configured on npmjs.com, then delete the secret and revoke the token).',
    },
    schema: {
      type: 'object',
      properties: {
        allowedSecrets: {
          type: 'array',
          items: { type: 'string' },
          description: 'Secret names accepted as a reviewed exception (for example a bootstrap token for the first publish).',
        },
      },
      required: ['allowedSecrets'],
      additionalProperties: false,
    },
    defaultOptions,
    hasSuggestions: true,
  },
  create(context) {
    // A workflow-level env token reaches every job: report its binding once.
    const reported = new Set<YamlEntry | number>();
    // Publishes that bind no token of their own share one array of tokens: once it has been gone
    // through, every token in it is reported or allowed, so it is not gone through again. Weak: the
    // list of a publish that binds tokens itself is its own and is not kept.
    const done = new WeakSet<readonly Credential[]>();
    /** The group of a token (its secrets that are not allowed, or a literal of its own), once per token. */
    const groups = new Map<Credential, string | undefined>();
    const groupOf = (token: Credential): string | undefined => {
      if (groups.has(token)) return groups.get(token);
      const secrets = token.secrets.filter((secret) => !allowed.has(secret.toUpperCase()));
      const group = token.literal ? `literal:${groups.size}` : secrets.length === 0 ? undefined : [...secrets].sort().join(',');
      groups.set(token, group);
      return group;
    };
    const allowed = new Set(context.options.allowedSecrets.map((name) => name.toUpperCase()));
    const keyOf = (token: Credential) => ('key' in token.at ? token.at : token.at.start);
    const check = (container: JobNode | ActionNode) => {
      const facts = npmPublishFacts(context, container);
      for (const publish of facts.npmjsPublishes) {
        const visible = facts.visibleTokens(publish);
        if (done.has(visible)) continue;
        done.add(visible);
        // One finding per secret: the same token bound in env and written to `~/.npmrc` is one credential.
        const bySecret = new Map<string, Credential[]>();
        for (const token of visible) {
          const group = groupOf(token);
          if (group === undefined) continue;
          const members = bySecret.get(group);
          if (members) members.push(token);
          else bySecret.set(group, [token]);
        }
        for (const tokens of bySecret.values()) {
          const [token, ...others] = [...tokens].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
          if (!token || tokens.some((candidate) => reported.has(keyOf(candidate)))) continue;
          for (const candidate of tokens) reported.add(keyOf(candidate));
          const related = [
            ...(token.via ? [{ at: token.via, message: 'the token comes from here' }] : []),
            ...others.map((other) => ({ at: other.at, message: 'the same secret also reaches the publish here' })),
            { at: publish.span, message: 'publishes here' },
            ...publish.chain,
          ];
          const secrets = token.secrets.filter((secret) => !allowed.has(secret.toUpperCase()));
          const data = { secret: secrets.join('`, `'), binding: describeBinding(token) };
          if (token.literal) {
            context.report({ messageId: 'hardcodedToken', at: token.at, data: { binding: describeBinding(token) }, related });
            continue;
          }
          const messageId = messageFor(context, facts.idToken, publish, facts.tokensFor(publish).includes(token));
          const extra = messageId.kind === 'tokenIsTheCredential' ? blockerText(messageId.because) : {};
          // Offered only when the token is certainly dormant and this binding is its only way in.
          const suggest = messageId.kind === 'dormantFallback' && others.length === 0 ? removeBinding(context.fixer, token) : [];
          context.report({ messageId: messageId.kind, at: token.at, data: { ...data, ...extra }, related, ...(suggest.length > 0 ? { suggest } : {}) });
        }
      }
    };
    // A secret handed to a local reusable workflow that publishes with it: reported where it is passed.
    const checkCall = (job: JobNode) => {
      const byEntry = new Map<PassedCredential['passed']['at'], PassedCredential[]>();
      for (const passed of passedCredentials(context, job)) {
        if (passed.site.registry !== 'npm' || passed.site.target.official !== true) continue;
        if (passed.passed.secrets.every((secret) => allowed.has(secret.toUpperCase()))) continue;
        byEntry.set(passed.passed.at, [...(byEntry.get(passed.passed.at) ?? []), passed]);
      }
      for (const [at, passes] of byEntry) {
        const first = passes[0]!;
        const secrets = [...new Set(passes.flatMap((pass) => pass.passed.secrets))].filter((secret) => !allowed.has(secret.toUpperCase()));
        const calleeFile = first.job.workflow.file;
        const callerFile = job.workflow.file.projectPath ?? job.workflow.file.relativePath;
        context.report({
          messageId: 'tokenPassedToCall',
          at,
          data: {
            secret: secrets.join('`, `'),
            callee: `\`${baseName(calleeFile.projectPath ?? calleeFile.relativePath)}\` job \`${first.job.id}\``,
            binding: describeBinding(first.credential),
            file: baseName(callerFile),
          },
          related: passes.flatMap((pass) => [
            { at: { file: calleeFile, span: 'key' in pass.credential.at ? pass.credential.at.span : pass.credential.at }, message: 'the called workflow binds it here' },
            { at: { file: pass.job.workflow.file, span: pass.site.span }, message: 'publishes here' },
            ...pass.site.chain,
          ]),
        });
      }
    };
    return {
      job(job) {
        check(job);
        if (job.uses) checkCall(job);
      },
      action: check,
    };
  },
});

type MessageChoice =
  | { readonly kind: 'tokenInPublishJob' | 'tokenOverridesOidc' | 'dormantFallback' | 'dormantIfOidc' }
  | { readonly kind: 'tokenIsTheCredential'; readonly because: OidcBlocker };

/** Which situation a token is in: no OIDC at all, Yarn's token-first order, a dormant fallback, or the real credential. */
function messageFor(context: Parameters<typeof oidcCapability>[0], idToken: boolean | undefined, publish: NpmPublish, readByTool: boolean): MessageChoice {
  if (idToken !== true) return { kind: 'tokenInPublishJob' };
  if (publish.tool === 'yarn-berry' && readByTool) return { kind: 'tokenOverridesOidc' };
  const capability = oidcCapability(context, publish);
  if (capability.kind === 'incapable') return { kind: 'tokenIsTheCredential', because: capability.because };
  return { kind: capability.kind === 'capable' ? 'dormantFallback' : 'dormantIfOidc' };
}

/**
 * Removing the binding of a dormant token (a suggestion: the registry side, a trusted publisher on
 * npmjs.com, is not visible here). Only a binding on the publishing step itself, an `env:` entry or
 * the `token` input: a job- or workflow-level one may also serve other steps (an install of private
 * packages).
 */
function removeBinding(fixer: YamlFixer, token: Credential): SuggestionDescriptor<'removeBinding'>[] {
  const step = token.step;
  if (!step || !('key' in token.at) || (token.kind === 'env' && token.level !== 'step')) return [];
  const block = token.kind === 'env' ? 'env' : token.kind === 'input' ? 'with' : undefined;
  if (!block) return [];
  const fix = removeStepEntry(fixer, step, block, token.at);
  return fix ? [{ messageId: 'removeBinding', data: { binding: describeBinding(token) }, fix }] : [];
}
