/** Recognising npm publishes in shell commands: the tools, their launchers, and their no-publish flags. */
import { commandName, javascriptLauncher, launchedPackage, splitPackageSpec, type Launched } from '../../commands/launchers.js';
import { configTrue, parseNpmArgs } from '../../commands/npm-cli.js';
import { nextPositional, PACKAGE_MANAGER_VALUE_OPTIONS } from '../../commands/options.js';
import { table } from '../../table.js';

export type NpmTool =
  | 'npm'
  | 'pnpm'
  | 'yarn-berry'
  | 'yarn-classic'
  | 'bun'
  | 'lerna'
  | 'changesets'
  | 'semantic-release'
  | 'release-it'
  | 'np'
  | 'changesets-action'
  | 'js-devtools-npm-publish'
  | 'semantic-release-action'
  /** `mikeal/merge-release` and `pascalgn/npm-publish-action`: publish with a token of their own npm, never OIDC. */
  | 'token-only-action';

/** Tools that run a command named after them: `npx <tool>`, `pnpm <tool>`, `yarn <tool>`. */
export const NPM_PUBLISH_BINARIES: readonly string[] = ['npm', 'lerna', 'changeset', 'semantic-release', 'release-it', 'np', 'pnpm', 'yarn', 'bun'];
const TOOL_BINARIES: ReadonlySet<string> = new Set(NPM_PUBLISH_BINARIES);
/** Packages whose binary has another name. */
const PACKAGE_BINARIES = table({
  '@changesets/cli': 'changeset',
  '@lerna-lite/cli': 'lerna',
  'lerna-lite': 'lerna',
  '@lerna-lite/publish': 'lerna',
});

export interface DetectedPublish {
  readonly tool: NpmTool;
  /** Index of the first word of the publishing tool (after npx & co). */
  readonly toolIndex: number;
  readonly staged?: boolean;
  readonly versionSpec?: string;
}

const positional = (words: readonly string[], index: number) => nextPositional(words, index, PACKAGE_MANAGER_VALUE_OPTIONS);

/** Options of Yarn Berry's `yarn workspaces foreach` that take a value (https://yarnpkg.com/cli/workspaces/foreach). */
const FOREACH_VALUE_OPTIONS: ReadonlySet<string> = new Set(['-j', '--jobs', '--include', '--exclude', '--from']);

/** Recognises a publish in a command's words (`VAR=x`, `sudo` and `env` already removed). */
export function detectPublish(words: readonly string[], start = 0, depth = 0): DetectedPublish | undefined {
  if (depth > 3) return undefined;
  const first = words[start];
  if (first === undefined) return undefined;
  const name = commandName(first);

  if (javascriptLauncher(words, start)) {
    const launched = launchedPackage(words, start);
    return launched ? detectLaunched(words, launched, depth) : undefined;
  }
  if (name === 'npm') return detectNpm(words, start, depth);
  const index = positional(words, start + 1);
  const sub = words[index];
  // Runners of other commands: `corepack yarn …`, `pnpm -r exec npm publish`, `yarn workspace x npm publish`,
  // `lerna exec -- npm publish`.
  if (name === 'corepack') return detectPublish(words, start + 1, depth + 1);
  if ((name === 'pnpm' || name === 'yarn') && sub === 'exec') return detectPublish(words, positional(words, index + 1), depth + 1);
  if (name === 'yarn' && sub === 'workspace' && words[index + 1]) {
    // `yarn workspace a exec npm publish` runs npm; `yarn workspace a npm publish` is Yarn's own command.
    if (words[index + 2] === 'exec') return detectPublish(words, index + 3, depth + 1);
    const inner = detectPublish(['yarn', ...words.slice(index + 2)], 0, depth + 1);
    return inner ? { ...inner, toolIndex: start } : undefined;
  }
  if (name === 'lerna' && sub === 'exec') {
    const separator = words.indexOf('--', index);
    return separator === -1 ? undefined : detectPublish(words, separator + 1, depth + 1);
  }
  const isDryRun = words.slice(start).some((word) => word === '--dry-run' || word === '--dry-run=true');
  switch (name) {
    case 'pnpm':
      if (sub === 'publish') return isDryRun ? undefined : { tool: 'pnpm', toolIndex: start };
      if (sub && TOOL_BINARIES.has(sub) && sub !== 'pnpm') return detectPublish(words, index, depth + 1);
      return undefined;
    case 'yarn':
      if (sub === 'npm' && words[positional(words, index + 1)] === 'publish') {
        return isDryRun || words.includes('-n') ? undefined : { tool: 'yarn-berry', toolIndex: start };
      }
      if (sub === 'publish') return isDryRun ? undefined : { tool: 'yarn-classic', toolIndex: start };
      if (sub === 'workspaces' && words[positional(words, index + 1)] === 'foreach') {
        // `yarn workspaces foreach -A npm publish`: Yarn Berry's own publish, run in each workspace.
        const command = nextPositional(words, positional(words, index + 1) + 1, FOREACH_VALUE_OPTIONS);
        const inner = words[command] === 'npm' && words[positional(words, command + 1)] === 'publish';
        return inner && !isDryRun && !words.includes('-n') ? { tool: 'yarn-berry', toolIndex: start } : undefined;
      }
      if (sub && TOOL_BINARIES.has(sub) && sub !== 'yarn') return detectPublish(words, index, depth + 1);
      return undefined;
    case 'bun':
      return sub === 'publish' && !isDryRun ? { tool: 'bun', toolIndex: start } : undefined;
    case 'lerna':
      return sub === 'publish' && !isDryRun && !words.includes('--no-publish') ? { tool: 'lerna', toolIndex: start } : undefined;
    case 'changeset':
      return sub === 'publish' && !isDryRun ? { tool: 'changesets', toolIndex: start } : undefined;
    case 'semantic-release':
      return isDryRun || words.includes('-d') ? undefined : { tool: 'semantic-release', toolIndex: start };
    case 'release-it':
      return isDryRun || words.includes('-d') || words.includes('--no-npm') || words.includes('--npm.publish=false')
        ? undefined
        : { tool: 'release-it', toolIndex: start };
    case 'np':
      return words.includes('--no-publish') || words.includes('--preview') ? undefined : { tool: 'np', toolIndex: start };
    default:
      return undefined;
  }
}

/** A package run by a launcher (`npx npm@11 publish`, `npm exec -- npm publish`): the tool it is, if it publishes. */
function detectLaunched(words: readonly string[], launched: Launched, depth: number): DetectedPublish | undefined {
  const { name: packageName, version } = splitPackageSpec(words[launched.index]!);
  const binary = PACKAGE_BINARIES.get(packageName) ?? packageName;
  if (!TOOL_BINARIES.has(binary)) return undefined;
  const rewritten = [...words.slice(0, launched.index), binary, ...words.slice(launched.index + 1)];
  const inner = detectPublish(rewritten, launched.index, depth + 1);
  // `npx -p npm@11 npm publish`: the package given with -p decides the version.
  const fromOption = launched.packageSpec ? splitPackageSpec(launched.packageSpec) : undefined;
  const specVersion = version ?? (fromOption?.name === packageName ? fromOption.version : undefined);
  return inner ? { ...inner, ...(specVersion ? { versionSpec: specVersion } : {}) } : undefined;
}

/**
 * npm's command line as npm reads it (`commands/npm-cli.ts`): `npm pub`, `npm --cache DIR publish`,
 * `npm publish --dry-run false` (a publish), `npm publish --dry` (a dry run), `npm stage publish`,
 * and `npm exec [--package=…] [--] <pkg> …` as a launcher. `npm exec -c '…'` is a script of its own
 * (`shell-commands.ts`), so it publishes nothing itself.
 */
function detectNpm(words: readonly string[], start: number, depth: number): DetectedPublish | undefined {
  const parsed = parseNpmArgs(words, start + 1);
  // `--dry-run`, `--usage` (`-h`, `--help`), `--version` and `--versions` run no command at all.
  if (['dry-run', 'usage', 'version', 'versions'].some((key) => configTrue(parsed, key))) return undefined;
  const argument = (offset: number) => parsed.positionals[parsed.argsFrom + offset];
  switch (parsed.command) {
    case 'publish':
      return { tool: 'npm', toolIndex: start };
    case 'stage':
      return argument(0)?.value === 'publish' ? { tool: 'npm', toolIndex: start, staged: true } : undefined;
    case 'exec': {
      const launched = argument(0);
      if (!launched || parsed.config.has('call')) return undefined;
      const spec = parsed.config.get('package')?.value;
      return detectLaunched(words, { launcher: 'npm exec', index: launched.index, ...(typeof spec === 'string' ? { packageSpec: spec } : {}) }, depth);
    }
    default:
      return undefined;
  }
}
