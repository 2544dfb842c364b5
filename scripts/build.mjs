// Bundles the CLI and the library into single ES modules: one file imports far faster than the
// node_modules tree (yaml: 7.5 ms bundled vs 25 ms), which is what a pre-commit hook feels.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// `npm install -g <git url>` (how pre-commit installs a `language: node` hook) prepares the clone
// with an inner `npm install` that inherits `npm_config_global=true`, so devDependencies such as
// esbuild never arrive. Install them from the lock file, locally, then build.
let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  if (process.env.npm_config_global !== 'true') throw error;
  const env = { ...process.env, npm_config_global: 'false' };
  delete env.npm_config_prefix;
  delete env.NPM_CONFIG_PREFIX;
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  esbuild = await import('esbuild');
}
const { build } = esbuild;

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

// yaml ships CommonJS for Node and the same sources as ES modules for browsers. The CommonJS
// parser reads `process.env.LOG_TOKENS` for every token (a slow host call) and CommonJS cannot be
// tree-shaken; the ES build has neither cost. Measured: CST parse of the corpus 35% less CPU,
// parseDocument 17% less. The ES build differs only in logging (console.warn for process.emitWarning).
const yamlEsm = {
  name: 'yaml-esm',
  setup(pluginBuild) {
    const entry = join(packageDir('yaml'), 'browser', 'dist', 'index.js');
    if (!existsSync(entry)) return;
    pluginBuild.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};

// CommonJS packages run their whole module body when the bundle starts, even in runs that never
// call them: ajv (only with a config file), semver (only for version facts) and picomatch (only for
// globs) cost several ms of every cold start. Each is replaced by a facade that requires the real
// module on first use (esbuild keeps `require` of a bundled module lazy).
const LAZY = { ajv: ['Ajv'], semver: ['default'], picomatch: ['default'] };
const lazyCommonJs = {
  name: 'lazy-commonjs',
  setup(pluginBuild) {
    const filter = new RegExp(`^(${Object.keys(LAZY).join('|')})$`);
    pluginBuild.onResolve({ filter }, (args) =>
      args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy', pluginData: args.resolveDir },
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const real = require.resolve(args.path);
      const exportsOf = LAZY[args.path].map((name) => {
        const pick = name === 'default' ? 'load()' : `load()[${JSON.stringify(name)}]`;
        const value = `lazy(() => ${pick})`;
        return name === 'default' ? `export default ${value};` : `export const ${name} = ${value};`;
      });
      return {
        loader: 'js',
        resolveDir: dirname(real),
        contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(real)}));
// A function target so the facade can be called, constructed and read like the real export.
const lazy = (pick) => new Proxy(function () {}, {
  apply: (_, self, args) => Reflect.apply(pick(), self, args),
  construct: (_, args) => Reflect.construct(pick(), args),
  get: (_, key) => pick()[key],
  has: (_, key) => key in pick(),
});
${exportsOf.join('\n')}
`,
      };
    });
  },
};

// `node scripts/build.mjs --outdir <dir>` builds the same package layout elsewhere (tests build the
// real thing into a temporary directory instead of touching the shared dist/).
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// GitHub's workflow and action schemas, from the @actions/workflow-parser devDependency, compiled
// into the key graph valid-workflow-keys walks (src/domain/workflow-keys.generated.ts, committed):
// the parser is never a run-time dependency. Without the devDependency the committed file stays.
{
  const generatorDir = mkdtempSync(join(tmpdir(), 'trustlint-workflow-keys-'));
  try {
    const generator = join(generatorDir, 'workflow-keys.mjs');
    await build({ absWorkingDir: repoRoot, entryPoints: ['scripts/workflow-keys.ts'], bundle: true, platform: 'node', format: 'esm', outfile: generator, logLevel: 'warning' });
    const { GENERATED_PATH, PACKAGE, installedSchemas, workflowKeysModule } = await import(pathToFileURL(generator).href);
    const schemas = installedSchemas(repoRoot);
    if (!schemas) console.warn(`build: ${PACKAGE} is not installed (a devDependency); ${GENERATED_PATH} is left as committed`);
    else {
      const target = join(repoRoot, GENERATED_PATH);
      const text = workflowKeysModule(schemas);
      if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
    }
  } finally {
    rmSync(generatorDir, { recursive: true, force: true });
  }
}

// trustlint's own JSON Schemas (config, built-in settings, built-in rule options) compiled to ajv
// standalone code (src/engine/config/config-validator.generated.ts and src/rules/validators.generated.ts,
// committed): no run compiles them.
{
  const generatorDir = mkdtempSync(join(tmpdir(), 'trustlint-validators-'));
  try {
    const generator = join(generatorDir, 'validators.mjs');
    // It bundles the rules (yaml is CommonJS and requires Node's built-ins): give it a `require`.
    const banner = { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" };
    await build({ absWorkingDir: repoRoot, entryPoints: ['scripts/validators.ts'], bundle: true, platform: 'node', format: 'esm', banner, outfile: generator, logLevel: 'warning' });
    const { GENERATED, validatorsModule } = await import(pathToFileURL(generator).href);
    for (const generated of GENERATED) {
      const target = join(repoRoot, generated.path);
      const text = validatorsModule(repoRoot, generated);
      if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
    }
  } finally {
    rmSync(generatorDir, { recursive: true, force: true });
  }
}

// The code-scanning help of every rule, from docs/rules/*.md, into src/rules/rule-help.generated.ts:
// formatters read no files at run time. The generator is TypeScript; bundle it to run it. A copy of
// the sources without docs/ (some tests build one) keeps the committed file.
if (existsSync(join(repoRoot, 'docs', 'rules'))) {
  const generatorDir = mkdtempSync(join(tmpdir(), 'trustlint-rule-help-'));
  try {
    const generator = join(generatorDir, 'rule-help.mjs');
    await build({ absWorkingDir: repoRoot, entryPoints: ['scripts/rule-help.ts'], bundle: true, platform: 'node', format: 'esm', outfile: generator, logLevel: 'warning' });
    const { GENERATED_PATH, ruleHelpModule } = await import(pathToFileURL(generator).href);
    const target = join(repoRoot, GENERATED_PATH);
    const text = ruleHelpModule(repoRoot);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  } finally {
    rmSync(generatorDir, { recursive: true, force: true });
  }
}

const outdirFlag = process.argv.indexOf('--outdir');
const dist = outdirFlag === -1 ? join(repoRoot, 'dist') : resolve(process.argv[outdirFlag + 1]);
// Only our own dist/ is emptied first; a directory named by --outdir is never deleted.
if (outdirFlag === -1) rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const common = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  // ajv and picomatch are CommonJS; give the bundle a `require` for their built-in imports.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  plugins: [yamlEsm, lazyCommonJs],
};
// Entries beside the library (`trustlint/eslint`) import it as `./index.js`, the bundle next to
// them (`./index.mjs`, which re-exports the CommonJS library): one copy of the engine in the package,
// and one module instance when both are loaded.
const libraryAsSibling = {
  name: 'library-as-sibling',
  setup(pluginBuild) {
    const library = join(repoRoot, 'src', 'index.ts');
    pluginBuild.onResolve({ filter: /\/index\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === library ? { path: './index.mjs', external: true } : undefined,
    );
  },
};
// The language server's libraries (src/lsp/vendor.ts) stay out of the CLI bundle: `--lsp` requires
// them from dist/lsp-vendor.cjs, bundled and minified on their own, and no other run loads them.
// The server imports them dynamically; here that module is a CommonJS stub requiring the chunk, so the
// import becomes a lazy require (an ES `import()` cannot run in the CLI's vm.Script).
const lspVendorExternal = {
  name: 'lsp-vendor-external',
  setup(pluginBuild) {
    const vendor = join(repoRoot, 'src', 'lsp', 'vendor.ts');
    pluginBuild.onResolve({ filter: /\/vendor\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === vendor ? { path: 'lsp-vendor', namespace: 'lsp-vendor' } : undefined,
    );
    pluginBuild.onResolve({ filter: /^\.\/lsp-vendor\.cjs$/ }, () => ({ path: './lsp-vendor.cjs', external: true }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lsp-vendor' }, () => ({ loader: 'js', contents: "module.exports = require('./lsp-vendor.cjs');" }));
  },
};
const [, , , cliBuild] = await Promise.all([
  build({ ...common, format: 'cjs', minify: true, banner: {}, entryPoints: ['src/lsp/vendor.ts'], outfile: join(dist, 'lsp-vendor.cjs') }),
  // The library: one CommonJS bundle, so that `require('trustlint')` works, and a two-line ES module
  // that re-exports it for `import` (Node reads the names esbuild annotates): one copy of the code.
  build({ ...common, format: 'cjs', banner: {}, entryPoints: ['src/index.ts'], outfile: join(dist, 'index.cjs') }),
  build({ ...common, entryPoints: { eslint: 'src/eslint/index.ts' }, outdir: dist, plugins: [libraryAsSibling, ...common.plugins] }),
  // The CLI is bundled as CommonJS so that it can run through vm.Script with a V8 code cache:
  // compiling the ~850 KB bundle is a large part of a cold start, and Node 20 has no
  // module.enableCompileCache (22.1+) for ES modules.
  build({
    ...common,
    format: 'cjs',
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
    entryPoints: ['src/main.ts'],
    outfile: join(dist, 'cli.cjs'),
    plugins: [lspVendorExternal, ...common.plugins],
    write: false,
  }),
]);
const cliCode = cliBuild.outputFiles[0].contents;
// The bundle's name carries its hash, so a code cache can only ever meet the source it was made
// from (V8 itself checks little more than the source length).
const cliName = `cli-${createHash('sha256').update(cliCode).digest('hex').slice(0, 12)}`;
writeFileSync(join(dist, `${cliName}.cjs`), cliCode);
const wrapSource = 'const wrap = (source) => `(function (exports, require, module, __filename, __dirname, __trustlintImport) {${source}\\n})`;';
// The starter is CommonJS: bin/trustlint.js (CommonJS through bin/package.json) requires it, so a
// run never starts Node's ES module loader (5-7 ms of a cold start, measured). dist/cli.js stays
// for whoever imports the CLI as an ES module.
writeFileSync(
  join(dist, 'cli.cjs'),
  `// Generated by scripts/build.mjs: runs the CommonJS bundle with the V8 code cache made at build
// time. A missing or rejected cache (another Node version) only means a normal compile.
'use strict';
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

${wrapSource}
const filename = join(__dirname, '${cliName}.cjs');
let cachedData;
try {
  cachedData = readFileSync(join(__dirname, '${cliName}.cache'));
} catch {
  cachedData = undefined;
}
const script = new Script(wrap(readFileSync(filename, 'utf8')), { filename, cachedData });
const bundleModule = { exports: {} };
// import() inside a vm.Script has no loader; plugins and custom formatters are imported through this module's.
script.runInThisContext()(bundleModule.exports, require, bundleModule, filename, dirname(filename), (url) => import(url));
`,
);
writeFileSync(join(dist, 'cli.js'), "// Generated by scripts/build.mjs: the CLI, for an ES module import; bin/trustlint.js requires cli.cjs.\nimport './cli.cjs';\n");

// The GitHub Action's bundle (action.yml runs it): one ES module with everything in it, committed so
// that the action installs nothing at run time; test/action.test.ts rebuilds it and compares. Built
// into the repository's action/dist/, or under --outdir when one is given (tests).
// The Action never runs --lsp: the server's libraries are left out of its bundle.
const noLspVendor = {
  name: 'no-lsp-vendor',
  setup(pluginBuild) {
    const vendor = join(repoRoot, 'src', 'lsp', 'vendor.ts');
    pluginBuild.onResolve({ filter: /\/vendor\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === vendor ? { path: 'no-lsp-vendor', namespace: 'no-lsp-vendor' } : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'no-lsp-vendor' }, () => ({ loader: 'js', contents: "throw new Error('the language server is not part of the Action');" }));
  },
};
await build({
  ...common,
  plugins: [noLspVendor, ...common.plugins],
  entryPoints: ['src/action/main.ts'],
  outfile: outdirFlag === -1 ? join(repoRoot, 'action', 'dist', 'index.mjs') : join(dist, 'action', 'index.mjs'),
});

writeFileSync(join(dist, 'index.mjs'), "// Generated by scripts/build.mjs: the ES module entry re-exports the one library bundle.\nexport * from './index.cjs';\n");

// Type declarations for the `types` export, from the same sources (tsc, declarations only). Tests that
// only run the CLI pass --no-types: tsc is most of the build's time.
const tsc = process.argv.includes('--no-types') ? { status: 0 } : spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', join(dist, 'types')], {
  cwd: repoRoot,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (tsc.status !== 0) throw new Error(`build: tsc could not write the type declarations (exit ${tsc.status})`);

// Make the cache: lint a small release workflow once, so the functions a typical run compiles
// lazily are in it too, then serialize. Our own sample, in a temporary directory.
// A cache that cannot be made (no writable temporary directory, …) never fails the build.
let sampleRepo;
try {
  sampleRepo = mkdtempSync(join(tmpdir(), 'trustlint-build-'));
  mkdirSync(join(sampleRepo, '.git'));
  mkdirSync(join(sampleRepo, '.github', 'workflows'), { recursive: true });
  writeFileSync(
    join(sampleRepo, '.github', 'workflows', 'release.yml'),
    'name: Release\non:\n  push:\n    tags: [v*]\npermissions: {}\njobs:\n  publish:\n    runs-on: ubuntu-latest\n' +
      '    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: actions/checkout@v4\n' +
      '      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n          registry-url: https://registry.npmjs.org\n' +
      "      - run: npm ci\n      - if: ${{ github.ref_type == 'tag' }}\n        run: npm publish --provenance --access public\n",
  );
  writeFileSync(join(sampleRepo, 'package.json'), '{"name":"sample","version":"1.0.0"}\n');
  const producer = join(sampleRepo, 'produce-cache.cjs');
  writeFileSync(
    producer,
    `const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');
${wrapSource}
const [filename, cacheFile] = process.argv.splice(2, 2);
const script = new Script(wrap(readFileSync(filename, 'utf8')), { filename });
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, createRequire(filename), bundleModule, filename, dirname(filename));
process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
`,
  );
  const produced = spawnSync(
    process.execPath,
    [producer, join(dist, `${cliName}.cjs`), join(dist, `${cliName}.cache`), '.github/workflows/release.yml'],
    { cwd: sampleRepo, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  // Exit 1 is the sample's findings; anything else, or no cache, is reported but not fatal.
  if ((produced.status !== 0 && produced.status !== 1) || !existsSync(join(dist, `${cliName}.cache`))) {
    console.warn(`build: no code cache (the sample run exited ${produced.status}): ${produced.stderr.trim().split('\n')[0]}`);
    rmSync(join(dist, `${cliName}.cache`), { force: true });
  }
} catch (error) {
  console.warn(`build: no code cache: ${error instanceof Error ? error.message : String(error)}`);
  rmSync(join(dist, `${cliName}.cache`), { force: true });
} finally {
  if (sampleRepo) rmSync(sampleRepo, { recursive: true, force: true });
}
