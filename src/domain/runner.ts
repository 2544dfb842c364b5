import type { JobNode, YamlValue } from '../engine/ast.js';
import { compileGlob } from '../engine/glob.js';
import type { Analysis } from './context.js';
import { hasExpression } from './expressions.js';

export const RUNNER_SETTINGS_SCHEMA = {
  selfHostedRunnerLabels: {
    type: 'array',
    items: { type: 'string' },
    description: 'Runner labels (globs) that are self-hosted in this organisation.',
  },
  githubHostedRunnerLabels: {
    type: 'array',
    items: { type: 'string' },
    description: 'Custom runner labels (globs) that are GitHub-hosted larger runners.',
  },
} as const;

/** The settings this module reads: runner labels the workflow files alone cannot classify. */
export interface RunnerSettings {
  /** Runner labels (globs, engine/glob.ts) that are self-hosted in this organisation. */
  readonly selfHostedRunnerLabels?: readonly string[];
  /** Custom runner labels (globs) that are GitHub-hosted larger runners. */
  readonly githubHostedRunnerLabels?: readonly string[];
}

export type RunnerKind = 'github-hosted' | 'self-hosted' | 'unknown';

export interface RunnerClass {
  readonly kind: RunnerKind;
  /** The label that decided it, for messages. */
  readonly label?: string;
}

// https://docs.github.com/en/actions/reference/runners/github-hosted-runners
const GITHUB_HOSTED = /^(?:ubuntu-(?:latest|slim|\d{2}\.04(?:-arm)?)|windows-(?:latest|\d{4}|11-arm)|macos-(?:latest|\d{2}))(?:-(?:large|xlarge|intel|arm64))?$/;
/**
 * Third-party runner services. Their machines register with GitHub as self-hosted runners, so the
 * OIDC token says `runner_environment: self-hosted` and npm refuses provenance from them
 * (observed for Blacksmith; the others register the same way).
 */
export const THIRD_PARTY_RUNNER_PREFIXES = ['blacksmith-', 'namespace-profile-', 'depot-', 'buildjet-', 'warp-', 'runs-on=', 'runs-on/', 'ubicloud-'];

/**
 * No runner label is anywhere near this long; a longer one (a hostile `runs-on`) matches no glob, so
 * the runner stays unknown rather than costing time in proportion to it.
 */
const MAX_LABEL_LENGTH = 1024;

function matches(context: Analysis, globs: readonly string[] | undefined, label: string): boolean {
  if (label.length > MAX_LABEL_LENGTH) return false;
  return (globs ?? []).some((glob) =>
    context.facts.memo('runner-label-glob', glob, () => {
      // Linear-time matching (src/engine/glob.ts); a glob the config loader would refuse never matches.
      const compiled = compileGlob(glob, { nocase: true });
      return compiled.ok ? compiled.match : () => false;
    })(label),
  );
}

/** The literal labels of `runs-on`, and whether anything else (an expression, a `group:`) also selects the runner. */
interface RunnerLabels {
  readonly labels: readonly string[];
  /** Labels that are expressions, kept for their literal prefix (`blacksmith-${{ matrix.size }}`). */
  readonly dynamic: readonly string[];
  /** A `group:` or a shape we cannot read: the labels alone do not describe the runner. */
  readonly opaque: boolean;
}

/**
 * Classifies a job's runner. Only definite facts: a runner is self-hosted when a label it must carry
 * says so (a runner matches only if it has every label, so one `self-hosted` label decides, whatever
 * the others are); it is GitHub-hosted only when every label is a GitHub-hosted one and nothing else
 * (an expression, a `group:`) takes part. Everything else is `unknown`.
 */
export function classifyRunner(context: Analysis, job: JobNode): RunnerClass {
  const settings = context.settings as RunnerSettings;
  const value = job.runsOn?.value;
  if (!value) return { kind: 'unknown' };
  const found = labelsOf(value);
  if (!found) return { kind: 'unknown' };
  for (const label of found.labels) {
    const lower = label.toLowerCase();
    if (lower === 'self-hosted' || matches(context, settings.selfHostedRunnerLabels, label)) return { kind: 'self-hosted', label };
    if (THIRD_PARTY_RUNNER_PREFIXES.some((prefix) => lower.startsWith(prefix))) return { kind: 'self-hosted', label };
  }
  for (const label of found.dynamic) {
    // Only the text before the first `${{` is known; a third-party prefix written out in full decides.
    const literal = label.slice(0, label.indexOf('${{')).toLowerCase();
    if (THIRD_PARTY_RUNNER_PREFIXES.some((prefix) => literal.startsWith(prefix))) return { kind: 'self-hosted', label };
  }
  const { labels } = found;
  if (
    !found.opaque &&
    found.dynamic.length === 0 &&
    labels.length > 0 &&
    labels.every((label) => GITHUB_HOSTED.test(label.toLowerCase()) || matches(context, settings.githubHostedRunnerLabels, label))
  ) {
    return { kind: 'github-hosted', label: labels[0] };
  }
  return { kind: 'unknown' };
}

/** Splits `runs-on` (string, list, or `{ group, labels }`) into literal and expression labels. */
function labelsOf(value: YamlValue): RunnerLabels | undefined {
  if (value.type === 'scalar') {
    const text = value.text.trim();
    if (text === '') return undefined;
    return hasExpression(text) ? { labels: [], dynamic: [text], opaque: false } : { labels: [text], dynamic: [], opaque: false };
  }
  if (value.type === 'seq') {
    const labels: string[] = [];
    const dynamic: string[] = [];
    let opaque = false;
    for (const item of value.items) {
      if (item.type !== 'scalar') {
        opaque = true;
        continue;
      }
      const text = item.text.trim();
      if (hasExpression(text)) dynamic.push(text);
      else if (text !== '') labels.push(text);
    }
    return { labels, dynamic, opaque };
  }
  if (value.type === 'map') {
    // A group may hold GitHub's larger runners or self-hosted ones; its labels still narrow the runner.
    const group = value.byKey.has('group');
    const labelsValue = value.byKey.get('labels')?.value;
    const inner = labelsValue ? labelsOf(labelsValue) : undefined;
    if (!inner) return group ? { labels: [], dynamic: [], opaque: true } : undefined;
    return { ...inner, opaque: inner.opaque || group };
  }
  return undefined;
}
