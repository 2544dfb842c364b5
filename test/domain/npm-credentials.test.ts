import { describe, expect, it } from 'vitest';
import { npmTokenPassedToAction } from '../../src/domain/registries/npm/credentials.js';
import { analysis, job, parse } from '../engine/helpers.js';

function passed(steps: string, settings = {}): string | undefined {
  const p = parse(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps.split('\n').map((line) => `      - ${line}`).join('\n')}\n`);
  return npmTokenPassedToAction(analysis({}, settings), job(p, 'a'))?.key.text;
}

describe('npmTokenPassedToAction', () => {
  it('finds npm tokens handed to actions, by secret name or input name', () => {
    expect(passed('{ uses: ./.github/actions/setup, with: { token: "${{ secrets.NPM_TOKEN }}" } }')).toBe('token');
    expect(passed('{ uses: org/setup@v1, with: { npm-token: "${{ secrets.PUBLISH_KEY }}" } }')).toBe('npm-token');
    expect(passed('{ uses: org/setup@v1, with: { key: "${{ secrets.MY_KEY }}" } }', { npmTokenEnvNames: ['MY_KEY'] })).toBe('key');
  });

  it('ignores other secrets, GITHUB_TOKEN, run steps and literals', () => {
    expect(passed('{ uses: actions/checkout@v5, with: { token: "${{ secrets.GH_PAT }}" } }')).toBeUndefined();
    expect(passed('{ uses: org/setup@v1, with: { npm-token: "${{ secrets.GITHUB_TOKEN }}" } }')).toBeUndefined();
    expect(passed('{ uses: org/setup@v1, with: { npm-token: "" } }')).toBeUndefined();
    expect(passed('{ run: echo, env: { NPM_TOKEN: "${{ secrets.NPM_TOKEN }}" } }')).toBeUndefined();
  });
});
