/** The npm CLI a step runs: `npx npm@X`, else the last global npm upgrade before it, else the npm bundled with its Node. */
import type { Span, StepNode } from '../../../../engine/ast.js';
import { NPM_INSTALL_VALUE_OPTIONS } from '../../../commands/options.js';
import type { Analysis } from '../../../context.js';
import { runCommands, type RunCommand } from '../../../run-script.js';
import { subset, toRange } from '../../../semver-range.js';
import { runsWhenever, stepsOf } from '../../../steps.js';
import type { NpmPublish } from '../sites.js';
import { bundledNpm } from './node-releases.js';
import { localActionChanges, nodeAt, type NodeFact } from './node.js';
import { NPM_DIST_TAGS } from './thresholds.js';

/** npm versions an `npm@<spec>` may install: dist-tags, `latest-11`, ranges; undefined when unknown. */
export function npmSpecRange(spec: string | undefined): string | undefined {
  const text = (spec ?? '').trim();
  if (text === '' || text === '*' || text.toLowerCase() === 'x') return NPM_DIST_TAGS.get('latest');
  const tag = NPM_DIST_TAGS.get(text.toLowerCase());
  if (tag) return tag;
  const line = /^(?:latest|next)-(\d+)$/i.exec(text);
  if (line) return toRange(line[1]!);
  const range = toRange(text);
  if (range === undefined) return undefined;
  // A range that admits the current `latest` installs `latest` (npm prefers the tag when it satisfies the range).
  return subset('>=12.0.0 <13.0.0-0', range) ? NPM_DIST_TAGS.get('latest') : range;
}

export interface NpmUpgrade {
  readonly step: StepNode;
  readonly command: RunCommand;
  /** The spec after `npm@` (`''` for a bare `npm`). */
  readonly spec: string;
  /** The package manager that installs it. */
  readonly via: 'npm' | 'pnpm' | 'yarn' | 'bun';
  /** The `npm@…` word's span. */
  readonly wordSpan: Span;
}

const INSTALL_SUBCOMMANDS: ReadonlySet<string> = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'update', 'up', 'upgrade', 'udpate']);

/**
 * A global install of npm: `npm install -g npm@11`, `npm i --global npm`, `npm update -g npm` (`via: 'npm'`,
 * which checks npm's engines and fails with EBADENGINE), or `pnpm add -g npm@latest`, `yarn global add npm`,
 * `bun add -g npm` (which only warn about engines). The spec is what follows `npm@` (`''` when unpinned).
 */
export function npmSelfUpgrade(words: readonly string[]): { spec: string; index: number; via: 'npm' | 'pnpm' | 'yarn' | 'bun' } | undefined {
  const tool = words[0];
  if (tool !== 'npm' && tool !== 'pnpm' && tool !== 'yarn' && tool !== 'bun') return undefined;
  let global = false;
  let sub: string | undefined;
  const packages: Array<{ word: string; index: number }> = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    if (word === '-g' || word === '--global' || word === '--global=true' || word === '--location=global') global = true;
    else if (word === '--location' && words[i + 1] === 'global') {
      global = true;
      i++;
    } else if (NPM_INSTALL_VALUE_OPTIONS.has(word)) i++;
    else if (word.startsWith('-')) continue;
    else if (tool === 'yarn' && sub === undefined && word === 'global') global = true;
    else if (sub === undefined) sub = word;
    else packages.push({ word, index: i });
  }
  if (!global || sub === undefined || !INSTALL_SUBCOMMANDS.has(sub)) return undefined;
  for (const { word, index } of packages) {
    if (word === 'npm') return { spec: sub.startsWith('up') || sub === 'udpate' ? 'latest' : '', index, via: tool };
    if (word.startsWith('npm@')) return { spec: word.slice(4), index, via: tool };
  }
  return undefined;
}

/**
 * Every global npm self-upgrade in a step's script, in order. Asked once per publish command, so
 * found once per step and run: a script with thousands of publishes stays linear.
 */
export function npmUpgradesIn(context: Analysis, step: StepNode): readonly NpmUpgrade[] {
  return context.facts.memo('npm-upgrades', step, () => {
    const found: NpmUpgrade[] = [];
    for (const command of runCommands(context, step)) {
      const upgrade = npmSelfUpgrade(command.words.map((word) => word.value));
      if (upgrade) found.push({ step, command, spec: upgrade.spec, via: upgrade.via, wordSpan: command.words[upgrade.index]!.span });
    }
    return found;
  });
}

/** Every global npm self-upgrade of a job or composite action, in step and command order; found once per run. */
function jobNpmUpgrades(context: Analysis, container: StepNode['parent']): readonly NpmUpgrade[] {
  return context.facts.memo('npm-upgrades:job', container, () => stepsOf(container).flatMap((candidate) => npmUpgradesIn(context, candidate)));
}

/**
 * The last upgrade before command `command` of step `stepIndex`, by binary search: asking for every
 * publish of a job of thousands of steps stays linear.
 */
function lastUpgradeBefore(upgrades: readonly NpmUpgrade[], stepIndex: number, command: number): NpmUpgrade | undefined {
  const before = (upgrade: NpmUpgrade) => upgrade.step.index < stepIndex || (upgrade.step.index === stepIndex && upgrade.command.index < command);
  let low = 0;
  let high = upgrades.length;
  // `before` holds for a prefix of the list: find its length.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (before(upgrades[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low > 0 ? upgrades[low - 1] : undefined;
}

export interface NpmFact {
  /** npm versions the publish may run with; undefined when unknown. */
  readonly range?: string;
  /** How to name it in a message: "npm 10.x (10.9.x at most) bundled with Node `22`", "npm `10`". */
  readonly display?: string;
  readonly source: 'npx' | 'upgrade' | 'bundled' | 'unknown';
  readonly node: NodeFact;
  readonly upgrade?: NpmUpgrade;
}

/** The npm CLI a step runs, before the command at `commandIndex` of its script (all of it when undefined). */
export function npmAt(context: Analysis, step: StepNode, commandIndex?: number): NpmFact {
  const node = nodeAt(context, step, commandIndex ?? Number.MAX_SAFE_INTEGER);
  // The last global npm upgrade earlier in the job, or earlier in the same script (none of the step's
  // own when no command is given).
  const upgrade = lastUpgradeBefore(jobNpmUpgrades(context, step.parent), step.index, commandIndex ?? 0);
  if (upgrade) {
    // An upgrade before the setup-node step changed another Node's npm: what is on PATH now is not known.
    if (node.step && upgrade.step.index < node.step.index) return { source: 'unknown', node };
    // A conditional upgrade may not run: npm is then the bundled one or the upgraded one.
    if (upgrade.step !== step && !runsWhenever(upgrade.step, step)) return { source: 'unknown', node };
    const range = npmSpecRange(upgrade.spec);
    return { ...(range ? { range } : {}), display: `npm \`${upgrade.spec || 'latest'}\` (installed by \`npm install -g\`)`, source: 'upgrade', node, upgrade };
  }
  const bundled = bundledNpm(node.range);
  if (!bundled) return { source: 'unknown', node };
  return { range: bundled.range, display: `${bundled.display} (bundled with Node)`, source: 'bundled', node };
}

/** The npm that runs a publish command: `npx npm@X` wins, then an earlier upgrade, then Node's bundled npm. */
export function npmForPublish(context: Analysis, publish: NpmPublish): NpmFact {
  const fact = npmAt(context, publish.step, publish.command?.index);
  if (publish.tool === 'npm' && publish.versionSpec !== undefined) {
    const range = npmSpecRange(publish.versionSpec);
    return { ...(range ? { range } : {}), display: `npm \`${publish.versionSpec}\``, source: 'npx', node: fact.node };
  }
  // A publish inside a local action that may set up its own Node or npm runs an npm not known here.
  if (publish.toolchainChangedBefore || (publish.inAction && localActionChanges(context, publish.step))) return { source: 'unknown', node: fact.node };
  return fact;
}

