import type { JobNode, Span, StepNode } from '../engine/ast.js';
import { defineRule } from '../engine/rule.js';
import { npmPublishFacts, publishAuth, type NpmPublishFacts } from '../domain/registries/npm/facts.js';
import { npmTokensAtStep } from '../domain/registries/npm/credentials.js';
import { publishTarget } from '../domain/registries/npm/target.js';
import { releaseItRunsChecks, unsupportedNpmCommand, type UnsupportedKind } from '../domain/registries/npm/unsupported-commands.js';
import { runCommands, type RunCommand, type SourceWord } from '../domain/run-script.js';

/** `npm whoami || true`, `… || echo skipped`: the failure is handled and breaks nothing. */
function failureHandled(commands: readonly RunCommand[], index: number): boolean {
  if (commands[index]!.terminator !== '||') return false;
  const next = commands[index + 1]?.words[0]?.value;
  return next === 'true' || next === ':' || next === 'echo';
}

function continuesOnError(step: StepNode): boolean {
  const value = step.map.byKey.get('continue-on-error')?.value;
  return value?.type === 'scalar' && value.text.trim() === 'true';
}

/** What to do instead, per kind of command, in a job that does not publish. */
const NO_PUBLISH_FIX: Readonly<Record<UnsupportedKind, string>> = {
  whoami: 'Drop the check: there is no login to report under trusted publishing.',
  distTag: 'Set the tag in the job that publishes (`npm publish --tag <tag>`), or give only this step a narrowly scoped granular token.',
  needsToken: 'Give only this step a narrowly scoped granular token, or run it interactively.',
};

function wordsSpan(words: readonly SourceWord[]): Span {
  return { start: words[0]!.span.start, end: words[words.length - 1]!.span.end };
}

export const oidcUnsupportedNpmCommand = defineRule({
  id: 'oidc-unsupported-npm-command',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow npm commands that trusted publishing cannot authenticate in jobs that publish through OIDC only',
      recommended: true,
    },
    severity: 'error',
    preset: 'recommended',
    security: { severity: 3.1, precision: 'high', tags: ['npm', 'trusted-publishing', 'correctness'] },
    messages: {
      whoami:
        '`{{command}}` fails in this job: it publishes through trusted publishing only, and npm exchanges the OIDC token inside `npm publish` alone, so there is no login to report (`ENEEDAUTH`, or `E401` with setup-node\'s placeholder token). Drop the check; verify the release afterwards with `npm view <package>@<version>`.',
      distTag:
        '`{{command}}` fails in this job: trusted publishing authenticates `npm publish` only, so this runs without a token and fails with `ENEEDAUTH` or `E401`. Set the tag at publish time with `npm publish --tag <tag>` instead.',
      needsToken:
        '`{{command}}` fails in this job: trusted publishing authenticates `npm publish` only, so this runs without a token and fails with `ENEEDAUTH` or `E401`. Run it interactively, or give only this step a narrowly scoped granular token.',
      noPublishInJob:
        '`{{command}}` fails in this job: it has `id-token: write` but no npm token, and npm trades the OIDC token for a publish token inside `npm publish` alone, so this runs without a login and fails with `ENEEDAUTH` or `E401`. {{fix}}',
      releaseItChecks:
        'release-it checks `npm whoami` and collaborator rights before publishing, and both fail under trusted publishing (no token exists before `npm publish`). Set `npm.skipChecks: true` in the release-it config or pass `--npm.skipChecks`.',
    },
  },
  create(context) {
    /**
     * A job with `id-token: write` that publishes nothing and has no npm token: its author expects
     * OIDC to log npm in, which it never does outside `npm publish`.
     */
    const checkOidcOnlyJob = (job: JobNode, facts: NpmPublishFacts) => {
      if (facts.publishes.length > 0 || facts.idToken !== true || facts.tokenInActionInput) return;
      for (const step of job.steps) {
        const commands = runCommands(context, step);
        if (commands.length === 0 || continuesOnError(step) || npmTokensAtStep(context, step).length > 0) continue;
        commands.forEach((command, index) => {
          const words = command.words.map((word) => word.value);
          const found = words.length > 0 ? unsupportedNpmCommand(words) : undefined;
          if (!found || failureHandled(commands, index)) return;
          // Only registry.npmjs.org has trusted publishing; a command sent elsewhere is not this rule's business.
          if (publishTarget(context, step, words).official !== true) return;
          context.report({ messageId: 'noPublishInJob', at: wordsSpan(command.words), data: { command: found.name, fix: NO_PUBLISH_FIX[found.kind] } });
        });
      }
    };
    const checkJob = (job: JobNode) => {
      const facts: NpmPublishFacts = npmPublishFacts(context, job);
      const template = facts.npmjsPublishes[0];
      if (!template) {
        checkOidcOnlyJob(job, facts);
        return;
      }
      // Only a job whose every publish is npmjs through OIDC has no token for these commands to use.
      if (facts.publishes.some((publish) => publish.target.official !== true)) return;
      if (!facts.npmjsPublishes.every((publish) => publishAuth(facts, publish) === 'oidc')) return;
      // An action given an npm token may have written it to `~/.npmrc`: then the job has a login after all.
      if (facts.tokenInActionInput) return;
      for (const step of job.steps) {
        const commands = runCommands(context, step);
        if (commands.length === 0 || continuesOnError(step)) continue;
        // A token given to this step alone is the documented way to run such a command.
        if (facts.visibleTokens({ ...template, step, tool: 'npm' }).length > 0) continue;
        commands.forEach((command, index) => {
          if (command.words.length === 0) return;
          const found = unsupportedNpmCommand(command.words.map((word) => word.value));
          if (!found || failureHandled(commands, index)) return;
          context.report({
            messageId: found.kind,
            at: wordsSpan(command.words),
            data: { command: found.name },
            related: [{ at: template.span, message: 'publishes through trusted publishing here' }, ...template.chain],
          });
        });
      }
      for (const publish of facts.npmjsPublishes) {
        if (publish.tool !== 'release-it' || publish.via !== 'run' || !publish.command) continue;
        if (continuesOnError(publish.step) || releaseItRunsChecks(context, publish) !== true) continue;
        context.report({ messageId: 'releaseItChecks', at: wordsSpan(publish.command.words) });
      }
    };
    return { job: checkJob };
  },
});
