// Bundles the CLI and the library into single ES modules: one file imports far faster than the
// node_modules tree (yaml: 7.5 ms bundled vs 25 ms), which is what a pre-commit hook feels.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // ajv and picomatch are CommonJS; give the bundle a `require` for their built-in imports.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: { cli: 'src/main.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist' }),
]);
