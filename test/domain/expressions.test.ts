import { describe, expect, it } from 'vitest';
import { contextReferences, findExpressions, hasExpression, referencesIn, valueOrigin } from '../../src/domain/expressions.js';

describe('findExpressions', () => {
  it('finds each `${{ … }}` with exact offsets and inner text', () => {
    const text = "a ${{ secrets.X }} b ${{ format('}}', vars.Y) }} ${{ unclosed";
    expect(findExpressions(text)).toEqual([
      { start: 2, end: 18, inner: ' secrets.X ' },
      { start: 21, end: 48, inner: " format('}}', vars.Y) " },
    ]);
    expect(text.slice(21, 48)).toBe("${{ format('}}', vars.Y) }}");
  });

  it('finds nothing in plain text; an unterminated string literal runs to the end', () => {
    expect(findExpressions('no expressions $ { {')).toEqual([]);
    expect(findExpressions("${{ 'abc }}")).toEqual([]);
    expect(hasExpression('x ${{ y }}')).toBe(true);
    expect(hasExpression('x ${ y }')).toBe(false);
  });
});

describe('contextReferences', () => {
  it.each([
    ['secrets.NPM_TOKEN', [{ context: 'secrets', path: ['NPM_TOKEN'] }]],
    [" secrets['NPM_TOKEN'] ", [{ context: 'secrets', path: ['NPM_TOKEN'] }]],
    ['vars.X', [{ context: 'vars', path: ['X'] }]],
    ['github.token', [{ context: 'github', path: ['token'] }]],
    ['Secrets.X', [{ context: 'secrets', path: ['X'] }]],
    ['steps.a.outputs.b', [{ context: 'steps', path: ['a', 'outputs', 'b'] }]],
    ["format('{0}', secrets.X)", [{ context: 'secrets', path: ['X'] }]],
    ['toJSON(secrets)', [{ context: 'secrets', path: [] }]],
    ['secrets.A || vars.B', [{ context: 'secrets', path: ['A'] }, { context: 'vars', path: ['B'] }]],
    [
      'secrets[matrix.name]',
      [
        { context: 'secrets', path: ['*'] },
        { context: 'matrix', path: ['name'] },
      ],
    ],
    ['fromJSON(needs.a.outputs.b).c', [{ context: 'needs', path: ['a', 'outputs', 'b'] }]],
    ["'secrets.X'", []],
  ])('%s', (inner, expected) => {
    expect(contextReferences(inner)).toEqual(expected);
  });

  it('an unparsable expression falls back to a scan of `context.name` words', () => {
    expect(contextReferences('secrets.NPM_TOKEN ==')).toEqual([{ context: 'secrets', path: ['NPM_TOKEN'] }]);
    expect(contextReferences('a ==')).toEqual([]);
  });

  it('referencesIn collects references from every expression of a string', () => {
    expect(referencesIn('//registry/:_authToken=${{ secrets.A }} ${{ vars.B }}')).toEqual([
      { context: 'secrets', path: ['A'] },
      { context: 'vars', path: ['B'] },
    ]);
    expect(referencesIn('secrets.A')).toEqual([]);
  });
});

describe('valueOrigin', () => {
  it.each([
    ['literal', 'literal', []],
    ['${{ secrets.NPM_TOKEN }}', 'long-lived-secret', ['NPM_TOKEN']],
    ['${{ vars.TOKEN }}', 'long-lived-secret', ['vars.TOKEN']],
    ['${{ secrets.GITHUB_TOKEN }}', 'github-token', []],
    ['${{ secrets.github_token }}', 'github-token', []],
    ['${{ github.token }}', 'github-token', []],
    ['${{ github.TOKEN }}', 'github-token', []],
    ['${{ secrets.GITHUB_TOKEN || secrets.PAT }}', 'long-lived-secret', ['PAT']],
    ['${{ toJSON(secrets) }}', 'long-lived-secret', ['*']],
    ['${{ steps.x.outputs.t }}', 'other-expression', []],
    ['${{ github.event.token }}', 'other-expression', []],
    ['${{ a = }}', 'other-expression', []],
  ])('%s → %s', (text, origin, secrets) => {
    expect(valueOrigin(text)).toEqual({ origin, secrets });
  });
});
