import { describe, expect, it } from 'vitest';
import { effectiveEnv, hasDynamicEnv, jobEnvBlocks, resolveEnv, workflowOf } from '../../src/domain/env.js';
import { workflow } from '../rule-tester.js';
import { actionOf, job, parse, step } from '../engine/helpers.js';

const parsed = parse(workflow`
  on: push
  env:
    NODE_AUTH_TOKEN: workflow-level
    ONLY_WORKFLOW: w
    npm_config_registry: https://registry.npmjs.org
  jobs:
    a:
      env:
        NODE_AUTH_TOKEN: job-level
        ONLY_JOB: j
      steps:
        - run: echo
          env:
            NODE_AUTH_TOKEN: step-level
        - run: echo
        - run: echo
          env: \${{ fromJSON(inputs.env) }}
    b:
      steps:
        - run: echo
          env:
            NPM_CONFIG_REGISTRY: https://example.com
`);

describe('resolveEnv', () => {
  it('step env overrides job env overrides workflow env, returning the defining entry and level', () => {
    const stepLevel = resolveEnv(step(parsed, 'a', 0), 'NODE_AUTH_TOKEN')!;
    expect([stepLevel.level, stepLevel.name, parsed.at(stepLevel.entry.span)]).toEqual(['step', 'NODE_AUTH_TOKEN', '14:11-14:38']);
    const jobLevel = resolveEnv(step(parsed, 'a', 1), 'NODE_AUTH_TOKEN')!;
    expect([jobLevel.level, parsed.at(jobLevel.entry.span)]).toEqual(['job', '9:7-9:33']);
    const workflowLevel = resolveEnv(step(parsed, 'b', 0), 'NODE_AUTH_TOKEN')!;
    expect([workflowLevel.level, parsed.at(workflowLevel.entry.span)]).toEqual(['workflow', '3:3-3:34']);
    expect(resolveEnv(step(parsed, 'a', 1), 'ONLY_WORKFLOW')!.level).toBe('workflow');
    expect(resolveEnv(step(parsed, 'b', 0), 'ONLY_JOB')).toBeUndefined();
  });

  it('is case-sensitive by default and case-insensitive when asked, returning the name as written', () => {
    expect(resolveEnv(step(parsed, 'a', 0), 'node_auth_token')).toBeUndefined();
    const lower = resolveEnv(step(parsed, 'a', 1), 'NPM_CONFIG_REGISTRY', true)!;
    expect([lower.name, lower.level]).toEqual(['npm_config_registry', 'workflow']);
    // The step's upper-case name wins over the workflow's lower-case one.
    const upper = resolveEnv(step(parsed, 'b', 0), 'npm_config_registry', true)!;
    expect([upper.name, upper.level, upper.entry.value.type === 'scalar' && upper.entry.value.text]).toEqual([
      'NPM_CONFIG_REGISTRY',
      'step',
      'https://example.com',
    ]);
  });

  it('a composite action step sees only its own env', () => {
    const action = actionOf(
      parse('runs:\n  using: composite\n  steps:\n    - run: x\n      env: { A: "1" }\n', 'action.yml'),
    );
    const binding = resolveEnv(action.steps[0]!, 'A')!;
    expect(binding.level).toBe('step');
    expect(effectiveEnv(action.steps[0]!).size).toBe(1);
    expect(workflowOf(action.steps[0]!)).toBeUndefined();
  });
});

describe('effectiveEnv, hasDynamicEnv, jobEnvBlocks', () => {
  it('lists every variable a step sees with the winning binding', () => {
    const env = effectiveEnv(step(parsed, 'a', 0));
    expect([...env.entries()].map(([name, binding]) => `${name}:${binding.level}`).sort()).toEqual([
      'NODE_AUTH_TOKEN:step',
      'ONLY_JOB:job',
      'ONLY_WORKFLOW:workflow',
      'npm_config_registry:workflow',
    ]);
  });

  it('knows when an env block is an expression', () => {
    expect(hasDynamicEnv(step(parsed, 'a', 2))).toBe(true);
    expect(hasDynamicEnv(step(parsed, 'a', 1))).toBe(false);
  });

  it('gives a job its own and the workflow env blocks, in that order', () => {
    expect(jobEnvBlocks(job(parsed, 'a')).map((block) => block.level)).toEqual(['job', 'workflow']);
    expect(jobEnvBlocks(job(parsed, 'b')).map((block) => block.level)).toEqual(['workflow']);
    expect(workflowOf(step(parsed, 'a', 0))!.kind).toBe('workflow');
  });
});
