export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A command that runs a package.json script: `npm run release`, `pnpm release`, `yarn run ci-publish`. */
export interface ScriptCall {
  readonly manager: PackageManager;
  readonly script: string;
  /** Index of the script name in the command's words. */
  readonly index: number;
}

/**
 * Subcommands of pnpm and Yarn that are not scripts. Both run an unknown first word as a script
 * (`pnpm release` = `pnpm run release`), so only these are excluded; the one table every question
 * "which script does this run" uses.
 */
const BUILTIN_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'install', 'i', 'add', 'remove', 'rm', 'ci', 'test', 't', 'exec', 'dlx', 'publish', 'pack', 'run', 'npm', 'config', 'set',
  'version', 'build', 'audit', 'outdated', 'update', 'up', 'upgrade', 'link', 'unlink', 'why', 'list', 'ls', 'info',
  'workspace', 'workspaces', 'init', 'create', 'cache', 'store', 'prune', 'import', 'patch', 'env', 'setup', 'global',
  'constraints', 'plugin', 'node', 'start', 'bin', 'licenses', 'dedupe', 'fetch', 'rebuild', 'stage', 'login', 'logout',
]);

/** A package manager invoked by name (`npm`, not `./node_modules/.bin/npm`, which may be anything). */
function managerOf(word: string | undefined): PackageManager | undefined {
  return word === 'npm' || word === 'pnpm' || word === 'yarn' || word === 'bun' ? word : undefined;
}

/** The package.json script a command runs, or undefined when it runs none (or a builtin). */
export function scriptCall(words: readonly string[]): ScriptCall | undefined {
  const manager = managerOf(words[0]);
  const [, sub, third] = words;
  if (!manager || sub === undefined) return undefined;
  if ((sub === 'run' || (sub === 'run-script' && (manager === 'npm' || manager === 'pnpm'))) && third) return { manager, script: third, index: 2 };
  if ((manager === 'pnpm' || manager === 'yarn') && !sub.startsWith('-') && !BUILTIN_SUBCOMMANDS.has(sub)) return { manager, script: sub, index: 1 };
  return undefined;
}
