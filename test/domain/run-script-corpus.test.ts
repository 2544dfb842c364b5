/**
 * A property test on real workflows (`../shared/corpus`, absent in a fresh clone): every `run:`
 * script tokenizes without throwing, every word lies inside its scalar, and every plain word that
 * is not the whole-scalar fallback covers exactly its own text in the file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../../src/domain/run-script.js';
import { parse } from '../engine/helpers.js';
import { analysis } from '../engine/helpers.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(resolve(repoRoot, '../shared'), 'corpus');
const present = existsSync(corpus);

function* yamlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry.name)) yield path;
  }
}

describe.skipIf(!present)('run-script spans on the shared corpus', () => {
  if (!present) it.skip(`skipped: ${corpus} is absent (it is not part of a clone)`, () => {});

  it('places every word of every script exactly', { timeout: 180_000 }, () => {
    const files = [...yamlFiles(corpus)]
      .filter((path) => /\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)action\.ya?ml$/.test(path.replace(/\\/g, '/')))
      .sort()
      // Every third file keeps the suite fast; the sample is fixed, so a failure reproduces.
      .filter((_, index) => index % 3 === 0);
    const problems: string[] = [];
    let checked = 0;
    for (const path of files) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      const parsed = parse(text, path.endsWith('action.yml') || path.endsWith('action.yaml') ? 'action.yml' : '.github/workflows/x.yml');
      const steps =
        parsed.model.kind === 'workflow'
          ? parsed.model.workflow.jobs.flatMap((job) => job.steps)
          : parsed.model.kind === 'action'
            ? parsed.model.action.steps
            : [];
      for (const step of steps) {
        if (!step.run) continue;
        const whole = step.run.span;
        for (const command of runCommands(analysis(), step)) {
          for (const word of [...command.assignments, ...command.wrappers, ...command.words]) {
            const { start, end } = word.span;
            if (start === whole.start && end === whole.end) continue;
            const raw = text.slice(start, end);
            if (start < whole.start || end > whole.end) problems.push(`${path} ${parsed.at(word.span)}: ${JSON.stringify(word.value)} outside its scalar`);
            else if (!word.quoted && !raw.includes('\\') && !raw.includes('`') && !word.value.includes('\n') && raw !== word.value) {
              problems.push(`${path} ${parsed.at(word.span)}: ${JSON.stringify(word.value)} covers ${JSON.stringify(raw)}`);
            } else checked++;
          }
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });
});
