/**
 * PyPI as a registry module: pypi.org and test.pypi.org (both with trusted publishing), the Python
 * publishing tools, their token channels, and `pypa/gh-action-pypi-publish`.
 */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { runCommands } from '../../run-script.js';
import { stepsOf } from '../../steps.js';
import { envCredentials, flagCredential, inputCredential, optionValue, secretsInText, writtenText } from '../shared.js';
import type { Credential, PublishSite, RegistryModule } from '../types.js';
import { PYPI_PUBLISH_BINARIES, type PypiTool } from './detect.js';
import { PYPI_HOSTS, pypiSitesOfStep, type PypiPublish } from './sites.js';
import { isPypiToken, PYPI_TOKEN_ENV_NAMES, PYPI_TOKEN_FORMATS } from './tokens.js';

/** Which tool reads each token variable (notes/registries.md §1.2). */
function envChannel(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (upper === 'TWINE_PASSWORD') return 'twine';
  if (upper === 'UV_PUBLISH_TOKEN' || upper === 'UV_PUBLISH_PASSWORD') return 'uv';
  if (/^POETRY_PYPI_TOKEN_[A-Z0-9_]+$/.test(upper) || /^POETRY_HTTP_BASIC_[A-Z0-9_]+_PASSWORD$/.test(upper)) return 'poetry';
  if (upper === 'HATCH_INDEX_AUTH') return 'hatch';
  if (upper === 'PDM_PUBLISH_PASSWORD') return 'pdm';
  if (upper === 'FLIT_PASSWORD') return 'flit';
  if (upper === 'MATURIN_PYPI_TOKEN' || upper === 'MATURIN_PASSWORD') return 'maturin';
  return undefined;
}

/** maturin tries OIDC before `MATURIN_PASSWORD`, `-p` and `.pypirc`; only `MATURIN_PYPI_TOKEN` comes first (`upload.rs` `resolve_pypi_cred`). */
const afterOidcForMaturin = (name: string) => (name.toUpperCase() === 'MATURIN_PASSWORD' ? ('after-oidc' as const) : undefined);

/** Password options per tool. */
const PASSWORD_OPTIONS: Readonly<Partial<Record<PypiTool, readonly string[]>>> = {
  twine: ['-p', '--password'],
  uv: ['-t', '--token', '-p', '--password'],
  poetry: ['-p', '--password'],
  hatch: ['-a', '--auth'],
  pdm: ['-P', '--password'],
  maturin: ['-p', '--password'],
};

/** Tools that read `~/.pypirc` (twine `--config-file`, Hatch, Flit, maturin). */
const PYPIRC_READERS: ReadonlySet<string> = new Set(['twine', 'hatch', 'flit', 'maturin', 'maturin-action']);

/**
 * Tokens written into Python publishing configuration by a step: a `password` into `~/.pypirc`
 * (`echo`, a heredoc, `tee`), or `poetry config pypi-token.<name> …` / `http-basic.<name> … …`.
 */
function configWrites(context: Analysis, step: StepNode): Credential[] {
  const writes: Credential[] = [];
  const commands = runCommands(context, step);
  commands.forEach((command, index) => {
    const words = command.words.map((word) => word.value);
    if (words[0] === 'poetry' && words[1] === 'config') {
      const key = words[2] ?? '';
      const value = /^pypi-token\./.test(key) ? command.words[3] : /^http-basic\./.test(key) ? command.words[4] : undefined;
      const secrets = value ? secretsInText(step, value.value) : [];
      if (secrets.length > 0) writes.push({ registry: 'pypi', kind: 'config-write', name: key, secrets, at: command.span, step, channel: 'poetry' });
      return;
    }
    const text = writtenText(commands, index, /pypirc/);
    if (text === undefined || !/password/i.test(text)) return;
    const secrets = secretsInText(step, text.slice(text.search(/password/i)));
    if (secrets.length > 0) writes.push({ registry: 'pypi', kind: 'config-write', name: '.pypirc', secrets, at: command.span, step, channel: 'pypirc' });
  });
  return writes;
}

function visible(context: Analysis, site: PublishSite): readonly Credential[] {
  return context.facts.memo('pypi-visible-credentials', site, () => {
    const step = site.step;
    const found: Credential[] = [...envCredentials(context, step, 'pypi', envChannel, { isToken: isPypiToken, precedence: afterOidcForMaturin })];
    const tool = site.tool as PypiTool;
    if (tool === 'pypa-action') {
      const password = inputCredential(step, 'pypi', 'password', 'pypa-action');
      if (password) found.push(password);
    }
    const options = PASSWORD_OPTIONS[tool];
    if (site.command && options && !site.inAction) {
      const words = site.command.words;
      const flag = flagCredential(step, 'pypi', optionValue(words, options, words.length - site.args.length), options.find((option) => option.startsWith('--'))!, tool, isPypiToken);
      if (flag) found.push(tool === 'maturin' ? { ...flag, precedence: 'after-oidc' } : flag);
    }
    if (!site.inAction) {
      for (const other of stepsOf(step.parent)) {
        if (other.index > step.index) break;
        for (const write of configWrites(context, other)) found.push(write.channel === 'pypirc' && (tool === 'maturin' || tool === 'maturin-action') ? { ...write, precedence: 'after-oidc' } : write);
      }
    }
    return found;
  });
}

/** The credentials the uploading tool reads. */
function credentialsFor(context: Analysis, site: PublishSite): readonly Credential[] {
  const tool = site.tool as PypiTool;
  const reader = tool === 'maturin-action' ? 'maturin' : tool;
  return visible(context, site).filter((credential) => credential.channel === reader || (credential.channel === 'pypirc' && PYPIRC_READERS.has(tool)));
}

export const pypiRegistry: RegistryModule = {
  id: 'pypi',
  name: 'PyPI',
  hosts: PYPI_HOSTS,
  tokenEnvNames: PYPI_TOKEN_ENV_NAMES,
  commands: PYPI_PUBLISH_BINARIES,
  actions: ['pypa/gh-action-pypi-publish', 'pyo3/maturin-action'],
  oidc: 'pypa/gh-action-pypi-publish (without `password`), twine 6.1, uv, PDM and maturin exchange the job\'s OIDC token for a 15-minute PyPI token themselves',
  tokenFormats: PYPI_TOKEN_FORMATS,
  settingsSchema: {},
  sitesOfStep: (context, step) => pypiSitesOfStep(context, step),
  visibleCredentials: visible,
  credentialsFor,
};

export type { PypiPublish };
