/**
 * Version facts for trusted publishing, as data with their sources, and the resolution of the Node,
 * npm and tool versions a workflow step runs with. Every question is answered three-valued:
 * `below` (every possible version is below the threshold), `at-least` (every possible version is at
 * or above it) or `unknown`. A version is a semver range of what it may be (`node-version: 22` is
 * any 22.x), never a guess of what it probably is: a range that straddles a threshold is unknown,
 * and rules that need the answer stay silent.
 *
 * Facts are as of 2026-11 (the spec, `npm-trusted-publishing.md`, was written from 2026-08/09 sources).
 */
import semver from 'semver';
import type { JobNode, Span, StepNode, YamlEntry, YamlScalar } from '../engine/ast.js';
import type { ProjectFiles } from '../engine/rule.js';
import type { Settings } from '../engine/settings.js';
import { actionVersion, parseVersionTag, type ActionVersion } from './action-version.js';
import { effectiveEnv } from './env.js';
import { hasExpression, valueOrigin } from './expressions.js';
import { detectPublish, publishAuth, tokenChannel, type PublishCommand, type PublishFacts, type PublishTool } from './publish.js';
import { runCommands, type RunCommand } from './run-script.js';
import { normalizeDirectory, readProjectJson, stepDirectory } from './project-json.js';
import { inputEntry, inputText, stepsOf, usesAction } from './setup-node.js';
import { parseShell } from './shell.js';

// --- Facts ------------------------------------------------------------------------------------

export interface VersionFact {
  readonly version: string;
  readonly source: string;
}

/** npm does trusted publishing (OIDC) from this version on. */
export const NPM_OIDC_MINIMUM: VersionFact = {
  version: '11.5.1',
  source:
    'https://docs.npmjs.com/trusted-publishers ("requires npm CLI version 11.5.1 or later"); npm changelog 11.5.0 "adds support for oidc publish" (npm/cli#8336), 11.5.1 (#8457)',
};

/** `npm stage publish` exists (and does OIDC) from this version on. */
export const NPM_STAGE_PUBLISH_MINIMUM: VersionFact = {
  version: '11.15.0',
  source: 'https://docs.npmjs.com/staged-publishing (staged publishing GA 2026-05-20, needs npm >= 11.15.0)',
};

/** npm 12's `engines.node`: `npm install -g npm@12` fails with EBADENGINE on any other Node. */
export const NPM_12_ENGINES = {
  range: '^22.22.2 || ^24.15.0 || >=26.0.0',
  source: 'npm changelog 12.0.0 (2026-07-08): "`npm` now supports node `^22.22.2 || ^24.15.0 || >=26.0.0`"',
} as const;

/** npm 11's `engines.node`: below it even `npm install -g npm@11` fails with EBADENGINE. */
export const NPM_11_ENGINES = {
  range: '^20.17.0 || >=22.9.0',
  source: 'npm changelog 11.0.0: engines `^20.17.0 || >=22.9.0` (spec §1.1)',
} as const;

/**
 * What npm's dist-tags point at. `latest` has been npm 12 since 2026-07 (spec §1.3: "`npm@latest` is now
 * v12"); `next` is never older than `latest`.
 */
export const NPM_DIST_TAGS: Readonly<Record<string, string>> = {
  latest: '>=12.0.0',
  next: '>=12.0.0',
};

export interface BundledNpm {
  /** Node versions (a semver range). */
  readonly node: string;
  /** The npm those Node releases bundle (a semver range covering all of them). */
  readonly npm: string;
  /** How to name it in a message. */
  readonly display: string;
  readonly source: string;
}

/**
 * The npm each Node release bundles. Ranges leave no gap except Node 23 (whether a 23.x took npm 11 is not
 * sourced), so a Node range that reaches 23.x is unknown. Within the 24.x line the bundled npm only goes up,
 * so between two sourced points it lies between their npm versions.
 */
export const BUNDLED_NPM: readonly BundledNpm[] = [
  {
    node: '<20.0.0',
    npm: '<11.0.0',
    display: 'npm < 11',
    source: 'npm 11.0.0 (2024-12) first shipped with Node 24.0.0; LTS lines never take a semver-major npm (Node release policy)',
  },
  {
    node: '>=20.0.0 <21.0.0-0',
    npm: '>=9.6.4 <11.0.0',
    display: 'npm 10.8.x or older',
    source: 'Node 20.0.0 shipped npm 9.6.4 (CHANGELOG_V20.md); spec §1.2: Node 20 bundles 10.8.x (armitage-labs/creem#101 "npm 10.8.2 (bundled with Node 20)")',
  },
  {
    node: '>=21.0.0 <22.0.0-0',
    npm: '<11.0.0',
    display: 'npm 10.x',
    source: 'Node 21 reached end of life (2024-06) before npm 11.0.0 was released (2024-12)',
  },
  {
    node: '>=22.0.0 <23.0.0-0',
    npm: '>=10.5.1 <=10.9.8',
    display: 'npm 10.x (10.9.x at most)',
    source: 'spec §1.2: every Node 22 npm bump is 10.x, the last 10.9.8 in 22.22.3 (CHANGELOG_V22.md "upgrade npm to 10.9.2/10.9.3/10.9.4"); 22.0.0 shipped 10.5.1',
  },
  {
    node: '>=24.0.0 <24.5.0',
    npm: '>=11.3.0 <11.5.1',
    display: 'npm 11 below 11.5.1',
    source: 'CHANGELOG_V24.md: 24.0.0 shipped npm 11.3.0; 24.5.0 (2025-07-31) is the release that upgraded npm to 11.5.1 (#59199)',
  },
  {
    node: '>=24.5.0 <=24.8.0',
    npm: '>=11.5.1 <=11.6.0',
    display: 'npm 11.5.1–11.6.0',
    source: 'CHANGELOG_V24.md 24.5.0 "deps: upgrade npm to 11.5.1 (npm team) #59199"; spec §1.2: 24.8.0 → npm 11.6.0',
  },
  {
    node: '>24.8.0 <24.21.0',
    npm: '>=11.6.0 <=11.19.0',
    display: 'npm 11.6.0–11.19.0',
    source: 'spec §1.2: 24.8.0 → npm 11.6.0, 24.21.0 → npm 11.19.0 (bundled npm only goes up within a line)',
  },
  {
    node: '>=24.21.0 <25.0.0-0',
    npm: '>=11.19.0 <12.0.0',
    display: 'npm 11.19.0 or later 11.x',
    source: 'spec §1.2: 24.21.0 → npm 11.19.0; an LTS line never takes a semver-major npm',
  },
  {
    node: '>=25.0.0',
    npm: '>=11.6.0',
    display: 'npm 11.6 or later',
    source: 'spec §1.2: 25.x, 26.x bundle npm ≥ 11.6 (Node 25.0.0, 2025-10, branched from main after npm 11.5.1 landed in 24.5.0)',
  },
];

/** LTS codenames (nvm and setup-node accept `lts/<name>`). Only finished lines: their meaning never changes. */
export const NODE_LTS_CODENAMES: Readonly<Record<string, number>> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};
// `lts/*`, `latest`, `current`, `node`, `stable`: `lts/*` moved from 24 to 26 in late October 2026 and a
// runner's tool cache or setup-node's manifest may lag behind, so these are left unknown.

export type OidcTool = 'pnpm' | 'yarn-berry' | 'lerna' | 'lerna-lite' | 'semantic-release' | 'semantic-release-npm' | 'js-devtools-npm-publish';

export interface ToolThreshold {
  /** The first version that does trusted publishing (for pnpm: publishes natively instead of through the npm on PATH). */
  readonly minimum: string;
  readonly display: string;
  readonly source: string;
}

/** Tools that do OIDC themselves, from which version. `bun publish` and Yarn 1 cannot (see `NO_OIDC_TOOLS`). */
export const OIDC_TOOL_MINIMUMS: Readonly<Record<OidcTool, ToolThreshold>> = {
  pnpm: {
    minimum: '11.0.0',
    display: 'pnpm',
    source: 'https://pnpm.io/blog/releases/11.0 (native publish; pnpm 10 runs the npm on PATH, pnpm/pnpm#9812)',
  },
  'yarn-berry': {
    minimum: '4.10.3',
    display: 'Yarn',
    source: '@yarnpkg/cli 4.10.0 added OIDC (yarnpkg/berry#6898, #6911), 4.10.3 fixed scoped packages (DataDog/build-plugins#242)',
  },
  lerna: { minimum: '9.0.0', display: 'Lerna', source: 'lerna CHANGELOG 9.0.0 (2025-09-23): "support OIDC trusted publishing"' },
  'lerna-lite': { minimum: '4.9.0', display: 'lerna-lite', source: 'lerna-lite 4.9.0 (lerna-lite/lerna-lite#1150)' },
  'semantic-release-npm': {
    minimum: '13.1.0',
    display: '`@semantic-release/npm`',
    source: '@semantic-release/npm 13.1.0 (2025-10-19) "trusted-publishing: verify auth, considering OIDC vs tokens" (lib/verify-auth.js)',
  },
  'semantic-release': {
    minimum: '25.0.0',
    display: 'semantic-release',
    source: 'semantic-release 25 ships @semantic-release/npm 13; 24 depends on @semantic-release/npm ^12 (ENONPMTOKEN under OIDC, TalismanSociety/siws#13)',
  },
  'js-devtools-npm-publish': {
    minimum: '4.1.0',
    display: '`JS-DevTools/npm-publish`',
    source: 'JS-DevTools/npm-publish v4.1.0 (2025-09-22) "allow token to be optional for OIDC-based publish (#247)"; v1–v3 `token` is required',
  },
};

export const NO_OIDC_TOOLS = {
  bun: { source: 'oven-sh/bun docs/pm/cli/publish.mdx: token from NPM_CONFIG_TOKEN, bunfig.toml or .npmrc; no OIDC' },
  'yarn-classic': { source: 'Only Yarn Berry implemented OIDC (yarnpkg/berry#6898); Yarn 1 `yarn publish` authenticates from .npmrc only' },
} as const;

// --- Three-valued comparison ------------------------------------------------------------------

export type Answer = 'below' | 'at-least' | 'unknown';

/** Whether every version in `range` is below `threshold`, every one is at least `threshold`, or neither. */
export function compareRange(range: string | undefined, threshold: string): Answer {
  if (range === undefined) return 'unknown';
  try {
    if (semver.subset(range, `<${threshold}`)) return 'below';
    if (semver.subset(range, `>=${threshold}`)) return 'at-least';
  } catch {
    return 'unknown';
  }
  return 'unknown';
}

/** Whether every version in `range` is inside `allowed`, none is, or some are. */
export function rangeWithin(range: string | undefined, allowed: string): 'inside' | 'outside' | 'unknown' {
  if (range === undefined) return 'unknown';
  try {
    if (!semver.intersects(range, allowed)) return 'outside';
    if (semver.subset(range, allowed)) return 'inside';
  } catch {
    return 'unknown';
  }
  return 'unknown';
}

const RANGE_CHARS = /^[\dxX*^~<>=|.\s-]+$/;

/** A semver range from a version spec (`20`, `v20.11.0`, `^22`, `22.x`), or undefined when it is not one. */
export function toRange(spec: string): string | undefined {
  const text = spec.trim().replace(/^v(?=\d)/i, '').replace(/(\s|^)v(?=\d)/gi, '$1');
  if (!text || !RANGE_CHARS.test(text) || !/\d/.test(text)) return undefined;
  return semver.validRange(text) ?? undefined;
}

/** Union of ranges; undefined when any is unknown. */
function union(ranges: ReadonlyArray<string | undefined>): string | undefined {
  if (ranges.length === 0 || ranges.some((range) => range === undefined)) return undefined;
  return [...new Set(ranges)].join(' || ');
}

// --- Node version specs -----------------------------------------------------------------------

/** Node versions a spec may select: a version, a range or an LTS codename; undefined when unknown. */
export function nodeSpecRange(spec: string): string | undefined {
  const text = spec.trim();
  if (!text || hasExpression(text)) return undefined;
  const lts = /^lts\/([a-z]+)$/i.exec(text);
  if (lts) {
    const major = NODE_LTS_CODENAMES[lts[1]!.toLowerCase()];
    return major === undefined ? undefined : toRange(String(major));
  }
  return toRange(text);
}

/** The npm bundled with any Node in `nodeRange`, or undefined when some of it is not known. */
export function bundledNpm(nodeRange: string | undefined): { range: string; display: string } | undefined {
  if (nodeRange === undefined) return undefined;
  const hits = BUNDLED_NPM.filter((entry) => semver.intersects(entry.node, nodeRange));
  if (hits.length === 0 || !semver.subset(nodeRange, hits.map((entry) => entry.node).join(' || '))) return undefined;
  return { range: hits.map((entry) => entry.npm).join(' || '), display: hits.map((entry) => entry.display).join(' or ') };
}

/** npm versions an `npm@<spec>` may install: dist-tags, `latest-11`, ranges; undefined when unknown. */
export function npmSpecRange(spec: string | undefined): string | undefined {
  const text = (spec ?? '').trim();
  if (text === '' || text === '*' || text.toLowerCase() === 'x') return NPM_DIST_TAGS.latest;
  const tag = NPM_DIST_TAGS[text.toLowerCase()];
  if (tag) return tag;
  const line = /^(?:latest|next)-(\d+)$/i.exec(text);
  if (line) return toRange(line[1]!);
  const range = toRange(text);
  if (range === undefined) return undefined;
  // A range that admits the current `latest` installs `latest` (npm prefers the tag when it satisfies the range).
  try {
    if (semver.subset('>=12.0.0 <13.0.0-0', range)) return NPM_DIST_TAGS.latest;
  } catch {
    return undefined;
  }
  return range;
}

// --- Project files ----------------------------------------------------------------------------

export { readProjectJson, stepDirectory };

const record = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const join = (directory: string, file: string) => (directory ? `${directory}/${file}` : file);

/** The package.json files that decide a step's tools: its working directory's, then the root's. */
function packageJsons(step: StepNode, project: ProjectFiles): Array<Record<string, unknown>> {
  const directory = stepDirectory(step);
  const paths = directory === undefined ? ['package.json'] : [...new Set([join(directory, 'package.json'), 'package.json'])];
  return paths.map((path) => readProjectJson(project, path)).filter((json): json is Record<string, unknown> => json !== undefined);
}

/** A dependency's declared spec in package.json (`devDependencies` first), or undefined when not declared. */
export function declaredDependency(json: Record<string, unknown>, name: string): string | undefined {
  for (const field of ['devDependencies', 'dependencies', 'optionalDependencies']) {
    const spec = record(json[field])?.[name];
    if (typeof spec === 'string') return spec;
  }
  return undefined;
}

/** `packageManager: "pnpm@10.17.0+sha512…"` → `{ name: 'pnpm', range: '10.17.0' }`. */
export function packageManagerOf(json: Record<string, unknown> | undefined): { name: string; range?: string; spec: string } | undefined {
  const value = json?.packageManager;
  if (typeof value !== 'string') return undefined;
  const match = /^(@?[^@\s]+)@([^+\s]+)/.exec(value.trim());
  if (!match) return undefined;
  const range = toRange(match[2]!);
  return { name: match[1]!, spec: `${match[1]}@${match[2]}`, ...(range ? { range } : {}) };
}

// --- Node resolution --------------------------------------------------------------------------

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

function localActionChanges(step: StepNode, project: ProjectFiles): boolean {
  const path = step.uses!.name.replace(/^\.\//, '').replace(/\/+$/, '');
  const text = project.readFile(`${path}/action.yml`) ?? project.readFile(`${path}/action.yaml`);
  if (text === undefined) return true;
  return /setup-node|volta|mise|asdf|nvm|fnm|corepack|npm@|node-version/i.test(text);
}

/** Whether a step (before the one we resolve for) may change Node or npm. */
function stepChangesNodeOrNpm(step: StepNode, fileText: string, project: ProjectFiles): boolean {
  const uses = step.uses;
  if (uses) {
    if (uses.kind === 'local') return localActionChanges(step, project);
    if (uses.kind !== 'repository') return uses.kind === 'unknown';
    if (NEUTRAL_ACTIONS.has(uses.name)) return false;
    return NODE_CHANGING_ACTIONS.test(uses.name);
  }
  return runCommands(step, fileText).some((command) => switchesNodeOrNpm(command.words.map((word) => word.value)));
}

const scanCache = new WeakMap<StepNode, StepScan>();

/** What happened to Node before a step; computed for every step of the job in one pass, then cached. */
function scanBefore(before: StepNode, fileText: string, project: ProjectFiles): StepScan {
  const cached = scanCache.get(before);
  if (cached) return cached;
  let setupNode: StepNode | undefined;
  let changedAfter = false;
  for (const step of stepsOf(before.parent)) {
    scanCache.set(step, { ...(setupNode ? { setupNode } : {}), changedAfter });
    if (usesAction(step, 'actions/setup-node')) {
      // A setup-node without a version (used for its cache or registry-url) leaves Node as it was.
      const sets = ['node-version', 'node-version-file'].some((name) => inputEntry(step, name) !== undefined);
      if (sets) {
        setupNode = step;
        changedAfter = false;
      }
    } else if (stepChangesNodeOrNpm(step, fileText, project)) changedAfter = true;
  }
  return scanCache.get(before) ?? { changedAfter: false };
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
export function nodeVersionFromFile(project: ProjectFiles, path: string): string | undefined {
  const clean = normalizeDirectory(path);
  if (!clean) return undefined;
  const text = project.readFile(clean);
  if (text === undefined) return undefined;
  const base = clean.slice(clean.lastIndexOf('/') + 1);
  if (base === 'package.json') {
    let json: Record<string, unknown> | undefined;
    try {
      json = record(JSON.parse(text));
    } catch {
      return undefined;
    }
    if (!json) return undefined;
    // setup-node reads `volta.node`, `devEngines.runtime` and `engines.node`; their order differs between
    // versions, so every one present must give the same answer (the union of their ranges).
    const specs: Array<string | undefined> = [];
    const volta = record(json.volta)?.node;
    if (typeof volta === 'string') specs.push(nodeSpecRange(volta));
    const runtimes = json.devEngines ? record(json.devEngines)?.runtime : undefined;
    for (const runtime of Array.isArray(runtimes) ? runtimes : runtimes ? [runtimes] : []) {
      const entry = record(runtime);
      if (entry?.name === 'node') specs.push(typeof entry.version === 'string' ? nodeSpecRange(entry.version) : undefined);
    }
    const engines = record(json.engines)?.node;
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

/** A step's `if:` without `${{ }}` and spacing, for comparing conditions. */
function conditionOf(step: StepNode): string | undefined {
  const value = step.if?.value;
  if (!value) return undefined;
  const text = value.type === 'scalar' ? value.text : '?';
  return text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1').replace(/\s+/g, '');
}

/** Whether `earlier` certainly ran when `later` runs: it has no `if:`, or the same `if:` as `later`. */
function runsWhenever(earlier: StepNode, later: StepNode): boolean {
  const condition = conditionOf(earlier);
  return condition === undefined || condition === conditionOf(later);
}

export interface ResolveContext {
  readonly text: string;
  readonly project: ProjectFiles;
}

/**
 * The Node a step runs with: the last setup-node before it, else the job's `node` container image.
 * With `commandIndex`, a version manager earlier in the same script (`nvm use 24 && …`) makes it unknown.
 */
export function nodeAt(step: StepNode, context: ResolveContext, commandIndex?: number): NodeFact {
  const scan = scanBefore(step, context.text, context.project);
  if (scan.changedAfter) return UNKNOWN_NODE;
  if (commandIndex !== undefined && firstSwitchIndex(step, context.text) < commandIndex) return UNKNOWN_NODE;
  // A conditional setup-node may not run, and then the Node is whatever came before it — unless the step
  // we resolve for runs under the same condition (`if: steps.release.outputs.release_created` on both).
  if (scan.setupNode && !runsWhenever(scan.setupNode, step)) return UNKNOWN_NODE;
  if (scan.setupNode) {
    const versionEntry = inputEntry(scan.setupNode, 'node-version');
    const version = versionEntry?.value.type === 'scalar' && versionEntry.value.text.trim() ? versionEntry.value : undefined;
    if (version) {
      const readings = versionReadings(version, context.text);
      const range = union(readings.map(nodeSpecRange));
      return { ...(range ? { range } : {}), text: readings[readings.length - 1]!.trim(), source: 'setup-node', at: version, step: scan.setupNode };
    }
    const file = inputText(scan.setupNode, 'node-version-file');
    if (file?.trim()) {
      const range = nodeVersionFromFile(context.project, file);
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

const INSTALL_SUBCOMMANDS = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'update', 'up', 'upgrade', 'udpate']);
const NPM_OPTIONS_WITH_VALUE = new Set(['--prefix', '--registry', '--location', '--cache', '--userconfig', '--loglevel', '-C']);

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
    } else if (NPM_OPTIONS_WITH_VALUE.has(word)) i++;
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

// Per-step scans are asked once per publish command; a script with thousands of publishes made them
// quadratic, so each is computed once per step (steps are immutable model nodes).
const switchIndexCache = new WeakMap<StepNode, number>();
const upgradesCache = new WeakMap<StepNode, NpmUpgrade[]>();
const globalInstallCache = new WeakMap<StepNode, string[][]>();
const authWriteCache = new WeakMap<StepNode, number[]>();

/** Index of the first command that switches Node or npm (`nvm use`, `volta install`), or Infinity. */
function firstSwitchIndex(step: StepNode, fileText: string): number {
  let index = switchIndexCache.get(step);
  if (index === undefined) {
    index = runCommands(step, fileText).find((command) => switchesNodeOrNpm(command.words.map((word) => word.value)))?.index ?? Infinity;
    switchIndexCache.set(step, index);
  }
  return index;
}

/** Every global npm self-upgrade in a step's script, in order. */
export function npmUpgradesIn(step: StepNode, fileText: string): NpmUpgrade[] {
  const cached = upgradesCache.get(step);
  if (cached) return cached;
  const found: NpmUpgrade[] = [];
  for (const command of runCommands(step, fileText)) {
    const upgrade = npmSelfUpgrade(command.words.map((word) => word.value));
    if (upgrade) found.push({ step, command, spec: upgrade.spec, via: upgrade.via, wordSpan: command.words[upgrade.index]!.span });
  }
  upgradesCache.set(step, found);
  return found;
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
export function npmAt(step: StepNode, context: ResolveContext, commandIndex?: number): NpmFact {
  const node = nodeAt(step, context, commandIndex ?? Number.MAX_SAFE_INTEGER);
  // The last global npm upgrade earlier in the job, or earlier in the same script.
  let upgrade: NpmUpgrade | undefined;
  for (const candidate of stepsOf(step.parent)) {
    if (candidate.index > step.index) break;
    for (const found of npmUpgradesIn(candidate, context.text)) {
      if (candidate === step && (commandIndex === undefined || found.command.index >= commandIndex)) continue;
      upgrade = found;
    }
  }
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
export function npmForPublish(publish: PublishCommand, context: ResolveContext): NpmFact {
  const fact = npmAt(publish.step, context, publish.command?.index);
  if (publish.tool === 'npm' && publish.versionSpec !== undefined) {
    const range = npmSpecRange(publish.versionSpec);
    return { ...(range ? { range } : {}), display: `npm \`${publish.versionSpec}\``, source: 'npx', node: fact.node };
  }
  if (publish.script !== undefined && scriptUpgradesNpm(publish, context.project)) return { source: 'unknown', node: fact.node };
  return fact;
}

/** A package.json script that upgrades npm itself before publishing (`npm i -g npm@11 && npm publish`). */
function scriptUpgradesNpm(publish: PublishCommand, project: ProjectFiles): boolean {
  for (const json of packageJsons(publish.step, project)) {
    const body = record(json.scripts)?.[publish.script!];
    if (typeof body !== 'string') continue;
    return parseShell(body).some((command) => npmSelfUpgrade(command.words.map((word) => word.value)) !== undefined);
  }
  return false;
}

// --- Tool versions ----------------------------------------------------------------------------

export interface ToolVersion {
  /** Versions the tool may be; undefined when unknown. */
  readonly range?: string;
  /** Where it was read, for messages (`packageManager`, `pnpm/action-setup`, `@v3`). */
  readonly from?: string;
}

const UNKNOWN_TOOL: ToolVersion = {};

/** `v3`, `v4.0.1`, `4.1.0` → range; branches, SHAs and prerelease tags → undefined. */
export function refRange(ref: string | undefined): string | undefined {
  const version = ref === undefined ? undefined : parseVersionTag(ref, 'ref');
  return version ? versionRange(version) : undefined;
}

/** The releases an action version may be: `v3` any 3.x, `v4.0` any 4.0.x, `v4.0.1` exactly that. */
function versionRange(version: ActionVersion): string | undefined {
  if (version.prerelease !== undefined) return undefined;
  const { major, minor, patch } = version;
  return toRange(patch !== undefined ? `${major}.${minor}.${patch}` : minor !== undefined ? `${major}.${minor}` : `${major}`);
}

/** The version of a `uses:` action from its tag, or from the `# vX.Y.Z` comment after a SHA pin (`action-version.ts`). */
export function actionRefVersion(step: StepNode): ToolVersion {
  const uses = step.uses;
  const version = uses ? actionVersion(uses) : undefined;
  const range = version ? versionRange(version) : undefined;
  if (!uses || !version || !range) return UNKNOWN_TOOL;
  return {
    range,
    from: version.source === 'ref' ? `\`${uses.scalar.text.trim()}\`` : `\`${uses.name}@${uses.ref?.slice(0, 7)}… # ${uses.refComment}\``,
  };
}

/** Global installs of a package earlier in the job (`npm i -g pnpm@10`), newest last. */
function globalInstalls(step: StepNode, fileText: string, name: string): string[] {
  const specs: string[] = [];
  for (const candidate of stepsOf(step.parent)) {
    if (candidate.index >= step.index) break;
    let installs = globalInstallCache.get(candidate);
    if (!installs) {
      installs = runCommands(candidate, fileText)
        .map((command) => command.words.map((word) => word.value))
        .filter((words) => words[0] === 'npm' && words.some((word) => word === '-g' || word === '--global' || word === '--location=global'));
      globalInstallCache.set(candidate, installs);
    }
    for (const words of installs) {
      for (const word of words) if (word === name || word.startsWith(`${name}@`)) specs.push(word.slice(name.length + 1));
    }
  }
  return specs;
}

/**
 * pnpm's version: `npx pnpm@X`, `pnpm/action-setup` `version:`, a global install, `packageManager`.
 * pnpm/action-setup refuses a `version:` that disagrees with `packageManager`, and pnpm ≥ 9.7 switches
 * to the `packageManager` version itself, so all the sources present must agree.
 */
export function pnpmVersion(step: StepNode, context: ResolveContext, versionSpec?: string): ToolVersion {
  if (versionSpec !== undefined) return withFrom(pnpmSpec(versionSpec), `\`pnpm@${versionSpec}\``);
  const candidates: Array<string | undefined> = [];
  const from: string[] = [];
  let setup: StepNode | undefined;
  for (const candidate of stepsOf(step.parent)) {
    if (candidate.index >= step.index) break;
    if (usesAction(candidate, 'pnpm/action-setup')) setup = candidate;
  }
  const setupVersion = setup ? inputText(setup, 'version') : undefined;
  if (setupVersion?.trim()) {
    candidates.push(pnpmSpec(setupVersion));
    from.push(`pnpm/action-setup \`version: ${setupVersion.trim()}\``);
  }
  for (const spec of globalInstalls(step, context.text, 'pnpm')) {
    candidates.push(pnpmSpec(spec));
    from.push(`\`npm install -g pnpm@${spec}\``);
  }
  const manager = packageManagers(step, context.project).find((entry) => entry.name === 'pnpm');
  if (manager) {
    candidates.push(manager.range);
    from.push(`\`"packageManager": "${manager.spec}"\``);
  }
  if (candidates.length === 0) return UNKNOWN_TOOL;
  return withFrom(union(candidates), from.join(' and '));
}

function pnpmSpec(spec: string): string | undefined {
  const text = spec.trim().toLowerCase();
  // pnpm 11.0.0 was released 2026-04-28: `latest` has been 11 or later since.
  if (text === 'latest' || text === '' || text === '*') return '>=11.0.0';
  return toRange(text);
}

function withFrom(range: string | undefined, from: string): ToolVersion {
  return range ? { range, from } : UNKNOWN_TOOL;
}

function packageManagers(step: StepNode, project: ProjectFiles): Array<{ name: string; range?: string; spec: string }> {
  const found: Array<{ name: string; range?: string; spec: string }> = [];
  for (const json of packageJsons(step, project)) {
    const manager = packageManagerOf(json);
    if (manager) {
      found.push(manager);
      break;
    }
  }
  return found;
}

/** Yarn's version from `packageManager` and `.yarnrc.yml` `yarnPath` (which wins when both exist; they must agree). */
export function yarnVersion(step: StepNode, context: ResolveContext): ToolVersion & { berry?: boolean } {
  const candidates: Array<string | undefined> = [];
  const from: string[] = [];
  const manager = packageManagers(step, context.project).find((entry) => entry.name === 'yarn');
  if (manager) {
    candidates.push(manager.range);
    from.push(`\`"packageManager": "${manager.spec}"\``);
  }
  const directory = stepDirectory(step);
  const rcPaths = directory === undefined ? ['.yarnrc.yml'] : [...new Set([join(directory, '.yarnrc.yml'), '.yarnrc.yml'])];
  let hasYarnrc = false;
  for (const path of rcPaths) {
    const rc = context.project.readFile(path);
    if (rc === undefined) continue;
    hasYarnrc = true;
    const yarnPath = /^\s*yarnPath\s*:\s*["']?([^"'\s#]+)/m.exec(rc)?.[1];
    if (yarnPath) {
      const version = /yarn-(\d+\.\d+\.\d+)\.c?js$/.exec(yarnPath)?.[1];
      candidates.push(version ? toRange(version) : undefined);
      from.push(`\`yarnPath: ${yarnPath}\``);
    }
    break;
  }
  const berry = manager?.range !== undefined ? compareRange(manager.range, '2.0.0') === 'at-least' : hasYarnrc ? true : undefined;
  if (candidates.length === 0) return berry === undefined ? UNKNOWN_TOOL : { berry };
  const range = union(candidates);
  return { ...(range ? { range, from: from.join(' and ') } : {}), ...(berry !== undefined ? { berry } : {}) };
}

/** Whether the repository's Yarn is Yarn 1 for certain (no Berry config, no `packageManager` naming Yarn 2+). */
export function isYarnClassic(step: StepNode, context: ResolveContext): boolean | undefined {
  const jsons = packageJsons(step, context.project);
  if (jsons.length === 0) return undefined;
  const manager = packageManagerOf(jsons[0]);
  if (manager && manager.name !== 'yarn') return undefined;
  if (manager) return compareRange(manager.range, '2.0.0') === 'below' ? true : undefined;
  const directory = stepDirectory(step);
  const rcPaths = directory === undefined ? ['.yarnrc.yml'] : [...new Set([join(directory, '.yarnrc.yml'), '.yarnrc.yml'])];
  if (rcPaths.some((path) => context.project.readFile(path) !== undefined)) return false;
  return true;
}

/** A declared dependency across the step's package.json files (working directory first, then the root). */
export function dependencyVersion(step: StepNode, project: ProjectFiles, name: string): ToolVersion | undefined {
  for (const json of packageJsons(step, project)) {
    const spec = declaredDependency(json, name);
    if (spec === undefined) continue;
    // `workspace:`, `npm:`, git and file specs say nothing about the version.
    const range = toRange(spec);
    return range ? { range, from: `\`"${name}": "${spec}"\` in package.json` } : UNKNOWN_TOOL;
  }
  return undefined;
}

export function packageJsonsOf(step: StepNode, project: ProjectFiles): Array<Record<string, unknown>> {
  return packageJsons(step, project);
}

/**
 * Whether semantic-release's config loads `@semantic-release/npm` with publishing on: true with no config
 * (the default plugin set includes it), false when a config lists plugins without it or sets
 * `npmPublish: false`, undefined when a config cannot be read (a shareable `extends`, JS that builds it).
 */
export function semanticReleasePublishesToNpm(step: StepNode, project: ProjectFiles): boolean | undefined {
  const directory = stepDirectory(step);
  const dirs = directory === undefined || directory === '' ? [''] : [directory, ''];
  for (const dir of dirs) {
    const json = readProjectJson(project, join(dir, 'package.json'));
    const inPackage = json?.release;
    const files = ['.releaserc', '.releaserc.json', '.releaserc.yaml', '.releaserc.yml', '.releaserc.js', '.releaserc.cjs', '.releaserc.mjs', 'release.config.js', 'release.config.cjs', 'release.config.mjs', 'release.config.ts'];
    const texts = files.map((file) => project.readFile(join(dir, file))).filter((text): text is string => text !== undefined);
    if (inPackage !== undefined) texts.unshift(JSON.stringify(inPackage));
    if (texts.length === 0) continue;
    const text = texts[0]!;
    if (/npmPublish["']?\s*:\s*false/.test(text)) return false;
    if (text.includes('@semantic-release/npm')) return true;
    if (/["']?extends["']?\s*:/.test(text)) return undefined;
    return /["']?plugins["']?\s*:/.test(text) ? false : true;
  }
  return true;
}

// --- OIDC-only publishes ----------------------------------------------------------------------

export interface OidcOnlyContext extends ResolveContext {
  readonly settings: Settings;
}

/**
 * A publish whose only possible credential is the OIDC exchange: `publishAuth` says `oidc` (no long-lived
 * secret, `id-token: write`) and no token of another origin reaches it either — a token minted by an
 * earlier step (`NODE_AUTH_TOKEN: ${{ steps.auth.outputs.token }}`), an env value, an `_authToken` written
 * from one. Such a token makes even an old npm or a tool without OIDC publish fine, so version rules stay silent.
 * `GITHUB_TOKEN` does not count: registry.npmjs.org rejects it.
 */
export function isOidcOnly(facts: PublishFacts, publish: PublishCommand, context: OidcOnlyContext): boolean {
  if (publishAuth(facts, publish) !== 'oidc') return false;
  const step = publish.step;
  for (const binding of effectiveEnv(step).values()) {
    if (!tokenChannel(binding.name, context.settings)) continue;
    const value = binding.entry.value;
    if (value.type !== 'scalar') return false;
    const text = value.text.trim();
    if (text === '' || text === '""' || text === "''") continue;
    if (valueOrigin(text).origin !== 'github-token') return false;
  }
  const token = step.with.get('token');
  if (token?.value.type === 'scalar' && token.value.text.trim() !== '' && valueOrigin(token.value.text).origin !== 'github-token') return false;
  // A token written into npm or Yarn configuration earlier in the job, from whatever source.
  for (const candidate of stepsOf(step.parent)) {
    if (candidate.index > step.index) break;
    let writes = authWriteCache.get(candidate);
    if (!writes) {
      writes = runCommands(candidate, context.text)
        .filter((command) => {
          const source = context.text.slice(command.span.start, command.span.end);
          const bodies = [source, ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : []))];
          return bodies.some((body) => /_authToken|npmAuthToken|NPM_CONFIG_TOKEN/i.test(body) && !/\$\{\{\s*(?:secrets\.GITHUB_TOKEN|github\.token)\s*\}\}/.test(body));
        })
        .map((command) => command.index);
      authWriteCache.set(candidate, writes);
    }
    const before = candidate === step && publish.command ? publish.command.index : Infinity;
    if (writes.some((index) => index < before)) return false;
  }
  if (publish.tool === 'bun') {
    const bunfig = context.project.readFile('bunfig.toml');
    if (bunfig !== undefined && /\btoken\s*=/.test(bunfig)) return false;
  }
  return true;
}

const PACKAGE_MANAGER_BUILTINS = new Set([
  'install', 'i', 'add', 'remove', 'ci', 'exec', 'dlx', 'test', 't', 'build', 'publish', 'pack', 'npm', 'config', 'set', 'version',
  'audit', 'outdated', 'update', 'up', 'upgrade', 'link', 'why', 'list', 'ls', 'info', 'workspace', 'workspaces', 'changeset',
]);

/**
 * The tool that `changesets/action` runs: its `publish` (v1) or `publish-script` (v2) input as a command,
 * or the package.json script it names (`pnpm release` → `changeset publish`). Undefined when unknown.
 */
export function changesetsActionTool(publish: PublishCommand, project: ProjectFiles): { tool: PublishTool; versionSpec?: string } | undefined {
  const input = inputText(publish.step, 'publish') ?? inputText(publish.step, 'publish-script');
  if (!input || hasExpression(input)) return undefined;
  const tools = new Set<string>();
  let found: { tool: PublishTool; versionSpec?: string } | undefined;
  const consider = (words: readonly string[], depth: number) => {
    const detected = detectPublish(words);
    if (detected) {
      tools.add(detected.tool);
      found = { tool: detected.tool, ...(detected.versionSpec ? { versionSpec: detected.versionSpec } : {}) };
      return;
    }
    // A script that changes npm or Node before publishing: what publishes is no longer what the job set up.
    if (npmSelfUpgrade(words) || switchesNodeOrNpm(words)) {
      tools.add('?');
      return;
    }
    const [tool, sub, third] = words;
    const script =
      (tool === 'npm' || tool === 'pnpm' || tool === 'yarn' || tool === 'bun') && (sub === 'run' || sub === 'run-script')
        ? third
        : (tool === 'pnpm' || tool === 'yarn') && sub && !sub.startsWith('-') && !PACKAGE_MANAGER_BUILTINS.has(sub)
          ? sub
          : undefined;
    if (!script) return;
    const body = depth < 2 ? record(packageJsons(publish.step, project)[0]?.scripts)?.[script] : undefined;
    if (typeof body !== 'string') {
      tools.add('?');
      return;
    }
    for (const command of parseShell(body)) consider(command.words.map((word) => word.value), depth + 1);
  };
  for (const command of parseShell(input)) consider(command.words.map((word) => word.value), 0);
  // Several publishing tools, or a command we cannot follow: leave it.
  const publishing = [...tools].filter((tool) => tool !== '?');
  return publishing.length === 1 && !tools.has('?') ? found : undefined;
}

/**
 * A publish as the tool that really publishes: for `changesets/action`, the tool its `publish` script runs
 * (`changeset publish`, `npx npm@11 publish`), or undefined when that cannot be followed; others as they are.
 */
export function throughChangesetsAction(publish: PublishCommand, project: ProjectFiles): PublishCommand | undefined {
  if (publish.tool !== 'changesets-action') return publish;
  const inner = changesetsActionTool(publish, project);
  if (!inner || inner.tool === 'changesets-action') return undefined;
  const { versionSpec: _ignored, ...rest } = publish;
  return { ...rest, tool: inner.tool, ...(inner.versionSpec ? { versionSpec: inner.versionSpec } : {}) };
}
