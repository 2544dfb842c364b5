/** How `changesets/action` gets npm credentials besides the `NPM_TOKEN` it reads itself. */
import type { StepNode } from '../../../engine/ast.js';
import { packageScript } from '../../commands/scripts.js';
import type { Analysis } from '../../context.js';
import { envBinding, envBindings } from '../../env.js';
import { npmrcHasToken, projectNpmrc } from '../../project/npmrc.js';
import { yarnrcAt } from '../../project/yarnrc.js';
import { inputText, lastActionBefore } from '../../steps.js';
import type { NpmPublishFacts } from './facts.js';
import type { NpmPublish } from './sites.js';

export type OtherTokenChannel = 'setup-node' | 'env' | 'config-write' | 'committed-npmrc' | 'committed-yarnrc' | 'action-input';

/**
 * A way other than `NPM_TOKEN` for npm (or Yarn) to get a token for this publish: setup-node's
 * `.npmrc` with `NODE_AUTH_TOKEN`, an `.npmrc`/`.yarnrc.yml` written earlier, a committed one with a
 * token line, npm/Yarn config in the environment, or an npm token handed to an action (which may
 * write `~/.npmrc`).
 */
export function otherTokenChannel(context: Analysis, facts: NpmPublishFacts, publish: NpmPublish): OtherTokenChannel | undefined {
  const step = publish.step;
  const nodeAuthValue = envBinding(step, 'NODE_AUTH_TOKEN')?.entry.value;
  const setupNode = lastActionBefore(step, 'actions/setup-node');
  if (nodeAuthValue?.type === 'scalar' && nodeAuthValue.text.trim() !== '' && setupNode && inputText(setupNode, 'registry-url')) return 'setup-node';
  const configInEnv = (name: string) => /^npm_config_\/\/.*:_authtoken$/i.test(name) || name === 'YARN_NPM_AUTH_TOKEN';
  if (envBindings(context, step, 'npm-auth-config', configInEnv).length > 0) return 'env';
  if (facts.visibleTokens(publish).some((token) => token.kind === 'config-write')) return 'config-write';
  if (npmrcHasToken(projectNpmrc(context))) return 'committed-npmrc';
  if ((yarnrcAt(context, '')?.authTokens.length ?? 0) > 0) return 'committed-yarnrc';
  if (facts.tokenInActionInput) return 'action-input';
  return undefined;
}

/**
 * The publish script may set up auth itself (`./scripts/publish.sh`, a package.json script that
 * writes an `.npmrc`): then what the action does with `NPM_TOKEN` is not the whole story.
 */
export function publishScriptMayWriteAuth(context: Analysis, step: StepNode): boolean {
  const script = inputText(step, 'publish') ?? inputText(step, 'publish-script') ?? inputText(step, 'script');
  if (script === undefined) return false;
  const mentionsAuth = (text: string) => /npmrc|_authToken|NPM_TOKEN|npm\s+(?:config|login|set)/i.test(text);
  if (mentionsAuth(script)) return true;
  const words = script.trim().split(/\s+/);
  const first = words[0] ?? '';
  if (first.includes('/') || /\.(?:sh|[cm]?[jt]s|py)$/.test(first) || first === 'bash' || first === 'sh' || first === 'node') return true;
  const called = packageScript(context, step, words);
  return called !== undefined && mentionsAuth(called.body);
}
