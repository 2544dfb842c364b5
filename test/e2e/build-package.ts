/**
 * Builds the package from the current sources into a private copy (never the shared dist/), as
 * test/e2e/cli.test.ts does: `src`, `scripts`, `bin`, `action`, `package.json`, with node_modules linked.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The package directory built under `work`; its CLI is `bin/trustlint.js`. */
export function buildPackage(work: string, parts: readonly string[] = ['src', 'scripts', 'bin', 'package.json']): string {
  const pkg = join(work, 'pkg');
  for (const part of parts) if (existsSync(join(repoRoot, part))) cpSync(join(repoRoot, part), join(pkg, part), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(pkg, 'scripts/build.mjs'), '--no-types'], { cwd: pkg, stdio: ['ignore', 'ignore', 'pipe'] });
  return pkg;
}
