/**
 * The Action runs a committed bundle (action/dist/index.mjs): it must be what the sources build. The
 * build is run into a temporary directory (--outdir) and the two compared byte for byte; CI runs
 * this test, so a change to src/ without `npm run build` and a commit of the bundle fails it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('the committed Action bundle', () => {
  it('is byte for byte what `npm run build` makes from the sources', { timeout: 180_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'trustlint-action-bundle-'));
    try {
      const built = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs'), '--outdir', out, '--no-types'], { encoding: 'utf8' });
      expect(built.status, built.stderr).toBe(0);
      const fresh = readFileSync(join(out, 'action/index.mjs'), 'utf8');
      const committed = readFileSync(join(repoRoot, 'action/dist/index.mjs'), 'utf8');
      // A plain boolean first: a diff of two 1 MB bundles helps nobody.
      expect(fresh === committed, 'action/dist/index.mjs is out of date: run `npm run build` and commit it').toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('the README and docs/ci.md', () => {
  /** The `if:` of the step that uploads the SARIF, in each ```yaml block of a document. */
  const uploadGuards = (path: string) =>
    [...readFileSync(join(repoRoot, path), 'utf8').matchAll(/^\s*(?:- )?if: (.*)\n(?:\s+#.*\n)*\s+uses: github\/codeql-action\/upload-sarif@/gm)].map((match) => match[1]);

  it('guard the SARIF upload against pull requests from forks the same way', () => {
    const readme = uploadGuards('README.md');
    const ci = uploadGuards('docs/ci.md');
    expect(readme.length).toBeGreaterThan(0);
    expect(ci.length).toBeGreaterThan(0);
    expect(new Set([...readme, ...ci]).size).toBe(1);
    expect(readme[0]).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });
});
