import { describe, expect, it } from 'vitest';
import { effectivePermissions, hasIdTokenWrite, misspeltPermissions, PERMISSION_SCOPES } from '../../src/domain/permissions.js';
import { workflow } from '../rule-tester.js';
import { job, parse, workflowOf } from '../engine/helpers.js';

function permissionsOf(top: string | undefined, jobBlock: string | undefined, on = 'push') {
  const lines = [`on: ${on}`];
  if (top !== undefined) lines.push(`permissions: ${top}`);
  lines.push('jobs:', '  a:', '    runs-on: ubuntu-latest');
  if (jobBlock !== undefined) lines.push(`    permissions: ${jobBlock}`);
  lines.push('    steps: [{ run: echo }]', '');
  const parsed = parse(lines.join('\n'));
  return { parsed, permissions: effectivePermissions(job(parsed, 'a')) };
}

describe('a misspelt permissions key', () => {
  const grantOf = (text: string) => effectivePermissions(job(parse(text), 'a'));

  it('at the job (any near spelling, any case) leaves the grant unknown, with the entry', () => {
    for (const key of ['permission', 'Permissions', 'permisions', 'permissons']) {
      const parsed = parse(`on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    ${key}: { id-token: write }\n    steps: [{ run: echo }]\n`);
      const permissions = effectivePermissions(job(parsed, 'a'));
      expect(permissions.source, key).toBe('job');
      expect(permissions.known, key).toBe(false);
      expect(permissions.access('id-token'), key).toBeUndefined();
      expect(parsed.at(permissions.misspelt!.key.span), key).toBe(`5:5-5:${5 + key.length}`);
    }
  });

  it('at the top, for a job that declares nothing; a job block of its own still decides', () => {
    const top = 'on: push\npermission: { id-token: write }\njobs:\n  a:\n    runs-on: ubuntu-latest\n';
    expect(grantOf(`${top}    steps: [{ run: echo }]\n`)).toMatchObject({ source: 'workflow', known: false });
    expect(grantOf(`${top}    permissions: { id-token: write }\n    steps: [{ run: echo }]\n`).access('id-token')).toBe('write');
  });

  it('is not: another unknown key, a key that is right, a right key beside a wrong one', () => {
    const withKey = (key: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    ${key}\n    steps: [{ run: echo }]\n`;
    expect(grantOf(withKey('enviroment: npm'))).toMatchObject({ source: 'default' });
    expect(grantOf(withKey('frobnicate: { id-token: write }')).misspelt).toBeUndefined();
    expect(grantOf(withKey('permissions: { id-token: write }')).access('id-token')).toBe('write');
    const both = parse('on: push\npermissions: {}\npermission: {}\njobs: {}\n');
    expect(misspeltPermissions(workflowOf(both))).toBeUndefined();
  });
});

describe('effectivePermissions', () => {
  it('the job block replaces the workflow block entirely', () => {
    const { parsed, permissions } = permissionsOf('{ contents: write, id-token: write }', '{ packages: read }');
    expect(permissions.source).toBe('job');
    expect(permissions.known).toBe(true);
    expect(permissions.access('packages')).toBe('read');
    // Not inherited from the workflow: a mapping sets every scope it does not name to none.
    expect(permissions.access('contents')).toBe('none');
    expect(permissions.access('id-token')).toBe('none');
    expect(permissions.grantOf('id-token')).toBeUndefined();
    expect(parsed.at(permissions.grantOf('packages')!.span)).toBe('6:20-6:34');
  });

  it('without a job block the workflow block decides', () => {
    const { parsed, permissions } = permissionsOf('{ contents: read, id-token: write }', undefined);
    expect(permissions.source).toBe('workflow');
    expect(permissions.access('id-token')).toBe('write');
    expect(permissions.access('contents')).toBe('read');
    expect(permissions.access('issues')).toBe('none');
    expect(parsed.at(permissions.grantOf('id-token')!.span)).toBe('2:32-2:47');
    expect(hasIdTokenWrite(job(parsed, 'a'))).toBe(true);
  });

  it('`read-all` reads every scope but cannot grant the write-only `id-token`', () => {
    const { parsed, permissions } = permissionsOf('read-all', undefined);
    expect(permissions.known).toBe(true);
    expect(permissions.access('contents')).toBe('read');
    expect(permissions.access('id-token')).toBe('none');
    expect(parsed.at(permissions.grantOf('contents')!.span)).toBe('2:1-2:22');
  });

  it('`write-all` writes every scope; read-only `models` stays read', () => {
    const { permissions } = permissionsOf(undefined, 'write-all');
    expect(permissions.source).toBe('job');
    expect(permissions.access('id-token')).toBe('write');
    expect(permissions.access('contents')).toBe('write');
    expect(permissions.access('models')).toBe('read');
  });

  it('`{}` grants nothing', () => {
    const { permissions } = permissionsOf('{}', undefined);
    expect(permissions.known).toBe(true);
    for (const scope of PERMISSION_SCOPES.keys()) expect(permissions.access(scope)).toBe('none');
    expect(permissions.grantOf('contents')).toBeUndefined();
  });

  it('nothing declared: the repository default, where only `id-token` is known (none)', () => {
    const { permissions } = permissionsOf(undefined, undefined);
    expect(permissions.source).toBe('default');
    expect(permissions.known).toBe(false);
    expect(permissions.access('id-token')).toBe('none');
    expect(permissions.access('contents')).toBeUndefined();
  });

  it('a `workflow_call` workflow that declares nothing inherits its caller: unknown', () => {
    for (const on of ['workflow_call', '[push, workflow_call]', '{ workflow_call: { inputs: {} } }']) {
      const { parsed, permissions } = permissionsOf(undefined, undefined, on);
      expect(permissions.source).toBe('default');
      expect(permissions.access('id-token')).toBeUndefined();
      expect(hasIdTokenWrite(job(parsed, 'a'))).toBe(false);
    }
  });

  it('an expression is unknown, at either level', () => {
    const top = permissionsOf('${{ inputs.permissions }}', undefined).permissions;
    expect([top.source, top.known, top.access('id-token'), top.grantOf('id-token')]).toEqual(['workflow', false, undefined, undefined]);
    const atJob = permissionsOf('{}', '${{ fromJSON(inputs.p) }}').permissions;
    expect([atJob.source, atJob.known, atJob.access('contents')]).toEqual(['job', false, undefined]);
  });

  it('a scope whose value is an expression or invalid is unknown, not none', () => {
    const { permissions } = permissionsOf('{ id-token: "${{ inputs.oidc }}", contents: reed }', undefined);
    expect(permissions.access('id-token')).toBeUndefined();
    expect(permissions.access('contents')).toBeUndefined();
  });

  it('an invalid shorthand is not known; a list is unknown', () => {
    const invalid = permissionsOf('write', undefined).permissions;
    expect([invalid.known, invalid.access('contents'), invalid.grantOf('contents')]).toEqual([false, undefined, undefined]);
    const list = permissionsOf('[contents]', undefined).permissions;
    expect([list.node!.kind, list.known, list.access('contents')]).toEqual(['unknown', false, undefined]);
  });

  it('an empty job block `permissions:` is unknown rather than a crash', () => {
    const parsed = parse(workflow`
      on: push
      permissions: write-all
      jobs:
        a:
          permissions:
          steps: []
    `);
    const permissions = effectivePermissions(job(parsed, 'a'));
    expect([permissions.source, permissions.known, permissions.access('contents')]).toEqual(['job', false, undefined]);
  });
});
