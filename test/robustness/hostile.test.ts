import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config/load-config.js';
import { lintFiles, type LintFilesOutcome } from '../../src/engine/lint-files.js';
import { firstInvalidUtf8 } from '../../src/engine/read-source.js';
import type { LintResult } from '../../src/engine/result.js';
import { allRules, builtinPlugin } from '../../src/rules/index.js';
import { expectRangesInside } from './helpers.js';
import * as hostile from './hostile-files.js';

// Each hostile file is generated in a temporary repository and linted through lintFiles, as the CLI
// does. Each must come back as a result (never dropped) with a finding or one error naming the problem.

let root: string;
const workflows = () => join(root, '.github/workflows');

function write(name: string, content: string | Buffer): string {
  const path = join(workflows(), name);
  writeFileSync(path, content);
  return path;
}

function lint(paths: string[], limits?: Record<string, number>): LintFilesOutcome {
  const config = resolveConfig(limits ? { limits } : undefined, undefined, { plugins: [builtinPlugin], cwd: root });
  return lintFiles({ paths, cwd: root, config, rules: allRules });
}

function only(outcome: LintFilesOutcome, path: string): LintResult {
  const result = outcome.results.find((candidate) => candidate.filePath === path);
  expect(result, `a result for ${path}`).toBeDefined();
  return result!;
}

const fatalMessages = (result: LintResult) => result.messages.filter((message) => message.fatal).map((message) => message.message);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'trustlint-hostile-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(workflows(), { recursive: true });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('hostile files', () => {
  it('an alias bomb stops at maxAliasNodes and the rest of the file is still linted', () => {
    const text = hostile.aliasBomb();
    const path = write('bomb.yml', text);
    const result = only(lint([path]), path);
    expect(fatalMessages(result)).toEqual([expect.stringContaining('limit `maxAliasNodes`')]);
    expectRangesInside(text, result);
  }, 30_000);

  it('a 10 MB workflow is one error naming the size and the limit, not parsed', () => {
    const path = write('huge.yml', hostile.bigWorkflow(10_000_000));
    const outcome = lint([path]);
    expect(fatalMessages(only(outcome, path))).toEqual([expect.stringMatching(/^File is \d+ bytes, larger than the limit of 1048576 \(limits\.maxFileBytes\)/)]);
    expect(outcome.hadFatalIoOrInternalError).toBe(true);
  });

  it('a 2 MB workflow is refused by default and linted when the user raises maxFileBytes', () => {
    const path = write('big-allowed.yml', hostile.bigWorkflow(2_000_000));
    expect(fatalMessages(only(lint([path]), path))).toEqual([expect.stringContaining('limits.maxFileBytes')]);
    const result = only(lint([path], { maxFileBytes: 4 * 1024 * 1024 }), path);
    expect(fatalMessages(result)).toEqual([]);
  }, 30_000);

  it('a run: script of 250,000 lines is refused by size by default', () => {
    const path = write('long-run.yml', hostile.longRunScript(250_000));
    expect(fatalMessages(only(lint([path]), path))).toEqual([expect.stringContaining('limits.maxFileBytes')]);
  });

  it('a run: script of 50,000 lines is linted', () => {
    const text = hostile.longRunScript(50_000);
    const path = write('run-50k.yml', text);
    const result = only(lint([path]), path);
    expect(fatalMessages(result)).toEqual([]);
    expectRangesInside(text, result);
  }, 30_000);

  it('a run: script of 25,000 publish commands is linted (per-command scans were quadratic: minutes)', () => {
    const text = `on: push\npermissions: {}\njobs:\n  p:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - run: ${JSON.stringify('npm publish; '.repeat(25_000))}\n`;
    const path = write('many-publishes.yml', text);
    const result = only(lint([path]), path);
    expect(fatalMessages(result)).toEqual([]);
    expectRangesInside(text, result);
  }, 30_000);

  it('10,000 jobs are linted', () => {
    const text = hostile.manyJobs(10_000);
    const path = write('jobs.yml', text);
    const result = only(lint([path]), path);
    expect(fatalMessages(result)).toEqual([]);
    expectRangesInside(text, result);
  }, 30_000);

  it('20,000 levels of nested flow collections stop at maxDepth, pointing at the bracket past it', () => {
    const text = hostile.nestedFlow(20_000);
    const path = write('nested.yml', text);
    const result = only(lint([path]), path);
    // The top-level map is level 1, so the 500th `[` (column 4 + 499) is level 501.
    expect(result.messages.map((message) => [message.message, message.line, message.column])).toEqual([
      ['YAML: YAML nesting deeper than 500 levels is not analysed (limit `maxDepth`)', 2, 4 + 499],
    ]);
  }, 30_000);

  it('a line of 1,000,000 characters is linted', () => {
    const text = hostile.longLine(1_000_000);
    const path = write('long-line.yml', text);
    const result = only(lint([path]), path);
    expect(fatalMessages(result)).toEqual([]);
    expectRangesInside(text, result);
  });

  it('binary content is one error', () => {
    const path = write('binary.yml', hostile.binaryBytes(100_000));
    expect(fatalMessages(only(lint([path]), path))).toEqual(['File holds NUL bytes: it is binary, not text; not analysed']);
  });

  it('invalid UTF-8 is linted and reported at the first bad byte', () => {
    const path = write('latin1.yml', hostile.latin1Workflow());
    const result = only(lint([path]), path);
    const invalid = result.messages.filter((message) => message.message.startsWith('File is not valid UTF-8'));
    expect(invalid.map((message) => [message.line, message.column, message.endLine, message.endColumn])).toEqual([[2, 10, 2, 11]]);
  });

  it('finds the first invalid UTF-8 byte exactly as the RFC 3629 table says', () => {
    expect(firstInvalidUtf8(Buffer.from('plain ascii é 😀'))).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // UTF-16 surrogate
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2); // truncated
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
  });

  it('an empty file is linted (and has nothing to report)', () => {
    const path = write('empty.yml', '');
    const result = only(lint([path]), path);
    expect(result.messages).toEqual([]);
  });

  it('several YAML documents: the first is linted, the second is reported', () => {
    const path = write('docs.yml', hostile.multipleDocuments(5_000));
    const result = only(lint([path]), path);
    expect(fatalMessages(result)).toEqual(['YAML: A workflow file holds one YAML document; GitHub reads only the first, the rest is ignored']);
  }, 30_000);

  it('a directory named x.yml is searched, never read as a file, and the files beside it are linted', () => {
    const dir = join(root, 'dirs/.github/workflows');
    mkdirSync(join(dir, 'dir.yml'), { recursive: true });
    writeFileSync(join(dir, 'dir.yml', 'inside.txt'), 'not a target');
    writeFileSync(join(dir, 'ok.yml'), 'on: push\npermissions: {}\njobs: {}\n');
    const outcome = lint([join(root, 'dirs')]);
    expect(outcome.results.map((result) => [result.filePath.slice(dir.length + 1), result.messages])).toEqual([['ok.yml', []]]);
    expect(outcome.problems).toEqual([]);
    // Named explicitly, a directory is searched too: still nothing is read as a file.
    expect(lint([join(dir, 'dir.yml')]).results).toEqual([]);
  });

  it('a symbolic link loop and a dangling link named like workflows are each one error', () => {
    const dir = join(root, 'links/.github/workflows');
    mkdirSync(dir, { recursive: true });
    symlinkSync('b.yml', join(dir, 'a.yml'));
    symlinkSync('a.yml', join(dir, 'b.yml'));
    symlinkSync('missing.yml', join(dir, 'dangling.yml'));
    const outcome = lint([join(root, 'links')]);
    expect(outcome.results.map((result) => [result.filePath.slice(dir.length + 1), fatalMessages(result)])).toEqual([
      ['a.yml', ['Cannot read the file (ELOOP)']],
      ['b.yml', ['Cannot read the file (ELOOP)']],
      ['dangling.yml', ['Cannot read the file (ENOENT)']],
    ]);
    expect(outcome.hadFatalIoOrInternalError).toBe(true);
  });

  // Tests run as root, where chmod 000 does not stop a read; a FIFO is a file that cannot be read
  // (opening it blocks until a writer comes), and a path under a file cannot even be looked up.
  it('a FIFO named like a workflow is reported, never opened (opening would block)', () => {
    const dir = join(root, 'fifo/.github/workflows');
    mkdirSync(dir, { recursive: true });
    const fifo = join(dir, 'release.yml');
    execFileSync('mkfifo', [fifo]);
    const searched = lint([join(root, 'fifo')]);
    expect(fatalMessages(only(searched, fifo))).toEqual(['Not a regular file (a named pipe); not read']);
    const named = lint([fifo]);
    expect(fatalMessages(only(named, fifo))).toEqual(['Not a regular file (a named pipe); not read']);
  });

  it('a device named on the command line is reported, never read (/dev/zero never ends)', () => {
    expect(fatalMessages(only(lint(['/dev/zero']), '/dev/zero'))).toEqual(['Not a regular file (a character device); not read']);
  });

  it('a path whose parent is a file, and a path that does not exist, are problems naming the path', () => {
    const outcome = lint(['.github/workflows/empty.yml/x.yml', 'no/such/file.yml']);
    expect(outcome.problems).toEqual([
      { path: '.github/workflows/empty.yml/x.yml', message: 'cannot read (ENOTDIR)' },
      { path: 'no/such/file.yml', message: 'no such file or directory' },
    ]);
    expect(outcome.results).toEqual([]);
  });

  it('one unreadable file does not stop the others', () => {
    const good = write('good.yml', 'on: push\npermissions: {}\njobs: {}\n');
    const outcome = lint(['/dev/zero', good]);
    expect(outcome.results.map((result) => [result.filePath, result.fatalErrorCount])).toEqual([
      ['/dev/zero', 1],
      [good, 0],
    ]);
  });
});
