import type { EnvBlock, Span, StepNode, YamlEntry } from '../engine/ast.js';
import type { FactStore } from '../engine/facts.js';
import { githubEnvWrites, lastBefore, scriptEnv, scriptState, type GithubEnvWrite, type ScriptAssignment } from './env-script.js';
import { referencesIn, valueOrigin, type ValueOrigin } from './expressions.js';
import { LITERAL_DOLLAR } from './file-writes.js';
import { lastActionBefore } from './steps.js';

export type EnvLevel = 'step' | 'job' | 'workflow';

export interface EnvBinding {
  readonly name: string;
  readonly entry: YamlEntry;
  readonly level: EnvLevel;
}

interface Level {
  readonly block: EnvBlock;
  readonly level: EnvLevel;
}

/** The env blocks a step sees, innermost first: step, job, workflow (a composite action step: its own only). */
function levelsOf(step: StepNode): Level[] {
  const levels: Level[] = [];
  if (step.env) levels.push({ block: step.env, level: 'step' });
  if (step.parent.kind === 'job') {
    if (step.parent.env) levels.push({ block: step.parent.env, level: 'job' });
    if (step.parent.workflow.env) levels.push({ block: step.parent.workflow.env, level: 'workflow' });
  }
  return levels;
}

/**
 * The binding of a variable a step sees: step env overrides job env overrides workflow env. Returns
 * the entry that defines it (for reporting at the binding), or undefined.
 */
export function envBinding(step: StepNode, name: string): EnvBinding | undefined {
  for (const { block, level } of levelsOf(step)) {
    const entry = block.vars.get(name);
    if (entry) return { name, entry, level };
  }
  return undefined;
}

/**
 * The variables a step sees whose names pass `test`, each with its winning binding, in the order
 * they are first defined from the workflow level inwards. `kind` names the test: the names that
 * pass it are found once per env block and run (facts), so asking for every step of a job stays
 * linear in the size of the workflow, however many variables a workflow-level `env:` holds.
 */
export function envBindings(context: { readonly facts: FactStore }, step: StepNode, kind: string, test: (name: string) => boolean): EnvBinding[] {
  const levels = levelsOf(step);
  const order: string[] = [];
  const seen = new Set<string>();
  for (let index = levels.length - 1; index >= 0; index--) {
    const block = levels[index]!.block;
    const names = context.facts.memo(`env-names:${kind}`, block, () => [...block.vars.keys()].filter(test));
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      order.push(name);
    }
  }
  return order.map((name) => envBinding(step, name)!);
}

/** The first variable (in `envBindings` order) whose name is `name` in any case: npm reads `npm_config_*` so. */
export function envBindingIgnoringCase(context: { readonly facts: FactStore }, step: StepNode, name: string): EnvBinding | undefined {
  const wanted = name.toLowerCase();
  return envBindings(context, step, `ignoring-case:${wanted}`, (candidate) => candidate.toLowerCase() === wanted)[0];
}

/**
 * Where a variable that a command sees is set, innermost first: a prefix on the command itself
 * (`A=1 cmd`), the script before it (`export A=1`), the step's `env`, a `$GITHUB_ENV` write of an
 * earlier step, the job's `env`, the workflow's `env`. The runner starts each step's process with the
 * job's env (workflow and job `env`, then `$GITHUB_ENV` writes over them) and the step's `env` on top
 * (actions/runner `StepsRunner`: `Global.EnvironmentVariables`, then the step environment).
 */
export type RuntimeSource = EnvLevel | 'github-env' | 'script' | 'command';

export interface RuntimeBinding {
  readonly name: string;
  readonly source: RuntimeSource;
  /** The value as written: an env entry's text, or what a script assigns or writes (undefined: not a scalar). */
  readonly value: string | undefined;
  /** Where the user edits it: the env entry, or the assignment or `$GITHUB_ENV` write in a script. */
  readonly at: YamlEntry | Span;
  /** The step whose `env` holds it or whose script sets it; undefined for job and workflow env. */
  readonly step?: StepNode;
  /** The command of `step`'s script that sets it. */
  readonly command?: number;
  /** The node it is read from, for memoising facts about it. */
  readonly key: object;
  /** The step it was looked up from: where its own `${{ env.X }}` references are resolved. */
  readonly seenFrom: StepNode;
}

type Context = { readonly facts: FactStore };

function fromYaml(binding: EnvBinding, step: StepNode): RuntimeBinding {
  const value = binding.entry.value;
  return {
    name: binding.name,
    source: binding.level,
    value: value.type === 'scalar' ? value.text : undefined,
    at: binding.entry,
    ...(binding.level === 'step' ? { step } : {}),
    key: binding.entry,
    seenFrom: step,
  };
}

function fromGithubEnv(write: GithubEnvWrite): RuntimeBinding {
  return { name: write.name, source: 'github-env', value: write.value, at: write.at, step: write.step, command: write.command, key: write, seenFrom: write.step };
}

function fromScript(assignment: ScriptAssignment, step: StepNode): RuntimeBinding {
  return { name: assignment.name, source: assignment.scope, value: assignment.value, at: assignment.at, step, command: assignment.command, key: assignment, seenFrom: step };
}

/** The last `$GITHUB_ENV` write of `name` by a step before `step` in its job or action. */
function githubEnvBefore(context: Context, step: StepNode, name: string): GithubEnvWrite | undefined {
  return lastBefore(githubEnvWrites(context, step.parent).get(name), step.index, (write) => write.step.index);
}

/**
 * The env a step's process starts with, or (without `withStep`) the `env` context its own `env:`
 * entries are evaluated in: step `env`, `$GITHUB_ENV` writes of earlier steps, job `env`, workflow `env`.
 */
export function processEnvBinding(context: Context, step: StepNode, name: string, withStep = true): RuntimeBinding | undefined {
  const stepEntry = withStep ? step.env?.vars.get(name) : undefined;
  if (stepEntry) return fromYaml({ name, entry: stepEntry, level: 'step' }, step);
  const written = githubEnvBefore(context, step, name);
  if (written) return fromGithubEnv(written);
  const outer = envBinding(step, name);
  return outer && outer.level !== 'step' ? fromYaml(outer, step) : undefined;
}

/** `actions/setup-node` with `registry-url` exports `NODE_AUTH_TOKEN` (a placeholder) for the later steps. */
function exportedByAction(step: StepNode, name: string): boolean {
  if (name !== 'NODE_AUTH_TOKEN') return false;
  const setupNode = lastActionBefore(step, 'actions/setup-node');
  return setupNode?.with.get('registry-url') !== undefined;
}

/**
 * The binding of `name` for command `command` of a step's script. `forChild`: the environment the
 * command's process gets (only exported shell variables; a prefix assignment counts); otherwise the
 * shell variable `$name` expands to in the command's words (a prefix assignment does not count).
 */
export function commandEnvBinding(context: Context, step: StepNode, command: number, name: string, forChild: boolean): RuntimeBinding | undefined {
  const state = scriptState(scriptEnv(context, step), name, command, forChild);
  const inherited = processEnvBinding(context, step, name);
  if (!state) return inherited;
  if (state.unset) return undefined;
  if (!state.assignment) return inherited;
  if (!forChild || state.assignment.scope === 'command') return fromScript(state.assignment, step);
  // A shell variable reaches a child process when exported, or when it was in the environment already.
  const exported = state.exported || inherited !== undefined || exportedByAction(step, name);
  return exported ? fromScript(state.assignment, step) : undefined;
}

/**
 * The variables whose names pass `test` in the environment of command `command` of a step (or, with
 * `command` undefined, of the step's process), each with its winning binding. `kind` names the test,
 * as for `envBindings`: names are filtered once per env block, job and script.
 */
export function runtimeBindings(context: Context, step: StepNode, command: number | undefined, kind: string, test: (name: string) => boolean): RuntimeBinding[] {
  const local = localNames(context, step, command, kind, test);
  const inherited = inheritedBindings(context, step.parent, kind, test);
  if (local.size === 0) return [...inherited];
  return [...inherited.filter((binding) => !local.has(binding.name)), ...localBindings(context, step, command, local)];
}

/** Where a value comes from, through `${{ env.X }}` and shell `$X` indirections: its secrets, and the binding that holds them. */
export interface RuntimeOrigin {
  readonly origin: ValueOrigin;
  readonly secrets: readonly string[];
  /** The binding the secret is written in, when it is not this one (`T: ${{ secrets.NPM_TOKEN }}` for `${{ env.T }}`). */
  readonly via?: YamlEntry | Span;
}

/** `$X` and `${X}` (`${X:-d}`, `${X#p}`…) in shell text; never `${{ }}`. */
const SHELL_REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?=[}:#%/^,-])|([A-Za-z_][A-Za-z0-9_]*))/g;
const HAS_SHELL_REFERENCE = /\$\{?[A-Za-z_]/;

/** How many indirections are followed; a cycle (`A: ${{ env.B }}`, `B: ${{ env.A }}`) stops there. */
const MAX_HOPS = 6;

/**
 * What `${{ env.name }}` reads where a binding is written: a step's `env:` is evaluated in the job's
 * env (the step's own entries are not in it yet), a job's in the workflow's, a script's in the step's.
 */
function expressionEnvBinding(context: Context, binding: RuntimeBinding, name: string): RuntimeBinding | undefined {
  const step = binding.seenFrom;
  if (binding.source === 'workflow') return undefined;
  if (binding.source === 'job') {
    const entry = step.parent.kind === 'job' ? step.parent.workflow.env?.vars.get(name) : undefined;
    return entry ? fromYaml({ name, entry, level: 'workflow' }, step) : undefined;
  }
  return processEnvBinding(context, step, name, binding.source !== 'step');
}

/** Where a binding's value comes from, following `${{ env.X }}` and (in scripts) `$X` to the bindings they read. */
export function runtimeOrigin(context: Context, binding: RuntimeBinding, hops = 0): RuntimeOrigin {
  if (hops === 0) return context.facts.memo('runtime-origin', binding.key, () => resolveOrigin(context, binding, 0));
  return resolveOrigin(context, binding, hops);
}

function resolveOrigin(context: Context, binding: RuntimeBinding, hops: number): RuntimeOrigin {
  const text = binding.value;
  if (text === undefined) return { origin: 'other-expression', secrets: [] };
  const direct = valueOrigin(text.replaceAll(LITERAL_DOLLAR, '$'));
  if (direct.origin === 'long-lived-secret' || (direct.origin === 'literal' && !HAS_SHELL_REFERENCE.test(text)) || hops >= MAX_HOPS) return direct;
  const targets: RuntimeBinding[] = [];
  const step = binding.seenFrom;
  for (const reference of referencesIn(text)) {
    if (reference.context !== 'env' || !reference.path[0] || reference.path[0] === '*') continue;
    const target = expressionEnvBinding(context, binding, reference.path[0]);
    if (target) targets.push(target);
  }
  if (binding.command !== undefined && (binding.source === 'script' || binding.source === 'command' || binding.source === 'github-env')) {
    for (const match of text.matchAll(SHELL_REFERENCE)) {
      const target = commandEnvBinding(context, step, binding.command, match[1] ?? match[2]!, false);
      if (target && target.key !== binding.key) targets.push(target);
    }
  }
  const secrets: string[] = [];
  let via: YamlEntry | Span | undefined;
  for (const target of targets) {
    const origin = resolveOrigin(context, target, hops + 1);
    if (origin.origin !== 'long-lived-secret') continue;
    secrets.push(...origin.secrets);
    via ??= origin.via ?? target.at;
  }
  if (secrets.length > 0) return { origin: 'long-lived-secret', secrets: [...new Set(secrets)], ...(via ? { via } : {}) };
  return targets.length > 0 ? { origin: 'other-expression', secrets: [] } : direct;
}

/**
 * Where text written by command `command` of a step's script comes from (`_authToken=$T`,
 * `${{ secrets.X }}`): `${{ env.X }}` and `$X` are followed as in an assignment at that command.
 */
export function textOrigin(context: Context, step: StepNode, command: number, text: string): RuntimeOrigin {
  return resolveOrigin(context, { name: '', source: 'command', value: text, at: step.span, step, command, key: step, seenFrom: step }, 0);
}

/**
 * The variables a job's steps all see (its `env` over the workflow's; a composite action has none),
 * whose names pass `test`, found once per job.
 */
export function inheritedBindings(context: Context, container: StepNode['parent'], kind: string, test: (name: string) => boolean): readonly RuntimeBinding[] {
  return context.facts.memo(`inherited-env:${kind}`, container, () => {
    if (container.kind !== 'job' || container.steps.length === 0) return [];
    const seenFrom = container.steps[0]!;
    const winners = new Map<string, RuntimeBinding>();
    for (const [level, block] of [['workflow', container.workflow.env], ['job', container.env]] as const) {
      if (!block) continue;
      for (const name of context.facts.memo(`env-names:${kind}`, block, () => [...block.vars.keys()].filter(test))) {
        winners.delete(name);
        winners.set(name, fromYaml({ name, entry: block.vars.get(name)!, level }, seenFrom));
      }
    }
    return [...winners.values()];
  });
}

/**
 * The names a step (or one command of its script) binds itself: its `env`, earlier `$GITHUB_ENV`
 * writes, its script's assignments and `unset`s. They shadow the job's bindings of the same names.
 */
export function localNames(context: Context, step: StepNode, command: number | undefined, kind: string, test: (name: string) => boolean): ReadonlySet<string> {
  const names = new Set<string>();
  if (step.env) for (const name of context.facts.memo(`env-names:${kind}`, step.env, () => [...step.env!.vars.keys()].filter(test))) names.add(name);
  const written = context.facts.memo(`github-env-names:${kind}`, step.parent, () => [...githubEnvWrites(context, step.parent).keys()].filter(test));
  for (const name of written) if (githubEnvBefore(context, step, name)) names.add(name);
  if (command !== undefined) {
    const script = context.facts.memo(`script-env-names:${kind}`, step, () => [...scriptEnv(context, step).names].filter(test));
    for (const name of script) names.add(name);
  }
  return names;
}

/**
 * Whether anything but the job's and workflow's `env` binds a name that passes `test` for a step (or
 * one command of its script): its own `env`, an earlier `$GITHUB_ENV` write, its script. When nothing
 * does, every step of the job sees the same variables, and callers can share one answer per job.
 */
export function bindsLocally(context: Context, step: StepNode, command: number | undefined, kind: string, test: (name: string) => boolean): boolean {
  return localNames(context, step, command, kind, test).size > 0;
}

/** The winning bindings of the names a step or command binds itself (see `localNames`). */
export function localBindings(context: Context, step: StepNode, command: number | undefined, names: ReadonlySet<string>): RuntimeBinding[] {
  const found: RuntimeBinding[] = [];
  for (const name of names) {
    const binding = command === undefined ? processEnvBinding(context, step, name) : commandEnvBinding(context, step, command, name, true);
    if (binding) found.push(binding);
  }
  return found;
}
