import { describe, expect, it } from 'vitest';
import { runCommands, scalarOffsetMap, shellDialect, stepShell, type RunCommand } from '../../src/domain/run-script.js';
import { workflow } from '../rule-tester.js';
import { analysis, parse, step, type Parsed } from '../engine/helpers.js';

/** `value@line:col-line:col` of every word of every command, with the text each span covers. */
function placed(parsed: Parsed, commands: readonly RunCommand[]): string[][] {
  return commands.map((command) =>
    command.words.map((word) => {
      const covered = parsed.text.slice(word.span.start, word.span.end);
      return `${word.value}@${parsed.at(word.span)}${covered === word.value ? '' : `=${JSON.stringify(covered)}`}`;
    }),
  );
}

function commandsOf(source: string, index = 0): { parsed: Parsed; commands: readonly RunCommand[] } {
  const parsed = parse(source);
  return { parsed, commands: runCommands(analysis(), step(parsed, 'a', index)) };
}

describe('runCommands: `run: |` literal blocks', () => {
  const source = workflow`
    on: push
    jobs:
      a:
        steps:
          - run: |
              npm ci

                npm publish --tag "\${{ inputs.tag }}" \\
                  --provenance
              cat <<EOF >> ~/.npmrc
              //registry.npmjs.org/:_authToken=\${NODE_AUTH_TOKEN}
              EOF
  `;

  it('places every word in the file, across indentation, blank lines and continuations', () => {
    const { parsed, commands } = commandsOf(source);
    expect(placed(parsed, commands)).toEqual([
      ['npm@6:11-6:14', 'ci@6:15-6:17'],
      [
        'npm@8:13-8:16',
        'publish@8:17-8:24',
        '--tag@8:25-8:30',
        '${{ inputs.tag }}@8:31-8:50="\\"${{ inputs.tag }}\\""',
        '--provenance@9:15-9:27',
      ],
      ['cat@10:11-10:14'],
    ]);
    expect(commands.map((command) => parsed.at(command.span))).toEqual(['6:11-6:17', '8:13-9:27', '10:11-10:32']);
    expect(commands.map((command) => command.index)).toEqual([0, 1, 2]);
  });

  it('places redirect targets and heredoc bodies; the body ends at the end of its last line', () => {
    const { parsed, commands } = commandsOf(source);
    const [heredoc, append] = commands[2]!.redirects;
    expect(heredoc!.heredoc!.body).toBe('//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}\n');
    expect(parsed.at(heredoc!.heredoc!.span)).toBe('11:11-12:1');
    expect(append!.operator).toBe('>>');
    expect(parsed.at(append!.target!.span)).toBe('10:24-10:32');
  });

  it('keeps the same positions with CRLF line endings', () => {
    const { parsed, commands } = commandsOf(source.replace(/\n/g, '\r\n'));
    expect(placed(parsed, commands)[1]).toEqual([
      'npm@8:13-8:16',
      'publish@8:17-8:24',
      '--tag@8:25-8:30',
      '${{ inputs.tag }}@8:31-8:50="\\"${{ inputs.tag }}\\""',
      '--provenance@9:15-9:27',
    ]);
  });

  it('handles `|-`, `|2` indentation indicators, a header comment and tabs in the content', () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - run: |2\n           npm ci\n          npm publish\n      - run: |-  # strip\n          npm publish\n      - run: |\n          \tnpm whoami\n';
    const parsed = parse(text);
    const all = [0, 1, 2].map((index) => placed(parsed, runCommands(analysis(), step(parsed, 'a', index))));
    expect(all).toEqual([
      [['npm@6:12-6:15', 'ci@6:16-6:18'], ['npm@7:11-7:14', 'publish@7:15-7:22']],
      [['npm@9:11-9:14', 'publish@9:15-9:22']],
      [['npm@11:12-11:15', 'whoami@11:16-11:22']],
    ]);
  });

  it('`bash -c` inner commands are placed too', () => {
    const { parsed, commands } = commandsOf('on: push\njobs:\n  a:\n    steps:\n      - run: |\n          bash -c "npm publish"\n');
    expect(placed(parsed, commands)[1]).toEqual(['npm@6:20-6:23', 'publish@6:24-6:31']);
  });
});

describe('runCommands: other scalar styles', () => {
  it('single-line plain, single- and double-quoted scalars map exactly', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          steps:
            - run: npm publish --access public
            - run: 'npm  publish'
            - run: "npm publish \${{ secrets.X }}"
    `;
    const parsed = parse(text);
    expect([0, 1, 2].map((index) => placed(parsed, runCommands(analysis(), step(parsed, 'a', index))))).toEqual([
      [['npm@5:14-5:17', 'publish@5:18-5:25', '--access@5:26-5:34', 'public@5:35-5:41']],
      [['npm@6:15-6:18', 'publish@6:20-6:27']],
      [['npm@7:15-7:18', 'publish@7:19-7:26', '${{ secrets.X }}@7:27-7:43']],
    ]);
  });

  it('folded, escaped and multi-line plain scalars fall back to the whole scalar', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          steps:
            - run: >
                npm ci &&
                npm publish
            - run: "npm publish \\"x\\""
            - run: npm ci
                && npm publish
    `;
    const parsed = parse(text);
    const spans = [0, 1, 2].map((index) =>
      runCommands(analysis(), step(parsed, 'a', index)).map((command) => [
        command.words.map((word) => word.value).join(' '),
        parsed.at(command.span),
        ...command.words.map((word) => parsed.at(word.span)),
      ]),
    );
    expect(spans).toEqual([
      [
        ['npm ci', '5:14-8:1', '5:14-8:1', '5:14-8:1'],
        ['npm publish', '5:14-8:1', '5:14-8:1', '5:14-8:1'],
      ],
      [['npm publish x', '8:14-8:33', '8:14-8:33', '8:14-8:33', '8:14-8:33']],
      [
        ['npm ci', '9:14-10:25', '9:14-10:25', '9:14-10:25'],
        ['npm publish', '9:14-10:25', '9:14-10:25', '9:14-10:25'],
      ],
    ]);
  });

  it('a non-shell `shell:` yields no commands; bash and pwsh do', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          steps:
            - shell: python
              run: print("npm publish")
            - shell: bash -e {0}
              run: npm publish
            - shell: node {0}
              run: x
    `;
    const parsed = parse(text);
    expect([0, 1, 2].map((index) => runCommands(analysis(), step(parsed, 'a', index)).length)).toEqual([0, 1, 0]);
  });

  it('`defaults.run.shell` of the job, then of the workflow, decides when the step names no shell', () => {
    const text = workflow`
      on: push
      defaults:
        run:
          shell: python
      jobs:
        a:
          steps:
            - run: print("npm publish")
            - shell: bash
              run: npm publish
        b:
          defaults: { run: { shell: bash } }
          steps:
            - run: npm publish
    `;
    const parsed = parse(text);
    expect(stepShell(step(parsed, 'a', 0))!.text).toBe('python');
    expect(runCommands(analysis(), step(parsed, 'a', 0))).toEqual([]);
    expect(runCommands(analysis(), step(parsed, 'a', 1))).toHaveLength(1);
    expect(stepShell(step(parsed, 'b', 0))!.text).toBe('bash');
    expect(runCommands(analysis(), step(parsed, 'b', 0))).toHaveLength(1);
  });

  it('reads PowerShell for `shell: pwsh` and for Windows jobs without a shell', () => {
    const text = workflow`
      on: push
      jobs:
        a:
          runs-on: windows-latest
          steps:
            - run: |
                npm publish \`
                  --tag next
            - shell: bash
              run: |
                npm publish \\
                  --tag next
        b:
          runs-on: ubuntu-latest
          steps:
            - shell: pwsh
              run: echo \`date\`
    `;
    const parsed = parse(text);
    expect(shellDialect(step(parsed, 'a', 0))).toBe('powershell');
    expect(placed(parsed, runCommands(analysis(), step(parsed, 'a', 0)))).toEqual([['npm@7:11-7:14', 'publish@7:15-7:22', '--tag@8:13-8:18', 'next@8:19-8:23']]);
    expect(shellDialect(step(parsed, 'a', 1))).toBe('posix');
    expect(runCommands(analysis(), step(parsed, 'a', 1)).map((command) => command.words.map((word) => word.value))).toEqual([['npm', 'publish', '--tag', 'next']]);
    expect(shellDialect(step(parsed, 'b', 0))).toBe('powershell');
    const selfHosted = parse('on: push\njobs:\n  a:\n    runs-on: [self-hosted, Windows, x64]\n    steps: [{ run: x }]\n  b:\n    runs-on: [self-hosted, windowsish]\n    steps: [{ run: x }]\n');
    expect([shellDialect(step(selfHosted, 'a', 0)), shellDialect(step(selfHosted, 'b', 0))]).toEqual(['powershell', 'posix']);
    expect(runCommands(analysis(), step(parsed, 'b', 0)).map((command) => command.words.map((word) => word.value))).toEqual([['echo', 'date']]);
  });

  it('a step without `run` has no commands, and results are memoised per scalar in the run\'s fact store', () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - uses: x/y@v1\n      - run: npm publish\n';
    const parsed = parse(text);
    expect(runCommands(analysis(), step(parsed, 'a', 0))).toEqual([]);
    const run = analysis();
    expect(runCommands(run, step(parsed, 'a', 1))).toBe(runCommands(run, step(parsed, 'a', 1)));
    // Another run computes its own.
    expect(runCommands(analysis(), step(parsed, 'a', 1))).not.toBe(runCommands(run, step(parsed, 'a', 1)));
  });

  it('an aliased script maps into the anchor text', () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - run: &script npm publish\n      - run: *script\n';
    const parsed = parse(text);
    expect(placed(parsed, runCommands(analysis(), step(parsed, 'a', 1)))).toEqual([['npm@5:22-5:25', 'publish@5:26-5:33']]);
  });
});

describe('scalarOffsetMap', () => {
  it('maps literal offsets line by line and returns undefined past the text', () => {
    const text = 'run: |\n  ab\n\n  cd\n';
    const parsed = parse(text, 'x.yml');
    expect(parsed.model.kind).toBe('other');
    const scalar = { type: 'scalar' as const, value: 'ab\n\ncd\n', text: 'ab\n\ncd\n', style: 'literal' as const, span: { start: 5, end: text.length } };
    const map = scalarOffsetMap(scalar, text);
    expect([0, 1, 2, 3, 4, 5].map(map)).toEqual([9, 10, 11, 12, 15, 16]);
    expect(text[map(4)!]).toBe('c');
  });
});
