/**
 * Which npm each Node release bundles, and how Node versions are named. Data with sources; the
 * resolution of the Node a step runs with is in `node.ts`.
 */
import { intersects, subset, toRange } from '../../../semver-range.js';
import { hasExpression } from '../../../expressions.js';
import { table } from '../../../table.js';

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
    source: 'Node 20.0.0 shipped npm 9.6.4 and later 20.x took 10.x up to 10.8.x (nodejs/node doc/changelogs/CHANGELOG_V20.md); armitage-labs/creem#101 "npm 10.8.2 (bundled with Node 20)"',
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
    source: 'nodejs/node doc/changelogs/CHANGELOG_V22.md: 22.0.0 shipped npm 10.5.1, every later npm upgrade is 10.x ("upgrade npm to 10.9.2/10.9.3/10.9.4"), the last 10.9.8 in 22.22.3',
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
    source: 'nodejs/node CHANGELOG_V24.md: 24.5.0 "deps: upgrade npm to 11.5.1 (npm team) #59199", 24.8.0 upgraded npm to 11.6.0',
  },
  {
    node: '>24.8.0 <24.21.0',
    npm: '>=11.6.0 <=11.19.0',
    display: 'npm 11.6.0–11.19.0',
    source: 'nodejs/node CHANGELOG_V24.md: 24.8.0 → npm 11.6.0, 24.21.0 → npm 11.19.0; the bundled npm only goes up within a line',
  },
  {
    node: '>=24.21.0 <25.0.0-0',
    npm: '>=11.19.0 <12.0.0',
    display: 'npm 11.19.0 or later 11.x',
    source: 'nodejs/node CHANGELOG_V24.md: 24.21.0 → npm 11.19.0; an LTS line never takes a semver-major npm (Node release policy)',
  },
  {
    node: '>=25.0.0',
    npm: '>=11.6.0',
    display: 'npm 11.6 or later',
    source: 'nodejs/node CHANGELOG_V25.md and CHANGELOG_V26.md: 25.x and 26.x bundle npm 11.6 or later (25.0.0, 2025-10, branched from main after npm 11.5.1 landed in 24.5.0)',
  },
];

/** LTS codenames (nvm and setup-node accept `lts/<name>`). Only finished lines: their meaning never changes. */
const NODE_LTS_CODENAMES = table({
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
});
// `lts/*`, `latest`, `current`, `node`, `stable`: `lts/*` moved from 24 to 26 in late October 2026 and a
// runner's tool cache or setup-node's manifest may lag behind, so these are left unknown.

/** Node versions a spec may select: a version, a range or an LTS codename; undefined when unknown. */
export function nodeSpecRange(spec: string): string | undefined {
  const text = spec.trim();
  if (!text || hasExpression(text)) return undefined;
  const lts = /^lts\/([a-z]+)$/i.exec(text);
  if (lts) {
    const major = NODE_LTS_CODENAMES.get(lts[1]!.toLowerCase());
    return major === undefined ? undefined : toRange(String(major));
  }
  return toRange(text);
}

/** The npm bundled with any Node in `nodeRange`, or undefined when some of it is not known. */
export function bundledNpm(nodeRange: string | undefined): { range: string; display: string } | undefined {
  if (nodeRange === undefined) return undefined;
  const hits = BUNDLED_NPM.filter((entry) => intersects(entry.node, nodeRange));
  if (hits.length === 0 || !subset(nodeRange, hits.map((entry) => entry.node).join(' || '))) return undefined;
  return { range: hits.map((entry) => entry.npm).join(' || '), display: hits.map((entry) => entry.display).join(' or ') };
}
