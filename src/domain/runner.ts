import picomatch from 'picomatch';
import type { JobNode, YamlValue } from '../engine/ast.js';
import type { Settings } from '../engine/settings.js';
import { hasExpression } from './expressions.js';

export type RunnerKind = 'github-hosted' | 'self-hosted' | 'unknown';

export interface RunnerClass {
  readonly kind: RunnerKind;
  /** The label that decided it, for messages. */
  readonly label?: string;
}

// https://docs.github.com/en/actions/reference/runners/github-hosted-runners
const GITHUB_HOSTED = /^(?:ubuntu-(?:latest|slim|\d{2}\.04(?:-arm)?)|windows-(?:latest|\d{4}|11-arm)|macos-(?:latest|\d{2}))(?:-(?:large|xlarge|intel|arm64))?$/;
/** Third-party runner services; their machines are not GitHub's, so npm treats them as self-hosted. */
export const THIRD_PARTY_RUNNER_PREFIXES = ['blacksmith-', 'namespace-profile-', 'depot-', 'buildjet-', 'warp-', 'runs-on=', 'runs-on/', 'ubicloud-'];

const matcherCache = new Map<string, (label: string) => boolean>();
function matches(globs: readonly string[] | undefined, label: string): boolean {
  return (globs ?? []).some((glob) => {
    let matcher = matcherCache.get(glob);
    if (!matcher) {
      matcher = picomatch(glob, { nocase: true });
      matcherCache.set(glob, matcher);
    }
    return matcher(label);
  });
}

/** Classifies a job's runner. Only definite facts: an expression, a group or an unknown label is `unknown`. */
export function classifyRunner(job: JobNode, settings: Settings): RunnerClass {
  const value = job.runsOn?.value;
  if (!value) return { kind: 'unknown' };
  const labels = labelsOf(value);
  if (!labels) return { kind: 'unknown' };
  for (const label of labels) {
    const lower = label.toLowerCase();
    if (lower === 'self-hosted' || matches(settings.selfHostedRunnerLabels, label)) return { kind: 'self-hosted', label };
    if (THIRD_PARTY_RUNNER_PREFIXES.some((prefix) => lower.startsWith(prefix))) return { kind: 'self-hosted', label };
  }
  if (labels.length > 0 && labels.every((label) => GITHUB_HOSTED.test(label.toLowerCase()) || matches(settings.githubHostedRunnerLabels, label))) {
    return { kind: 'github-hosted', label: labels[0] };
  }
  return { kind: 'unknown' };
}

/** Literal labels of `runs-on`, or undefined when any part is an expression or a `group:`. */
function labelsOf(value: YamlValue): string[] | undefined {
  if (value.type === 'scalar') return hasExpression(value.text) ? undefined : [value.text.trim()];
  if (value.type === 'seq') {
    const labels: string[] = [];
    for (const item of value.items) {
      if (item.type !== 'scalar' || hasExpression(item.text)) return undefined;
      labels.push(item.text.trim());
    }
    return labels;
  }
  if (value.type === 'map') {
    if (value.byKey.has('group')) return undefined;
    const labelsValue = value.byKey.get('labels')?.value;
    return labelsValue ? labelsOf(labelsValue) : undefined;
  }
  return undefined;
}
