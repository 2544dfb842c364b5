import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, PACKAGE, installedSchemas, workflowKeysModule } from '../scripts/workflow-keys.js';
import { ACTION_KEYS, WORKFLOW_KEYS } from '../src/domain/workflow-keys.generated.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const schemas = installedSchemas(repoRoot);

describe(GENERATED_PATH, () => {
  it.skipIf(!schemas)(`is what scripts/workflow-keys.ts makes from the installed ${PACKAGE} (run npm run build)`, () => {
    expect(readFileSync(`${repoRoot}${GENERATED_PATH}`, 'utf8')).toBe(workflowKeysModule(schemas!));
  });

  it.runIf(!schemas)(`${PACKAGE} is not installed (a devDependency): the committed file is not compared`, () => {
    console.warn(`test/workflow-keys.test.ts: ${PACKAGE} is absent; install the devDependencies to compare ${GENERATED_PATH}`);
  });

  it('holds the keys the rules depend on (sanity: a wrong compile would not be vacuous)', () => {
    const root = WORKFLOW_KEYS.defs[WORKFLOW_KEYS.root]!;
    expect('m' in root && Object.keys(root.m).sort()).toEqual(['concurrency', 'defaults', 'description', 'env', 'jobs', 'name', 'on', 'permissions', 'run-name']);
    expect(WORKFLOW_KEYS.defs.job).toEqual({ o: ['job-factory', 'workflow-job'] });
    const jobFactory = WORKFLOW_KEYS.defs['job-factory']!;
    expect('m' in jobFactory && jobFactory.r).toEqual(['runs-on']);
    // Flag-gated step kinds are out, as they are for GitHub's parser without the flag.
    expect(JSON.stringify(WORKFLOW_KEYS)).not.toMatch(/"(background|wait-all|cancel)"/);
    const action = ACTION_KEYS.defs[ACTION_KEYS.root]!;
    expect('m' in action && Object.keys(action.m)).toContain('branding');
  });
});
