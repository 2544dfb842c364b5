/** npm commands that trusted publishing cannot authenticate, and release-it's npm pre-checks. */
import { commandName, javascriptLauncher, launchedPackage } from '../../commands/launchers.js';
import { nextPositional, NPM_VALUE_OPTIONS } from '../../commands/options.js';
import type { Analysis } from '../../context.js';
import { releaseItConfig } from '../../project/release-configs.js';
import { table } from '../../table.js';
import type { NpmPublish } from './sites.js';
import { isNpmjsHost } from './hosts.js';

/**
 * npm exchanges the OIDC token for a publish token inside `npm publish` / `npm stage publish` only
 * ("OIDC authentication supports the `npm publish` and `npm stage publish` commands … `npm whoami`
 * will not reflect OIDC authentication status"). In a job that has no token, every other command
 * that needs an account runs unauthenticated and fails with ENEEDAUTH or E401.
 */
export type UnsupportedKind = 'whoami' | 'distTag' | 'needsToken';

/** Subcommand → the actions that write (read-only actions like `npm dist-tag ls` work anonymously). */
const COMMANDS = table<{ kind: UnsupportedKind; actions?: ReadonlySet<string>; except?: ReadonlySet<string> }>({
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
});

/** Index of the `npm` word: `npm …`, `npx [-y] npm@11 …`, `bunx npm …`, `pnpm dlx npm@11 …`. */
function npmIndex(words: readonly string[]): number | undefined {
  if (commandName(words[0]) === 'npm') return 0;
  if (!javascriptLauncher(words, 0)) return undefined;
  const launched = launchedPackage(words, 0);
  const spec = launched ? words[launched.index] : undefined;
  return spec === 'npm' || spec?.startsWith('npm@') ? launched!.index : undefined;
}

export interface UnsupportedCommand {
  readonly kind: UnsupportedKind;
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
  if (registry !== undefined && !isNpmjsHost(registry.replace(/^--registry=/, ''))) return undefined;
  const subIndex = nextPositional(rest, 0, NPM_VALUE_OPTIONS);
  const sub = rest[subIndex];
  const spec = sub === undefined ? undefined : COMMANDS.get(sub);
  if (!sub || !spec) return undefined;
  const action = rest[nextPositional(rest, subIndex + 1, NPM_VALUE_OPTIONS)];
  if (spec.actions && (action === undefined || !spec.actions.has(action))) return undefined;
  if (spec.except && action !== undefined && spec.except.has(action)) return undefined;
  return { kind: spec.kind, name: spec.actions || spec.except ? `npm ${sub}${action ? ` ${action}` : ''}` : `npm ${sub}` };
}

/**
 * Whether release-it will run its npm pre-checks (`npm whoami`, collaborator check). Undefined when
 * its config cannot be read without running code (a `.js`/`.ts` config, `--config <file>`).
 */
export function releaseItRunsChecks(context: Analysis, publish: NpmPublish): boolean | undefined {
  const args = publish.args;
  if (args.some((arg) => arg === '--npm.skipChecks' || arg === '--npm.skipChecks=true')) return false;
  if (args.some((arg) => arg === '-c' || arg === '--config' || arg.startsWith('--config='))) return undefined;
  // A script may `cd` elsewhere before running release-it: its config is then not known.
  if (publish.script) return undefined;
  const config = releaseItConfig(context, publish.step);
  if (config.kind === 'unreadable') return undefined;
  const npm = config.kind === 'data' ? config.config.npm : undefined;
  return !(npm && typeof npm === 'object' && (npm as Record<string, unknown>).skipChecks === true);
}
