import { describe, expect, it } from 'vitest';
import { classifyRunner } from '../../src/domain/runner.js';
import type { Settings } from '../../src/engine/settings.js';
import { analysis, job, parse } from '../engine/helpers.js';

/** Classifies `runs-on: <runsOn>` (flow YAML) of a one-job workflow. */
function classify(runsOn: string, settings: Settings = {}): string {
  const p = parse(`on: push\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps: [{ run: echo }]\n`);
  const result = classifyRunner(analysis({}, settings), job(p, 'a'));
  return result.label === undefined ? result.kind : `${result.kind}:${result.label}`;
}

describe('classifyRunner (runner facts for trusted publishing)', () => {
  it('knows GitHub-hosted labels, larger-runner suffixes and arm images', () => {
    expect(classify('ubuntu-latest')).toBe('github-hosted:ubuntu-latest');
    expect(classify('ubuntu-24.04-arm')).toBe('github-hosted:ubuntu-24.04-arm');
    expect(classify('[windows-2025]')).toBe('github-hosted:windows-2025');
    expect(classify('macos-15-xlarge')).toBe('github-hosted:macos-15-xlarge');
    expect(classify('Ubuntu-Latest')).toBe('github-hosted:Ubuntu-Latest');
  });

  it('a `self-hosted` label decides whatever the other labels are', () => {
    expect(classify('self-hosted')).toBe('self-hosted:self-hosted');
    expect(classify('[self-hosted, linux, x64]')).toBe('self-hosted:self-hosted');
    expect(classify('[Self-Hosted, ubuntu-latest]')).toBe('self-hosted:Self-Hosted');
    // The runner must carry every label, so an expression beside `self-hosted` cannot make it GitHub-hosted.
    expect(classify('[self-hosted, "${{ matrix.arch }}"]')).toBe('self-hosted:self-hosted');
  });

  it('third-party runner services are self-hosted, also with an expression after the prefix', () => {
    expect(classify('blacksmith-4vcpu-ubuntu-2404')).toBe('self-hosted:blacksmith-4vcpu-ubuntu-2404');
    expect(classify('depot-ubuntu-24.04')).toBe('self-hosted:depot-ubuntu-24.04');
    expect(classify('"runs-on=${{ github.run_id }}/runner=2cpu-linux-x64"')).toBe('self-hosted:runs-on=${{ github.run_id }}/runner=2cpu-linux-x64');
    expect(classify('"blacksmith-${{ matrix.size }}"')).toBe('self-hosted:blacksmith-${{ matrix.size }}');
  });

  it('`{ group, labels }` is self-hosted when its labels say so, unknown otherwise', () => {
    expect(classify('{ group: release-runners, labels: [self-hosted, linux] }')).toBe('self-hosted:self-hosted');
    expect(classify('{ group: ubuntu-runners, labels: ubuntu-latest }')).toBe('unknown');
    expect(classify('{ group: ubuntu-runners }')).toBe('unknown');
    expect(classify('{ labels: [ubuntu-latest] }')).toBe('github-hosted:ubuntu-latest');
    expect(classify('{ labels: blacksmith-2vcpu-ubuntu-2204 }')).toBe('self-hosted:blacksmith-2vcpu-ubuntu-2204');
  });

  it('expressions, custom labels and wrong shapes are unknown', () => {
    expect(classify('${{ matrix.os }}')).toBe('unknown');
    expect(classify('"${{ github.repository == \'a/b\' && \'self-hosted\' || \'ubuntu-latest\' }}"')).toBe('unknown');
    expect(classify('[ubuntu-latest, "${{ matrix.os }}"]')).toBe('unknown');
    expect(classify('my-org-runner')).toBe('unknown');
    expect(classify('[ubuntu-latest, gpu]')).toBe('unknown');
    expect(classify('""')).toBe('unknown');
    expect(classify('[]')).toBe('unknown');
    expect(classify('[[self-hosted]]')).toBe('unknown');
    expect(classify('42')).toBe('unknown');
  });

  it('settings add self-hosted and GitHub-hosted labels (globs, any case)', () => {
    expect(classify('my-org-runner', { selfHostedRunnerLabels: ['my-org-*'] })).toBe('self-hosted:my-org-runner');
    expect(classify('ubuntu-22.04-16core', { githubHostedRunnerLabels: ['*-16core'] })).toBe('github-hosted:ubuntu-22.04-16core');
    expect(classify('[ubuntu-latest, My-Org-Runner]', { selfHostedRunnerLabels: ['my-org-*'] })).toBe('self-hosted:My-Org-Runner');
  });

  it('a job without runs-on (a reusable-workflow call) is unknown', () => {
    const p = parse('on: push\njobs:\n  a:\n    uses: ./.github/workflows/x.yml\n');
    expect(classifyRunner(analysis(), job(p, 'a'))).toEqual({ kind: 'unknown' });
  });

  it('settings globs match in one pass, and an absurdly long label matches none (picomatch: 83 s on 800 KB)', () => {
    const settings = { selfHostedRunnerLabels: ['*-gpu-*'] };
    expect(classify('acme-gpu-large', settings)).toBe('self-hosted:acme-gpu-large');
    expect(classify(`'${'-gpu-'.repeat(160_000)}/x'`, settings)).toBe('unknown');
    // Past the bound a label is unknown even if a glob would match it: no real label is that long.
    expect(classify(`'x-gpu-${'a'.repeat(2000)}'`, settings)).toBe('unknown');
  });
});
