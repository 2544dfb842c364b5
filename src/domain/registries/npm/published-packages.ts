/**
 * Which package.json files an npm publish publishes: the package of the directory it runs in, the
 * folder it names, or the workspace packages it selects (`npm publish --workspaces`, `pnpm -r
 * publish`, `yarn workspaces foreach -A npm publish`, `changeset publish`, `lerna publish`). Each
 * tool's selection is read from its words and config; whatever cannot be known (an expression, a
 * `cd` in the script, a tarball, a built folder, a selector not understood here) leaves those
 * packages out and marks the answer incomplete, so rules stay silent about them.
 */
import type { StepNode } from '../../../engine/ast.js';
import { expandCommand } from '../../commands/expand.js';
import type { Analysis } from '../../context.js';
import { hasExpression } from '../../expressions.js';
import { asObject, packageJsonAt, type PackageJson } from '../../project/package-json.js';
import { joinRelative, normalizeDirectory, stepDirectory } from '../../project/paths.js';
import { releaseItConfig, semanticReleaseNpmOptions } from '../../project/release-configs.js';
import { declaresWorkspaces, packagesOfGlobs, selectWorkspaces, workspacePackages } from '../../project/workspaces.js';
import { runCommands } from '../../run-script.js';
import { inputText } from '../../steps.js';
import type { Provenance } from '../types.js';
import { provenanceOf } from './provenance.js';
import type { NpmPublish } from './sites.js';

/** One package a publish publishes. */
export interface PublishedPackage {
  readonly manifest: PackageJson;
  /**
   * Its provenance signal: the publish's flag, env or action input when there is one, else this
   * package's own `publishConfig.provenance` (npm reads the manifest it publishes), then `.npmrc`.
   */
  readonly provenance: Provenance;
}

export interface PublishedPackages {
  /** The packages known to be published: readable package.json files without `"private": true`. */
  readonly packages: readonly PublishedPackage[];
  /** `directory` for one package (where the publish runs, or the folder it names); `workspaces` for a selection of workspace packages. */
  readonly selection: 'directory' | 'workspaces';
  /** Some of what the publish publishes could not be known; those packages are not listed. */
  readonly incomplete: boolean;
}

/** What a publish selects, before package.json files are read. */
type Selection =
  | { readonly kind: 'directory'; readonly directory: string }
  | { readonly kind: 'workspaces'; readonly packages: readonly PackageJson[]; readonly root: boolean }
  | { readonly kind: 'unknown' };

const UNKNOWN: Selection = { kind: 'unknown' };

/** Commands that change the directory: a publish after one (or in a loop with one) runs elsewhere. */
const CHANGES_DIRECTORY = /^(?:cd|pushd|popd|chdir|set-location|sl|push-location)$/i;

/**
 * Words of a runner in front of the tool that run it elsewhere or in several packages
 * (`pnpm -r exec npm publish`, `lerna exec -- npm publish`, `yarn workspace a exec …`, `npm --prefix x exec`);
 * a plain `npx`, `pnpm exec` or `pnpm dlx` runs the tool where it is.
 */
const RUNS_ELSEWHERE = /^(?:workspaces?|foreach|lerna|-r|--recursive|-F|--filter(?:=.*)?|-C|--dir(?:=.*)?|--prefix(?:=.*)?|--cwd(?:=.*)?|-w|-ws|--workspaces?(?:=.*)?)$/;

/** A selector or folder written with a shell variable or an expression: its value is not known here. */
const VARIABLE = /[$`]/;

/** Options that take a value, per tool, for finding the publish's positional words. */
const NPM_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--tag', '--access', '--otp', '--registry', '-w', '--workspace', '--userconfig', '--loglevel', '--provenance-file', '--prefix', '-C']);
const PNPM_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--tag', '--access', '--otp', '--registry', '--filter', '-F', '-C', '--dir', '--publish-branch', '--report-summary', '--loglevel']);

/** Options of `yarn workspaces foreach` that do not change which workspaces it runs in. */
const FOREACH_IGNORED: ReadonlySet<string> = new Set(['--no-private', '-v', '--verbose', '-p', '--parallel', '-i', '--interlaced', '-t', '--topological', '--topological-dev']);

/** The package.json files a publish publishes, memoised per publish. */
export function publishedPackages(context: Analysis, publish: NpmPublish): PublishedPackages {
  return context.facts.memo('npm-published-packages', publish, () => {
    const selection = selectionOf(context, publish);
    if (selection.kind === 'unknown') return { packages: [], selection: 'directory', incomplete: true };
    const found: PackageJson[] = [];
    let incomplete = false;
    if (selection.kind === 'directory') {
      const manifest = packageJsonAt(context, selection.directory);
      if (manifest) found.push(manifest);
      else incomplete = true;
    } else {
      const root = selection.root ? packageJsonAt(context, '') : undefined;
      for (const manifest of [...(root ? [root] : []), ...selection.packages]) if (!found.some((other) => other.path === manifest.path)) found.push(manifest);
    }
    const packages: PublishedPackage[] = [];
    for (const manifest of found) {
      if (manifest.private) continue;
      // pnpm, Lerna and changesets (through pnpm) publish `publishConfig.directory`, a folder usually built.
      if (publish.tool !== 'npm' && publish.tool !== 'yarn-berry' && typeof manifest.publishConfig?.directory === 'string') {
        incomplete = true;
        continue;
      }
      packages.push({ manifest, provenance: packageProvenance(context, publish, manifest) });
    }
    return { packages, selection: selection.kind, incomplete };
  });
}

/** The provenance signal for one package: npm reads `publishConfig` from the manifest it publishes. */
function packageProvenance(context: Analysis, publish: NpmPublish, manifest: PackageJson): Provenance {
  const own = publish.provenance;
  if (own.state === 'unknown' || own.source === 'flag' || own.source === 'env' || own.source === 'input') return own;
  return provenanceOf(context, ownStep(publish), publish.tool, publish.args, undefined, manifest.directory);
}

/** The step whose inputs and directory decide: inside a local composite action, the action's step. */
function ownStep(publish: NpmPublish): StepNode {
  return publish.inAction?.step ?? publish.step;
}

function selectionOf(context: Analysis, publish: NpmPublish): Selection {
  const step = ownStep(publish);
  if (publish.via === 'uses') return actionSelection(context, publish, step);
  if (changesDirectory(context, publish, step) || publish.launcher?.some((word) => RUNS_ELSEWHERE.test(word))) return UNKNOWN;
  const base = publish.directory ?? stepDirectory(step);
  if (base === undefined) return UNKNOWN;
  const words = publish.args;
  switch (publish.tool) {
    case 'npm':
      return npmSelection(context, words, base);
    case 'pnpm':
      return pnpmSelection(context, words, base);
    case 'yarn-berry':
      return yarnSelection(context, words, base);
    case 'changesets':
      return base === '' ? changesetsSelection(context) : UNKNOWN;
    case 'lerna':
      return base === '' ? lernaSelection(context, words) : UNKNOWN;
    case 'semantic-release':
      return pkgRootSelection(base, semanticReleaseNpmOptions(context, step)?.pkgRoot);
    case 'release-it': {
      const config = releaseItConfig(context, step);
      if (config.kind === 'unreadable') return UNKNOWN;
      return pkgRootSelection(base, config.kind === 'data' ? asObject(config.config.npm)?.publishPath : undefined);
    }
    case 'np':
      // np's `--contents` (or its config) publishes a subfolder.
      return words.some((word) => word === '--contents' || word.startsWith('--contents=')) || packageJsonAt(context, base)?.json.np !== undefined
        ? UNKNOWN
        : { kind: 'directory', directory: base };
    case 'bun':
    case 'yarn-classic':
      return specSelection(positionalAfter(words, 'publish', NPM_VALUE_OPTIONS), base);
    default:
      return UNKNOWN;
  }
}

/**
 * A `cd` (or `pushd`, `Set-Location`) anywhere in the step's script, or in the package.json scripts
 * that lead to the publish: the publish may run in another directory than the step's.
 */
function changesDirectory(context: Analysis, publish: NpmPublish, step: StepNode): boolean {
  // Once per step and per command, not per publish: a script of thousands of publishes stays linear.
  const inScript = context.facts.memo('npm-script-changes-directory', step, () =>
    runCommands(context, step).some((command) => CHANGES_DIRECTORY.test(command.words[0]?.value ?? '')),
  );
  if (inScript) return true;
  const command = publish.command;
  if (publish.chain.length === 0 || !command) return false;
  return context.facts.memo('npm-scripts-change-directory', command, () =>
    expandCommand(context, step, command.words.map((word) => word.value)).leaves.some((leaf) => CHANGES_DIRECTORY.test(leaf.words[0] ?? '')),
  );
}

/** The first positional word after `subcommand` (skipping options and their values), if any. */
function positionalAfter(words: readonly string[], subcommand: string, valued: ReadonlySet<string>): string | undefined {
  let index = words.indexOf(subcommand);
  if (index === -1) return undefined;
  for (index++; index < words.length; index++) {
    const word = words[index]!;
    if (word === '--') return words[index + 1];
    if (!word.startsWith('-')) return word;
    if (valued.has(word)) index++;
  }
  return undefined;
}

/** An option's values (`--workspace a`, `--workspace=a`, `-w a`), in order. */
function optionValues(words: readonly string[], names: readonly string[]): string[] {
  const values: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const equals = word.indexOf('=');
    const name = equals === -1 ? word : word.slice(0, equals);
    if (!names.includes(name)) continue;
    const value = equals === -1 ? words[index + 1] : word.slice(equals + 1);
    if (value !== undefined) values.push(value);
    if (equals === -1) index++;
  }
  return values;
}

function hasFlag(words: readonly string[], ...names: string[]): boolean {
  return words.some((word) => names.includes(word) || names.some((name) => word === `${name}=true`));
}

/**
 * What a publish argument names (npm's `npm-package-arg`): a folder when it starts with `.`, the
 * current one when there is none; a tarball, a registry spec or a GitHub shorthand (`packages/a` is
 * `github:packages/a`) otherwise, none of them a package.json that can be read here.
 */
function specSelection(spec: string | undefined, base: string): Selection {
  if (spec === undefined) return { kind: 'directory', directory: base };
  if (!spec.startsWith('.') || /\.(?:tgz|tar|tar\.gz)$/i.test(spec) || /[*?[{]/.test(spec) || VARIABLE.test(spec)) return UNKNOWN;
  const directory = joinRelative(base, spec);
  return directory === undefined ? UNKNOWN : { kind: 'directory', directory };
}

/** `npm publish [folder]`, `--workspaces`, `-w <name|dir>`, `--include-workspace-root`. */
function npmSelection(context: Analysis, words: readonly string[], base: string): Selection {
  if (optionValues(words, ['--prefix', '-C']).length > 0) return UNKNOWN;
  const spec = positionalAfter(words, 'publish', NPM_VALUE_OPTIONS);
  const selected = optionValues(words, ['--workspace', '-w']);
  if (selected.some((pattern) => VARIABLE.test(pattern))) return UNKNOWN;
  // npm ignores workspaces for a named package (`lib/commands/publish.js` execWorkspaces).
  if ((selected.length > 0 || hasFlag(words, '--workspaces', '-ws')) && (spec === undefined || spec === '.')) {
    if (base !== '') return UNKNOWN;
    const packages = workspacePackages(context);
    const chosen = packages && (selected.length > 0 ? selectWorkspaces(packages, selected) : packages);
    return chosen ? { kind: 'workspaces', packages: chosen, root: hasFlag(words, '--include-workspace-root') } : UNKNOWN;
  }
  return specSelection(spec, base);
}

/** `pnpm publish [folder]`, `-r`, `--filter <selector>`, `-C <dir>`. */
function pnpmSelection(context: Analysis, words: readonly string[], base: string): Selection {
  const dirs = optionValues(words, ['-C', '--dir']);
  const directory = dirs.length === 0 ? base : dirs.length === 1 && !VARIABLE.test(dirs[0]!) ? joinRelative(base, dirs[0]!) : undefined;
  if (directory === undefined) return UNKNOWN;
  const filters = optionValues(words, ['--filter', '-F']);
  if (filters.some((pattern) => VARIABLE.test(pattern))) return UNKNOWN;
  if (filters.length > 0 || hasFlag(words, '-r', '--recursive')) {
    if (directory !== '') return UNKNOWN;
    const packages = workspacePackages(context);
    const chosen = packages && (filters.length > 0 ? selectWorkspaces(packages, filters) : packages);
    return chosen ? { kind: 'workspaces', packages: chosen, root: false } : UNKNOWN;
  }
  return specSelection(positionalAfter(words, 'publish', PNPM_VALUE_OPTIONS), directory);
}

/** `yarn npm publish` (the current workspace), `yarn workspace <name> npm publish`, `yarn workspaces foreach -A npm publish`. */
function yarnSelection(context: Analysis, words: readonly string[], base: string): Selection {
  if (optionValues(words, ['--cwd']).length > 0) return UNKNOWN;
  const sub = words.find((word, index) => index > 0 && !word.startsWith('-'));
  if (sub === 'npm') return { kind: 'directory', directory: base };
  if (base !== '') return UNKNOWN;
  const packages = workspacePackages(context);
  if (!packages) return UNKNOWN;
  if (sub === 'workspace') {
    const name = words[words.indexOf('workspace') + 1];
    const chosen = name === undefined || VARIABLE.test(name) ? undefined : selectWorkspaces(packages, [name]);
    return chosen ? { kind: 'workspaces', packages: chosen, root: false } : UNKNOWN;
  }
  if (sub !== 'workspaces') return UNKNOWN;
  // Only `--all` is read: `--since`, `--recursive`, `--worktree`, `--include`, `--exclude` and `--from` select otherwise.
  const foreach = words.indexOf('foreach');
  const options = words.slice(foreach + 1, words.indexOf('npm', foreach));
  let all = false;
  for (let index = 0; index < options.length; index++) {
    const word = options[index]!;
    if (word === '-A' || word === '--all') all = true;
    else if (word === '-j' || word === '--jobs') index++;
    else if (!FOREACH_IGNORED.has(word) && !word.startsWith('--jobs=')) return UNKNOWN;
  }
  // `--all` runs in the project's root workspace too.
  return all ? { kind: 'workspaces', packages, root: true } : UNKNOWN;
}

/**
 * `changeset publish` publishes every workspace package whose version is not on the registry yet
 * (so each one in turn); a repository without workspaces is a single package, its root. The other
 * monorepo layouts changesets reads (Lerna, Bolt, Rush) are not read here.
 */
function changesetsSelection(context: Analysis): Selection {
  if (declaresWorkspaces(context)) {
    const packages = workspacePackages(context);
    return packages ? { kind: 'workspaces', packages, root: false } : UNKNOWN;
  }
  if (context.project.exists('lerna.json') || context.project.exists('rush.json')) return UNKNOWN;
  return { kind: 'directory', directory: '' };
}

/**
 * `lerna publish`: the packages of `lerna.json` `packages`, else the package manager's workspaces.
 * `--contents` (or `command.publish.contents`) publishes a subfolder, usually built: unknown.
 */
function lernaSelection(context: Analysis, words: readonly string[]): Selection {
  const config = context.project.json('lerna.json');
  const contents = asObject(asObject(config?.command)?.publish)?.contents;
  if (words.some((word) => word === '--contents' || word.startsWith('--contents=')) || contents !== undefined) return UNKNOWN;
  const globs = config?.packages;
  let packages: readonly PackageJson[] | undefined;
  if (globs === undefined) packages = workspacePackages(context);
  else if (Array.isArray(globs) && globs.every((glob): glob is string => typeof glob === 'string')) packages = packagesOfGlobs(context, globs);
  return packages ? { kind: 'workspaces', packages, root: false } : UNKNOWN;
}

/** A tool that publishes a configured folder (`pkgRoot`, `publishPath`) under the step's directory. */
function pkgRootSelection(base: string, root: unknown): Selection {
  if (root === undefined) return { kind: 'directory', directory: base };
  if (typeof root !== 'string' || hasExpression(root) || root.includes('$')) return UNKNOWN;
  const directory = joinRelative(base, root);
  return directory === undefined ? UNKNOWN : { kind: 'directory', directory };
}

/** Publishing actions: the folder their inputs name, relative to the workspace (`defaults.run` is not theirs). */
function actionSelection(context: Analysis, publish: NpmPublish, step: StepNode): Selection {
  const input = (name: string): string | undefined | null => {
    const text = inputText(step, name)?.trim();
    if (text === undefined || text === '') return undefined;
    return hasExpression(text) ? null : text;
  };
  switch (publish.tool) {
    case 'changesets-action': {
      // changesets/action runs its publish script (in practice `changeset publish`) in its `cwd` input.
      const cwd = input('cwd');
      if (cwd === null) return UNKNOWN;
      return cwd === undefined || normalizeDirectory(cwd) === '' ? changesetsSelection(context) : UNKNOWN;
    }
    case 'js-devtools-npm-publish': {
      // `package`: the package's folder or its package.json (default `./package.json`).
      const value = input('package');
      if (value === null) return UNKNOWN;
      if (value === undefined) return { kind: 'directory', directory: '' };
      if (/\.(?:tgz|tar|tar\.gz)$/i.test(value)) return UNKNOWN;
      const directory = normalizeDirectory(value.replace(/(?:^|\/)package\.json$/, '') || '.');
      return directory === undefined ? UNKNOWN : { kind: 'directory', directory };
    }
    case 'semantic-release-action':
      // Its working-directory input moves semantic-release and the config it reads: not followed.
      if (input('working_directory') !== undefined || input('working-directory') !== undefined) return UNKNOWN;
      return pkgRootSelection('', semanticReleaseNpmOptions(context, step)?.pkgRoot);
    default:
      return UNKNOWN;
  }
}
