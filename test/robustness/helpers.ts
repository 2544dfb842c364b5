import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { lintText, type EnabledRule } from '../../src/engine/lint-text.js';
import type { LintResult, SourceLocation } from '../../src/engine/result.js';
import { allRules } from '../../src/rules/index.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const corpusDir = resolve(sharedDir, 'corpus');
export const hasCorpus = existsSync(corpusDir);
export const sarifSchemaPath = resolve(sharedDir, 'sarif/sarif-schema-2.1.0.json');

/**
 * Iterations of each property test. Small by default so the suite stays quick; raise it to hunt
 * for crashes: `TRUSTLINT_FUZZ_RUNS=5000 npx vitest run test/robustness`.
 */
export const FUZZ_RUNS = Math.max(1, Number(process.env.TRUSTLINT_FUZZ_RUNS) || 100);

/** Every rule at its own severity with its default options: the widest net for crashes. */
export const everyRule: EnabledRule[] = allRules.map((rule) => ({
  rule,
  severity: rule.meta.severity,
  options: rule.meta.defaultOptions,
}));

export function lintAll(text: string, filePath = '.github/workflows/fuzz.yml'): LintResult {
  return lintText(text, { filePath, relativePath: filePath, rules: everyRule });
}

/** Text as lintText sees it: a leading BOM is dropped before positions are counted. */
function linesOf(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split('\n');
}

/** A position is inside the file: a real line, a column at most one past the line's last character. */
function positionInside(lines: readonly string[], line: number, column: number): boolean {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1 || line > lines.length) return false;
  return column <= lines[line - 1]!.length + 1;
}

export function rangeProblem(text: string, location: SourceLocation): string | undefined {
  const lines = linesOf(text);
  const { line, column, endLine, endColumn } = location;
  if (!positionInside(lines, line, column)) return `start ${line}:${column} is outside the file`;
  if (!positionInside(lines, endLine, endColumn)) return `end ${endLine}:${endColumn} is outside the file`;
  if (endLine < line || (endLine === line && endColumn < column)) return `end ${endLine}:${endColumn} is before start ${line}:${column}`;
  return undefined;
}

/**
 * Every finding (and every related location) lies inside its file, with its end after its start. A
 * related location in another file (it names a `relativePath`: a package.json, a called workflow) is
 * checked against that file's text from `otherFile`, and only when it is given: against the linted
 * file's text it would pass or fail by chance.
 */
export function expectRangesInside(text: string, result: LintResult, otherFile?: (relativePath: string) => string | undefined): void {
  for (const message of [...result.messages, ...result.suppressedMessages]) {
    // One line, and no control character a hostile file could use to rewrite the terminal.
    expect(message.message, 'a message holds a raw control character').not.toMatch(/[\u0000-\u001f\u007f]/);
    for (const location of [message, ...(message.related ?? [])]) {
      const other = 'relativePath' in location && location.relativePath !== undefined ? location.relativePath : undefined;
      const against = other === undefined ? text : otherFile?.(other);
      if (against === undefined) continue;
      const problem = rangeProblem(against, location);
      expect(problem, `${message.ruleId ?? 'null'}: ${message.message}`).toBeUndefined();
    }
  }
}

let sarifSchema: unknown;
export function loadSarifSchema(): unknown {
  if (sarifSchema === undefined && existsSync(sarifSchemaPath)) sarifSchema = JSON.parse(readFileSync(sarifSchemaPath, 'utf8'));
  return sarifSchema;
}

/**
 * Builds the CLI from the current sources into a private copy (as test/e2e does): never a stale
 * `dist/`, and never `rm -rf dist` under other tests. Returns the path of `bin/trustlint.js`.
 */
export function buildPrivateCli(into: string): string {
  const pkg = join(into, 'pkg');
  for (const part of ['src', 'scripts', 'bin', 'package.json']) cpSync(join(repoRoot, part), join(pkg, part), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs'), '--no-types'], { cwd: pkg, stdio: ['ignore', 'ignore', 'pipe'] });
  return join(pkg, 'bin/trustlint.js');
}

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runBuiltCli(bin: string, cwd: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...extraEnv },
    // A hang is a failure, not a stuck suite.
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
