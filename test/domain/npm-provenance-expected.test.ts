import { describe, expect, it } from 'vitest';
import { npmPublishFacts } from '../../src/domain/registries/npm/facts.js';
import { effectiveAuth, expectedProvenance } from '../../src/domain/registries/npm/provenance-expected.js';
import { workflow } from '../rule-tester.js';
import { analysis, parse, workflowOf } from '../engine/helpers.js';

/** `[effectiveAuth, expectedProvenance]` of every npm publish of the workflow's jobs, in order. */
function expectations(text: string, files: Record<string, string> = {}): Array<[string, string]> {
  const context = analysis(files);
  return workflowOf(parse(text)).jobs.flatMap((job) => {
    const facts = npmPublishFacts(context, job);
    return facts.publishes.map((publish): [string, string] => [effectiveAuth(context, facts, publish), expectedProvenance(context, facts, publish)]);
  });
}

describe('expectedProvenance', () => {
  it('explicit provenance, trusted publishing with provenance at its default, and the rest', () => {
    const text = workflow`
      on: push
      jobs:
        explicit:
          runs-on: ubuntu-latest
          steps: [{ run: npm publish --provenance, env: { NODE_AUTH_TOKEN: '\${{ secrets.NPM_TOKEN }}' } }]
        oidc:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          steps: [{ run: npm publish }, { run: npm publish --no-provenance }, { run: bun publish }]
        token:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          steps: [{ run: pnpm publish, env: { NODE_AUTH_TOKEN: '\${{ secrets.NPM_TOKEN }}' } }]
        unknown:
          runs-on: ubuntu-latest
          permissions: \${{ fromJSON(vars.PERMISSIONS) }}
          steps: [{ run: npm publish }, { run: npm publish, env: { NPM_CONFIG_PROVENANCE: '\${{ vars.P }}' } }]
    `;
    expect(expectations(text)).toEqual([
      ['token', 'explicit'],
      ['oidc', 'if-public'],
      ['oidc', 'none'],
      ['oidc', 'none'],
      ['token', 'none'],
      ['unknown', 'unknown'],
      ['unknown', 'unknown'],
    ]);
  });

  it('a user-level token that npm 11.5.1+ replaces through OIDC leaves trusted publishing', () => {
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          permissions: { id-token: write }
          steps:
            - uses: actions/setup-node@v6
              with: { node-version: 24.10.0, registry-url: 'https://registry.npmjs.org' }
            - run: npm publish
              env: { NODE_AUTH_TOKEN: '\${{ secrets.NPM_TOKEN }}' }
    `;
    expect(expectations(text)).toEqual([['oidc', 'if-public']]);
  });

  it('publishConfig.provenance in the package decides when nothing stronger does', () => {
    const text = workflow`
      on: push
      jobs:
        publish:
          runs-on: ubuntu-latest
          steps: [{ run: npm publish, env: { NODE_AUTH_TOKEN: '\${{ secrets.NPM_TOKEN }}' } }]
    `;
    expect(expectations(text, { 'package.json': '{ "name": "a", "publishConfig": { "provenance": true } }' })).toEqual([['token', 'explicit']]);
  });
});
