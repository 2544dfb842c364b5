/**
 * Generators for hostile files: the tests write them to a temporary directory at run time, so
 * nothing big is ever committed. Pure functions of their size, so a measurement can rebuild the
 * same files (docs/robustness.md lists what each costs through the CLI).
 */

/** "Billion laughs": ten levels of ten aliases each, 10^10 nodes if expanded naively. */
export function aliasBomb(): string {
  let text = 'on: push\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let level = 1; level < 10; level++) text += `a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]\n`;
  return `${text}jobs:\n  j:\n    runs-on: *a9\n    steps:\n      - run: echo\n`;
}

/** A valid workflow padded with comment lines to `bytes`. */
export function bigWorkflow(bytes: number): string {
  const head = 'on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n';
  const line = `# ${'padding '.repeat(12)}\n`;
  return head + line.repeat(Math.ceil((bytes - head.length) / line.length));
}

/** One `run:` script of `lines` lines. */
export function longRunScript(lines: number): string {
  return `on: push\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${'          echo line\n'.repeat(lines)}`;
}

export function manyJobs(count: number): string {
  let text = 'on: push\npermissions: {}\njobs:\n';
  for (let index = 0; index < count; index++) text += `  j${index}: {runs-on: ubuntu-latest, steps: [{run: echo ${index}}]}\n`;
  return text;
}

export function nestedFlow(depth: number): string {
  return `on: push\nx: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
}

export function longLine(length: number): string {
  return `on: push\nname: ${'a'.repeat(length)}\njobs: {}\n`;
}

/** Several YAML documents in one file: GitHub reads only the first. */
export function multipleDocuments(count: number): string {
  return Array.from({ length: count }, (_, index) => `---\nname: doc ${index}\non: push\njobs: {}\n`).join('');
}

/** Bytes without NUL that are not UTF-8 (a Latin-1 file), after a valid first line. */
export function latin1Workflow(): Buffer {
  return Buffer.concat([Buffer.from('on: push\nname: caf'), Buffer.from([0xe9]), Buffer.from('\njobs: {}\n')]);
}

/** Pseudo-random bytes (deterministic), NUL included. */
export function binaryBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}
