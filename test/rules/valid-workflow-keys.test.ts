import { validWorkflowKeys } from '../../src/rules/valid-workflow-keys.js';
import { testRule, workflow } from '../rule-tester.js';

testRule(validWorkflowKeys, {
  valid: [
    {
      name: 'every key GitHub knows, free keys (env, with, matrix axes, inputs), expression keys and values',
      code: workflow`
        name: release
        run-name: release \${{ github.ref }}
        on:
          push: { branches: [main], tags: ['v*'] }
          workflow_dispatch:
            inputs:
              tag: { description: the tag, required: true, type: string }
          schedule:
            - cron: '0 0 * * *'
        permissions: {}
        env: { ANY_NAME: 1 }
        concurrency: { group: release, cancel-in-progress: true }
        jobs:
          build:
            runs-on: ubuntu-latest
            permissions: { contents: read, id-token: write }
            environment: { name: npm, url: https://npmjs.com }
            strategy:
              fail-fast: false
              matrix:
                node: [20, 22]
                \${{ fromJSON(vars.AXES) }}: 1
                include: [{ node: 24, anything: yes }]
            container: \${{ fromJSON(vars.CONTAINER) }}
            defaults: { run: { shell: bash, working-directory: pkg } }
            steps:
              - uses: actions/checkout@v5
                with: { anything: 1 }
                env: { ANY: 1 }
              - run: npm publish
                shell: bash
                timeout-minutes: 5
          call:
            uses: ./.github/workflows/publish.yml
            with: { tag: v1 }
            secrets: inherit
          dynamic: \${{ fromJSON(vars.JOB) }}
      `,
    },
    {
      name: 'an alias is checked where its anchor is',
      code: workflow`
        on: push
        jobs:
          a: &job
            runs-on: ubuntu-latest
            steps: [{ run: echo }]
          b: *job
      `,
    },
    {
      name: 'inside permissions, valid-permissions reports unknown scopes',
      code: workflow`
        on: push
        permissions: { content: read }
        jobs: {}
      `,
    },
    {
      name: 'action metadata: every key the action schema knows',
      filename: 'action.yml',
      code: workflow`
        name: My action
        description: does things
        inputs:
          token: { description: a token, required: false, default: '', deprecationMessage: no }
        outputs:
          out: { description: an output, value: x }
        runs:
          using: composite
          steps: [{ run: echo hi, shell: bash }]
        branding: { icon: box, color: blue }
      `,
    },
  ],
  invalid: [
    {
      name: 'a misspelt key, at its exact range, with the key it stands for',
      code: workflow`
        on:
          push:
            branchs: [main]
        permission:
          id-token: write
        jobs:
          a:
            runs_on: ubuntu-latest
            steps:
              - run: echo
                shel: bash
      `,
      errors: [
        { messageId: 'unknownKey', data: { key: 'branchs', where: 'in `on.push`', suggestion: 'branches' }, line: 3, column: 5, endLine: 3, endColumn: 12 },
        { messageId: 'unknownKey', data: { key: 'permission', where: 'at the top of a workflow', suggestion: 'permissions' }, line: 4, column: 1, endLine: 4, endColumn: 11 },
        { messageId: 'unknownKey', data: { key: 'runs_on', where: 'in `jobs.a`', suggestion: 'runs-on' }, line: 8, column: 5, endLine: 8, endColumn: 12 },
        { messageId: 'unknownKey', data: { key: 'shel', where: 'in `jobs.a.steps[0]`', suggestion: 'shell' }, line: 11, column: 9, endLine: 11, endColumn: 13 },
      ],
    },
    {
      name: 'a key of the other kind of job or step, and a key with nothing near it',
      code: workflow`
        on: push
        jobs:
          call:
            uses: ./.github/workflows/publish.yml
            runs-on: ubuntu-latest
          build:
            runs-on: ubuntu-latest
            frobnicate: true
            steps:
              - run: echo
                with: { a: 1 }
      `,
      errors: [
        { messageId: 'notAllowed', data: { key: 'runs-on', where: 'in `jobs.call`', variant: 'a job that calls a reusable workflow' }, line: 5, column: 5, endLine: 5, endColumn: 12 },
        { messageId: 'unknownKeyNoSuggestion', data: { key: 'frobnicate', where: 'in `jobs.build`' }, line: 8, column: 5, endLine: 8, endColumn: 15 },
        { messageId: 'notAllowed', data: { key: 'with', where: 'in `jobs.build.steps[0]`', variant: 'a `run` step' }, line: 11, column: 9, endLine: 11, endColumn: 13 },
      ],
    },
    {
      name: 'action metadata: a misspelt top-level key; runs told apart by their required keys',
      filename: 'action.yml',
      code: workflow`
        name: My action
        description: does things
        output:
          out: { description: an output, value: x }
        runs: { using: node24, main: index.js, steps: [] }
      `,
      errors: [
        { messageId: 'unknownKey', data: { key: 'output', where: 'at the top of an action', suggestion: 'outputs' }, line: 3, column: 1, endLine: 3, endColumn: 7 },
        { messageId: 'notAllowed', data: { key: 'steps', where: 'in `runs`', variant: 'the `runs` of a JavaScript action' }, line: 5, column: 40, endLine: 5, endColumn: 45 },
      ],
    },
  ],
});
