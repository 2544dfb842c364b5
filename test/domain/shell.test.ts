import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShell, type ShellCommand, type ShellDialect, type ShellWord } from '../../src/domain/shell.js';

/** `value@start-end` for each word, `q` when quoted: compact and exact. */
const w = (word: ShellWord) => `${word.value}@${word.start}-${word.end}${word.quoted ? 'q' : ''}`;
const words = (command: ShellCommand) => command.words.map(w);
const names = (script: string) => parseShell(script).map((command) => command.words.map((word) => word.value).join(' '));

describe('parseShell: words and quoting', () => {
  it('removes quotes and escapes, keeps offsets of the raw word', () => {
    const [command] = parseShell(`echo "a b" 'c d' e\\ f`);
    expect(words(command!)).toEqual(['echo@0-4', 'a b@5-10q', 'c d@11-16q', 'e f@17-21']);
    expect([command!.start, command!.end, command!.terminator]).toEqual([0, 21, '']);
  });

  it('keeps `\\$`, `\\"` and `\\\\` escapes in double quotes and the others as written', () => {
    const [command] = parseShell(`echo "\\$HOME \\"x\\" \\n"`);
    expect(command!.words[1]!.value).toBe('$HOME "x" \\n');
  });

  it('keeps `${{ secrets.X }}` with spaces inside as one word', () => {
    const [command] = parseShell('npm publish --otp=${{ steps.otp.outputs.code }} ${{ secrets.A }}x');
    expect(words(command!)).toEqual(['npm@0-3', 'publish@4-11', '--otp=${{ steps.otp.outputs.code }}@12-47', '${{ secrets.A }}x@48-65']);
  });

  it('a `}}` inside a string of the expression does not end it', () => {
    const [command] = parseShell(`echo \${{ format('{0}}', secrets.X) }} y`);
    expect(words(command!)).toEqual(['echo@0-4', "${{ format('{0}}', secrets.X) }}@5-37", 'y@38-39']);
  });

  it('keeps `${X:-$(cmd)}`, `$(…)` and backticks inside a word', () => {
    const commands = parseShell('echo ${X:-default} `date` $(date +%s)x');
    expect(words(commands[commands.length - 1]!)).toEqual(['echo@0-4', '${X:-default}@5-18', '`date`@19-25', '$(date +%s)x@26-38']);
  });

  it('ANSI-C quotes do not end at an escaped quote', () => {
    const [command] = parseShell(`echo $'a\\'b' x`);
    expect(words(command!)).toEqual(["echo@0-4", "a\\'b@5-12q", 'x@13-14']);
  });

  it('an unterminated quote runs to the end of the script, without throwing', () => {
    expect(parseShell(`echo 'unterminated`).map(words)).toEqual([['echo@0-4', 'unterminated@5-18q']]);
    expect(parseShell('echo "a $(b').map(words)).toEqual([['echo@0-4', 'a $(b@5-11q']]);
    expect(parseShell('echo ${{ x').map(words)).toEqual([['echo@0-4', '${{ x@5-10']]);
  });

  it('a `#` starts a comment only at the start of a word', () => {
    expect(names('npm test # npm publish')).toEqual(['npm test']);
    expect(names('echo a#b;# c')).toEqual(['echo a#b']);
    expect(names('echo "# not a comment" \'#\'')).toEqual(['echo # not a comment #']);
  });
});

describe('parseShell: operators and structure', () => {
  it('splits on &&, ||, ;, |, & and newlines, recording each terminator', () => {
    const commands = parseShell('npm ci && npm test || echo fail; npm publish | tee log & wait\nnpm whoami');
    expect(commands.map((command) => [command.words.map((word) => word.value).join(' '), command.terminator, command.start, command.end])).toEqual([
      ['npm ci', '&&', 0, 6],
      ['npm test', '||', 10, 18],
      ['echo fail', ';', 22, 31],
      ['npm publish', '|', 33, 44],
      ['tee log', '&', 47, 54],
      ['wait', '\n', 57, 61],
      ['npm whoami', '', 62, 72],
    ]);
  });

  it('operators need no spaces', () => {
    expect(names('npm publish||true;echo a&&echo b|cat')).toEqual(['npm publish', 'true', 'echo a', 'echo b', 'cat']);
  });

  it('joins line continuations (LF and CRLF) into one command', () => {
    const [command] = parseShell('npm publish \\\n  --provenance \\\r\n  --access public');
    expect(words(command!)).toEqual(['npm@0-3', 'publish@4-11', '--provenance@16-28', '--access@34-42', 'public@43-49']);
  });

  it('treats CR before LF as space', () => {
    expect(parseShell('echo a\r\nnpm publish\r\n').map(words)).toEqual([['echo@0-4', 'a@5-6'], ['npm@8-11', 'publish@12-19']]);
  });

  it('strips reserved words of if/then/elif/else/fi, while/do/done and groups', () => {
    expect(names('if [ -n "$X" ]; then\n  npm publish\nelif true; then\n  echo\nelse\n  echo no\nfi')).toEqual([
      '[ -n $X ]',
      'npm publish',
      'true',
      'echo',
      'echo no',
    ]);
    expect(names('while read x; do npm publish $x; done < list')).toEqual(['read x', 'npm publish $x', '']);
    expect(names('{ npm publish; }')).toEqual(['npm publish']);
    expect(names('! npm publish')).toEqual(['npm publish']);
  });

  it('a quoted reserved word is a command name', () => {
    expect(names('"if" x')).toEqual(['if x']);
  });

  it('subshells `( … )` hold commands of their own', () => {
    const commands = parseShell('(cd pkg && npm publish)');
    expect(commands.map((command) => [...words(command), command.terminator])).toEqual([
      ['cd@1-3', 'pkg@4-7', '&&'],
      ['npm@11-14', 'publish@15-22', ')'],
    ]);
  });
});

describe('parseShell: substitutions', () => {
  it('commands inside `$( … )` come before the command that uses them', () => {
    const commands = parseShell('V=$(npm view x version) && echo "$(npm publish)"');
    expect(commands.map((command) => [words(command), command.assignments.map(w)])).toEqual([
      [['npm@4-7', 'view@8-12', 'x@13-14', 'version@15-22'], []],
      [[], ['V=$(npm view x version)@0-23']],
      [['npm@35-38', 'publish@39-46'], []],
      [['echo@27-31', '$(npm publish)@32-48q'], []],
    ]);
  });

  it('a `)` inside a quoted string in a substitution does not close it', () => {
    const commands = parseShell('echo "$(echo ")")" x');
    expect(commands.map(words)).toEqual([
      ['echo@8-12', ')@13-16q'],
      ['echo@0-4', '$(echo ")")@5-18q', 'x@19-20'],
    ]);
  });

  it('backticks and process substitution', () => {
    expect(parseShell('echo `npm whoami`').map(words)).toEqual([['npm@6-9', 'whoami@10-16'], ['echo@0-4', '`npm whoami`@5-17']]);
    expect(parseShell('diff <(npm pack) x').map(words)).toEqual([['npm@7-10', 'pack@11-15'], ['diff@0-4', '<(npm pack)@5-16', 'x@17-18']]);
  });

  it('arithmetic `$(( … ))` is not a command', () => {
    expect(names('echo $((1 + 2))')).toEqual(['echo $((1 + 2))']);
  });

  it('quotes inside substitutions inside quotes', () => {
    const commands = parseShell('echo "$(echo "$(date ")")")" done');
    expect(commands.map((command) => command.words.map((word) => word.value))).toEqual([
      ['date', ')'],
      ['echo', '$(date ")")'],
      ['echo', '$(echo "$(date ")")")', 'done'],
    ]);
  });

  it.each([
    ['$("', 100_000],
    ['"$(', 100_000],
    ['$(', 100_000],
    ['`', 100_001],
    ['<<A\n', 50_000],
    ["$'", 100_000],
    ['bash -c "', 30_000],
    ['a ', 300_000],
  ])('hostile input %j × %i does not overflow the stack', (unit, times) => {
    expect(() => parseShell(unit.repeat(times))).not.toThrow();
  });

  it('hostile nesting is bounded', () => {
    const deep = `${'$('.repeat(5000)}npm publish${')'.repeat(5000)}`;
    const commands = parseShell(deep);
    expect(commands.length).toBeLessThan(20);
  });
});

describe('parseShell: assignments and wrappers', () => {
  it('`VAR=x cmd` moves the assignments out of the words', () => {
    const [command] = parseShell('NODE_AUTH_TOKEN=x FOO="a b" npm publish');
    expect(command!.assignments.map(w)).toEqual(['NODE_AUTH_TOKEN=x@0-17', 'FOO=a b@18-27q']);
    expect(words(command!)).toEqual(['npm@28-31', 'publish@32-39']);
    expect([command!.start, command!.end]).toEqual([0, 39]);
  });

  it('a bare assignment is a command without words; a quoted name is not an assignment', () => {
    expect(parseShell('a=1\nb=2 c').map((command) => [command.assignments.map(w), words(command)])).toEqual([
      [['a=1@0-3'], []],
      [['b=2@4-7'], ['c@8-9']],
    ]);
    expect(parseShell('"A=1" npm').map(words)).toEqual([['A=1@0-5q', 'npm@6-9']]);
  });

  it.each([
    ['sudo -E npm publish', ['sudo', '-E'], []],
    ['sudo -u root -E npm publish', ['sudo', '-u', 'root', '-E'], []],
    ['sudo -- npm publish', ['sudo', '--'], []],
    ['env A=1 B=2 npm publish', ['env'], ['A=1', 'B=2']],
    ['env -i A=1 npm publish', ['env', '-i'], ['A=1']],
    ['time npm publish', ['time'], []],
    ['time -p npm publish', ['time', '-p'], []],
    ['nohup npm publish', ['nohup'], []],
    ['exec npm publish', ['exec'], []],
    ['timeout 10 npm publish', ['timeout', '10'], []],
    ['timeout -k 5 60 npm publish', ['timeout', '-k', '5', '60'], []],
    ['timeout --signal KILL --preserve-status 5m npm publish', ['timeout', '--signal', 'KILL', '--preserve-status', '5m'], []],
    ['env -u X npm publish', ['env', '-u', 'X'], []],
    ['env -i A=1 npm publish', ['env', '-i'], ['A=1']],
    ['/usr/bin/env -C dir B=2 npm publish', ['/usr/bin/env', '-C', 'dir'], ['B=2']],
    ['nice -n 5 npm publish', ['nice', '-n', '5'], []],
    ['stdbuf -o 0 -eL npm publish', ['stdbuf', '-o', '0', '-eL'], []],
    ['exec -a release npm publish', ['exec', '-a', 'release'], []],
    ['ionice -c 2 -n 7 nice npm publish', ['ionice', '-c', '2', '-n', '7', 'nice'], []],
    ['setsid -w npm publish', ['setsid', '-w'], []],
    ['A=1 sudo -E env B=2 npm publish', ['sudo', '-E', 'env'], ['A=1', 'B=2']],
    ['sudo -E env "PATH=$PATH" npm publish', ['sudo', '-E', 'env'], ['PATH=$PATH']],
  ])('%s → wrappers %j, assignments %j', (script, wrappers, assignments) => {
    const [command] = parseShell(script);
    expect(command!.words.map((word) => word.value)).toEqual(['npm', 'publish']);
    expect(command!.wrappers.map((word) => word.value)).toEqual(wrappers);
    expect(command!.assignments.map((word) => word.value)).toEqual(assignments);
    // The command starts at its first word, wrappers included.
    expect(command!.start).toBe(0);
    expect(command!.end).toBe(script.length);
  });

  it('xargs runs the command after its options', () => {
    const commands = parseShell('echo a | xargs -I {} npm publish {}');
    expect(commands[1]!.wrappers.map((word) => word.value)).toEqual(['xargs', '-I', '{}']);
    expect(words(commands[1]!)).toEqual(['npm@21-24', 'publish@25-32', '{}@33-35']);
  });

  it('`command -v npm` looks npm up without running it', () => {
    expect(names('command -v npm')).toEqual(['command -v npm']);
    expect(names('command npm publish')).toEqual(['npm publish']);
  });

  it('a quoted command name is not a wrapper', () => {
    expect(parseShell('"sudo" npm')[0]!.wrappers).toEqual([]);
  });
});

describe('parseShell: redirections and heredocs', () => {
  it('`>>` to a file, `2>&1`, `>/dev/null`, `&>`', () => {
    const [command] = parseShell('echo "//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}" >> ~/.npmrc 2>&1');
    expect(command!.redirects.map((redirect) => [redirect.operator, redirect.target && w(redirect.target)])).toEqual([
      ['>>', '~/.npmrc@68-76'],
      ['2>&', '1@80-81'],
    ]);
    expect(words(command!)).toEqual(['echo@0-4', '//registry.npmjs.org/:_authToken=${{ secrets.NPM_TOKEN }}@5-64q']);
    expect(command!.end).toBe(81);
    expect(parseShell('npm publish &> log')[0]!.redirects.map((redirect) => `${redirect.operator} ${redirect.target!.value}`)).toEqual(['&> log']);
    expect(parseShell('echo>out')[0]!.redirects.map((redirect) => `${redirect.operator} ${redirect.target!.value}`)).toEqual(['> out']);
    expect(parseShell('echo 2>err x')[0]!.words.map((word) => word.value)).toEqual(['echo', 'x']);
    expect(parseShell('echo a2>err')[0]!.words.map((word) => word.value)).toEqual(['echo', 'a2']);
  });

  it('a heredoc body is not parsed as commands and is available as text', () => {
    const script = 'cat <<EOF > ~/.npmrc\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nnpm publish\nEOF\nnpm test';
    const commands = parseShell(script);
    expect(commands.map((command) => command.words.map((word) => word.value).join(' '))).toEqual(['cat', 'npm test']);
    const heredoc = commands[0]!.redirects[0]!.heredoc!;
    expect(heredoc.delimiter).toBe('EOF');
    expect(heredoc.body).toBe('//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nnpm publish\n');
    expect(script.slice(heredoc.start, heredoc.end)).toBe(heredoc.body);
    expect(commands[0]!.redirects[1]).toMatchObject({ operator: '>', target: { value: '~/.npmrc' } });
  });

  it('`<<-` with a quoted delimiter strips leading tabs to find the end', () => {
    const commands = parseShell("cat <<-'EOF'\n\tnpm publish\n\tEOF\necho done");
    expect(commands[0]!.redirects[0]).toMatchObject({ operator: '<<-', heredoc: { delimiter: 'EOF', body: '\tnpm publish\n' } });
    expect(names("cat <<-'EOF'\n\tnpm publish\n\tEOF\necho done")).toEqual(['cat', 'echo done']);
  });

  it('two heredocs on one line, a missing terminator, a CRLF terminator, a here-string', () => {
    const two = parseShell('cat <<A <<B\na\nA\nb\nB\nnpm x');
    expect(two[0]!.redirects.map((redirect) => redirect.heredoc!.body)).toEqual(['a\n', 'b\n']);
    expect(two[1]!.words.map((word) => word.value)).toEqual(['npm', 'x']);
    expect(parseShell('cat <<EOF\nnpm publish').map((command) => command.redirects[0]?.heredoc?.body)).toEqual(['npm publish']);
    expect(names('cat <<EOF\r\nnpm publish\r\nEOF\r\nnpm test')).toEqual(['cat', 'npm test']);
    expect(parseShell('cat <<< "npm publish"')[0]!.redirects).toEqual([
      { operator: '<<<', target: { value: 'npm publish', start: 8, end: 21, quoted: true, segments: [{ value: 0, raw: 9, length: 11 }] } },
    ]);
  });
});

describe('parseShell: inner scripts', () => {
  it("`bash -c '…'` adds the inner commands with offsets in the outer script", () => {
    const script = "bash -c 'npm publish --tag next'";
    const commands = parseShell(script);
    expect(commands.map(words)).toEqual([
      ['bash@0-4', '-c@5-7', 'npm publish --tag next@8-32q'],
      ['npm@9-12', 'publish@13-20', '--tag@21-26', 'next@27-31'],
    ]);
    expect(script.slice(commands[1]!.start, commands[1]!.end)).toBe('npm publish --tag next');
  });

  it('`sh -c "…"` with operators inside', () => {
    expect(names('sh -c "npm ci && npm publish"')).toEqual(['sh -c npm ci && npm publish', 'npm ci', 'npm publish']);
    expect(names('/bin/bash -ec "npm publish"')).toEqual(['/bin/bash -ec npm publish', 'npm publish']);
  });

  it('an inner script with escapes is parsed too, each word mapped back through the escapes', () => {
    const script = 'bash -c "echo \\"x y\\" && npm publish --tag \\"next\\""';
    const commands = parseShell(script);
    expect(names(script)).toEqual(['bash -c echo "x y" && npm publish --tag "next"', 'echo x y', 'npm publish --tag next']);
    // A word starts at its first character: the quote, after the backslash that escaped it.
    expect(commands[1]!.words.map((word) => script.slice(word.start, word.end))).toEqual(['echo', '"x y\\"']);
    expect(commands[2]!.words.map((word) => script.slice(word.start, word.end))).toEqual(['npm', 'publish', '--tag', '"next\\"']);
    expect(script.slice(commands[2]!.start, commands[2]!.end)).toBe('npm publish --tag \\"next\\"');
    // Mixed quoting in one word, and an escaped space outside quotes.
    expect(names(`sh -c 'npm '"publish"\\ --access\\ public`)).toEqual(['sh -c npm publish --access public', 'npm publish --access public']);
  });

  it.each([
    ["npx -c 'npm publish'", 'npm publish@8-19'],
    ['npx --call="npm publish"', 'npm publish@12-23'],
    ["npm exec -c 'npm publish'", 'npm publish@13-24'],
    ["npm --yes x -c 'npm publish'", 'npm publish@16-27'],
    ["npm exe --call 'npm publish'", 'npm publish@16-27'],
  ])('`%s` runs its script too', (script, inner) => {
    const commands = parseShell(script);
    expect(commands).toHaveLength(2);
    expect(`${commands[1]!.words.map((word) => word.value).join(' ')}@${commands[1]!.start}-${commands[1]!.end}`).toBe(inner);
  });

  it('`npx pkg -c x` passes -c to the package; `npm run -c` and `npm exec --dry-run -c` run nothing here', () => {
    expect(parseShell("npx cowsay -c 'npm publish'")).toHaveLength(1);
    expect(parseShell("npm run -c 'npm publish'")).toHaveLength(1);
    expect(parseShell("npm exec --dry-run -c 'npm publish'")).toHaveLength(1);
  });

  it('`bash script.sh` and `bash -c` without a script are plain commands', () => {
    expect(names('bash -c')).toEqual(['bash -c']);
    expect(names('bash publish.sh')).toEqual(['bash publish.sh']);
  });
});

describe('parseShell: PowerShell dialect', () => {
  it('a backtick escapes and continues lines; a backslash is an ordinary character', () => {
    const script = 'npm publish `\n  --tag next C:\\tools\\x "a`"b" `$HOME';
    expect(parseShell(script, 'powershell').map(words)).toEqual([
      ['npm@0-3', 'publish@4-11', '--tag@16-21', 'next@22-26', 'C:\\tools\\x@27-37', 'a"b@38-44q', '$HOME@45-51'],
    ]);
  });

  it('backticks are not command substitution', () => {
    expect(parseShell('echo `date`', 'powershell').map((command) => command.words.map((word) => word.value))).toEqual([['echo', 'date']]);
    expect(parseShell("Write-Host $'x'", 'powershell')[0]!.words.map((word) => word.value)).toEqual(['Write-Host', '$x']);
  });

  it('`$( … )` subexpressions are still commands', () => {
    expect(names('$v = $(npm view x version)')).toEqual(['npm view x version', '$v = $(npm view x version)']);
    expect(parseShell('$v = $(npm view x version)', 'powershell').map((command) => command.words.map((word) => word.value).join(' '))).toEqual([
      'npm view x version',
      '$v = $(npm view x version)',
    ]);
  });
});

describe('parseShell: properties', () => {
  const alphabet = ['a', 'b', ' ', '\n', '\r', '\t', '\\', "'", '"', '`', '$', '(', ')', '{', '}', '<', '>', '&', '|', ';', '#', '=', '-', '2', 'EOF', '${{', '}}', '<<', '<<-'];

  it('never throws, and every word and command lies inside the script in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), fc.constantFrom<ShellDialect>('posix', 'powershell'), (parts, dialect) => {
        const script = parts.join('');
        for (const command of parseShell(script, dialect)) {
          expect(command.start).toBeGreaterThanOrEqual(0);
          expect(command.end).toBeLessThanOrEqual(script.length);
          expect(command.start).toBeLessThanOrEqual(command.end);
          for (const word of [...command.assignments, ...command.wrappers, ...command.words]) {
            expect(word.start).toBeGreaterThanOrEqual(0);
            expect(word.end).toBeLessThanOrEqual(script.length);
            expect(word.start).toBeLessThan(word.end);
          }
          for (const redirect of command.redirects) {
            if (redirect.heredoc) {
              expect(redirect.heredoc.start).toBeLessThanOrEqual(redirect.heredoc.end);
              expect(redirect.heredoc.end).toBeLessThanOrEqual(script.length);
            }
          }
        }
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });

  it('an unquoted word without escapes covers exactly its own text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('npm', 'publish', '--tag', 'x=1', ' ', ' ', '\n', '&&', '|', ';', '(', ')'), { maxLength: 40 }), (parts) => {
        const script = parts.join('');
        for (const command of parseShell(script)) {
          for (const word of [...command.assignments, ...command.words]) expect(script.slice(word.start, word.end)).toBe(word.value);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});

describe('parseShell: groups', () => {
  it('`{ …; } >> file` and `( … ) > file`: the closing command names the first command of its group', () => {
    const script = 'npm ci\n{\n  echo "A<<EOF"\n  echo "$(cat x)"\n  echo EOF\n} >> "$GITHUB_ENV"\n( echo a; echo b ) > out\necho c';
    const commands = parseShell(script);
    expect(commands.map((command) => [command.words.map((word) => word.value).join(' '), command.groupFrom, command.redirects.map((redirect) => redirect.target?.value)])).toEqual([
      ['npm ci', undefined, []],
      ['echo A<<EOF', undefined, []],
      ['cat x', undefined, []],
      ['echo $(cat x)', undefined, []],
      ['echo EOF', undefined, []],
      ['', 1, ['$GITHUB_ENV']],
      ['echo a', undefined, []],
      ['echo b', undefined, []],
      ['', 6, ['out']],
      ['echo c', undefined, []],
    ]);
  });

  it('a group inside `bash -c` keeps its indexes in the outer list; unbalanced braces do not throw', () => {
    const commands = parseShell(`npm ci; bash -c '{ echo A=1; } >> "$GITHUB_ENV"'`);
    expect(commands.map((command) => command.groupFrom)).toEqual([undefined, undefined, undefined, 2]);
    expect(parseShell('} } ) ) { ( echo').map((command) => command.words.map((word) => word.value).join(' '))).toEqual(['} }', 'echo']);
  });
});

describe('parseShell: scopes of nested scripts', () => {
  it('each command names the nested scripts it is part of, outermost first, with the command that runs each', () => {
    const script = `A=1 bash -c 'x; sh -c "y"; z'; w $(v)`;
    const shown = parseShell(script).map((command) => {
      const scopes = (command.scopes ?? []).map((scope) => `${scope.start}-${scope.end}${scope.runner === undefined ? '' : `<${scope.runner}`}`);
      return `${command.words.map((word) => word.value).join(' ') || '(none)'} [${scopes.join(', ')}]`;
    });
    expect(shown).toEqual([
      'bash -c x; sh -c "y"; z []',
      'x [1-4<0]',
      'sh -c y [1-4<0]',
      'y [1-4<0, 3-3<2]',
      'z [1-4<0]',
      'v [5-5]',
      'w $(v) []',
    ]);
  });
});
