import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from './config/config-error.js';
import { resolvePlugin, type ImportModule } from './config/load-plugins.js';
import type { LintResult } from './result.js';
import type { AnyRule } from './rule.js';

/** What a custom formatter gets as its second argument: ESLint's `context`, plus trustlint's own. */
export interface CustomFormatterContext {
  readonly cwd: string;
  readonly maxWarningsExceeded?: { readonly maxWarnings: number; readonly foundWarnings: number };
  /** Rule id → meta, as ESLint gives it. */
  readonly rulesMeta: Readonly<Record<string, AnyRule['meta']>>;
  readonly version: string;
  readonly color: boolean;
}

export type CustomFormatter = (results: readonly LintResult[], context: CustomFormatterContext) => string | Promise<string>;

/**
 * `--format <path or package>`: a module whose default export (or `module.exports`) is a function
 * `(results, context) => string`, ESLint's formatter signature. A path (with a `/` or starting with
 * `.`) is relative to the working directory; a name is a package, tried as `trustlint-formatter-<name>`
 * too, resolved from the working directory.
 */
export async function loadFormatter(name: string, cwd: string, importModule: ImportModule): Promise<CustomFormatter> {
  const isPath = name.startsWith('.') || name.includes('/') && !name.startsWith('@') || /\.[cm]?js$/.test(name);
  const file = isPath
    ? resolve(cwd, name)
    : (resolvePlugin(name.startsWith('@') || name.startsWith('trustlint-formatter-') ? name : `trustlint-formatter-${name}`, cwd) ?? resolvePlugin(name, cwd));
  if (!file) throw new ConfigError(`unknown format \`${name}\`; use one of stylish, json, sarif, github, or the path or package name of a formatter module`);
  let module: unknown;
  try {
    module = await importModule(pathToFileURL(file).href);
  } catch (error) {
    throw new ConfigError(`--format ${name}: cannot load the formatter: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
  }
  const candidate = (module as { default?: unknown }).default ?? module;
  if (typeof candidate !== 'function') throw new ConfigError(`--format ${name}: the module does not export a formatter function`);
  return candidate as CustomFormatter;
}
