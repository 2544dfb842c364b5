import { describe, expect, it } from 'vitest';
import { LITERAL_DOLLAR, shellText } from '../../src/domain/file-writes.js';
import { isNpmjsHost, registryAuthority } from '../../src/domain/registries/npm/hosts.js';
import { runCommands } from '../../src/domain/run-script.js';
import { analysis, parse, step } from '../engine/helpers.js';

/** The words of the last command of `run: <script>` (after its substitutions) as `shellText` gives them, `'` for a literal dollar. */
function texts(script: string): string[] {
  const parsed = parse(`on: push\njobs:\n  a:\n    steps:\n      - run: |\n          ${script}\n`);
  const command = runCommands(analysis(), step(parsed, 'a', 0)).at(-1);
  return command!.words.map((word) => shellText(word, parsed.text).replaceAll(LITERAL_DOLLAR, "'"));
}

describe('shellText: the dollars the shell leaves alone', () => {
  it.each([
    ['echo $A "$B" ${C}', ['echo', '$A', '$B', '${C}']],
    [`echo '$A' x'$B'y "$C"'$D'`, ['echo', "'A", "x'By", "$C'D"]],
    ['echo \\$A "\\$B" "\\x$C"', ['echo', "'A", "'B", '\\x$C']],
    [`echo $'$A\\n' "$(echo '$B')"`, ['echo', "'A\\n", "$(echo '$B')"]],
    // GitHub replaces expressions before the shell runs, in single quotes too.
    [`echo '\${{ secrets.A }}' '$B\${{ env.C }}'`, ['echo', '${{ secrets.A }}', "'B${{ env.C }}"]],
  ])('%s', (script, expected) => {
    expect(texts(script)).toEqual(expected);
  });
});

describe('registryAuthority: the host and the credentials of a registry URL', () => {
  it.each([
    ['https://registry.npmjs.org/', { host: 'registry.npmjs.org' }],
    ['//registry.npmjs.org/:_authToken', { host: 'registry.npmjs.org' }],
    ['https://ci:pw@Registry.NPMJS.org./', { host: 'registry.npmjs.org', userinfo: 'ci:pw' }],
    ['https://npm_abc@registry.npmjs.org/', { host: 'registry.npmjs.org', userinfo: 'npm_abc' }],
    ['https://ci:${{ secrets.T }}@registry.npmjs.org/', { host: 'registry.npmjs.org', userinfo: 'ci:${{ secrets.T }}' }],
    ['https://${{ secrets.T }}@registry.npmjs.org/${{ x }}', { host: 'registry.npmjs.org', userinfo: '${{ secrets.T }}' }],
    // An expression before the host or in it: the host is not known.
    ['https://ci:${{ secrets.T }}@${{ vars.HOST }}/', undefined],
    ['https://registry.npmjs.org${{ vars.SUFFIX }}/', undefined],
    ['${{ vars.SCHEME }}://registry.npmjs.org/', undefined],
    ['https://ci:${{ secrets.T @registry.npmjs.org/', undefined],
    ['registry.npmjs.org', undefined],
  ])('%s', (url, expected) => {
    expect(registryAuthority(url)).toEqual(expected);
  });

  it('a host that only starts like registry.npmjs.org is another host', () => {
    expect(isNpmjsHost('https://registry.npmjs.org.evil.example/')).toBe(false);
    expect(isNpmjsHost('https://registry.npmjs.org@evil.example/')).toBe(false);
    expect(isNpmjsHost('https://evil.example@registry.npmjs.org/')).toBe(true);
  });
});
