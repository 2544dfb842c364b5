import { describe, expect, it } from 'vitest';
import { TOKEN_ENV_NAMES, TOKEN_FORMATS } from '../../src/domain/registries/index.js';
import { fakeBody, HEX, LOWER_ALNUM } from '../fake-tokens.js';

/** One well-formed token per format name, and near misses that must not match. */
const SAMPLES: Record<string, { good: string; bad: string[] }> = {
  'npm access token': { good: `npm_${fakeBody(36)}`, bad: [`npm_${fakeBody(35)}`, `npm_${fakeBody(37)}`, `NPM_${fakeBody(36)}`, `xnpm_${fakeBody(36)}`] },
  'PyPI API token': { good: `pypi-AgEIcHlwaS5vcmc${fakeBody(120, undefined, 3)}`, bad: ['pypi-AgEIcHlwaS5vcmc...', `pypi-AgEIcHlwaS5vcmc${fakeBody(49)}`] },
  'TestPyPI API token': { good: `pypi-AgENdGVzdC5weXBpLm9yZw${fakeBody(90, undefined, 5)}`, bad: ['pypi-AgENdGVzdC5weXBpLm9yZw...'] },
  'RubyGems API key': { good: `rubygems_${fakeBody(48, HEX)}`, bad: [`rubygems_${fakeBody(47, HEX)}`, `rubygems_${fakeBody(48, 'ghijklmnopqrstuvwxyz')}`, 'rg_oidc_akr_0123456789abcdef'] },
  'crates.io API token': { good: `cio${fakeBody(32)}`, bad: [`cio${fakeBody(31)}`, `cio${fakeBody(33)}`, `cio_tp_${fakeBody(32)}`] },
  'nuget.org API key': { good: `oy2${fakeBody(43, LOWER_ALNUM)}`, bad: [`oy2${fakeBody(42, LOWER_ALNUM)}`, `oy2${fakeBody(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')}`] },
  'JSR personal access token': { good: `jsrp_${fakeBody(35)}`, bad: [`jsrp_${fakeBody(34)}`, `jsrx_${fakeBody(35)}`] },
  'JSR device token': { good: `jsrd_${fakeBody(35)}`, bad: [`jsrd_${fakeBody(36)}`] },
  'JSR web token': { good: `jsrw_${fakeBody(35)}`, bad: [] },
};

describe('TOKEN_FORMATS', () => {
  it('lists every registry with a sample, each format once', () => {
    expect(TOKEN_FORMATS.map((format) => format.name).sort()).toEqual(Object.keys(SAMPLES).sort());
    expect([...new Set(TOKEN_FORMATS.map((format) => format.registry))].sort()).toEqual(['crates', 'jsr', 'npm', 'nuget', 'pypi', 'rubygems']);
  });

  it.each(TOKEN_FORMATS.map((format) => [format.name, format] as const))('%s matches its tokens, starts with its prefix, and no near miss', (name, format) => {
    const sample = SAMPLES[name]!;
    expect(format.pattern.flags, 'patterns carry no flags: scanners add them').toBe('');
    const scan = new RegExp(format.pattern.source, 'g');
    const found = [...`x ${sample.good} y`.matchAll(scan)].map((match) => match[0]);
    expect(found).toEqual([sample.good]);
    expect(sample.good.startsWith(format.prefix)).toBe(true);
    for (const bad of sample.bad) expect([...` ${bad} `.matchAll(scan)].map((match) => match[0]), bad).toEqual([]);
    // The other registries' formats do not match it either.
    for (const other of TOKEN_FORMATS) if (other !== format) expect(new RegExp(other.pattern.source).test(sample.good), other.name).toBe(false);
  });
});

describe('TOKEN_ENV_NAMES', () => {
  it('has the documented token variables of npm, PyPI, RubyGems and crates.io, and none for NuGet and JSR', () => {
    const byRegistry = (id: string) => TOKEN_ENV_NAMES.filter((entry) => entry.registry === id).map((entry) => entry.name);
    expect(byRegistry('npm')).toContain('NODE_AUTH_TOKEN');
    expect(byRegistry('pypi')).toEqual(expect.arrayContaining(['TWINE_PASSWORD', 'UV_PUBLISH_TOKEN', 'POETRY_PYPI_TOKEN_*', 'MATURIN_PYPI_TOKEN']));
    expect(byRegistry('rubygems')).toEqual(['GEM_HOST_API_KEY', 'RUBYGEMS_API_KEY']);
    expect(byRegistry('crates')).toEqual(['CARGO_REGISTRY_TOKEN']);
    expect(byRegistry('nuget')).toEqual([]);
    expect(byRegistry('jsr')).toEqual([]);
  });
});
