/** The PyPI uploads of a step and where each goes: pypi.org, test.pypi.org (both with trusted publishing), or another index. */
import type { StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { hasExpression } from '../../expressions.js';
import { parseShell } from '../../shell.js';
import { runCommands, type SourceWord } from '../../run-script.js';
import { inputEntry, inputText } from '../../steps.js';
import { envValue, optionValue, targetFromUrl } from '../shared.js';
import type { PublishSite, PublishTarget } from '../types.js';
import { detectPypiPublish, PYPI_OIDC_TOOLS, type PypiTool } from './detect.js';

/** A PyPI upload. */
export interface PypiPublish extends PublishSite {
  readonly registry: 'pypi';
  readonly tool: PypiTool;
}

/**
 * Upload hosts of the indexes with trusted publishing: PyPI and TestPyPI (warehouse
 * `docs/user/trusted-publishers/using-a-publisher.md`; zizmor `KNOWN_PYTHON_TP_INDICES`).
 */
export const PYPI_HOSTS: readonly string[] = ['upload.pypi.org', 'test.pypi.org'];

const TOOL_NAMES: Readonly<Record<PypiTool, string>> = {
  twine: '`twine upload`',
  uv: '`uv publish`',
  poetry: '`poetry publish`',
  hatch: '`hatch publish`',
  pdm: '`pdm publish`',
  flit: '`flit publish`',
  maturin: '`maturin upload`',
  'pypa-action': '`pypa/gh-action-pypi-publish`',
  'maturin-action': '`PyO3/maturin-action`',
};

/** Index names each tool knows without configuration, and where they upload. */
const BUILTIN_NAMES: Readonly<Partial<Record<PypiTool, Readonly<Record<string, boolean>>>>> = {
  twine: { pypi: true, testpypi: true },
  maturin: { pypi: true, testpypi: true },
  'maturin-action': { pypi: true, testpypi: true },
  pdm: { pypi: true, testpypi: true },
  hatch: { main: true, test: true },
  poetry: { pypi: true },
  flit: { pypi: true },
};

/** Per tool: the URL option and env, the name option and env (twine `--repository-url`, `-r`). */
const TARGET_CHANNELS: Readonly<Record<PypiTool, { urlOptions: string[]; urlEnv?: string; nameOptions: string[]; nameEnv?: string }>> = {
  twine: { urlOptions: ['--repository-url'], urlEnv: 'TWINE_REPOSITORY_URL', nameOptions: ['-r', '--repository'], nameEnv: 'TWINE_REPOSITORY' },
  uv: { urlOptions: ['--publish-url'], urlEnv: 'UV_PUBLISH_URL', nameOptions: ['--index'], nameEnv: 'UV_PUBLISH_INDEX' },
  poetry: { urlOptions: [], nameOptions: ['-r', '--repository'] },
  hatch: { urlOptions: [], nameOptions: ['-r', '--repo'], nameEnv: 'HATCH_INDEX_REPO' },
  pdm: { urlOptions: [], nameOptions: ['-r', '--repository'], nameEnv: 'PDM_PUBLISH_REPO' },
  flit: { urlOptions: [], urlEnv: 'FLIT_INDEX_URL', nameOptions: ['--repository'] },
  maturin: { urlOptions: ['--repository-url'], urlEnv: 'MATURIN_REPOSITORY_URL', nameOptions: ['-r', '--repository'], nameEnv: 'MATURIN_REPOSITORY' },
  'maturin-action': { urlOptions: ['--repository-url'], urlEnv: 'MATURIN_REPOSITORY_URL', nameOptions: ['-r', '--repository'], nameEnv: 'MATURIN_REPOSITORY' },
  'pypa-action': { urlOptions: [], nameOptions: [] },
};

const DEFAULT: PublishTarget = { url: 'https://upload.pypi.org/legacy/', official: true, source: 'default' };

/** An index given by name or URL: a URL by its host, a built-in name, else unknown (a `.pypirc` or tool config names it). */
function targetFromName(tool: PypiTool, value: string, source: PublishTarget['source']): PublishTarget {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) || hasExpression(value)) return targetFromUrl(value, PYPI_HOSTS, source);
  const known = BUILTIN_NAMES[tool]?.[value.trim().toLowerCase()];
  return known ? { url: value.trim(), official: true, source } : { official: undefined, source };
}

/** Where an upload goes: an option first, then the tool's env variable, else PyPI. */
export function pypiTarget(step: StepNode, tool: PypiTool, words: readonly SourceWord[]): PublishTarget {
  const channels = TARGET_CHANNELS[tool];
  const url = optionValue(words, channels.urlOptions);
  if (url) return targetFromUrl(url.value, PYPI_HOSTS, 'flag');
  const name = optionValue(words, channels.nameOptions);
  if (name) return targetFromName(tool, name.value, 'flag');
  for (const [env, byName] of [[channels.urlEnv, false], [channels.nameEnv, true]] as const) {
    if (!env) continue;
    const value = envValue(step, env);
    if (value === 'expression') return { official: undefined, source: 'env' };
    if (value !== undefined) return byName ? targetFromName(tool, value, 'env') : targetFromUrl(value, PYPI_HOSTS, 'env');
  }
  return DEFAULT;
}

/** The PyPI uploads of one step. */
export function pypiSitesOfStep(context: Analysis, step: StepNode): PypiPublish[] {
  if (step.uses) return actionSites(step);
  const found: PypiPublish[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const detected = detectPypiPublish(words);
    if (!detected) continue;
    const toolWords = command.words.slice(detected.toolIndex);
    const always = detected.tool === 'uv' ? trustedPublishingAlways(step, toolWords) : undefined;
    found.push({
      registry: 'pypi',
      tool: detected.tool,
      toolName: detected.tool === 'maturin' ? `\`maturin ${words.slice(detected.toolIndex + 1).find((word) => !word.startsWith('-'))}\`` : TOOL_NAMES[detected.tool],
      step,
      span: command.span,
      via: 'run',
      command,
      args: words.slice(detected.toolIndex),
      ...(detected.versionSpec ? { versionSpec: detected.versionSpec } : {}),
      chain: [],
      target: pypiTarget(step, detected.tool, toolWords),
      provenance: { state: 'unset' },
      oidc: PYPI_OIDC_TOOLS.has(detected.tool) ? 'capable' : 'never',
      ...(always ? { oidcOnly: always } : {}),
    });
  }
  return found;
}

/** `uv publish --trusted-publishing always` (or `UV_TRUSTED_PUBLISHING=always` in env): uv fails without an OIDC token. */
function trustedPublishingAlways(step: StepNode, words: readonly SourceWord[]) {
  const option = optionValue(words, ['--trusted-publishing']);
  if (option) return option.value === 'always' ? option.span : undefined;
  return envValue(step, 'UV_TRUSTED_PUBLISHING') === 'always' ? step.env?.vars.get('UV_TRUSTED_PUBLISHING') : undefined;
}

function actionSites(step: StepNode): PypiPublish[] {
  const uses = step.uses!;
  if (uses.kind !== 'repository') return [];
  const site = (tool: PypiTool, target: PublishTarget, extra: Partial<PypiPublish> = {}): PypiPublish => ({
    registry: 'pypi',
    tool,
    toolName: TOOL_NAMES[tool],
    step,
    span: uses.scalar.span,
    via: 'uses',
    args: [],
    chain: [],
    target,
    provenance: { state: 'unset' },
    oidc: 'capable',
    ...extra,
  });
  if (uses.name === 'pypa/gh-action-pypi-publish') {
    const url = inputText(step, 'repository-url') ?? inputText(step, 'repository_url');
    const target = url === undefined ? DEFAULT : targetFromUrl(url, PYPI_HOSTS, 'input');
    // Trusted publishing when `user` is `__token__` (the default) and `password` is empty (`twine-upload.sh`).
    const user = inputText(step, 'user');
    const password = inputEntry(step, 'password');
    const oidcOnly = password === undefined && (user === undefined || user.trim() === '__token__');
    return [site('pypa-action', target, oidcOnly ? { oidcOnly: uses.scalar.span } : {})];
  }
  if (uses.name === 'pyo3/maturin-action') {
    const command = inputText(step, 'command')?.trim();
    if (command !== 'upload' && command !== 'publish') return [];
    const args = parseShell(inputText(step, 'args') ?? '').flatMap((shell) => shell.words);
    const words = args.map((word) => ({ ...word, span: uses.scalar.span }));
    return [site('maturin-action', pypiTarget(step, 'maturin-action', words))];
  }
  return [];
}

/** How messages name a PyPI upload. */
export function pypiToolName(tool: PypiTool): string {
  return TOOL_NAMES[tool];
}
