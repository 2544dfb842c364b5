import { describe, expect, it } from 'vitest';
import { canonicalRepository, compareRepository, repositoryField } from '../../src/domain/registries/npm/repository-field.js';

describe('repositoryField', () => {
  it.each([
    ['git+https://github.com/Acme/repo.git', 'Acme', 'repo', true],
    ['https://github.com/Acme/repo', 'Acme', 'repo', true],
    ['https://github.com/Acme/repo.git', 'Acme', 'repo', true],
    ['https://www.github.com/Acme/repo/', 'Acme', 'repo', true],
    ['https://token@github.com/Acme/repo', 'Acme', 'repo', true],
    ['Acme/repo', 'Acme', 'repo', true],
    ['github:Acme/repo', 'Acme', 'repo', true],
    ['GitHub:Acme/repo', 'Acme', 'repo', true],
    ['Acme/repo#main', 'Acme', 'repo', false],
    ['git://github.com/Acme/repo.git', 'Acme', 'repo', false],
    ['ssh://git@github.com/Acme/repo.git', 'Acme', 'repo', false],
    ['git+ssh://git@github.com/Acme/repo.git', 'Acme', 'repo', false],
    ['git@github.com:Acme/repo.git', 'Acme', 'repo', false],
    ['http://github.com/Acme/repo', 'Acme', 'repo', false],
    ['https://github.com/Acme/repo/tree/main/packages/a', 'Acme', 'repo', false],
    ['https://github.com/Acme/repo.git#v1', 'Acme', 'repo', false],
    ['https://github.com/Acme%20X/repo', 'Acme X', 'repo', true],
  ])('%s is github.com/%s/%s (plain: %s)', (url, owner, repo, plain) => {
    expect(repositoryField({ repository: url })).toEqual({ kind: 'github', owner, repo, url, plain });
    expect(repositoryField({ repository: { type: 'git', url } })).toEqual({ kind: 'github', owner, repo, url, plain });
  });

  it('keeps the directory of the object form', () => {
    expect(repositoryField({ repository: { type: 'git', url: 'git+https://github.com/Acme/mono.git', directory: 'packages/a' } })).toEqual({
      kind: 'github',
      owner: 'Acme',
      repo: 'mono',
      url: 'git+https://github.com/Acme/mono.git',
      plain: true,
      directory: 'packages/a',
    });
  });

  it.each([[{}], [{ repository: '' }], [{ repository: '  ' }], [{ repository: {} }], [{ repository: { type: 'git' } }], [{ repository: { url: null } }], [{ repository: 7 }], [{ repositories: [] }]])(
    '%j has no repository URL',
    (json) => {
      expect(repositoryField(json)).toEqual({ kind: 'missing' });
    },
  );

  it.each(['https://gitlab.com/acme/repo', 'gitlab:acme/repo', 'bitbucket:acme/repo', 'git@gitlab.com:acme/repo.git', 'https://git.example.com/acme/repo.git', 'repo', 'not a url'])(
    '%s is not a GitHub repository',
    (url) => {
      expect(repositoryField({ repository: { type: 'git', url } })).toEqual({ kind: 'other', url });
    },
  );

  it('a URL that is not a string is not one either', () => {
    expect(repositoryField({ repository: { url: 42 } })).toEqual({ kind: 'other', url: '42' });
  });

  it.each([
    [{ repository: 'https://github.com/Acme' }],
    [{ repository: 'https://github.com/Acme/repo/blob/main/package.json' }],
    [{ repository: 'github.com/Acme/repo' }],
    [{ repositories: { url: 'https://github.com/Acme/repo' } }],
  ])('%j is not read (how npm and the registry read it is not known)', (json) => {
    expect(repositoryField(json)).toEqual({ kind: 'unknown' });
  });

  it('takes the first entry of `repositories` over `repository`, as npm does', () => {
    expect(repositoryField({ repository: 'Acme/repo', repositories: ['Other/repo'] })).toMatchObject({ kind: 'github', owner: 'Other' });
  });
});

describe('compareRepository and canonicalRepository', () => {
  it('compares owner and name, telling a case difference apart', () => {
    const expected = { owner: 'Acme', repo: 'Repo' };
    expect(compareRepository({ owner: 'Acme', repo: 'Repo' }, expected)).toBe('same');
    expect(compareRepository({ owner: 'acme', repo: 'Repo' }, expected)).toBe('case');
    expect(compareRepository({ owner: 'Acme', repo: 'repo' }, expected)).toBe('case');
    expect(compareRepository({ owner: 'Other', repo: 'Repo' }, expected)).toBe('different');
  });

  it('reads the repository setting', () => {
    expect(canonicalRepository('Acme/Repo')).toEqual({ owner: 'Acme', repo: 'Repo' });
    expect(canonicalRepository(' Acme/Repo.git ')).toEqual({ owner: 'Acme', repo: 'Repo' });
    expect(canonicalRepository('Acme')).toBeUndefined();
    expect(canonicalRepository(undefined)).toBeUndefined();
  });
});
