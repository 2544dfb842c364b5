/**
 * Dependency installs that run lifecycle scripts (`preinstall`, `install`, `postinstall`) of every
 * package in the tree. In a job that can publish, each of those scripts can mint the job's OIDC
 * token or read its registry token (npm-trusted-publishing.md §6.1; Shai-Hulud spread so).
 *
 * - npm runs them unless `--ignore-scripts` or `ignore-scripts=true`; npm 12 blocks dependency
 *   scripts by default (allowScripts), so an install with npm 12 or later is not one.
 * - pnpm 10 and later runs no dependency scripts unless allowed (`onlyBuiltDependencies`): only a
 *   pnpm known to be older counts.
 * - Yarn (1 and Berry) runs them unless `--ignore-scripts`, `--mode=skip-build` or
 *   `YARN_ENABLE_SCRIPTS=false`.
 * - bun runs only the scripts of `trustedDependencies`: never counted.
 */
import type { JobNode, Span, StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { configTrue, parseNpmArgs } from '../../commands/npm-cli.js';
import { envBindingIgnoringCase } from '../../env.js';
import { runCommands } from '../../run-script.js';
import { compareRange } from '../../semver-range.js';
import { npmAt } from './tools/npm.js';
import { pnpmVersion } from './tools/package-managers.js';

export interface ScriptedInstall {
  readonly step: StepNode;
  /** The install command in the file. */
  readonly span: Span;
  /** As messages quote it (`npm ci`, `pnpm install`). */
  readonly command: string;
  readonly tool: 'npm' | 'pnpm' | 'yarn';
}

const NPM_INSTALLS = new Set(['ci', 'install', 'i', 'add', 'isntall', 'in', 'clean-install', 'install-clean', 'install-ci-test', 'install-test', 'it', 'cit']);
const IGNORE_SCRIPTS = /^--ignore-scripts(?:=true)?$/;

function envSays(context: Analysis, step: StepNode, name: string, value: RegExp): boolean {
  const binding = envBindingIgnoringCase(context, step, name);
  return binding?.entry.value.type === 'scalar' && value.test(binding.entry.value.text.trim());
}

/** `ignore-scripts=true` in the committed root `.npmrc`. */
function npmrcIgnoresScripts(context: Analysis): boolean {
  const text = context.project.text('.npmrc');
  return text !== undefined && /^\s*ignore-scripts\s*=\s*true\s*$/im.test(text);
}

/** The installs of one step that run dependency lifecycle scripts for certain. */
export function scriptedInstallsOf(context: Analysis, step: StepNode): readonly ScriptedInstall[] {
  if (!step.run) return [];
  const found: ScriptedInstall[] = [];
  for (const command of runCommands(context, step)) {
    const words = command.words.map((word) => word.value);
    const [tool, sub] = words;
    if (words.some((word) => IGNORE_SCRIPTS.test(word) || word === '-g' || word === '--global')) continue;
    if (tool === 'npm' && sub !== undefined && NPM_INSTALLS.has(sub)) {
      // npm's own parse: combined shorthands (`npm i -fg corepack`) and `--global=true` are global installs too.
      const args = parseNpmArgs(words, 2);
      if (configTrue(args, 'global') || configTrue(args, 'ignore-scripts')) continue;
      if (envSays(context, step, 'npm_config_ignore_scripts', /^true$/i) || npmrcIgnoresScripts(context)) continue;
      // npm 12 blocks dependency scripts by default; an unknown npm may be older.
      if (compareRange(npmAt(context, step, command.index).range, '12.0.0') === 'at-least') continue;
      found.push({ step, span: command.span, command: `npm ${sub}`, tool: 'npm' });
    } else if (tool === 'pnpm' && (sub === 'install' || sub === 'i')) {
      if (envSays(context, step, 'npm_config_ignore_scripts', /^true$/i) || npmrcIgnoresScripts(context)) continue;
      if (compareRange(pnpmVersion(context, step).range, '10.0.0') !== 'below') continue;
      found.push({ step, span: command.span, command: `pnpm ${sub}`, tool: 'pnpm' });
    } else if (tool === 'yarn' && (sub === undefined || sub === 'install' || sub.startsWith('-'))) {
      if (words.includes('--mode=skip-build') || envSays(context, step, 'YARN_ENABLE_SCRIPTS', /^(?:false|0)$/i)) continue;
      found.push({ step, span: command.span, command: sub === 'install' ? 'yarn install' : 'yarn', tool: 'yarn' });
    }
  }
  return found;
}

/** Every scripted install of a job. */
export function jobScriptedInstalls(context: Analysis, job: JobNode): readonly ScriptedInstall[] {
  return context.facts.memo('scripted-installs', job, () => job.steps.flatMap((step) => scriptedInstallsOf(context, step)));
}
