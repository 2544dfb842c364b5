/**
 * `--fix` on a copy of the shared corpus (`../shared/corpus`, absent in a fresh clone: then skipped):
 * the real CLI fixes the copy with `extends: all`, and every file it changed must keep every
 * guarantee of test/fix-guarantees.ts; a second `--fix` must change no file.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { createFactStore } from '../src/engine/facts.js';
import { createProjectService, diskSource, type ProjectService } from '../src/engine/project.js';
import { allRules } from '../src/rules/index.js';
import { fixGuarantees } from './fix-guarantees.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(resolve(repoRoot, '../shared'), 'corpus');
const present = existsSync(corpus);
if (!present) console.warn(`fixes.corpus.test.ts: ${corpus} not found (a fresh clone has no ../shared): the corpus --fix test is skipped.`);

function* lintTargets(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* lintTargets(path);
    else if (/\.github\/workflows\/[^/]+\.ya?ml$|(^|\/)action\.ya?ml$/.test(path.replace(/\\/g, '/'))) yield path;
  }
}

/** The repository a file belongs to, as the CLI decides it: the folder that holds its `.github/workflows`, else its corpus repository. */
function repositoryOf(path: string): string {
  const match = /^(.*)\/\.github\/workflows\/[^/]+$/.exec(path.replace(/\\/g, '/'));
  return match ? match[1]! : join(corpus, relative(corpus, path).split('/')[0]!);
}

async function cli(args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTty: false, env: {} });
  return { code, stdout, stderr };
}

describe.skipIf(!present)('--fix on a copy of the shared corpus', () => {
  it('every guarantee holds on every file it changes, and a second --fix changes nothing', { timeout: 600_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'trustlint-fix-corpus-'));
    try {
      const copy = join(work, 'corpus');
      cpSync(corpus, copy, { recursive: true });
      writeFileSync(join(work, 'config.yml'), 'extends: all\n');
      const originals = new Map([...lintTargets(corpus)].map((path) => [relative(corpus, path), readFileSync(path, 'utf8')]));

      const first = await cli(['--fix', '-c', 'config.yml', '--format', 'json', 'corpus'], work);
      expect(first.stderr).toBe('');
      expect([0, 1]).toContain(first.code);

      const fixing = allRules.filter((rule) => rule.meta.fixable);
      const facts = createFactStore();
      const projects = new Map<string, ProjectService>();
      const problems: string[] = [];
      let changed = 0;
      let fixedFindings = 0;
      for (const [path, before] of originals) {
        const after = readFileSync(join(copy, path), 'utf8');
        if (after === before) continue;
        changed++;
        const repository = repositoryOf(join(corpus, path));
        let project = projects.get(repository);
        if (!project) projects.set(repository, (project = createProjectService(diskSource(repository, 1 << 20))));
        const outcome = fixGuarantees({ code: before, filePath: relative(repository, join(corpus, path)), fixing, project, facts }, after);
        fixedFindings += outcome.fixedFindings;
        problems.push(...outcome.problems.map((problem) => `${path}: ${problem}`));
      }
      console.info(`--fix on the corpus: ${changed} of ${originals.size} files changed, ${fixedFindings} findings fixed`);
      expect(problems).toEqual([]);
      // Not vacuous: most corpus workflows have no `permissions: {}` at the top.
      expect(changed).toBeGreaterThan(200);

      const copies = new Map([...originals.keys()].map((path) => [path, readFileSync(join(copy, path), 'utf8')]));
      await cli(['--fix', '-c', 'config.yml', 'corpus'], work);
      const changedAgain = [...copies].filter(([path, text]) => readFileSync(join(copy, path), 'utf8') !== text).map(([path]) => path);
      expect(changedAgain).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
