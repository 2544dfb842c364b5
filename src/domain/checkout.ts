/**
 * actions/checkout and the credentials it leaves behind. By default (`persist-credentials: true`)
 * the checkout writes the job's token into the local git config (v6: into a file under
 * `$RUNNER_TEMP` that the git config includes), so every later step, and every dependency script
 * it runs, can read it. https://github.com/actions/checkout#usage
 */
import type { JobNode, StepNode, YamlEntry } from '../engine/ast.js';
import type { Analysis } from './context.js';
import { toolWords } from './commands/launchers.js';
import { runCommands } from './run-script.js';
import { usesAction } from './steps.js';

export interface CheckoutCredentials {
  readonly step: StepNode;
  /** `persisted` by default or `true`; `unknown` for an expression. */
  readonly state: 'persisted' | 'not-persisted' | 'unknown';
  /** The `persist-credentials` input, when written. */
  readonly input?: YamlEntry;
}

/** The actions/checkout steps of a job and whether each persists its credentials. */
export function checkoutCredentials(job: JobNode): readonly CheckoutCredentials[] {
  const found: CheckoutCredentials[] = [];
  for (const step of job.steps) {
    if (!usesAction(step, 'actions/checkout')) continue;
    const input = step.with.get('persist-credentials');
    if (!input) {
      found.push({ step, state: 'persisted' });
      continue;
    }
    const text = input.value.type === 'scalar' ? input.value.text.trim().toLowerCase() : undefined;
    const state = text === 'false' ? 'not-persisted' : text === 'true' || text === '' ? 'persisted' : 'unknown';
    found.push({ step, state, input });
  }
  return found;
}

/** Tools that push commits or tags with the checkout's persisted credentials. */
const PUSHING_TOOLS = new Set(['semantic-release', 'release-it', 'np', 'lerna', 'standard-version', 'release-please', 'changeset', 'changelogen', 'bumpp']);

/** Actions known not to use git credentials: they install, cache, move artifacts or publish over HTTP. */
const CREDENTIAL_FREE_ACTIONS = [
  'actions/setup-node',
  'actions/setup-python',
  'actions/setup-java',
  'actions/setup-go',
  'actions/setup-dotnet',
  'actions/cache',
  'actions/cache/restore',
  'actions/upload-artifact',
  'actions/download-artifact',
  'actions/attest-build-provenance',
  'actions/attest',
  'pnpm/action-setup',
  'oven-sh/setup-bun',
  'denoland/setup-deno',
  'astral-sh/setup-uv',
  'pypa/gh-action-pypi-publish',
  'js-devtools/npm-publish',
  'dtolnay/rust-toolchain',
  'ruby/setup-ruby',
];

/**
 * Whether the steps after `checkout` certainly never use the git credentials it persists: no git
 * command, no release tool that pushes, no script named like a release, and only actions known not
 * to push. Anything else may rely on them, so taking them away could break the job.
 */
export function laterStepsNeedNoGitCredentials(context: Analysis, checkout: StepNode): boolean {
  if (checkout.parent.kind !== 'job') return false;
  for (const step of checkout.parent.steps) {
    if (step.index <= checkout.index) continue;
    if (step.uses) {
      if (step.uses.kind === 'repository' && CREDENTIAL_FREE_ACTIONS.some((name) => usesAction(step, name))) continue;
      return false;
    }
    if (!step.run) continue;
    const commands = runCommands(context, step);
    if (commands.length === 0 && step.run.text.trim()) return false;
    if (/\bgit\b|\brelease\b|\bgh\b/i.test(step.run.text)) return false;
    for (const command of commands) {
      const words = command.words.map((word) => word.value);
      const tool = toolWords(words);
      if (words.some((word) => PUSHING_TOOLS.has(word)) || tool.some((word) => PUSHING_TOOLS.has(word))) return false;
    }
  }
  return true;
}
