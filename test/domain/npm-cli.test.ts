import { describe, expect, it } from 'vitest';
import { configTrue, npmCommand, parseNpmArgs } from '../../src/domain/commands/npm-cli.js';

// Expected values are what npm 11.19.1 itself reads (its nopt 9, @npmcli/config 10.12.0 types and
// lib/utils/cmd-list.js deref), checked by running them through npm's own modules.

const parse = (line: string) => {
  const words = line.split(' ');
  const parsed = parseNpmArgs(words, 1);
  return {
    command: parsed.command,
    positionals: parsed.positionals.map((positional) => positional.value),
    config: Object.fromEntries([...parsed.config].map(([key, value]) => [key, value.value])),
  };
};

describe('npmCommand (cmd-list.js deref)', () => {
  it.each([
    ['publish', 'publish'],
    ['pub', 'publish'],
    ['pu', 'publish'],
    ['p', undefined],
    ['x', 'exec'],
    ['exe', 'exec'],
    ['run-script', 'run'],
    ['rum', 'run'],
    ['run-s', 'run'],
    ['ru', undefined],
    ['i', 'install'],
    ['installTest', 'install-test'],
    ['stag', 'stage'],
    ['constructor', undefined],
    ['__proto__', undefined],
    ['toString', undefined],
    ['hasOwnProperty', undefined],
  ])('%s → %s', (word, command) => {
    expect(npmCommand(word)).toBe(command);
  });
});

describe('parseNpmArgs (nopt with npm types)', () => {
  it('options that take a value take the next word, wherever they are', () => {
    expect(parse('npm --cache /tmp/c publish --tag next pkg')).toEqual({ command: 'publish', positionals: ['publish', 'pkg'], config: { cache: '/tmp/c', tag: 'next' } });
    expect(parse('npm -w a --workspace=b publish')).toEqual({ command: 'publish', positionals: ['publish'], config: { workspace: 'b' } });
  });

  it('a String option does not take a following option; other types take anything but `--`', () => {
    expect(parse('npm publish --tag --access public')).toMatchObject({ positionals: ['publish'], config: { tag: '', access: 'public' } });
    expect(parse('npm --otp -1 publish')).toMatchObject({ positionals: ['publish'], config: { otp: '-1' } });
    expect(parse('npm --registry -- publish')).toMatchObject({ positionals: ['publish'], config: { registry: true } });
  });

  it('boolean options take a following true or false, and nothing else', () => {
    expect(parse('npm publish --dry-run false x')).toMatchObject({ positionals: ['publish', 'x'], config: { 'dry-run': false } });
    expect(parse('npm publish --dry-run=foo')).toMatchObject({ positionals: ['publish', 'foo'], config: { 'dry-run': true } });
    expect(parse('npm publish --no-dry-run true')).toMatchObject({ config: { 'dry-run': false } });
    expect(parse('npm publish --no-no-dry-run')).toMatchObject({ config: { 'dry-run': true } });
    expect(parse('npm --yes null publish')).toMatchObject({ positionals: ['publish'], config: { yes: null } });
    expect(parse('npm --color null publish')).toMatchObject({ positionals: ['null', 'publish'], config: { color: true } });
  });

  it('abbreviated keys and shorthands expand as nopt expands them', () => {
    expect(parse('npm publish --dry')).toMatchObject({ config: { 'dry-run': true } });
    expect(parse('npm publish --prov')).toMatchObject({ config: { prov: true } });
    expect(parse('npm -ddd --reg https://r/ -gf publish')).toMatchObject({ positionals: ['publish'], config: { loglevel: 'silly', registry: 'https://r/', global: true, force: true } });
    expect(configTrue(parseNpmArgs(['npm', 'publish', '-h'], 1), 'usage')).toBe(true);
  });

  it('`--` ends the options; unknown keys with `=` keep their value (`--//host/:_authToken=x`)', () => {
    expect(parse('npm exec -- npm publish --dry-run')).toMatchObject({ command: 'exec', positionals: ['exec', 'npm', 'publish', '--dry-run'], config: {} });
    expect(parse('npm publish --//registry.npmjs.org/:_authToken=abc --unknown x')).toMatchObject({
      positionals: ['publish', 'x'],
      config: { '//registry.npmjs.org/:_authToken': 'abc', unknown: true },
    });
  });

  it('prototype names are ordinary words', () => {
    expect(parse('npm --constructor --__proto__=x --toString publish')).toMatchObject({ command: 'publish', positionals: ['publish'] });
    expect(parse('npm constructor').command).toBeUndefined();
  });
});
