import type { ActionNode, JobNode, YamlEntry } from '../engine/ast.js';
import type { Settings } from '../engine/settings.js';
import { valueOrigin } from './expressions.js';
import { tokenChannel } from './publish.js';

/**
 * An npm token handed to an action as an input (`with: { npm-token: ${{ secrets.NPM_TOKEN }} }`).
 * A composite or JavaScript action may write it into `~/.npmrc` where the workflow cannot show it,
 * so a job that looks token-free may still publish (and run `npm whoami`) with it. Rules that
 * conclude "this job authenticates through OIDC only" stay silent when this returns an entry.
 *
 * A secret counts when its name looks like an npm token (`NPM_TOKEN`, `NPM_PUBLISH_TOKEN`, the
 * `npmTokenEnvNames` setting) or when the input's name does (`npm-token`, `npm_auth_token`).
 */
export function npmTokenPassedToAction(container: JobNode | ActionNode, settings: Settings): YamlEntry | undefined {
  for (const step of container.steps) {
    if (!step.uses) continue;
    for (const [name, entry] of step.with) {
      if (entry.value.type !== 'scalar') continue;
      const origin = valueOrigin(entry.value.text);
      if (origin.origin !== 'long-lived-secret') continue;
      const inputLooksNpm = /npm|node[-_]?auth|registry[-_]?token/i.test(name);
      if (inputLooksNpm || origin.secrets.some((secret) => tokenChannel(secret.replace(/^vars\./, ''), settings) !== undefined)) return entry;
    }
  }
  return undefined;
}
