/**
 * The Node a step runs with: the last `actions/setup-node` before it (`node-version`, or a
 * `node-version-file` in the repository), else the job's `node` container image. A step that may
 * switch Node or npm in ways not modelled (a version manager, an unknown action) makes it unknown.
 */
import type { JobNode, StepNode, YamlScalar } from '../../../../engine/ast.js';
import type { Analysis } from '../../../context.js';
import { hasExpression } from '../../../expressions.js';
import { asObject } from '../../../project/package-json.js';
import { normalizeDirectory } from '../../../project/paths.js';
import { runCommands } from '../../../run-script.js';
import { toRange, union } from '../../../semver-range.js';
import { fileOf, inputEntry, inputText, runsWhenever, stepsOf, usesAction } from '../../../steps.js';
import { nodeSpecRange } from './node-releases.js';

export interface NodeFact {
  /** Node versions the step may run with; undefined when unknown. */
  readonly range?: string;
  /** As written, for messages: `20`, `lts/iron`, `node:22-alpine`. */
  readonly text?: string;
  readonly source: 'setup-node' | 'node-version-file' | 'container' | 'unknown';
  /** The file a `node-version-file` named. */
  readonly file?: string;
  /** The setup-node `node-version` value or the container image: where a finding about the Node version points. */
  readonly at?: YamlScalar;
  /** The step that set it (setup-node); undefined for a job container. */
  readonly step?: StepNode;
}

const UNKNOWN_NODE: NodeFact = { source: 'unknown' };

/** Actions that install or switch Node or npm in ways we do not model. */
const NODE_CHANGING_ACTIONS = /(?:^|[/-])(?:node|nodejs|npm|volta|mise|asdf|nvm|fnm|nodenv|proto|devbox|nix|toolchain|setup-js|setup-pnpm)(?:$|[/-])/i;
const NEUTRAL_ACTIONS = new Set([
  'pnpm/action-setup',
  'js-devtools/npm-publish',
  'changesets/action',
  'actions/setup-node',
  'dtolnay/rust-toolchain',
  'actions-rs/toolchain',
]);
/** Shell commands that switch Node or npm (version managers, corepack's npm shim). */
export function switchesNodeOrNpm(words: readonly string[]): boolean {
  const [name, sub] = words;
  if (!name) return false;
  if (['nvm', 'n', 'fnm', 'nodenv', 'nodebrew', 'nvs'].includes(name)) return sub !== undefined && !['ls', 'list', 'current', 'version', '--version', 'which'].includes(sub);
  if (name === 'volta') return sub === 'install' || sub === 'pin' || sub === 'setup';
  if (name === 'mise' || name === 'rtx' || name === 'asdf') return sub !== undefined && ['use', 'install', 'global', 'local', 'shell', 'set'].includes(sub);
  // `corepack enable` alone shims Yarn and pnpm only; npm is switched only when named.
  if (name === 'corepack') return words.slice(1).some((word) => /^npm(?:@|$)/.test(word));
  return false;
}

interface StepScan {
  /** The last step before `before` that sets Node (setup-node). */
  setupNode?: StepNode;
  /** A step after the last Node source that may switch Node or npm in ways we do not model. */
  changedAfter: boolean;
}

/** Whether a local action may set up Node or npm itself (or cannot be read): then what runs inside it is unknown. */
export function localActionChanges(context: Analysis, step: StepNode): boolean {
  const path = step.uses!.name.replace(/^\.\//, '').replace(/\/+$/, '');
  const text = context.project.text(`${path}/action.yml`) ?? context.project.text(`${path}/action.yaml`);
  if (text === undefined) return true;
  return /setup-node|volta|mise|asdf|nvm|fnm|corepack|npm@|node-version/i.test(text);
}

/** Whether a step (before the one we resolve for) may change Node or npm. */
function stepChangesNodeOrNpm(context: Analysis, step: StepNode): boolean {
  const uses = step.uses;
  if (uses) {
    if (uses.kind === 'local') return localActionChanges(context, step);
    if (uses.kind !== 'repository') return uses.kind === 'unknown';
    if (NEUTRAL_ACTIONS.has(uses.name)) return false;
    return NODE_CHANGING_ACTIONS.test(uses.name);
  }
  return runCommands(context, step).some((command) => switchesNodeOrNpm(command.words.map((word) => word.value)));
}

/** What happened to Node before each step of a job: computed for every step in one pass, once per run. */
function scanBefore(context: Analysis, before: StepNode): StepScan {
  const scans = context.facts.memo('node-scan', before.parent, () => {
    const byStep = new Map<StepNode, StepScan>();
    let setupNode: StepNode | undefined;
    let changedAfter = false;
    for (const step of stepsOf(before.parent)) {
      byStep.set(step, { ...(setupNode ? { setupNode } : {}), changedAfter });
      if (usesAction(step, 'actions/setup-node')) {
        // A setup-node without a version (used for its cache or registry-url) leaves Node as it was.
        const sets = ['node-version', 'node-version-file'].some((name) => inputEntry(step, name) !== undefined);
        if (sets) {
          setupNode = step;
          changedAfter = false;
        }
      } else if (stepChangesNodeOrNpm(context, step)) changedAfter = true;
    }
    return byStep;
  });
  return scans.get(before) ?? { changedAfter: false };
}

/**
 * Readings of a scalar as a version: the source text (`20.10`) and, for a plain number, what the
 * runner sees after YAML turns it into a number (`20.1`). Both are kept so they must agree.
 */
function versionReadings(scalar: YamlScalar, fileText: string): string[] {
  const readings = [scalar.text];
  if (scalar.style === 'plain' && typeof scalar.value === 'number') {
    const source = fileText.slice(scalar.span.start, scalar.span.end).trim();
    if (source && source !== scalar.text) readings.push(source);
  }
  return readings;
}

/** Node versions named by a `node-version-file` that is in the linted repository. */
export function nodeVersionFromFile(context: Analysis, path: string): string | undefined {
  const clean = normalizeDirectory(path);
  if (!clean) return undefined;
  const text = context.project.text(clean);
  if (text === undefined) return undefined;
  const base = clean.slice(clean.lastIndexOf('/') + 1);
  if (base === 'package.json') {
    const json = context.project.json(clean);
    if (!json) return undefined;
    // setup-node reads `volta.node`, `devEngines.runtime` and `engines.node`; their order differs between
    // versions, so every one present must give the same answer (the union of their ranges).
    const specs: Array<string | undefined> = [];
    const volta = asObject(json.volta)?.node;
    if (typeof volta === 'string') specs.push(nodeSpecRange(volta));
    const runtimes = json.devEngines ? asObject(json.devEngines)?.runtime : undefined;
    for (const runtime of Array.isArray(runtimes) ? runtimes : runtimes ? [runtimes] : []) {
      const entry = asObject(runtime);
      if (entry?.name === 'node') specs.push(typeof entry.version === 'string' ? nodeSpecRange(entry.version) : undefined);
    }
    const engines = asObject(json.engines)?.node;
    if (typeof engines === 'string') specs.push(nodeSpecRange(engines));
    return union(specs);
  }
  const lines = text.split(/\r?\n/).map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean);
  if (base === '.tool-versions') {
    const line = lines.find((candidate) => /^(?:nodejs|node)\s/.test(candidate));
    const version = line?.split(/\s+/)[1];
    return version ? nodeSpecRange(version) : undefined;
  }
  return lines[0] ? nodeSpecRange(lines[0]) : undefined;
}

/** `node:20`, `docker.io/library/node:22-alpine`, `node:20.11.1-bookworm-slim` → Node range; other images → undefined. */
export function nodeFromImage(image: string): string | undefined {
  const text = image.trim();
  if (hasExpression(text)) return undefined;
  const withoutDigest = text.replace(/@sha256:[0-9a-f]+$/i, '');
  const match = /^(?:(?:docker\.io|index\.docker\.io|mirror\.gcr\.io)\/)?(?:library\/)?node:([^\s]+)$/i.exec(withoutDigest);
  if (!match) return undefined;
  const version = /^(\d+(?:\.\d+){0,2})(?:-|$)/.exec(match[1]!)?.[1];
  return version ? toRange(version) : undefined;
}

function containerImage(job: JobNode): YamlScalar | undefined {
  const value = job.container?.value;
  if (value?.type === 'scalar') return value;
  if (value?.type === 'map') {
    const image = value.byKey.get('image')?.value;
    return image?.type === 'scalar' ? image : undefined;
  }
  return undefined;
}

/** How to name a resolved Node in a message: "`20`", "from `.nvmrc`", "from the `node:20` container". */
export function nodeLabel(node: NodeFact): string {
  if (!node.text) return 'of an unknown version';
  if (node.source === 'node-version-file') return `from \`${node.text}\``;
  if (node.source === 'container') return `from the \`${node.text}\` container`;
  return `\`${node.text}\``;
}

/**
 * The Node a step runs with: the last setup-node before it, else the job's `node` container image.
 * With `commandIndex`, a version manager earlier in the same script (`nvm use 24 && …`) makes it unknown.
 */
export function nodeAt(context: Analysis, step: StepNode, commandIndex?: number): NodeFact {
  const scan = scanBefore(context, step);
  if (scan.changedAfter) return UNKNOWN_NODE;
  if (commandIndex !== undefined && firstSwitchIndex(context, step) < commandIndex) return UNKNOWN_NODE;
  // A conditional setup-node may not run, and then the Node is whatever came before it — unless the step
  // we resolve for runs under the same condition (`if: steps.release.outputs.release_created` on both).
  if (scan.setupNode && !runsWhenever(scan.setupNode, step)) return UNKNOWN_NODE;
  if (scan.setupNode) {
    const versionEntry = inputEntry(scan.setupNode, 'node-version');
    const version = versionEntry?.value.type === 'scalar' && versionEntry.value.text.trim() ? versionEntry.value : undefined;
    if (version) {
      const readings = versionReadings(version, fileOf(step).text);
      const range = union(readings.map(nodeSpecRange));
      return { ...(range ? { range } : {}), text: readings[readings.length - 1]!.trim(), source: 'setup-node', at: version, step: scan.setupNode };
    }
    const file = inputText(scan.setupNode, 'node-version-file');
    if (file?.trim()) {
      const range = nodeVersionFromFile(context, file);
      return { ...(range ? { range } : {}), text: file.trim(), file: file.trim(), source: 'node-version-file', step: scan.setupNode };
    }
    // setup-node without a version keeps the runner's Node (or the container's, below).
  }
  const job = step.parent.kind === 'job' ? step.parent : undefined;
  const image = job ? containerImage(job) : undefined;
  if (image) {
    const range = nodeFromImage(image.text);
    if (range) return { range, text: image.text.trim(), source: 'container', at: image };
  }
  return UNKNOWN_NODE;
}

// --- npm resolution ---------------------------------------------------------------------------

/** Index of the first command that switches Node or npm (`nvm use`, `volta install`) in a step's script, or Infinity. */
function firstSwitchIndex(context: Analysis, step: StepNode): number {
  return context.facts.memo('node-switch-index', step, () => runCommands(context, step).find((command) => switchesNodeOrNpm(command.words.map((word) => word.value)))?.index ?? Infinity);
}
