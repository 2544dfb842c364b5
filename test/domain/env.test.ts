import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/engine/ast.js';
import { commandEnvBinding, envBinding, envBindingIgnoringCase, envBindings, processEnvBinding, runtimeBindings, runtimeOrigin, type RuntimeBinding } from '../../src/domain/env.js';
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

describe('the env a command sees (runtime bindings)', () => {
  const runtime = parse(workflow`
    on: push
    env:
      TOKEN: \${{ secrets.WORKFLOW_SECRET }}
    jobs:
      a:
        env:
          JOB_TOKEN: \${{ secrets.NPM_TOKEN }}
          FROM_WORKFLOW: \${{ env.TOKEN }}
        steps:
          - uses: actions/setup-node@v6
            with: { registry-url: https://registry.npmjs.org }
          - run: |
              echo "WRITTEN=\${{ secrets.WRITTEN }}" >> "$GITHUB_ENV"
              printf 'LITERAL=$JOB_TOKEN\\n' >> $GITHUB_ENV
              {
                echo "MULTI<<EOF"
                echo "$JOB_TOKEN"
                echo "EOF"
              } >> $GITHUB_ENV
          - run: |
              LOCAL=\${{ secrets.LOCAL }}
              export EXPORTED=$LOCAL
              NODE_AUTH_TOKEN=$LOCAL
              PLAIN=x
              PREFIXED=1 npm publish
              unset JOB_TOKEN
              npm publish
            env:
              STEP: \${{ env.WRITTEN }}
              SAME_STEP: \${{ env.STEP }}
  `);
  const writer = step(runtime, 'a', 1);
  const script = step(runtime, 'a', 2);
  const names = (bindings: readonly RuntimeBinding[]) => bindings.map((binding) => `${binding.name}:${binding.source}`).sort();
  const all = () => true;

  it('a $GITHUB_ENV write is seen by the later steps, not by the writer', () => {
    const context = analysis();
    expect(names(runtimeBindings(context, writer, undefined, 'all', all))).toEqual(['FROM_WORKFLOW:job', 'JOB_TOKEN:job', 'TOKEN:workflow']);
    expect(names(runtimeBindings(context, script, undefined, 'all', all))).toEqual([
      'FROM_WORKFLOW:job', 'JOB_TOKEN:job', 'LITERAL:github-env', 'MULTI:github-env', 'SAME_STEP:step', 'STEP:step', 'TOKEN:workflow', 'WRITTEN:github-env',
    ]);
    const written = processEnvBinding(context, script, 'WRITTEN')!;
    expect([written.value, runtime.at(written.at as Span)]).toEqual(['${{ secrets.WRITTEN }}', '13:11-13:65']);
    expect(processEnvBinding(context, script, 'MULTI')!.value).toBe('$JOB_TOKEN');
  });

  it('a command sees its prefix assignments and the exported assignments before it; unset takes a variable away', () => {
    const context = analysis();
    const at = (command: number) => names(runtimeBindings(context, script, command, 'all', all)).filter((name) => !/^(FROM_WORKFLOW|TOKEN|LITERAL|MULTI|WRITTEN|STEP|SAME_STEP):/.test(name));
    // Command 4 is `PREFIXED=1 npm publish`: NODE_AUTH_TOKEN is exported by setup-node, PLAIN and LOCAL are not exported.
    expect(at(4)).toEqual(['EXPORTED:script', 'JOB_TOKEN:job', 'NODE_AUTH_TOKEN:script', 'PREFIXED:command']);
    expect(at(6)).toEqual(['EXPORTED:script', 'NODE_AUTH_TOKEN:script']);
    // Shell expansion sees unexported variables, not the prefix of the command itself.
    expect(commandEnvBinding(context, script, 2, 'LOCAL', false)?.value).toBe('${{ secrets.LOCAL }}');
    expect(commandEnvBinding(context, script, 4, 'PREFIXED', false)).toBeUndefined();
  });

  it('origins follow ${{ env.X }} and $X to stored secrets; single quotes and the same step env do not', () => {
    const context = analysis();
    const origin = (binding: RuntimeBinding | undefined) => {
      const found = runtimeOrigin(context, binding!);
      return `${found.origin} ${found.secrets.join(',')} ${found.via ? runtime.at('key' in found.via ? found.via.span : found.via) : '-'}`;
    };
    expect(origin(processEnvBinding(context, script, 'FROM_WORKFLOW'))).toBe('long-lived-secret WORKFLOW_SECRET 3:3-3:40');
    expect(origin(processEnvBinding(context, script, 'STEP'))).toBe('long-lived-secret WRITTEN 13:11-13:65');
    expect(origin(processEnvBinding(context, script, 'SAME_STEP'))).toBe('other-expression  -');
    expect(origin(processEnvBinding(context, script, 'MULTI'))).toBe('long-lived-secret NPM_TOKEN 7:7-7:42');
    expect(origin(processEnvBinding(context, script, 'LITERAL'))).toBe('literal  -');
    expect(origin(commandEnvBinding(context, script, 6, 'EXPORTED', true))).toBe('long-lived-secret LOCAL 21:11-21:37');
    expect(origin(commandEnvBinding(context, script, 6, 'NODE_AUTH_TOKEN', true))).toBe('long-lived-secret LOCAL 21:11-21:37');
  });

  it('a cycle of indirections ends', () => {
    const cycle = parse('on: push\njobs:\n  a:\n    env: { A: "${{ env.B }}" }\n    steps:\n      - run: B=$A; A=$B; npm publish\n        env: { B: "${{ env.A }}" }\n');
    const context = analysis();
    const target = step(cycle, 'a', 0);
    expect(runtimeOrigin(context, commandEnvBinding(context, target, 2, 'B', true)!).origin).toBe('other-expression');
  });
});
