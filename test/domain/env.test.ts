import { describe, expect, it } from 'vitest';
import { envBinding, envBindingIgnoringCase, envBindings } from '../../src/domain/env.js';
import { workflow } from '../rule-tester.js';
import { actionOf, analysis, parse, step } from '../engine/helpers.js';

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

describe('envBinding', () => {
  it('step env overrides job env overrides workflow env, returning the defining entry and level', () => {
    const stepLevel = envBinding(step(parsed, 'a', 0), 'NODE_AUTH_TOKEN')!;
    expect([stepLevel.level, stepLevel.name, parsed.at(stepLevel.entry.span)]).toEqual(['step', 'NODE_AUTH_TOKEN', '14:11-14:38']);
    const jobLevel = envBinding(step(parsed, 'a', 1), 'NODE_AUTH_TOKEN')!;
    expect([jobLevel.level, parsed.at(jobLevel.entry.span)]).toEqual(['job', '9:7-9:33']);
    const workflowLevel = envBinding(step(parsed, 'b', 0), 'NODE_AUTH_TOKEN')!;
    expect([workflowLevel.level, parsed.at(workflowLevel.entry.span)]).toEqual(['workflow', '3:3-3:34']);
    expect(envBinding(step(parsed, 'a', 1), 'ONLY_WORKFLOW')!.level).toBe('workflow');
    expect(envBinding(step(parsed, 'b', 0), 'ONLY_JOB')).toBeUndefined();
  });

  it('is case-sensitive; envBindingIgnoringCase is not, returning the name as written', () => {
    expect(envBinding(step(parsed, 'a', 0), 'node_auth_token')).toBeUndefined();
    const lower = envBindingIgnoringCase(analysis(), step(parsed, 'a', 1), 'NPM_CONFIG_REGISTRY')!;
    expect([lower.name, lower.level]).toEqual(['npm_config_registry', 'workflow']);
    // Both spellings are set for this step: the one defined first, from the workflow inwards, is the one npm is said to read.
    const both = envBindingIgnoringCase(analysis(), step(parsed, 'b', 0), 'npm_config_registry')!;
    expect([both.name, both.level]).toEqual(['npm_config_registry', 'workflow']);
  });

  it('a composite action step sees only its own env', () => {
    const action = actionOf(
      parse('runs:\n  using: composite\n  steps:\n    - run: x\n      env: { A: "1" }\n', 'action.yml'),
    );
    const binding = envBinding(action.steps[0]!, 'A')!;
    expect(binding.level).toBe('step');
    expect(envBindings(analysis(), action.steps[0]!, 'all', () => true)).toHaveLength(1);
  });
});

describe('envBindings', () => {
  it('lists the variables a step sees whose names pass the test, each with its winning binding', () => {
    const env = envBindings(analysis(), step(parsed, 'a', 0), 'all', () => true);
    expect(env.map((binding) => `${binding.name}:${binding.level}`).sort()).toEqual([
      'NODE_AUTH_TOKEN:step',
      'ONLY_JOB:job',
      'ONLY_WORKFLOW:workflow',
      'npm_config_registry:workflow',
    ]);
    expect(envBindings(analysis(), step(parsed, 'a', 0), 'only', (name) => name.startsWith('ONLY_')).map((binding) => binding.name)).toEqual([
      'ONLY_WORKFLOW',
      'ONLY_JOB',
    ]);
  });

  it('stays linear: a workflow env of thousands of variables over thousands of steps', () => {
    const count = 3_000;
    const vars = Array.from({ length: count }, (_, index) => `  V${index}: x`).join('\n');
    const steps = Array.from({ length: count }, () => '      - run: echo').join('\n');
    const big = parse(`on: push\nenv:\n${vars}\n  NPM_TOKEN: t\njobs:\n  a:\n    steps:\n${steps}\n`);
    const context = analysis();
    let found = 0;
    for (const candidate of big.model.kind === 'workflow' ? big.model.workflow.jobs[0]!.steps : []) {
      found += envBindings(context, candidate, 'npm', (name) => name === 'NPM_TOKEN').length;
    }
    expect(found).toBe(count);
  });
});
