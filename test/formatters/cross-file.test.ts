/**
 * A finding whose related locations reach into other files of the repository (the chain to a
 * publish in a package.json script): every formatter names those files.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config/load-config.js';
import { lintFiles } from '../../src/engine/lint-files.js';
import type { LintResult } from '../../src/engine/result.js';
import { defineRule, type AnyRule } from '../../src/engine/rule.js';
import { formatters } from '../../src/formatters/index.js';
import { allRules } from '../../src/rules/index.js';
import { pluginOf } from '../plugins.js';
import type { FormatContext } from '../../src/formatters/types.js';

const RESULT: LintResult = {
  filePath: '/repo/.github/workflows/release.yml',
  relativePath: '.github/workflows/release.yml',
  messages: [
    {
      ruleId: 'no-long-lived-npm-token',
      messageId: 'tokenInPublishJob',
      severity: 2,
      message: 'Long-lived npm token `NPM_TOKEN` reaches a publish',
      line: 9,
      column: 11,
      endLine: 9,
      endColumn: 40,
      related: [
        { message: 'runs `pnpm release`', line: 11, column: 14, endLine: 11, endColumn: 26 },
        { message: '`release` runs `changeset publish`', line: 4, column: 16, endLine: 4, endColumn: 48, filePath: '/repo/package.json', relativePath: 'package.json' },
      ],
    },
  ],
  suppressedMessages: [],
  errorCount: 1,
  warningCount: 0,
  fatalErrorCount: 0,
};
const context: FormatContext = { rules: allRules, version: '9.9.9', color: false };

describe('related locations in other files', () => {
  it('json: the related entry carries its own filePath; one in the same file does not', () => {
    const [result] = JSON.parse(formatters.json([RESULT], context)) as Array<{ messages: Array<{ related: Array<Record<string, unknown>> }> }>;
    expect(result!.messages[0]!.related).toEqual([
      { message: 'runs `pnpm release`', line: 11, column: 14, endLine: 11, endColumn: 26 },
      { message: '`release` runs `changeset publish`', filePath: '/repo/package.json', line: 4, column: 16, endLine: 4, endColumn: 48 },
    ]);
  });

  it('sarif: each related location has its own artifact uri', () => {
    const log = JSON.parse(formatters.sarif([RESULT], context)) as Log;
    const related = log.runs[0]!.results![0]!.relatedLocations!;
    expect(related.map((item) => item.physicalLocation!.artifactLocation!.uri)).toEqual(['.github/workflows/release.yml', 'package.json']);
    expect(related[1]!.physicalLocation!.region).toEqual({ startLine: 4, startColumn: 16, endLine: 4, endColumn: 48 });
  });

  it('stylish: the chain is printed under the finding', () => {
    const lines = formatters.stylish([RESULT], context).split('\n');
    expect(lines[2]).toBe('  9:11  error  Long-lived npm token `NPM_TOKEN` reaches a publish  no-long-lived-npm-token');
    expect(lines[3]).toBe('        \u21b3 package.json:4:16 `release` runs `changeset publish`');
  });

  it('github: the annotation lists the chain before the docs link', () => {
    const output = formatters.github([RESULT], context);
    expect(output).toContain('reaches a publish%0A%0AVia:%0A- package.json:4:16 `release` runs `changeset publish`%0A%0ADocs: ');
  });
});

describe('lintFiles names project files relative to the report root', () => {
  const root = mkdtempSync(join(tmpdir(), 'trustlint-cross-file-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // A probe that points at the repository's package.json from every job, as the publish chain will.
  const probe = defineRule({
    id: 'probe-cross-file',
    meta: {
      type: 'problem',
      docs: { description: 'Enforce nothing (test probe)', recommended: false },
      severity: 'error',
      security: { severity: 1, precision: 'high' },
      messages: { here: 'here' },
    },
    create(ruleContext) {
      return {
        job(job) {
          const file = ruleContext.project.file('package.json');
          const related = file ? [{ at: { file, span: { start: 1, end: 7 } }, message: 'package name' }] : [];
          ruleContext.report({ messageId: 'here', at: job.key, related });
        },
      };
    },
  }) as unknown as AnyRule;

  it('related filePath is absolute, relativePath is relative to the checkout, and the result lists its dependencies', () => {
    const repo = join(root, 'checkout', 'packages', 'app');
    mkdirSync(join(root, 'checkout', '.git'), { recursive: true });
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repo, 'package.json'), '{"name":"app"}\n');
    writeFileSync(join(repo, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: echo }]\n');
    const config = resolveConfig({ rules: { 'probe-cross-file': 'error' } }, undefined, { plugins: [pluginOf([probe])], cwd: root });
    const outcome = lintFiles({ paths: [join(root, 'checkout')], cwd: root, config, rules: [probe] });
    const [result] = outcome.results;
    expect(result!.relativePath).toBe('packages/app/.github/workflows/ci.yml');
    expect(result!.dependencies).toEqual(['package.json']);
    expect(result!.messages[0]!.related).toEqual([
      { message: 'package name', line: 1, column: 2, endLine: 1, endColumn: 8, filePath: join(repo, 'package.json'), relativePath: 'packages/app/package.json' },
    ]);
  });
});
