/**
 * What a command really runs: a package.json script (and the scripts it runs, their `pre`/`post`
 * scripts, `npm-run-all`, workspaces), a Makefile target or a just recipe (and their
 * prerequisites), followed through the files of the repository to the commands at the end. Each
 * leaf carries the chain of places that lead to it. What cannot be followed (a script or target
 * that is not there, packages that cannot be listed) makes the expansion `opaque`: nothing is
 * guessed about it.
 */
import type { StepNode } from '../../engine/ast.js';
import type { ChainLink } from '../chain.js';
import type { Analysis } from '../context.js';
import { nearestPackageJson, type PackageJson } from '../project/package-json.js';
import { joinRelative, stepDirectory } from '../project/paths.js';
import { justfileAt, makefileAt, type TaskFile } from '../project/task-files.js';
import { selectWorkspaces, workspacePackages } from '../project/workspaces.js';
import { parseShell } from '../shell.js';
import { runAllScripts, scriptCall, type PackageSelection, type ScriptCall } from './package-scripts.js';
import { packageJsonLocation } from '../project/package-json.js';

/** A command at the end of an expansion. */
export interface LeafCommand {
  readonly words: readonly string[];
  /** The places that lead to it from the workflow command, outermost first. */
  readonly chain: readonly ChainLink[];
  /** The package directory it runs in, when a script or a workspace decides it. */
  readonly directory: string | undefined;
}

export interface Expansion {
  /** The commands the command runs, in order; the command itself when it runs nothing else. */
  readonly leaves: readonly LeafCommand[];
  /** Some part could not be followed: what it runs is not fully known. */
  readonly opaque: boolean;
}

/** Scripts and targets followed from one command; deeper or longer chains are not followed (opaque). */
const MAX_DEPTH = 8;
const MAX_LEAVES = 2_000;

interface State {
  readonly context: Analysis;
  readonly leaves: LeafCommand[];
  opaque: boolean;
  /** Scripts and targets on the current path: a cycle is not followed again. */
  readonly active: Set<string>;
}

/** The leaves of a step's command (`words`), run in the step's working directory. */
export function expandCommand(context: Analysis, step: StepNode, words: readonly string[]): Expansion {
  // Three fact builders expand the same commands of a step: once per step and command.
  return context.facts.memo(`expand-command:${words.join('\u0000')}`, step, () => {
    const state: State = { context, leaves: [], opaque: false, active: new Set() };
    expand(state, words, stepDirectory(step), [], 0);
    return { leaves: state.leaves, opaque: state.opaque };
  });
}

/** The words of each command of a script body (package.json scripts, Makefile recipes): parsed once per run. */
function commandWords(context: Analysis, body: string): ReadonlyArray<readonly string[]> {
  return context.facts.memo('shell-command-words', body, () => parseShell(body).map((command) => command.words.map((word) => word.value)));
}

function expand(state: State, words: readonly string[], directory: string | undefined, chain: readonly ChainLink[], depth: number): void {
  if (state.leaves.length >= MAX_LEAVES) {
    state.opaque = true;
    return;
  }
  const call = scriptCall(words);
  if (call) return expandScripts(state, call, directory, chain, depth);
  const runAll = runAllScripts(words);
  if (runAll) {
    for (const pattern of runAll) expandNamedScripts(state, pattern, directory, chain, depth, `\`${words[0]}\``);
    return;
  }
  const task = taskCall(words);
  if (task) return expandTask(state, task, directory, chain, depth);
  state.leaves.push({ words, chain, directory });
}

/** The package directories a script call runs in, or undefined when not known. */
function selectedPackages(state: State, selection: PackageSelection, directory: string): readonly string[] | undefined {
  if (selection.kind === 'current') return [directory];
  if (selection.kind === 'unknown') return undefined;
  const packages = workspacePackages(state.context);
  if (!packages) return undefined;
  if (selection.kind === 'all') return packages.map((manifest) => directoryOf(manifest));
  return selectWorkspaces(packages, selection.patterns)?.map(directoryOf);
}

function directoryOf(manifest: PackageJson): string {
  return manifest.directory;
}

function expandScripts(state: State, call: ScriptCall, directory: string | undefined, chain: readonly ChainLink[], depth: number): void {
  if (directory === undefined) {
    state.opaque = true;
    return;
  }
  const directories = selectedPackages(state, call.packages, directory);
  if (!directories) {
    state.opaque = true;
    return;
  }
  // A workspace run skips packages without the script, as `-r`, `--workspaces` and `foreach` do.
  const lenient = call.ifPresent || call.packages.kind === 'all' || call.packages.kind === 'select';
  for (const packageDirectory of directories) {
    runScript(state, call.manager, call.script, packageDirectory, chain, depth, lenient, `\`${call.manager} run ${call.script}\``);
  }
}

/** `npm-run-all build:*`: every script matching a `:`-glob, in package.json order. */
function expandNamedScripts(state: State, pattern: string, directory: string | undefined, chain: readonly ChainLink[], depth: number, by: string): void {
  const manifest = directory === undefined ? undefined : nearestPackageJson(state.context, directory);
  if (!manifest) {
    state.opaque = true;
    return;
  }
  const glob = new RegExp(`^${pattern.split('**').map((part) => part.split('*').map((piece) => piece.replace(/[.+^$|\\()[\]{}?]/g, '\\$&')).join('[^:]*')).join('.*')}$`);
  const names = [...manifest.scripts.keys()].filter((name) => glob.test(name));
  if (names.length === 0) state.opaque = true;
  for (const name of names) runScript(state, 'npm', name, directoryOf(manifest), chain, depth, false, by);
}

function runScript(state: State, manager: ScriptCall['manager'], name: string, directory: string, chain: readonly ChainLink[], depth: number, lenient: boolean, by: string): void {
  const manifest = nearestPackageJson(state.context, directory);
  const body = manifest?.scripts.get(name);
  if (!manifest || body === undefined) {
    if (!lenient) state.opaque = true;
    return;
  }
  const key = `script:${manifest.path}:${name}`;
  if (depth >= MAX_DEPTH || state.active.has(key)) {
    state.opaque = true;
    return;
  }
  state.active.add(key);
  // npm, pnpm and bun run `pre<name>` and `post<name>` around a script; Yarn 2+ does not (and Yarn 1's version is not known here).
  const phases = manager === 'yarn' ? [name] : [`pre${name}`, name, `post${name}`];
  for (const phase of phases) {
    const phaseBody = manifest.scripts.get(phase);
    if (phaseBody === undefined) continue;
    const location = packageJsonLocation(state.context, manifest, ['scripts', phase]);
    const link: ChainLink[] = location ? [{ at: location, message: `${phase === name ? by : `\`${phase}\` (run before or after \`${name}\`)`} runs \`${phaseBody.length > 60 ? `${phaseBody.slice(0, 57)}...` : phaseBody}\`` }] : [];
    for (const words of commandWords(state.context, phaseBody)) expand(state, words, directoryOf(manifest), [...chain, ...link], depth + 1);
  }
  state.active.delete(key);
}

interface TaskCall {
  readonly tool: 'make' | 'just';
  readonly targets: readonly string[];
  /** `make -C dir`, `make -f file`, `just --justfile file`: where it runs; undefined when not statically known. */
  readonly directory?: string;
  readonly file?: string;
  readonly unknown: boolean;
}

/** `make [-C dir] [-f file] [target…]`, `$(MAKE) target`, `just [recipe…]`. */
function taskCall(words: readonly string[]): TaskCall | undefined {
  const name = words[0];
  const tool = name === 'make' || name === 'gmake' || name === '$(MAKE)' || name === '${MAKE}' ? 'make' : name === 'just' ? 'just' : undefined;
  if (!tool) return undefined;
  const targets: string[] = [];
  let directory: string | undefined;
  let file: string | undefined;
  let unknown = false;
  for (let index = 1; index < words.length; index++) {
    const word = words[index]!;
    if (word === '-C' || word === '--directory' || word === '-d' || word === '--working-directory') directory = words[++index];
    else if (word === '-f' || word === '--file' || word === '--makefile' || word === '--justfile') file = words[++index];
    else if (word.startsWith('-')) {
      // Other options with a value would be read as targets: stop rather than guess.
      if (/^-[jlIWoe]$|^--(?:jobs|load-average|include-dir|set|dotenv-filename|dotenv-path)$/.test(word)) index++;
    } else if (word.includes('=')) continue; // `make publish VERSION=1.2`: a variable, not a target
    else targets.push(word);
  }
  if ((directory !== undefined && /[$`]/.test(directory)) || (file !== undefined && /[$`]/.test(file)) || targets.some((target) => /[$`]/.test(target))) unknown = true;
  return { tool, targets, ...(directory !== undefined ? { directory } : {}), ...(file !== undefined ? { file } : {}), unknown };
}

function expandTask(state: State, call: TaskCall, directory: string | undefined, chain: readonly ChainLink[], depth: number): void {
  if (call.unknown || directory === undefined) {
    state.opaque = true;
    return;
  }
  const base = call.directory !== undefined ? joinRelative(directory, call.directory) : directory;
  if (base === undefined) {
    state.opaque = true;
    return;
  }
  const tasks = call.tool === 'make' ? makefileAt(state.context, base, call.file) : call.file === undefined ? justfileAt(state.context, base) : undefined;
  if (!tasks) {
    state.opaque = true;
    return;
  }
  const targets = call.targets.length > 0 ? call.targets : tasks.defaultTask !== undefined ? [tasks.defaultTask] : [];
  if (targets.length === 0) state.opaque = true;
  for (const target of targets) runTask(state, call.tool, tasks, target, base, chain, depth);
}

function runTask(state: State, tool: 'make' | 'just', tasks: TaskFile, name: string, directory: string, chain: readonly ChainLink[], depth: number): void {
  const task = tasks.tasks.get(name);
  const key = `task:${tasks.file.relativePath}:${name}`;
  if (!task || task.foreign || depth >= MAX_DEPTH || state.active.has(key)) {
    // A make prerequisite that is a file, not a target, runs nothing.
    if (!task && tool === 'make' && depth > 0 && /[./]/.test(name)) return;
    state.opaque = true;
    return;
  }
  state.active.add(key);
  for (const prerequisite of task.prerequisites) runTask(state, tool, tasks, prerequisite, directory, chain, depth + 1);
  for (const line of task.recipe) {
    const link: ChainLink = { at: { file: tasks.file, span: line.span }, message: `${tool} target \`${name}\` runs \`${line.text.length > 60 ? `${line.text.slice(0, 57)}...` : line.text}\`` };
    for (const words of commandWords(state.context, line.text)) expand(state, words, directory, [...chain, link], depth + 1);
  }
  state.active.delete(key);
}
