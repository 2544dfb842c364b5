/**
 * PyPI API tokens and the environment variables Python publishing tools read a token or password
 * from, for the PyPI registry module (`index.ts`) and the leaked-token rule.
 *
 * A PyPI token is `pypi-` and a base64url macaroon whose first bytes name the index: pypi.org
 * tokens start `pypi-AgEIcHlwaS5vcmc` (base64 of `\x02\x01\x08pypi.org`), test.pypi.org tokens
 * `pypi-AgENdGVzdC5weXBpLm9yZw` (of `\x02\x01\x0dtest.pypi.org`; both decodings checked locally).
 * Sources: gitleaks `pypi-upload-token` (`pypi-AgEIcHlwaS5vcmc[\w-]{50,1000}`, gitleaks
 * `config/gitleaks.toml` @b58d3f10), Yelp/detect-secrets `detect_secrets/plugins/pypi_token.py`
 * (both prefixes, after warehouse's `docs/development/token-scanning.rst`); notes/registries.md §6.
 * Trusted-publishing tokens share the prefix, but live 15 minutes and are never written in a file.
 */
import type { TokenFormat } from '../types.js';

export const PYPI_TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    registry: 'pypi',
    registryName: 'PyPI',
    name: 'PyPI API token',
    pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/,
    prefix: 'pypi-',
    revoke: 'on pypi.org (Account settings, API tokens)',
  },
  {
    registry: 'pypi',
    registryName: 'TestPyPI',
    name: 'TestPyPI API token',
    pattern: /\bpypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,}/,
    prefix: 'pypi-',
    revoke: 'on test.pypi.org (Account settings, API tokens)',
  },
];

/**
 * Environment variables that twine, uv, Poetry, Hatch, PDM, Flit and maturin read a token or
 * password from (`*` stands for an index name). notes/registries.md §1.2: twine `settings.py`, uv
 * `crates/uv-cli/src/lib.rs`, Poetry `docs/repositories.md`, Hatch `config/constants.py`, PDM
 * `cli/commands/publish/__init__.py`, Flit `doc/cmdline.rst`, maturin `src/upload.rs`.
 * `PYPI_TOKEN` and `PYPI_API_TOKEN` are only secret names: no tool reads them.
 */
export const PYPI_TOKEN_ENV_NAMES: readonly string[] = [
  'TWINE_PASSWORD',
  'UV_PUBLISH_TOKEN',
  'UV_PUBLISH_PASSWORD',
  'POETRY_PYPI_TOKEN_*',
  'POETRY_HTTP_BASIC_*_PASSWORD',
  'HATCH_INDEX_AUTH',
  'PDM_PUBLISH_PASSWORD',
  'FLIT_PASSWORD',
  'MATURIN_PYPI_TOKEN',
  'MATURIN_PASSWORD',
];

/** A PyPI or TestPyPI API token written out in full. */
export function isPypiToken(text: string): boolean {
  return PYPI_TOKEN_FORMATS.some((format) => new RegExp(`^${format.pattern.source}$`).test(text));
}
