/**
 * The packages of a monorepo: the globs of package.json `workspaces` (npm, Yarn, bun) or of
 * `pnpm-workspace.yaml` `packages`, expanded against the repository's directories. Undefined when
 * the repository declares none or they cannot be expanded (a glob form not handled here, a
 * directory that cannot be listed): then which packages a command selects is unknown.
 */
import type { Analysis } from '../context.js';
import { asObject, packageJsonAt, type PackageJson } from './package-json.js';
import { joinPath } from './paths.js';

/** Directories visited when expanding one glob: a hostile tree must not cost minutes. */
const MAX_VISITED = 2_000;

/** The workspace globs of the repository root: pnpm's file first, else package.json. */
function workspaceGlobs(context: Analysis): readonly string[] | undefined {
  const pnpm = context.project.yaml('pnpm-workspace.yaml');
  const packages = pnpm?.value.type === 'map' ? pnpm.value.byKey.get('packages')?.value : undefined;
  if (packages?.type === 'seq') return packages.items.flatMap((item) => (item.type === 'scalar' ? [item.text] : []));
  const declared = packageJsonAt(context, '')?.json.workspaces;
  const list = Array.isArray(declared) ? declared : asObject(declared)?.packages;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Directories matching a glob of `/`-separated segments with `*` and `**`; undefined when it cannot be expanded. */
function expandGlob(context: Analysis, glob: string): string[] | undefined {
  const segments = glob.replace(/^\.\//, '').replace(/\/+$/, '').split('/').filter(Boolean);
  if (segments.some((segment) => segment === '..' || /[?[\]{}()!+@]/.test(segment))) return undefined;
  const found: string[] = [];
  let visited = 0;
  const walk = (directory: string, rest: readonly string[]): boolean => {
    if (++visited > MAX_VISITED) return false;
    if (rest.length === 0) {
      found.push(directory);
      return true;
    }
    const [segment, ...tail] = rest as [string, ...string[]];
    if (!segment.includes('*')) return walk(joinPath(directory, segment), tail);
    const entries = context.project.list(directory);
    if (!entries) return true;
    const matches = segment === '**' ? undefined : new RegExp(`^${segment.split('*').map((part) => part.replace(/[.+^$|\\]/g, '\\$&')).join('[^/]*')}$`);
    for (const entry of entries) {
      if (!entry.directory || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = joinPath(directory, entry.name);
      if (segment === '**') {
        if (!walk(child, rest) || !walk(child, tail)) return false;
      } else if (matches!.test(entry.name) && !walk(child, tail)) return false;
    }
    if (segment === '**') return walk(directory, tail);
    return true;
  };
  return walk('', segments) ? [...new Set(found)] : undefined;
}

/** The workspace packages (those with a package.json), or undefined when the repository declares none or they cannot be found. */
export function workspacePackages(context: Analysis): readonly PackageJson[] | undefined {
  return context.facts.memo('workspace-packages', context.project, () => {
    const globs = workspaceGlobs(context);
    return globs && globs.length > 0 ? packagesOfGlobs(context, globs) : undefined;
  });
}

/** Whether the repository root declares workspaces (`pnpm-workspace.yaml` `packages`, package.json `workspaces`). */
export function declaresWorkspaces(context: Analysis): boolean {
  return (workspaceGlobs(context)?.length ?? 0) > 0;
}

/**
 * The packages (directories with a package.json) that globs such as `packages/*` or `!packages/x`
 * match, sorted; undefined when a glob cannot be expanded here.
 */
export function packagesOfGlobs(context: Analysis, globs: readonly string[]): readonly PackageJson[] | undefined {
  const included = new Set<string>();
  const excluded = new Set<string>();
  for (const glob of globs) {
    const negated = glob.startsWith('!');
    const directories = expandGlob(context, negated ? glob.slice(1) : glob);
    if (!directories) return undefined;
    for (const directory of directories) (negated ? excluded : included).add(directory);
  }
  return [...included]
    .filter((directory) => !excluded.has(directory))
    .sort()
    .flatMap((directory) => packageJsonAt(context, directory) ?? []);
}

/**
 * The workspace packages that package-manager selectors pick (`npm -w`, `pnpm --filter`, `yarn
 * workspace`): each pattern matches a package's directory or its name, with `*` as a wildcard; a
 * leading `./`, a trailing `/` and pnpm's `{dir}` are dropped. Undefined when some pattern selects
 * nothing: then it is another selector syntax (`...`, `[since]`, a parent directory), not understood here.
 */
export function selectWorkspaces(packages: readonly PackageJson[], patterns: readonly string[]): PackageJson[] | undefined {
  const matches = (manifest: PackageJson, pattern: string) => {
    const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '').replace(/^\{(.*)\}$/, '$1');
    const glob = new RegExp(`^${clean.split('*').map((part) => part.replace(/[.+^$|\\()[\]{}?]/g, '\\$&')).join('.*')}$`);
    return glob.test(manifest.directory) || (manifest.name !== undefined && glob.test(manifest.name));
  };
  if (!patterns.every((pattern) => packages.some((manifest) => matches(manifest, pattern)))) return undefined;
  return packages.filter((manifest) => patterns.some((pattern) => matches(manifest, pattern)));
}
