import { nextPositional, PACKAGE_MANAGER_VALUE_OPTIONS } from './options.js';

/**
 * Launchers run a package's binary: `npx -y npm@11 publish`, `pnpm dlx`, `bunx`, `uvx twine`,
 * `pipx run`, `python -m twine`. Every question "which tool does this command run" unwraps them here.
 */
export interface Launched {
  /** How it was launched, for messages: `npx`, `pnpm dlx`, `python -m`. */
  readonly launcher: string;
  /** Index of the package (or module) word: `npm@11` in `npx -y npm@11 publish`. */
  readonly index: number;
  /** The package named by `-p`/`--package` (`npx -p npm@11 npm publish`). */
  readonly packageSpec?: string;
}

/** The bare name of a command word: `./node_modules/.bin/semantic-release` → `semantic-release`. */
export function commandName(word: string | undefined): string {
  return word === undefined ? '' : word.slice(word.lastIndexOf('/') + 1);
}

/** A launcher of JavaScript packages at `start`: the words that name it, and the index of the first word after them. */
export function javascriptLauncher(words: readonly string[], start: number): { launcher: string; skip: number } | undefined {
  const name = commandName(words[start]);
  const next = words[start + 1];
  // `pnpx` is pnpm's older name for `pnpm dlx`.
  if (name === 'npx' || name === 'bunx' || name === 'pnpx') return { launcher: name, skip: start + 1 };
  if ((name === 'pnpm' || name === 'yarn') && (next === 'dlx' || next === 'exec')) return { launcher: `${name} ${next}`, skip: start + 2 };
  if (name === 'bun' && next === 'x') return { launcher: 'bun x', skip: start + 2 };
  return undefined;
}

/**
 * A JavaScript package launched at `start`: `npx`, `bunx`, `pnpm dlx|exec`, `yarn dlx|exec`, `bun x`.
 * Options before the package are skipped; `-p`/`--package` is remembered.
 */
export function launchedPackage(words: readonly string[], start = 0): Launched | undefined {
  const found = javascriptLauncher(words, start);
  if (!found) return undefined;
  let packageSpec: string | undefined;
  for (let i = found.skip; i < words.length && words[i]!.startsWith('-'); i++) {
    const option = words[i]!;
    if ((option === '-p' || option === '--package') && words[i + 1]) packageSpec = words[i + 1];
    else if (option.startsWith('--package=')) packageSpec = option.slice('--package='.length);
  }
  const index = nextPositional(words, found.skip, PACKAGE_MANAGER_VALUE_OPTIONS);
  if (index >= words.length) return undefined;
  return { launcher: found.launcher, index, ...(packageSpec ? { packageSpec } : {}) };
}

/** `name@version` → name and version (`@scope/pkg@1` keeps its scope); no version → name only. */
export function splitPackageSpec(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf('@');
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  return { name: spec };
}

/**
 * The words of the tool a command runs, whatever launches it: JavaScript launchers, `uvx`,
 * `pipx run`, `python -m`, `uv run`. The tool's name is bare (`jsr@latest` → `jsr`, `twine==6` →
 * `twine`, `./bin/goreleaser` → `goreleaser`); options before it are dropped.
 */
export function toolWords(words: readonly string[]): readonly string[] {
  const [first, second] = words;
  const name = commandName(first);
  let rest: readonly string[] = words;
  const javascript = javascriptLauncher(words, 0);
  if (javascript) rest = words.slice(javascript.skip);
  else if (name === 'uvx') rest = words.slice(1);
  else if ((name === 'pipx' && second === 'run') || ((name === 'python' || name === 'python3') && second === '-m') || (name === 'uv' && second === 'run')) {
    rest = words.slice(2);
  }
  const index = rest.findIndex((word) => !word.startsWith('-'));
  if (index === -1) return [];
  const tool = rest[index]!;
  return [commandName(tool).replace(/(?:@|==).*$/, ''), ...rest.slice(index + 1)];
}
