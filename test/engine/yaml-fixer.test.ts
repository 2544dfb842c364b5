import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { YamlEntry, YamlMap, YamlSeq, YamlValue } from '../../src/engine/ast.js';
import { applyFixes, mergeEdits, type Edit } from '../../src/engine/fix/edit.js';
import { createYamlFixer } from '../../src/engine/fix/yaml-fixer.js';
import { copyOf, mapText, scalarText } from '../../src/engine/fix/yaml-text.js';
import { modelFile } from '../../src/engine/file-model.js';
import { createSourceFile } from '../../src/engine/source-file.js';
import { workflow } from '../rule-tester.js';

function setup(text: string) {
  const file = createSourceFile('.github/workflows/t.yml', '.github/workflows/t.yml', text);
  const modelled = modelFile(file);
  expect(modelled.errors).toEqual([]);
  const root = modelled.model.kind === 'workflow' ? modelled.model.workflow.root : (undefined as never);
  const fixer = createYamlFixer(file, modelled.comments, root);
  const at = (...path: string[]): YamlEntry => {
    let map: YamlMap = root;
    let entry: YamlEntry | undefined;
    for (const key of path) {
      entry = map.byKey.get(key);
      if (!entry) throw new Error(`no ${key}`);
      if (entry.value.type === 'map') map = entry.value;
    }
    return entry!;
  };
  const mapAt = (...path: string[]) => (path.length === 0 ? root : (at(...path).value as YamlMap));
  const apply = (edits: Edit[] | Edit | undefined) => {
    expect(edits, 'the fixer refused').toBeDefined();
    const merged = mergeEdits(text, Array.isArray(edits) ? edits : [edits!])!;
    const output = text.slice(0, merged.range[0]) + merged.text + text.slice(merged.range[1]);
    // Every output must still be YAML.
    expect(() => parse(output)).not.toThrow();
    return output;
  };
  return { fixer, at, mapAt, apply, root };
}

describe('mergeEdits and applyFixes (ESLint semantics)', () => {
  it('merges the edits of one fix into one replacement, keeping the text between them', () => {
    expect(mergeEdits('abcdef', [{ range: [4, 5], text: 'E' }, { range: [1, 2], text: 'B' }])).toEqual({ range: [1, 5], text: 'BcdE' });
    expect(mergeEdits('abc', [{ range: [1, 1], text: 'x' }, { range: [1, 1], text: 'y' }])).toEqual({ range: [1, 1], text: 'xy' });
  });

  it('refuses overlapping edits and ranges outside the text', () => {
    expect(() => mergeEdits('abcdef', [{ range: [1, 3], text: '' }, { range: [2, 4], text: '' }])).toThrow(/overlap/);
    expect(() => mergeEdits('abc', [{ range: [2, 9], text: '' }])).toThrow(/not inside/);
  });

  it('applies sorted fixes and leaves an overlapping or touching one for the next pass', () => {
    const fixes = [{ fix: { range: [4, 6] as const, text: 'X' } }, { fix: { range: [0, 2] as const, text: 'Y' } }, { fix: { range: [5, 7] as const, text: 'Z' } }, { fix: { range: [2, 2] as const, text: 'W' } }];
    const { output, applied } = applyFixes('0123456789', fixes);
    expect(output).toBe('Y23X6789');
    expect(applied).toEqual([fixes[1], fixes[0]]);
  });
});

describe('the YAML fixer', () => {
  it('reads the line ending and the indentation step of the file', () => {
    expect(setup('on: push\njobs:\n    a:\n        runs-on: x\n').fixer.indentUnit).toBe(4);
    expect(setup('on: push\r\njobs:\r\n  a:\r\n    runs-on: x\r\n').fixer.eol).toBe('\r\n');
    expect(setup('on: push\njobs: {}\n').fixer.indentUnit).toBe(2);
  });

  it('inserts an entry into a job before `steps`, above the comments that belong to it', () => {
    const text = workflow`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          # the steps
          steps:
            - run: echo hi
    `;
    const { fixer, mapAt, at, apply } = setup(text);
    const edits = fixer.insertEntry(mapAt('jobs', 'build'), 'permissions', mapText([{ key: 'contents', value: scalarText('read') }]), { before: at('jobs', 'build', 'steps') });
    expect(apply(edits)).toBe(workflow`
      on: push
      jobs:
        build:
          runs-on: ubuntu-latest
          permissions:
            contents: read
          # the steps
          steps:
            - run: echo hi
    `);
  });

  it('keeps a 4-space file at 4 spaces and a CRLF file in CRLF', () => {
    const four = setup('on: push\njobs:\n    build:\n        runs-on: x\n        steps:\n            - run: a\n');
    expect(four.apply(four.fixer.insertEntry(four.mapAt('jobs', 'build'), 'permissions', mapText([{ key: 'id-token', value: scalarText('write') }]), { before: four.at('jobs', 'build', 'steps') }))).toBe(
      'on: push\njobs:\n    build:\n        runs-on: x\n        permissions:\n            id-token: write\n        steps:\n            - run: a\n',
    );
    const crlf = setup('on: push\r\njobs:\r\n  build:\r\n    runs-on: x # runner\r\n');
    expect(crlf.apply(crlf.fixer.insertEntry(crlf.mapAt('jobs', 'build'), 'permissions', mapText([{ key: 'contents', value: scalarText('read') }])))).toBe(
      'on: push\r\njobs:\r\n  build:\r\n    runs-on: x # runner\r\n    permissions:\r\n      contents: read\r\n',
    );
  });

  it('inserts into flow mappings in flow style, an empty one included', () => {
    const { fixer, mapAt, at, apply } = setup('on: push\njobs:\n  a: { runs-on: x, steps: [] }\n  b: {}\n');
    expect(apply(fixer.insertEntry(mapAt('jobs', 'a'), 'permissions', mapText([{ key: 'contents', value: scalarText('read') }]), { before: at('jobs', 'a', 'steps') }))).toBe(
      'on: push\njobs:\n  a: { runs-on: x, permissions: { contents: read }, steps: [] }\n  b: {}\n',
    );
    expect(apply(fixer.insertEntry(mapAt('jobs', 'b'), 'permissions', mapText([])))).toBe('on: push\njobs:\n  a: { runs-on: x, steps: [] }\n  b: { permissions: {} }\n');
    expect(apply(fixer.insertEntry(mapAt('jobs', 'a'), 'if', scalarText('false')))).toBe('on: push\njobs:\n  a: { runs-on: x, steps: [], if: false }\n  b: {}\n');
  });

  it('refuses to append after a block scalar that keeps its trailing newlines', () => {
    const { fixer, mapAt } = setup('on: push\njobs:\n  a:\n    steps:\n      - run: |+\n          echo\n\n');
    const steps = mapAt('jobs', 'a');
    expect(fixer.insertEntry(steps, 'permissions', mapText([]))).toBeUndefined();
  });

  it('copies a block value with its comments, re-indented to the new place', () => {
    const text = workflow`
      on: push
      permissions:
        contents: read # checkout
        # and releases
        pull-requests: write
      jobs:
        a:
          runs-on: x
    `;
    const { fixer, mapAt, at, apply } = setup(text);
    expect(apply(fixer.insertEntry(mapAt('jobs', 'a'), 'permissions', copyOf(at('permissions'))))).toBe(
      `${text}    permissions:\n      contents: read # checkout\n      # and releases\n      pull-requests: write\n`,
    );
  });

  it('copies the comment lines above the first entry of a block too', () => {
    const text = 'on: push\npermissions: # all\n  # why\n  contents: read\njobs:\n  a:\n    runs-on: x\n';
    const { fixer, mapAt, at, apply } = setup(text);
    expect(apply(fixer.insertEntry(mapAt('jobs', 'a'), 'permissions', copyOf(at('permissions'))))).toBe(`${text}    permissions:\n      # why\n      contents: read\n`);
  });

  it('replaces a value, keeping every comment that was in it', () => {
    const text = workflow`
      on: push
      permissions: # for all jobs
        contents: read # checkout
        # releases
        pull-requests: write
      jobs: {}
    `;
    const { fixer, root, at, apply } = setup(text);
    expect(apply(fixer.setValue(root, at('permissions'), mapText([])))).toBe(
      'on: push\npermissions: {} # for all jobs\n  # checkout\n  # releases\njobs: {}\n',
    );
    expect(apply(fixer.setValue(root, at('permissions'), mapText([]), { keepComments: false }))).toBe('on: push\npermissions: {} # for all jobs\njobs: {}\n');
    const short = setup('on: push\npermissions: write-all # everything\njobs: {}\n');
    expect(short.apply(short.fixer.setValue(short.root, short.at('permissions'), mapText([])))).toBe('on: push\npermissions: {} # everything\njobs: {}\n');
    const empty = setup('on: push\npermissions:\njobs: {}\n');
    expect(empty.apply(empty.fixer.setValue(empty.root, empty.at('permissions'), mapText([])))).toBe('on: push\npermissions: {}\njobs: {}\n');
  });

  it('removes an entry by whole lines, keeping its comment; in flow style with its comma', () => {
    const block = setup('on: push\npermissions:\n  contents: read\n  id-token: write # npm\n  pages: write\njobs: {}\n');
    expect(block.apply(block.fixer.removeEntry(block.mapAt('permissions'), block.at('permissions', 'id-token')))).toBe(
      'on: push\npermissions:\n  contents: read\n  # npm\n  pages: write\njobs: {}\n',
    );
    const only = setup('on: push\npermissions:\n  id-token: write\njobs: {}\n');
    expect(only.fixer.removeEntry(only.mapAt('permissions'), only.at('permissions', 'id-token'))).toBeUndefined();
    const flow = setup('on: push\npermissions: { contents: read, id-token: write }\njobs: {}\n');
    expect(flow.apply(flow.fixer.removeEntry(flow.mapAt('permissions'), flow.at('permissions', 'id-token')))).toBe('on: push\npermissions: { contents: read }\njobs: {}\n');
    expect(flow.apply(flow.fixer.removeEntry(flow.mapAt('permissions'), flow.at('permissions', 'contents')))).toBe('on: push\npermissions: { id-token: write }\njobs: {}\n');
    const single = setup('on: push\npermissions: { id-token: write }\njobs: {}\n');
    expect(single.apply(single.fixer.removeEntry(single.mapAt('permissions'), single.at('permissions', 'id-token')))).toBe('on: push\npermissions: {}\njobs: {}\n');
  });

  it('replaces a scalar in its own quoting', () => {
    const { fixer, at, apply } = setup(`on: push\nenv:\n  A: '20'\n  B: "20"\n  C: 20\njobs: {}\n`);
    expect(apply(fixer.replaceScalar(at('env', 'A').value as never, '24'))).toContain(`A: '24'`);
    expect(apply(fixer.replaceScalar(at('env', 'B').value as never, '24'))).toContain(`B: "24"`);
    expect(apply(fixer.replaceScalar(at('env', 'C').value as never, '24'))).toContain(`C: 24`);
    expect(fixer.replaceScalar(at('env', 'C').value as never, 'a: b')).toBeUndefined();
  });

  it('inserts a list item before another, in block and flow lists', () => {
    const text = 'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/setup-node@v4\n      # publish\n      - run: npm publish\n';
    const { fixer, at, apply } = setup(text);
    const steps = at('jobs', 'a', 'steps').value as YamlSeq;
    expect(apply(fixer.insertItem(steps, steps.items[1]!, mapText([{ key: 'run', value: scalarText('npm install -g npm@^11.5.1') }])))).toBe(
      'on: push\njobs:\n  a:\n    steps:\n      - uses: actions/setup-node@v4\n      - run: npm install -g npm@^11.5.1\n      # publish\n      - run: npm publish\n',
    );
    const flow = setup('on: push\njobs:\n  a: { steps: [{ run: a }, { run: b }] }\n');
    const items = flow.at('jobs', 'a', 'steps').value as YamlSeq;
    expect(flow.apply(flow.fixer.insertItem(items, items.items[1] as YamlValue, mapText([{ key: 'run', value: scalarText('x') }])))).toBe(
      'on: push\njobs:\n  a: { steps: [{ run: a }, { run: x }, { run: b }] }\n',
    );
  });

  it('adds a key to a job before its steps, and refuses an existing key, a merge key or an anchored job', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps: []\n  b: &b\n    runs-on: x\n  c:\n    <<: *b\n';
    const file = createSourceFile('.github/workflows/t.yml', '.github/workflows/t.yml', text);
    const modelled = modelFile(file);
    const workflowNode = modelled.model.kind === 'workflow' ? modelled.model.workflow : (undefined as never);
    const fixer = createYamlFixer(file, modelled.comments, workflowNode.root);
    const [a, b, c] = workflowNode.jobs;
    const edits = fixer.addJobKey(a!, 'timeout-minutes', scalarText('10'))!;
    const merged = mergeEdits(text, edits)!;
    expect(text.slice(0, merged.range[0]) + merged.text + text.slice(merged.range[1])).toBe(text.replace('    steps: []', '    timeout-minutes: 10\n    steps: []'));
    expect(fixer.addJobKey(a!, 'runs-on', scalarText('y'))).toBeUndefined();
    expect(fixer.addJobKey(b!, 'permissions', mapText([]))).toBeUndefined();
    expect(fixer.addJobKey(c!, 'permissions', mapText([]))).toBeUndefined();
  });

  it('knows what it cannot edit: aliases, anchors, tags', () => {
    const { fixer, at } = setup('on: push\npermissions: &p\n  contents: read\nenv:\n  A: !!str 1\n  B: *p\njobs: {}\n');
    expect(fixer.editable(at('permissions'))).toBe(false);
    expect(fixer.editable(at('env', 'A'))).toBe(false);
    expect(fixer.editable(at('env', 'B'))).toBe(false);
    const plain = setup('on: push\npermissions:\n  contents: read # a & b\njobs: {}\n');
    expect(plain.fixer.editable(plain.at('permissions'))).toBe(true);
    expect(plain.fixer.movable(plain.at('permissions'))).toBe(true);
  });
});
