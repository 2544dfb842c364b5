/**
 * Options that take the next word as their value, per command: skipping them finds the command's
 * positional words (`npm --workspace pkg publish` → `publish`). One table per tool, so `-p` is
 * `--package` for npx but a flag elsewhere.
 */

/** npm, pnpm and Yarn options that take a value, as the publish model reads them. */
export const PACKAGE_MANAGER_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--registry', '-w', '--workspace', '--prefix', '-C', '--dir', '--filter', '-F', '--tag', '--access', '--otp',
  '-p', '--package', '--cwd', '--loglevel', '--userconfig', '--provenance-file', '--publish-branch', '--report-summary',
]);

/** npm options that take a value, for npm's own subcommands (`npm --tag next dist-tag add …`). */
export const NPM_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--registry', '-w', '--workspace', '--prefix', '-C', '--userconfig', '--loglevel', '--otp', '--tag', '--scope', '--access',
]);

/** Options of `npm install -g npm@…` that take a value. */
export const NPM_INSTALL_VALUE_OPTIONS: ReadonlySet<string> = new Set(['--prefix', '--registry', '--location', '--cache', '--userconfig', '--loglevel', '-C']);

/** The index of the first positional word at or after `index`, skipping options and the values of those in `valued`. */
export function nextPositional(words: readonly string[], index: number, valued: ReadonlySet<string>): number {
  let i = index;
  while (i < words.length && words[i]!.startsWith('-')) {
    const word = words[i]!;
    i += valued.has(word) && !word.includes('=') ? 2 : 1;
  }
  return i;
}
