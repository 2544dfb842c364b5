/** schema.json (what editors check) and the CLI's validator (resolveConfig) accept exactly the same configs. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/engine/config/load-config.js';
import { builtinPlugin } from '../src/rules/index.js';

const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../schema.json', import.meta.url)), 'utf8')) as object;
const editor = new Ajv({ allErrors: true, strict: false }).compile(schema);

function cliAccepts(config: unknown): boolean {
  try {
    resolveConfig(config, '/repo/.trustlintrc.yml', { cwd: '/repo', plugins: [builtinPlugin] });
    return true;
  } catch {
    return false;
  }
}

/** Configs that plugins do not come into (a plugin's rules and settings are known only once it is loaded). */
const CONFIGS: ReadonlyArray<readonly [string, unknown]> = [
  ['empty', {}],
  ['presets', { extends: ['recommended', 'strict'] }],
  ['one preset', { extends: 'all' }],
  ['unknown preset', { extends: 'strictest' }],
  ['severities', { rules: { 'valid-permissions': 'warn', 'require-provenance': 0 } }],
  ['bad severity', { rules: { 'valid-permissions': 'loud' } }],
  ['unknown rule', { rules: { 'valid-permision': 'warn' } }],
  ['options', { rules: { 'top-level-permissions-empty': ['error', { allow: ['contents', 'packages:write'] }] } }],
  ['bogus option value', { rules: { 'top-level-permissions-empty': ['error', { allow: ['bogus'] }] } }],
  ['misspelt option key', { rules: { 'top-level-permissions-empty': ['error', { alow: ['contents'] }] } }],
  ['options for a rule without any', { rules: { 'valid-permissions': ['error', { x: 1 }] } }],
  ['severity only in an array', { rules: { 'valid-permissions': ['warn'] } }],
  ['enum option', { rules: { 'require-provenance': ['error', { mode: 'explicit' }] } }],
  ['bad enum option', { rules: { 'require-provenance': ['error', { mode: 'sometimes' }] } }],
  ['settings', { settings: { repository: 'owner/repo', selfHostedRunnerLabels: ['gpu-*'] } }],
  ['misspelt settings key', { settings: { repositry: 'owner/repo' } }],
  ['bad settings value', { settings: { repository: 'not a repository' } }],
  ['override settings key', { overrides: [{ files: ['a.yml'], settings: { nope: true } }] }],
  ['overrides', { overrides: [{ files: ['.github/workflows/x.yml'], rules: { 'valid-permissions': 'off' } }] }],
  ['override without files', { overrides: [{ rules: {} }] }],
  ['unknown top-level key', { rule: {} }],
  ['limits', { limits: { maxFileBytes: 10 } }],
  ['bad limits', { limits: { maxFileBytes: 0 } }],
  ['directives', { reportUnusedDisableDirectives: 'error' }],
  ['plugins list', { plugins: [] }],
  ['ignores', { ignores: ['vendor/**'] }],
  ['ignores not a list', { ignores: 'vendor/**' }],
];

describe('schema.json and the CLI', () => {
  it.each(CONFIGS)('agree on %s', (_name, config) => {
    expect(editor(config), JSON.stringify(editor.errors)).toBe(cliAccepts(config));
  });

  it('the set holds configs that both accept and configs that both reject', () => {
    const verdicts = CONFIGS.map(([, config]) => cliAccepts(config));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(5);
    expect(verdicts.filter((verdict) => !verdict).length).toBeGreaterThan(5);
  });
});
