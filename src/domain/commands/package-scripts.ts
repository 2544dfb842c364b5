/**
 * Which package.json script a command runs, and in which packages: `npm run release`, `pnpm
 * release`, `yarn workspace a release`, `pnpm -r --filter './packages/*' run release`,
 * `npm run release -w a`. One table of builtin subcommands, one parser per package manager.
 */
import { parseNpmArgs } from './npm-cli.js';

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** The packages a script runs in: the current one, every workspace, the named ones, or unknown. */
export type PackageSelection =
  | { readonly kind: 'current' }
  | { readonly kind: 'all' }
  | { readonly kind: 'select'; readonly patterns: readonly string[] }
  | { readonly kind: 'unknown' };

/** A command that runs a package.json script. */
export interface ScriptCall {
  readonly manager: PackageManager;
  readonly script: string;
  /** Index of the script name in the command's words. */
  readonly index: number;
  readonly packages: PackageSelection;
  /** `--if-present`: a missing script is no error (and runs nothing). */
  readonly ifPresent: boolean;
}

/**
 * Subcommands of pnpm and Yarn that are not scripts. Both run an unknown first word as a script
 * (`pnpm release` = `pnpm run release`), so only these are excluded.
 */
const BUILTIN_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'install', 'i', 'add', 'remove', 'rm', 'ci', 'exec', 'dlx', 'publish', 'pack', 'run', 'npm', 'config', 'set',
  'version', 'audit', 'outdated', 'update', 'up', 'upgrade', 'link', 'unlink', 'why', 'list', 'ls', 'info',
  'workspace', 'workspaces', 'init', 'create', 'cache', 'store', 'prune', 'import', 'patch', 'env', 'setup', 'global',
  'constraints', 'plugin', 'node', 'bin', 'licenses', 'dedupe', 'fetch', 'rebuild', 'stage', 'login', 'logout',
]);

/** Lifecycle commands every package manager runs as the script of that name (`npm test` = `npm run test`). */
const SCRIPT_COMMANDS: ReadonlySet<string> = new Set(['test', 't', 'tst', 'start', 'stop', 'restart']);

/** Options of the package managers that take a value, and those that select packages. */
const VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '-w', '--workspace', '--filter', '-F', '-C', '--dir', '--prefix', '--reporter', '--loglevel', '--registry', '--userconfig', '--cwd', '--include', '--exclude',
]);

/** A package manager invoked by name (`npm`, not `./node_modules/.bin/npm`, which may be anything). */
function managerOf(word: string | undefined): PackageManager | undefined {
  return word === 'npm' || word === 'pnpm' || word === 'yarn' || word === 'bun' ? word : undefined;
}

interface Scanned {
  readonly positionals: Array<{ word: string; index: number }>;
  readonly selection: PackageSelection;
  readonly ifPresent: boolean;
}

/** Positional words of a package-manager command, and the package selection its options make. */
function scan(manager: PackageManager, words: readonly string[]): Scanned {
  const positionals: Array<{ word: string; index: number }> = [];
  const selected: string[] = [];
  let all = false;
  let unknown = false;
  let ifPresent = false;
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    // `--` ends the manager's options: the rest are the script's arguments.
    if (word === '--') break;
    if (!word.startsWith('-')) {
      positionals.push({ word, index });
      continue;
    }
    const [name, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = inline ?? (VALUE_OPTIONS.has(name) ? words[++index] : undefined);
    if (name === '--if-present') ifPresent = true;
    else if (name === '-r' || name === '--recursive' || name === '-ws' || name === '--workspaces') all = true;
    else if ((name === '-w' && manager === 'npm') || name === '--workspace' || name === '--filter' || name === '-F') {
      if (value === undefined) unknown = true;
      else selected.push(value);
    } else if (name === '-w' && manager === 'pnpm') continue; // `--workspace-root`: the root package itself
    else if (name === '-C' || name === '--dir' || name === '--prefix' || name === '--cwd') unknown = true;
  }
  const selection: PackageSelection = unknown ? { kind: 'unknown' } : selected.length > 0 ? { kind: 'select', patterns: selected } : all ? { kind: 'all' } : { kind: 'current' };
  return { positionals, selection, ifPresent };
}

/** The package.json script a command runs, or undefined when it runs none (or a builtin). */
export function scriptCall(words: readonly string[]): ScriptCall | undefined {
  const manager = managerOf(words[0]);
  if (!manager) return undefined;
  const scanned = scan(manager, words);
  const { selection, ifPresent } = scanned;
  // npm reads its own command line (`npm rum release`, `npm --cache d run-s release`): see npm-cli.ts.
  const npm = manager === 'npm' ? parseNpmArgs(words, 1) : undefined;
  const positionals = npm ? npm.positionals.map(({ value, index }) => ({ word: value, index })) : scanned.positionals;
  const [first, second, third] = positionals;
  const sub = first && npm ? { word: npm.command ?? first.word, index: first.index } : first;
  if (!sub) return undefined;
  const call = (found: { word: string; index: number } | undefined, packages: PackageSelection): ScriptCall | undefined =>
    found ? { manager, script: found.word, index: found.index, packages, ifPresent } : undefined;
  if (sub.word === 'run' || (sub.word === 'run-script' && (manager === 'npm' || manager === 'pnpm'))) return call(second, selection);
  if (SCRIPT_COMMANDS.has(sub.word) && manager !== 'bun') {
    const name = sub.word === 't' || sub.word === 'tst' ? 'test' : sub.word;
    return { manager, script: name, index: sub.index, packages: selection, ifPresent };
  }
  if (manager === 'yarn' && sub.word === 'workspace' && second) {
    // `yarn workspace <name> run <script>` or `yarn workspace <name> <script>`.
    const script = third?.word === 'run' ? positionals[3] : third;
    return script && !BUILTIN_SUBCOMMANDS.has(script.word) ? call(script, { kind: 'select', patterns: [second.word] }) : undefined;
  }
  if (manager === 'yarn' && sub.word === 'workspaces' && (second?.word === 'foreach' || second?.word === 'run')) {
    // Yarn 1 `yarn workspaces run x`; Yarn Berry `yarn workspaces foreach [-A] run x` (its filters are not read).
    const runAt = positionals.findIndex((positional, index) => index >= 1 && positional.word === 'run');
    const foreachFilters = words.some((word) => /^--(?:include|exclude|from|since)\b/.test(word));
    return call(positionals[runAt + 1], foreachFilters ? { kind: 'unknown' } : { kind: 'all' });
  }
  if ((manager === 'pnpm' || manager === 'yarn') && !BUILTIN_SUBCOMMANDS.has(sub.word)) return call(sub, selection);
  return undefined;
}

/** `npm-run-all`, `run-s` and `run-p`: the script names (or `:`-globs) they run, in order. */
export function runAllScripts(words: readonly string[]): readonly string[] | undefined {
  const name = words[0];
  if (name !== 'npm-run-all' && name !== 'npm-run-all2' && name !== 'run-s' && name !== 'run-p') return undefined;
  const scripts: string[] = [];
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      // Options with a value: `--max-parallel 2`, `--npm-path x`, `-l`... only these take one.
      if (/^(?:--max-parallel|--npm-path)$/.test(word)) index++;
      continue;
    }
    scripts.push(word);
  }
  return scripts;
}
