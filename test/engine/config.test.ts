import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONFIG_FILE_NAMES,
  ConfigError,
  DEFAULT_LIMITS,
  findConfigFile,
  loadConfig,
  readConfigFile,
  resolveConfig,
} from '../../src/engine/config/load-config.js';
import { suggest } from '../../src/engine/suggest.js';
import { presetConfigs } from '../../src/engine/plugin.js';
import { pluginOf } from '../plugins.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';

interface OptOptions {
  allow: string[];
  mode: 'auto' | 'explicit';
}

/** Rules with known presets and schemas, so these tests do not move when real rules change. */
const optRule = defineRule<{ m: string }, OptOptions>({
  id: 'opt-rule',
  meta: {
    type: 'suggestion',
    docs: { description: 'Enforce a test option', recommended: false, strict: true },
    severity: 'warn',
    security: { severity: 1, precision: 'high' },
    messages: { m: 'm' },
    schema: {
      type: 'object',
      properties: {
        allow: { type: 'array', items: { type: 'string' } },
        mode: { type: 'string', enum: ['auto', 'explicit'] },
      },
      required: [],
      additionalProperties: false,
    },
    defaultOptions: { allow: [], mode: 'auto' },
  },
  create: () => ({}),
}) as unknown as AnyRule;
const allOnly = defineRule({
  id: 'all-only-rule',
  meta: {
    type: 'problem',
    docs: { description: 'Enforce something only `all` turns on', recommended: false },
    severity: 'error',
    security: { severity: 1, precision: 'high' },
    messages: { m: 'm' },
  },
  create: () => ({}),
}) as unknown as AnyRule;
/** Stands in for the real rule (same id, for the suggestion), with meta these tests control. */
const validPermissions = defineRule({
  id: 'valid-permissions',
  meta: {
    type: 'problem',
    docs: { description: 'Enforce valid permissions (test stand-in)', recommended: true },
    severity: 'error',
    security: { severity: 1, precision: 'high' },
    messages: { m: 'm' },
  },
  create: () => ({}),
}) as unknown as AnyRule;
const RULES: readonly AnyRule[] = [validPermissions, optRule, allOnly];

const root = mkdtempSync(join(tmpdir(), 'trustlint-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;
/** A fresh directory tree with the given files (`name: content`); `.git` entries become directories. */
function tree(files: Record<string, string>): string {
  const dir = join(root, `t${counter++}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (name.endsWith('.git')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

function resolve(raw: unknown, overrides?: Record<string, unknown>) {
  return resolveConfig(raw, join(root, '.trustlintrc.yml'), { plugins: [pluginOf(RULES)], cwd: root, ...(overrides ? { ruleOverrides: overrides as never } : {}) });
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const rulesOf = (config: ReturnType<typeof resolve>) => Object.fromEntries([...config.rules].map(([id, setting]) => [id, [setting.severity, setting.options]]));

describe('config file lookup', () => {
  it('looks in each directory for the names in order, walking up', () => {
    expect(CONFIG_FILE_NAMES).toEqual(['.trustlintrc.yml', '.trustlintrc.yaml', '.trustlintrc.json', '.github/trustlint.yml']);
    const dir = tree({ '.git': '', '.trustlintrc.json': '{}', '.trustlintrc.yaml': '', '.github/trustlint.yml': '', 'a/b/x.txt': '' });
    expect(findConfigFile(join(dir, 'a/b'))).toBe(join(dir, '.trustlintrc.yaml'));
    const github = tree({ '.git': '', '.github/trustlint.yml': '' });
    expect(findConfigFile(github)).toBe(join(github, '.github/trustlint.yml'));
  });

  it('the nearest directory wins', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml': '', 'pkg/.trustlintrc.json': '{}' });
    expect(findConfigFile(join(dir, 'pkg'))).toBe(join(dir, 'pkg/.trustlintrc.json'));
  });

  it('stops at the repository root (a directory with `.git`)', () => {
    const dir = tree({ '.trustlintrc.yml': 'rules: {}', 'repo/.git': '', 'repo/src/x.txt': '' });
    expect(findConfigFile(join(dir, 'repo/src'))).toBeUndefined();
    // A `.git` file (worktrees, submodules) counts too.
    const worktree = tree({ '.trustlintrc.yml': '', 'wt/.git-file': '' });
    writeFileSync(join(worktree, 'wt/.git'), 'gitdir: elsewhere');
    expect(findConfigFile(join(worktree, 'wt'))).toBeUndefined();
  });

  it('a directory named like a config file is not a config', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml/x': '', '.trustlintrc.json': '{}' });
    expect(findConfigFile(dir)).toBe(join(dir, '.trustlintrc.json'));
  });
});

describe('loadConfig', () => {
  it('finds and resolves the config; globs are relative to it', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml': 'rules:\n  valid-permissions: warn\nignores: [".github/workflows/exp-*.yml"]\n' });
    const config = loadConfig({ cwd: dir, plugins: [pluginOf(RULES)] });
    expect(config.filePath).toBe(join(dir, '.trustlintrc.yml'));
    expect(config.baseDir).toBe(dir);
    expect(config.rules.get('valid-permissions')!.severity).toBe('warn');
    expect(config.isIgnored('.github/workflows/exp-1.yml')).toBe(true);
    expect(config.isIgnored('.github/workflows/release.yml')).toBe(false);
  });

  it('`.github/trustlint.yml` belongs to the repository root', () => {
    const dir = tree({ '.git': '', '.github/trustlint.yml': 'ignores: [".github/workflows/a.yml"]\n' });
    const config = loadConfig({ cwd: dir, plugins: [pluginOf(RULES)] });
    expect(config.baseDir).toBe(dir);
    expect(config.isIgnored('.github/workflows/a.yml')).toBe(true);
  });

  it('`-c` takes an explicit file and skips lookup', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml': 'rules: { valid-permissions: off }', 'cfg/custom.json': '{"rules": {"valid-permissions": 1}}' });
    const config = loadConfig({ cwd: dir, plugins: [pluginOf(RULES)], configFile: 'cfg/custom.json' });
    expect(config.filePath).toBe(join(dir, 'cfg/custom.json'));
    expect(config.rules.get('valid-permissions')!.severity).toBe('warn');
    expect(errorOf(() => loadConfig({ cwd: dir, plugins: [pluginOf(RULES)], configFile: 'missing.yml' }))).toBe('missing.yml: config file not found');
  });

  it('`--no-config-lookup` uses the recommended preset', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml': 'rules: { valid-permissions: off }' });
    const config = loadConfig({ cwd: dir, plugins: [pluginOf(RULES)], noLookup: true });
    expect(config.filePath).toBeUndefined();
    expect(config.baseDir).toBe(dir);
    expect(rulesOf(config)).toEqual({ 'valid-permissions': ['error', undefined] });
  });

  it('a YAML syntax error names the file, line and column', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml': 'rules:\n  valid-permissions: [error\n' });
    const message = errorOf(() => loadConfig({ cwd: dir, plugins: [pluginOf(RULES)] }));
    expect(message).toMatch(/^\.trustlintrc\.yml:3:1: cannot parse the config file: Flow sequence/);
    expect(message.split('\n')).toHaveLength(1);
    const duplicate = tree({ '.git': '', '.trustlintrc.yml': 'rules: {}\nrules: {}\n' });
    expect(errorOf(() => loadConfig({ cwd: duplicate, plugins: [pluginOf(RULES)] }))).toBe('.trustlintrc.yml:2:1: cannot parse the config file: Map keys must be unique');
  });

  it('a JSON syntax error names the file (and the position when the parser gives one), not the file\'s bytes', () => {
    const dir = tree({ '.git': '', '.trustlintrc.json': '{ "rules": ' });
    expect(errorOf(() => loadConfig({ cwd: dir, plugins: [pluginOf(RULES)] }))).toMatch(/^\.trustlintrc\.json: cannot parse the config file: /);
    const secret = tree({ '.git': '', '.trustlintrc.json': '{ "rules": TOKEN=s3cr3t }' });
    expect(errorOf(() => loadConfig({ cwd: secret, plugins: [pluginOf(RULES)] }))).not.toContain('s3cr3t');
  });

  it('JSON nested deeper than the YAML limit is refused (it overflowed --print-config)', () => {
    const dir = tree({ '.git': '', '.trustlintrc.json': `{"settings": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}` });
    expect(errorOf(() => loadConfig({ cwd: dir, plugins: [pluginOf(RULES)] }))).toBe('.trustlintrc.json: cannot parse the config file: nesting deeper than 500 levels');
  });

  it('an empty YAML file is the default config', () => {
    const dir = tree({ '.git': '', '.trustlintrc.yml': '# nothing yet\n' });
    expect(rulesOf(loadConfig({ cwd: dir, plugins: [pluginOf(RULES)] }))).toEqual({ 'valid-permissions': ['error', undefined] });
  });

  it('YAML alias bombs in a config are refused', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const dir = tree({ '.git': '', '.trustlintrc.yml': bomb });
    expect(() => readConfigFile(join(dir, '.trustlintrc.yml'))).toThrow(ConfigError);
  });
});

describe('extends and rules', () => {
  it('defaults to recommended; strict adds strict rules; all adds every rule; a list merges in order', () => {
    expect(rulesOf(resolve({}))).toEqual({ 'valid-permissions': ['error', undefined] });
    expect(rulesOf(resolve({ extends: 'strict' }))).toEqual({
      'valid-permissions': ['error', undefined],
      'opt-rule': ['warn', { allow: [], mode: 'auto' }],
    });
    expect(Object.keys(rulesOf(resolve({ extends: 'all' })))).toEqual(['valid-permissions', 'opt-rule', 'all-only-rule']);
    expect(Object.keys(rulesOf(resolve({ extends: ['recommended', 'all'] })))).toEqual(['valid-permissions', 'opt-rule', 'all-only-rule']);
    expect(Object.keys(presetConfigs(RULES).recommended.rules)).toEqual(['valid-permissions']);
  });

  it('meta.preset places a rule; meta.presetEntries sets its severity and options per preset; later entries keep the options', () => {
    const placed = defineRule<{ m: string }, OptOptions>({
      id: 'placed-rule',
      meta: {
        type: 'suggestion',
        // `docs` says all-only: `meta.preset` wins.
        docs: { description: 'Enforce a placed rule', recommended: false },
        severity: 'error',
        preset: 'recommended',
        presetEntries: { recommended: { severity: 'warn', options: { mode: 'explicit' } } },
        security: { severity: 1, precision: 'high' },
        messages: { m: 'm' },
        schema: optRule.meta.schema as never,
        defaultOptions: { allow: [], mode: 'auto' },
      },
      create: () => ({}),
    }) as unknown as AnyRule;
    const configs = presetConfigs([placed]);
    expect(configs.recommended.rules).toEqual({ 'placed-rule': ['warn', { mode: 'explicit' }] });
    expect(configs.strict.rules).toEqual({ 'placed-rule': 'error' });
    expect(configs.all.rules).toEqual({ 'placed-rule': 'error' });
    const resolveWith = (raw: unknown) => resolveConfig(raw, join(root, '.trustlintrc.yml'), { plugins: [pluginOf([placed])], cwd: root });
    expect(rulesOf(resolveWith({}))).toEqual({ 'placed-rule': ['warn', { allow: [], mode: 'explicit' }] });
    expect(rulesOf(resolveWith({ extends: 'strict' }))).toEqual({ 'placed-rule': ['error', { allow: [], mode: 'auto' }] });
    // A severity alone keeps the preset's options; new options replace them (over the defaults).
    expect(rulesOf(resolveWith({ rules: { 'placed-rule': 'error' } }))).toEqual({ 'placed-rule': ['error', { allow: [], mode: 'explicit' }] });
    expect(rulesOf(resolveWith({ rules: { 'placed-rule': ['error', { allow: ['x'] }] } }))).toEqual({ 'placed-rule': ['error', { allow: ['x'], mode: 'auto' }] });
    const strictOnly = { ...placed, id: 'strict-rule', meta: { ...placed.meta, preset: 'strict' as const, presetEntries: undefined } } as AnyRule;
    expect(Object.keys(presetConfigs([strictOnly]).recommended.rules)).toEqual([]);
    expect(presetConfigs([strictOnly]).strict.rules).toEqual({ 'strict-rule': 'error' });
  });

  it('severities as strings and as 0/1/2', () => {
    expect(rulesOf(resolve({ rules: { 'valid-permissions': 0, 'opt-rule': 2, 'all-only-rule': 'warn' } }))).toEqual({
      'valid-permissions': ['off', undefined],
      'opt-rule': ['error', { allow: [], mode: 'auto' }],
      'all-only-rule': ['warn', undefined],
    });
    expect(rulesOf(resolve({ rules: { 'valid-permissions': [1] } }))['valid-permissions']).toEqual(['warn', undefined]);
  });

  it('`[severity, options]` merges the options over the defaults', () => {
    expect(rulesOf(resolve({ rules: { 'opt-rule': ['error', { allow: ['contents'] }] } }))['opt-rule']).toEqual([
      'error',
      { allow: ['contents'], mode: 'auto' },
    ]);
  });

  it('a later severity-only setting keeps the options given before', () => {
    const config = resolve({ rules: { 'opt-rule': ['error', { mode: 'explicit' }] } }, { 'opt-rule': 'warn' });
    expect(rulesOf(config)['opt-rule']).toEqual(['warn', { allow: [], mode: 'explicit' }]);
  });
});

describe('validation (phase one: shape; phase two: rule options)', () => {
  it('an unknown top-level key suggests the nearest', () => {
    expect(errorOf(() => resolve({ rule: {} }))).toBe('.trustlintrc.yml: invalid config:\n  rule is not a known key; did you mean `rules`?');
    expect(errorOf(() => resolve({ ignore: [] }))).toBe('.trustlintrc.yml: invalid config:\n  ignore is not a known key; did you mean `ignores`?');
    expect(errorOf(() => resolve({ zzzzzzzz: 1 }))).toBe('.trustlintrc.yml: invalid config:\n  zzzzzzzz is not a known key');
  });

  it('an unknown rule id suggests the nearest', () => {
    expect(errorOf(() => resolve({ rules: { 'valid-permision': 'warn' } }))).toBe(
      '.trustlintrc.yml: rules.valid-permision: unknown rule `valid-permision`; did you mean `valid-permissions`?',
    );
    expect(errorOf(() => resolve({ overrides: [{ files: ['x'], rules: { 'opt-rul': 'off' } }] }))).toBe(
      '.trustlintrc.yml: overrides[0].rules.opt-rul: unknown rule `opt-rul`; did you mean `opt-rule`?',
    );
    expect(errorOf(() => resolve({ rules: { 'completely-different': 'warn' } }))).toBe(
      '.trustlintrc.yml: rules.completely-different: unknown rule `completely-different`',
    );
  });

  it('a wrong severity names the key path', () => {
    expect(errorOf(() => resolve({ rules: { 'valid-permissions': 'warning' } }))).toContain(
      'rules.valid-permissions must be one of "off", "warn", "error", 0, 1, 2',
    );
    expect(errorOf(() => resolve({ rules: { 'valid-permissions': [3] } }))).toContain(
      'rules.valid-permissions[0] must be one of "off", "warn", "error", 0, 1, 2',
    );
  });

  it('rule options are validated against the rule schema, with the file and the key path', () => {
    expect(errorOf(() => resolve({ rules: { 'opt-rule': ['error', { allow: 'contents' }] } }))).toBe(
      '.trustlintrc.yml: rules.opt-rule[1]: invalid options for `opt-rule`:\n  rules.opt-rule[1].allow must be array',
    );
    expect(errorOf(() => resolve({ rules: { 'opt-rule': ['error', { allow: [3], mode: 'x', bogus: 1 }] } }))).toBe(
      '.trustlintrc.yml: rules.opt-rule[1]: invalid options for `opt-rule`:\n' +
        '  rules.opt-rule[1].bogus is not a known key\n' +
        '  rules.opt-rule[1].allow[0] must be string\n' +
        '  rules.opt-rule[1].mode must be one of "auto", "explicit"',
    );
    expect(errorOf(() => resolve({ overrides: [{ files: ['a'], rules: { 'opt-rule': ['warn', { mode: 1 }] } }] }))).toContain(
      'overrides[0].rules.opt-rule[1].mode must be string',
    );
  });

  it('`--rule` problems name the flag, not the config file', () => {
    expect(errorOf(() => resolve({}, { 'valid-permision': 'warn' }))).toBe(
      '--rule valid-permision: unknown rule `valid-permision`; did you mean `valid-permissions`?',
    );
    expect(errorOf(() => resolve({}, { 'valid-permissions': 'warning' }))).toBe(
      '--rule valid-permissions: severity must be off, warn or error (or 0, 1, 2), not "warning"',
    );
    expect(errorOf(() => resolve({}, { 'opt-rule': ['warn', { mode: 'x' }] }))).toBe(
      '--rule opt-rule[1]: invalid options for `opt-rule`:\n  --rule opt-rule[1].mode must be one of "auto", "explicit"',
    );
  });

  it('phase one (shape) runs before phase two (rule options): a shape error is reported alone', () => {
    expect(errorOf(() => resolve({ rulez: {}, rules: { 'opt-rule': ['error', { mode: 'x' }] } }))).toBe(
      '.trustlintrc.yml: invalid config:\n  rulez is not a known key; did you mean `rules`?',
    );
  });

  it('options for a rule without options are refused', () => {
    expect(errorOf(() => resolve({ rules: { 'valid-permissions': ['error', { x: 1 }] } }))).toBe(
      '.trustlintrc.yml: rules.valid-permissions[1]: rule `valid-permissions` takes no options',
    );
  });

  it('other shape errors: extends, overrides, limits, settings, top level', () => {
    expect(errorOf(() => resolve({ extends: 'strictt' }))).toContain('extends must be one of "recommended", "strict", "all"');
    expect(errorOf(() => resolve({ overrides: [{ files: [] }] }))).toContain('overrides[0].files must NOT have fewer than 1 items');
    expect(errorOf(() => resolve({ overrides: [{ files: ['a'], rulez: {} }] }))).toContain('overrides[0].rulez is not a known key');
    expect(errorOf(() => resolve({ limits: { maxDepth: 0 } }))).toContain('limits.maxDepth must be >= 1');
    expect(errorOf(() => resolve({ settings: { repository: 'no-slash' } }))).toContain('settings.repository must match pattern');
    expect(errorOf(() => resolve('just a string'))).toBe('.trustlintrc.yml: invalid config:\n  (top level) must be object');
    expect(errorOf(() => resolve({ reportUnusedDisableDirectives: true }))).toContain(
      'reportUnusedDisableDirectives must be one of "off", "warn", "error"',
    );
  });
});

describe('ignores, overrides, settings, limits', () => {
  const config = resolve({
    rules: { 'opt-rule': 'warn' },
    ignores: ['.github/workflows/experimental-*.yml', 'vendor/**'],
    overrides: [
      { files: ['.github/workflows/nightly.yml'], rules: { 'valid-permissions': 'off', 'opt-rule': ['error', { mode: 'explicit' }] } },
      { files: ['.github/workflows/*.yml'], settings: { repository: 'o/other' } },
    ],
    settings: { repository: 'o/r', selfHostedRunnerLabels: ['acme-*'] },
    reportUnusedDisableDirectives: 'error',
    limits: { maxFileBytes: 1000 },
  });

  it('ignores match picomatch globs relative to the config, dot files included', () => {
    expect(config.isIgnored('.github/workflows/experimental-a.yml')).toBe(true);
    expect(config.isIgnored('vendor/x/.github/workflows/a.yml')).toBe(true);
    expect(config.isIgnored('.github/workflows/release.yml')).toBe(false);
  });

  it('refuses regex groups and extglobs in every glob, naming the key (picomatch backtracked on them for minutes)', () => {
    const error = (config: unknown) => {
      try {
        resolve(config);
      } catch (caught) {
        expect(caught).toBeInstanceOf(ConfigError);
        return (caught as Error).message;
      }
      return 'no error';
    };
    expect(error({ ignores: ['.github/workflows/a.yml', '(a|aa)+b.yml'] })).toMatch(
      /^\.trustlintrc\.yml: ignores\[1\]: the glob `\(a\|aa\)\+b\.yml` uses `\(` at character 1: regex groups and extglobs such as `\+\(a\|b\)` are not supported; use `\{a,b\}`/,
    );
    expect(error({ overrides: [{ files: ['x.yml', '+(a|aa)b.yml'], rules: {} }] })).toMatch(/overrides\[0\]\.files\[1\]: the glob `\+\(a\|aa\)b\.yml` uses `\(`/);
    expect(error({ settings: { selfHostedRunnerLabels: ['gpu-(a|b)'] } })).toMatch(/settings\.selfHostedRunnerLabels\[0\]: the glob/);
    expect(error({ overrides: [{ files: ['*'], settings: { githubHostedRunnerLabels: ['x|y'] } }] })).toMatch(/overrides\[0\]\.settings\.githubHostedRunnerLabels\[0\]: the glob `x\|y` uses `\|`/);
    // Escaped, they are characters.
    expect(resolve({ ignores: ['foo \\(copy\\).yml'] }).isIgnored('foo (copy).yml')).toBe(true);
  });

  it('matches a star-heavy glob against a long file name in one pass', () => {
    // picomatch: 22 s for a 100-character name, minutes for 240 (scripts/scaling.mjs, config-glob).
    const starry = resolve({ ignores: ['.github/workflows/*a*a*a*a*a*a*b.yml'], overrides: [{ files: ['**/*a*a*a*a*a*a*b.yml'], rules: {} }] });
    const name = `.github/workflows/${'a'.repeat(5000)}.yml`;
    expect(starry.isIgnored(name)).toBe(false);
    expect(starry.forFile(name).rules).toBe(starry.rules);
  });

  it('overrides apply in order to matching files', () => {
    const nightly = config.forFile('.github/workflows/nightly.yml');
    expect(nightly.rules.get('valid-permissions')!.severity).toBe('off');
    expect(nightly.rules.get('opt-rule')).toEqual({ severity: 'error', options: { allow: [], mode: 'explicit' } });
    expect(nightly.settings).toEqual({ repository: 'o/other', selfHostedRunnerLabels: ['acme-*'] });
    const other = config.forFile('action.yml');
    expect(other.rules.get('valid-permissions')!.severity).toBe('error');
    expect(other.settings).toEqual({ repository: 'o/r', selfHostedRunnerLabels: ['acme-*'] });
  });

  it('`--rule` flags win over overrides', () => {
    const withFlag = resolve(
      { overrides: [{ files: ['a.yml'], rules: { 'valid-permissions': 'off' } }] },
      { 'valid-permissions': 'warn' },
    );
    expect(withFlag.forFile('a.yml').rules.get('valid-permissions')!.severity).toBe('warn');
    expect(withFlag.rules.get('valid-permissions')!.severity).toBe('warn');
  });

  it('reportUnusedDisableDirectives and limits (merged over the defaults)', () => {
    expect(config.reportUnusedDisableDirectives).toBe('error');
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, maxFileBytes: 1000 });
    expect(resolve({}).reportUnusedDisableDirectives).toBe('warn');
    expect(resolve({}).limits).toEqual({ maxFileBytes: 1024 * 1024, maxDepth: 500, maxAliasNodes: 100_000 });
  });
});

describe('suggest', () => {
  it('returns the nearest name within a small edit distance', () => {
    expect(suggest('valid-permision', ['valid-permissions', 'require-provenance'])).toBe('valid-permissions');
    expect(suggest('xyz', ['valid-permissions'])).toBeUndefined();
    expect(suggest('a', [])).toBeUndefined();
  });
});
