/**
 * Every rule on real workflows (`../shared/corpus`, absent in a fresh clone): no rule crashes, and
 * every finding has a valid range inside the file (1-based, end not before start, columns within
 * their line). A sample of the corpus keeps the suite fast; the sample is fixed, so failures reproduce.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFactStore } from '../../src/engine/facts.js';
import { createProjectService, diskSource } from '../../src/engine/project.js';
import { lintText } from '../../src/engine/lint-text.js';
import { allRules } from '../../src/rules/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(resolve(repoRoot, '../shared'), 'corpus');
const present = existsSync(corpus);

function* lintTargets(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* lintTargets(path);
    else if (/\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)action\.ya?ml$/.test(path.replace(/\\/g, '/'))) yield path;
  }
}

describe.skipIf(!present)('all rules on the shared corpus', () => {
  if (!present) it.skip(`skipped: ${corpus} is absent (it is not part of a clone)`, () => {});

  it('no internal errors, every range valid', { timeout: 300_000 }, () => {
    const files = [...lintTargets(corpus)].sort().filter((_, index) => index % 3 === 1);
    const facts = createFactStore();
    const problems: string[] = [];
    let findings = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      const repository = relative(corpus, path).split('/')[0]!;
      const result = lintText(text, {
        filePath: path,
        relativePath: relative(join(corpus, repository), path),
        rules: allRules.map((rule) => ({ rule, severity: rule.meta.severity, options: rule.meta.defaultOptions })),
        project: createProjectService(diskSource(join(corpus, repository), 1024 * 1024)),
        facts,
      });
      const lines = text.replace(/^\uFEFF/, '').split('\n');
      const valid = (line: number, column: number) => line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1]!.length + 1;
      for (const message of [...result.messages, ...result.suppressedMessages]) {
        if (message.ruleId !== null) findings++;
        const where = `${relative(corpus, path)}:${message.line}:${message.column}`;
        if (message.message.startsWith('Internal error')) problems.push(`${where} ${message.message}`);
        else if (
          !valid(message.line, message.column) ||
          !valid(message.endLine, message.endColumn) ||
          message.endLine < message.line ||
          (message.endLine === message.line && message.endColumn < message.column)
        ) {
          problems.push(`${where} bad range ${message.line}:${message.column}-${message.endLine}:${message.endColumn} (${message.ruleId})`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(findings).toBeGreaterThan(0);
  });
});
