import type { JobNode, Span, StepNode } from '../engine/ast.js';
import type { ProjectFiles } from '../engine/rule.js';
import { defineRule } from '../engine/rule.js';
import { npmTokenPassedToAction } from '../domain/action-token.js';
import { publishAuth, publishFacts, type PublishCommand, type PublishFacts, publishContext } from '../domain/publish.js';
import { runCommands, type RunCommand, type SourceWord } from '../domain/run-script.js';
import { readProjectJson } from '../domain/project-json.js';

/**
 * npm exchanges the OIDC token for a publish token inside `npm publish` / `npm stage publish` only
 * ("OIDC authentication supports the `npm publish` and `npm stage publish` commands … `npm whoami`
 * will not reflect OIDC authentication status"). In a job that has no token, every other command
 * that needs an account runs unauthenticated and fails with ENEEDAUTH or E401.
 */
type Kind = 'whoami' | 'distTag' | 'needsToken';

/** Subcommand → the actions that write (read-only actions like `npm dist-tag ls` work anonymously). */
const COMMANDS: Readonly<Record<string, { kind: Kind; actions?: ReadonlySet<string>; except?: ReadonlySet<string> }>> = {
  whoami: { kind: 'whoami' },
  // npm's dist-tag aliases: add|a|set|s, rm|r|del|d|remove, ls|l|sl|list.
  'dist-tag': { kind: 'distTag', actions: new Set(['add', 'a', 'set', 's', 'rm', 'r', 'del', 'd', 'remove']) },
  'dist-tags': { kind: 'distTag', actions: new Set(['add', 'a', 'set', 's', 'rm', 'r', 'del', 'd', 'remove']) },
  // `npm access list|get` read public data; npm 8's `public`, `restricted`, `2fa-*`, `edit` write.
  access: { kind: 'needsToken', actions: new Set(['set', 'grant', 'revoke', 'public', 'restricted', '2fa-required', '2fa-not-required', 'edit']) },
  owner: { kind: 'needsToken', actions: new Set(['add', 'rm', 'remove']) },
  author: { kind: 'needsToken', actions: new Set(['add', 'rm', 'remove']) },
  deprecate: { kind: 'needsToken' },
  undeprecate: { kind: 'needsToken' },
  unpublish: { kind: 'needsToken' },
  token: { kind: 'needsToken' },
  team: { kind: 'needsToken' },
  // `npm trust` needs an account with 2FA; bypass-2FA tokens are refused, OIDC never applies.
  trust: { kind: 'needsToken' },
  // Only `npm stage publish` takes OIDC; listing, viewing and approving staged versions need a login.
  stage: { kind: 'needsToken', except: new Set(['publish']) },
};

/** npm options that take the next word as their value. */
const OPTIONS_WITH_VALUE = new Set(['--registry', '-w', '--workspace', '--prefix', '-C', '--userconfig', '--loglevel', '--otp', '--tag', '--scope', '--access']);

function nextPositional(words: readonly string[], from: number): number {
  let i = from;
  while (i < words.length && words[i]!.startsWith('-')) i += OPTIONS_WITH_VALUE.has(words[i]!) ? 2 : 1;
  return i;
}

/** Index of the `npm` word: `npm …`, `npx [-y] npm@11 …`, `bunx npm …`, `pnpm dlx npm@11 …`. */
function npmIndex(words: readonly string[]): number | undefined {
  const first = words[0];
  if (first === undefined) return undefined;
  const name = first.slice(first.lastIndexOf('/') + 1);
  if (name === 'npm') return 0;
  let start: number | undefined;
  if (name === 'npx' || name === 'bunx') start = 1;
  else if ((name === 'pnpm' || name === 'yarn') && words[1] === 'dlx') start = 2;
  else if (name === 'bun' && words[1] === 'x') start = 2;
  if (start === undefined) return undefined;
  let i = start;
  while (i < words.length && words[i]!.startsWith('-')) i += words[i] === '-p' || words[i] === '--package' ? 2 : 1;
  const spec = words[i];
  return spec === 'npm' || spec?.startsWith('npm@') ? i : undefined;
}

export interface UnsupportedCommand {
  readonly kind: Kind;
  /** `npm dist-tag add`, for messages. */
  readonly name: string;
}

/** The OIDC-unsupported npm command these words run, if any. */
export function unsupportedNpmCommand(words: readonly string[]): UnsupportedCommand | undefined {
  const start = npmIndex(words);
  if (start === undefined) return undefined;
  const rest = words.slice(start + 1);
  if (rest.some((word) => word === '--dry-run' || word === '--dry-run=true')) return undefined;
  // A command sent to another registry (GitHub Packages) is not npmjs's business.
  const registry = rest.find((word, index) => word.startsWith('--registry=') || (rest[index - 1] === '--registry' && word));
  if (registry !== undefined && !/registry\.(?:npmjs\.org|yarnpkg\.com)/i.test(registry)) return undefined;
  const subIndex = nextPositional(rest, 0);
  const sub = rest[subIndex];
  const spec = sub === undefined ? undefined : COMMANDS[sub];
  if (!sub || !spec) return undefined;
  const action = rest[nextPositional(rest, subIndex + 1)];
  if (spec.actions && (action === undefined || !spec.actions.has(action))) return undefined;
  if (spec.except && action !== undefined && spec.except.has(action)) return undefined;
  return { kind: spec.kind, name: spec.actions || spec.except ? `npm ${sub}${action ? ` ${action}` : ''}` : `npm ${sub}` };
}

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

function wordsSpan(words: readonly SourceWord[]): Span {
  return { start: words[0]!.span.start, end: words[words.length - 1]!.span.end };
}

const RELEASE_IT_CONFIGS = ['.release-it.json', '.release-it.js', '.release-it.cjs', '.release-it.mjs', '.release-it.ts', '.release-it.yaml', '.release-it.yml', '.release-it.toml', '.release-it.json5'];

/**
 * Whether release-it will run its npm pre-checks (`npm whoami`, collaborator check). Undefined when
 * its config cannot be read without running code (a `.js`/`.ts` config, `--config <file>`).
 */
function releaseItRunsChecks(publish: PublishCommand, project: ProjectFiles): boolean | undefined {
  const args = publish.args;
  if (args.some((arg) => arg === '--npm.skipChecks' || arg === '--npm.skipChecks=true')) return false;
  if (args.some((arg) => arg === '-c' || arg === '--config' || arg.startsWith('--config='))) return undefined;
  // release-it reads `.release-it.*` from the working directory; a step elsewhere is unknown.
  const job = publish.step.parent.kind === 'job' ? publish.step.parent : undefined;
  if (publish.step.workingDirectory || publish.script || job?.defaults || job?.workflow.defaults) return undefined;
  const manifest = readProjectJson(project, 'package.json');
  let config = manifest?.['release-it'] as Record<string, unknown> | undefined;
  if (!config) {
    const file = RELEASE_IT_CONFIGS.find((name) => project.readFile(name) !== undefined);
    if (file) {
      // Only JSON is read, as the publish model does; JavaScript, YAML and TOML configs are unknown.
      if (file === '.release-it.json') config = readProjectJson(project, file);
      if (!config) return undefined;
    }
  }
  if (!manifest) return undefined;
  const npm = config?.npm as Record<string, unknown> | undefined;
  return !(npm && typeof npm === 'object' && npm.skipChecks === true);
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
    security: { severity: 3.1, precision: 'high', tags: ['npm', 'trusted-publishing', 'correctness'] },
    messages: {
      whoami:
        '`{{command}}` fails in this job: it publishes through trusted publishing only, and npm exchanges the OIDC token inside `npm publish` alone, so there is no login to report (`ENEEDAUTH`, or `E401` with setup-node\'s placeholder token). Drop the check; verify the release afterwards with `npm view <package>@<version>`.',
      distTag:
        '`{{command}}` fails in this job: trusted publishing authenticates `npm publish` only, so this runs without a token and fails with `ENEEDAUTH` or `E401`. Set the tag at publish time with `npm publish --tag <tag>` instead.',
      needsToken:
        '`{{command}}` fails in this job: trusted publishing authenticates `npm publish` only, so this runs without a token and fails with `ENEEDAUTH` or `E401`. Run it interactively, or give only this step a narrowly scoped granular token.',
      releaseItChecks:
        'release-it checks `npm whoami` and collaborator rights before publishing, and both fail under trusted publishing (no token exists before `npm publish`). Set `npm.skipChecks: true` in the release-it config or pass `--npm.skipChecks`.',
    },
  },
  create(context) {
    const checkJob = (job: JobNode) => {
      const facts: PublishFacts = publishFacts(job, publishContext(context));
      const template = facts.npmjsPublishes[0];
      if (!template) return;
      // Only a job whose every publish is npmjs through OIDC has no token for these commands to use.
      if (facts.publishes.some((publish) => publish.registry.isNpmjs !== true)) return;
      if (!facts.npmjsPublishes.every((publish) => publishAuth(facts, publish) === 'oidc')) return;
      // An action given an npm token may have written it to `~/.npmrc`: then the job has a login after all.
      if (npmTokenPassedToAction(job, context.settings)) return;
      for (const step of job.steps) {
        const commands = runCommands(step, context.file.text);
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
            related: [{ at: template.span, message: 'publishes through trusted publishing here' }],
          });
        });
      }
      for (const publish of facts.npmjsPublishes) {
        if (publish.tool !== 'release-it' || publish.via !== 'run' || !publish.command) continue;
        if (continuesOnError(publish.step) || releaseItRunsChecks(publish, context.project) !== true) continue;
        context.report({ messageId: 'releaseItChecks', at: wordsSpan(publish.command.words) });
      }
    };
    return { job: checkJob };
  },
});
