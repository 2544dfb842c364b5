import { dirname, join } from 'node:path';
import { compileGlob, type GlobMatcher } from './glob.js';
import { isInside, nearestUpward, toPosixPath } from './paths.js';
import { readSource } from './read-source.js';
import { checkoutAt, relativeTo } from './roots.js';

/**
 * What a directory search leaves out besides `node_modules` and `.git`: the `.gitignore` files of the
 * repository (from its root down to each directory) and the `--ignore-pattern` globs. Patterns are
 * compiled with the linear glob engine (src/engine/glob.ts), so a hostile `.gitignore` in a linted
 * pull request costs at most its length times the path's; git is never run.
 */
export interface IgnoreFilter {
  /** While searching: `path` (absolute) is ignored; its parent directories were checked on the way down. */
  ignored(path: string, isDirectory: boolean): boolean;
  /** For a file named on the command line: it, or a directory above it, is ignored. */
  ignoredWithAncestors(path: string): boolean;
}

interface IgnoreRule {
  readonly match: GlobMatcher;
  readonly negated: boolean;
  readonly directoryOnly: boolean;
}

/** One `.gitignore` (or the `--ignore-pattern` list): its rules and the directory they are relative to. */
interface RuleSet {
  readonly base: string;
  readonly rules: readonly IgnoreRule[];
}

/** A `.gitignore` larger than this is not read (it would be a hostile one: real ones are a few KB). */
const MAX_GITIGNORE_BYTES = 256 * 1024;

/** Characters glob.ts reads as syntax that are literal in a `.gitignore`. */
const LITERAL_IN_GITIGNORE = new Set(['(', ')', '|', '{', '}', ',']);

/** Trailing spaces are dropped unless escaped with a backslash (gitignore(5)); no regex, so no backtracking. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

/** One gitignore pattern as a rule, or undefined for a blank line, a comment or a pattern git would not match either. */
export function parseIgnorePattern(raw: string, anchorBare = false): IgnoreRule | undefined {
  let line = trimTrailingSpaces(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
  if (line === '' || line.startsWith('#')) return undefined;
  let negated = false;
  if (line.startsWith('!')) {
    negated = true;
    line = line.slice(1);
  } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
  let directoryOnly = false;
  while (line.endsWith('/')) {
    directoryOnly = true;
    line = line.slice(0, -1);
  }
  if (line === '') return undefined;
  // A pattern with a slash (other than a trailing one) is relative to its file's directory; one without matches at any depth.
  const anchored = anchorBare || line.includes('/');
  while (line.startsWith('/')) line = line.slice(1);
  let escaped = '';
  for (const char of line) escaped += LITERAL_IN_GITIGNORE.has(char) ? `\\${char}` : char;
  const compiled = compileGlob(anchored ? escaped : `**/${escaped}`, { dot: true });
  return compiled.ok ? { match: compiled.match, negated, directoryOnly } : undefined;
}

function parseGitignore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const rule = parseIgnorePattern(line);
    if (rule) rules.push(rule);
  }
  return rules;
}

/** The last rule that matches decides; `undefined` when none does. */
function verdict(sets: readonly RuleSet[], path: string, isDirectory: boolean): boolean | undefined {
  let ignored: boolean | undefined;
  for (const set of sets) {
    if (!isInside(path, set.base) || path === set.base) continue;
    const relative = toPosixPath(relativeTo(set.base, path));
    for (const rule of set.rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.match(relative)) ignored = !rule.negated;
    }
  }
  return ignored;
}

export interface IgnoreOptions {
  readonly cwd: string;
  /** Read `.gitignore` files (off with `--no-ignore`). */
  readonly gitignore: boolean;
  /** `--ignore-pattern` globs, relative to `cwd` (already checked with `checkIgnorePattern`). */
  readonly patterns: readonly string[];
}

/** A `--ignore-pattern` glob that glob.ts cannot compile: the reason, else undefined. */
export function checkIgnorePattern(pattern: string): string | undefined {
  const body = pattern.replace(/^!/, '').replace(/\/+$/, '');
  const compiled = compileGlob(body, { dot: true });
  return compiled.ok ? undefined : compiled.error;
}

/** The run's ignore filter; every `.gitignore` is read once (the memo lives as long as the filter). */
export function createIgnoreFilter(options: IgnoreOptions): IgnoreFilter {
  const patternSet: RuleSet = {
    base: options.cwd,
    rules: options.patterns.flatMap((pattern) => {
      // ESLint's --ignore-pattern: relative to the working directory, anchored even without a slash.
      const rule = parseIgnorePattern(pattern, true);
      return rule ? [rule] : [];
    }),
  };
  const chains = new Map<string, readonly RuleSet[]>();
  const roots = new Map<string, string | null>();
  const gitRootOf = (dir: string): string | null => nearestUpward(roots, dir, checkoutAt);
  /** The `.gitignore` files that apply in `dir`: its repository's, from the root down (outside a repository: its own only). */
  const chainOf = (dir: string): readonly RuleSet[] => {
    const known = chains.get(dir);
    if (known) return known;
    const root = gitRootOf(dir);
    const parent = dirname(dir);
    const inherited = root !== null && dir !== root && parent !== dir ? chainOf(parent) : [];
    const read = readSource(join(dir, '.gitignore'), MAX_GITIGNORE_BYTES);
    const own = 'error' in read ? [] : parseGitignore(read.text);
    const chain = own.length > 0 ? [...inherited, { base: dir, rules: own }] : inherited;
    chains.set(dir, chain);
    return chain;
  };
  const ignored = (path: string, isDirectory: boolean): boolean => {
    if (patternSet.rules.length > 0 && verdict([patternSet], path, isDirectory) === true) return true;
    if (!options.gitignore) return false;
    return verdict(chainOf(dirname(path)), path, isDirectory) === true;
  };
  return {
    ignored,
    ignoredWithAncestors(path) {
      if (ignored(path, false)) return true;
      const root = options.gitignore ? (gitRootOf(dirname(path)) ?? options.cwd) : options.cwd;
      for (let dir = dirname(path); isInside(dir, root) && dir !== root; dir = dirname(dir)) {
        if (ignored(dir, true)) return true;
        if (dirname(dir) === dir) break;
      }
      return false;
    },
  };
}

/** Nothing is ignored (the library's default). */
export const NO_IGNORE: IgnoreFilter = { ignored: () => false, ignoredWithAncestors: () => false };
