/**
 * Recognising PyPI uploads in shell commands: twine (also through `python -m`, `uvx`, `pipx run`,
 * `uv run`, `uv tool run`, `poetry run`, `pdm run`), `uv publish`, `poetry publish`, `hatch publish`,
 * `pdm publish`, `flit publish`, `maturin publish` / `maturin upload`. Sources: notes/registries.md
 * §1.1 (twine `auth.py`, uv `crates/uv-cli/src/lib.rs`, Poetry `docs/cli.md`, Hatch
 * `cli/publish/__init__.py`, PDM `publish/repository.py`, Flit `doc/cmdline.rst`, maturin `upload.rs`).
 */
import { commandName } from '../../commands/launchers.js';
import { nextPositional } from '../../commands/options.js';
import { hasFlag } from '../shared.js';

export type PypiTool = 'twine' | 'uv' | 'poetry' | 'hatch' | 'pdm' | 'flit' | 'maturin' | 'pypa-action' | 'maturin-action';

/** The tools that do PyPI's trusted-publishing exchange themselves (twine 6.1, uv 0.4.16, PDM 2.6, maturin 0.15). */
export const PYPI_OIDC_TOOLS: ReadonlySet<PypiTool> = new Set(['twine', 'uv', 'pdm', 'maturin', 'pypa-action', 'maturin-action']);

export const PYPI_PUBLISH_BINARIES: readonly string[] = ['twine', 'uv', 'uvx', 'pipx', 'poetry', 'hatch', 'pdm', 'flit', 'maturin'];

export interface DetectedPypiPublish {
  readonly tool: PypiTool;
  /** Index of the publishing tool's own name (`twine` in `python -m twine upload`). */
  readonly toolIndex: number;
  /** The tool's version pinned by its launcher (`uvx twine@6.1.0`, `pipx run twine==6.1.0`). */
  readonly versionSpec?: string;
}

/** Options of `uv run`, `uv tool run`/`uvx` and `pipx run` that take a value. */
const LAUNCHER_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  '--with', '-w', '--from', '--python', '-p', '--project', '--directory', '--package', '--group', '--extra',
  '--index', '--index-url', '--default-index', '--env-file', '--spec', '--pip-args', '--with-requirements', '--python-platform',
]);

const PYTHON = /^(?:python(?:\d+(?:\.\d+)*)?|py)(?:\.exe)?$/i;

/** `twine==6.1.0` → `twine` and `6.1.0`; `twine[keyring]@6` → `twine` and `6`. */
function splitSpec(word: string): { name: string; version?: string } {
  const match = /^([A-Za-z0-9_.-]+?)(?:\[[^\]]*\])?(?:(?:==|@)(.+))?$/.exec(word);
  return match ? { name: match[1]!.toLowerCase(), ...(match[2] ? { version: match[2] } : {}) } : { name: word.toLowerCase() };
}

/** The index of the tool a launcher runs, and its version spec; undefined when the command is no launcher. */
function launched(words: readonly string[]): { index: number; versionSpec?: string } | undefined {
  const name = commandName(words[0]).toLowerCase();
  let index: number | undefined;
  if (PYTHON.test(name)) {
    const module = words.indexOf('-m');
    index = module === -1 ? undefined : module + 1;
  } else if (name === 'uvx') index = nextPositional(words, 1, LAUNCHER_VALUE_OPTIONS);
  else if (name === 'uv' && words[1] === 'run') index = nextPositional(words, 2, LAUNCHER_VALUE_OPTIONS);
  else if (name === 'uv' && words[1] === 'tool' && words[2] === 'run') index = nextPositional(words, 3, LAUNCHER_VALUE_OPTIONS);
  else if (name === 'pipx' && words[1] === 'run') index = nextPositional(words, 2, LAUNCHER_VALUE_OPTIONS);
  else if ((name === 'poetry' || name === 'pdm') && words[1] === 'run') index = nextPositional(words, 2, new Set());
  if (index === undefined || index >= words.length) return undefined;
  const { version } = splitSpec(words[index]!);
  return { index, ...(version ? { versionSpec: version } : {}) };
}

/** Recognises a PyPI upload in a command's words (`VAR=x`, `sudo` and `env` already removed). */
export function detectPypiPublish(words: readonly string[]): DetectedPypiPublish | undefined {
  const via = launched(words);
  const toolIndex = via?.index ?? 0;
  const tool = splitSpec(commandName(words[toolIndex])).name.replace(/\.exe$/, '');
  const rest = words.slice(toolIndex + 1);
  const sub = rest.find((word) => !word.startsWith('-'));
  const found = (name: PypiTool): DetectedPypiPublish => ({ tool: name, toolIndex, ...(via?.versionSpec ? { versionSpec: via.versionSpec } : {}) });
  switch (tool) {
    case 'twine':
      return sub === 'upload' ? found('twine') : undefined;
    case 'uv':
      // `uv run uv publish` is rare; `uv publish` itself is not launched.
      return words[toolIndex + 1] === 'publish' && !hasFlag(rest, '--dry-run') ? found('uv') : undefined;
    case 'poetry':
      return sub === 'publish' && !hasFlag(rest, '--dry-run') ? found('poetry') : undefined;
    case 'hatch':
      return sub === 'publish' ? found('hatch') : undefined;
    case 'pdm':
      return sub === 'publish' ? found('pdm') : undefined;
    case 'flit':
      // `flit --repository testpypi publish`: options before the subcommand.
      return rest.includes('publish') ? found('flit') : undefined;
    case 'maturin':
      return sub === 'publish' || sub === 'upload' ? found('maturin') : undefined;
    default:
      return undefined;
  }
}
