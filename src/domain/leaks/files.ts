/**
 * The files, besides workflows and action metadata, where registry credentials get committed by
 * mistake: the built-in plugin's text targets (`Plugin.targets`). Each is a file a registry client
 * reads credentials from:
 *
 * - `.npmrc`: npm, pnpm, Yarn 1 and bun read a project `.npmrc` (npm's `npmrc` docs: the project
 *   file, then the user's, global, builtin; an INI file with `#` and `;` comments).
 * - `.yarnrc.yml`: Yarn 2+ (`npmAuthToken`, `npmAuthIdent`, under `npmScopes` and `npmRegistries`).
 * - `.pypirc`: twine, Flit and Hatch read `~/.pypirc` (`[pypi] password = …`; notes/registries.md
 *   §1.2); a Python `configparser` file with `#` and `;` comments.
 * - `.gem/credentials`: `gem push` and `rake release` read `~/.gem/credentials`, a YAML file
 *   (`:rubygems_api_key: …`; notes/registries.md §2.2, rubygems `gemcutter_utilities.rb`).
 * - `.cargo/credentials.toml`: `cargo login` writes `$CARGO_HOME/credentials.toml` (`[registry]
 *   token = …`; notes/registries.md §3.2). `credentials` without the extension is the file's older
 *   name, still read (rust-lang/cargo#8121: Cargo loads `credentials.toml` "in place of the same
 *   files without extension, which used to be the default").
 *
 * In `.npmrc` and `.yarnrc.yml` literal `_authToken`/`_auth`/`_password` and `npmAuthToken`/
 * `npmAuthIdent` values count too; in the others only recognised token formats do.
 */
import type { FileTarget } from '../../engine/file-targets.js';

export interface CredentialFile extends FileTarget {
  /** How a message names the file. */
  readonly display: string;
  /** Which literal credentials besides token formats are read: npm's keys, Yarn's keys, or none. */
  readonly keys: 'npmrc' | 'yarnrc' | 'none';
}

export const CREDENTIAL_FILES: readonly CredentialFile[] = [
  { name: 'npmrc', files: ['.npmrc'], comments: { lineStart: ['#', ';'] }, display: '`.npmrc`', keys: 'npmrc' },
  { name: 'yarnrc', files: ['.yarnrc.yml'], comments: 'yaml', display: '`.yarnrc.yml`', keys: 'yarnrc' },
  { name: 'pypirc', files: ['.pypirc'], comments: { lineStart: ['#', ';'] }, display: '`.pypirc`', keys: 'none' },
  { name: 'gem-credentials', files: ['.gem/credentials'], comments: 'yaml', display: '`.gem/credentials`', keys: 'none' },
  { name: 'cargo-credentials', files: ['.cargo/credentials{,.toml}'], comments: { lineStart: ['#'] }, display: 'Cargo `credentials.toml`', keys: 'none' },
];

/** The credential file a text target is, by its target name. */
export function credentialFile(target: string): CredentialFile | undefined {
  return CREDENTIAL_FILES.find((file) => file.name === target);
}
