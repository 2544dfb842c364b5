/**
 * Lint targets that plugins declare besides workflows and action metadata: configuration files
 * that rules read as text (a registry's client configuration, a credentials file). Such a file is
 * found by discovery like a workflow, linted when named on the command line, and handed only to the
 * rules' `textFile` visitor; no workflow or action rule ever sees it.
 *
 * A target names its files with globs matched against the end of a path: a glob of one segment
 * (`.examplerc`) against the file name, in any directory; a glob of two (`.tool/credentials`)
 * against the file name and its directory; and so on. `**` is not allowed, so matching costs a few
 * segments whatever the depth of the tree. Matching ignores case (a leaked secret is leaked in any
 * spelling of the name) and lets wildcards match dot files.
 */
import { compileGlob, type GlobMatcher } from './glob.js';
import { toPosixPath } from './paths.js';

/**
 * Where `# trustlint-…` directives may be written in a target's files: in YAML comments (read by the
 * linter's YAML parser), or on whole lines that start with one of the markers (after blanks).
 */
export type CommentSyntax = 'yaml' | { readonly lineStart: readonly string[] };

export interface FileTarget {
  /** What kind of file this is, as rules see it (`TextFileNode.target`): `examplerc`. */
  readonly name: string;
  /** Globs over the last segments of the path (see above), e.g. `.examplerc`, `.tool/credentials{,.toml}`. */
  readonly files: readonly string[];
  readonly comments: CommentSyntax;
}

export interface FileTargets {
  /** The first target whose globs match one of the paths (platform or POSIX separators), or undefined. */
  targetOf(...paths: readonly string[]): FileTarget | undefined;
}

interface CompiledGlob {
  readonly target: FileTarget;
  /** How many trailing path segments the glob is matched against. */
  readonly segments: number;
  readonly match: GlobMatcher;
}

/** The last `count` segments of a POSIX path (the whole path when it has fewer). */
function lastSegments(path: string, count: number): string {
  let index = path.length;
  for (let found = 0; found < count; found++) {
    index = path.lastIndexOf('/', index - 1);
    if (index === -1) return path;
  }
  return path.slice(index + 1);
}

/**
 * Compiles the targets of every plugin once per run. A glob that does not compile, or uses `**`, is
 * a bug in its plugin: it throws.
 */
export function compileFileTargets(targets: readonly FileTarget[]): FileTargets {
  const globs: CompiledGlob[] = [];
  for (const target of targets) {
    for (const pattern of target.files) {
      if (pattern.includes('**') || pattern.startsWith('/') || pattern.startsWith('!')) {
        throw new Error(`file target \`${target.name}\`: the glob \`${pattern}\` must name trailing path segments (no \`**\`, no leading \`/\` or \`!\`)`);
      }
      const compiled = compileGlob(pattern, { dot: true, nocase: true });
      if (!compiled.ok) throw new Error(`file target \`${target.name}\`: the glob \`${pattern}\` ${compiled.error}`);
      globs.push({ target, segments: pattern.split('/').length, match: compiled.match });
    }
  }
  return {
    targetOf(...paths) {
      if (globs.length === 0) return undefined;
      for (const path of paths) {
        const posix = toPosixPath(path);
        for (const glob of globs) {
          // Braces may hold alternatives with fewer segments (`{a/b,c}`): try each suffix up to the glob's.
          for (let count = 1; count <= glob.segments; count++) {
            if (glob.match(lastSegments(posix, count))) return glob.target;
          }
        }
      }
      return undefined;
    },
  };
}

/** No plugin target: workflows and action metadata only. */
export const NO_FILE_TARGETS: FileTargets = { targetOf: () => undefined };
