import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** Why a file was not read, for callers that word it their own way (the config loader). */
export type ReadFailure =
  | { readonly kind: 'directory' }
  | { readonly kind: 'special'; readonly what: string }
  | { readonly kind: 'too-large'; readonly size?: number }
  | { readonly kind: 'binary' }
  | { readonly kind: 'unreadable'; readonly code: string };

export type ReadOutcome = { text: string; invalidUtf8At?: number } | { error: string; reason: ReadFailure };

/**
 * Reads a file to lint, refusing what is not a regular file before opening it: opening a FIFO blocks
 * until someone writes to it, and `/dev/zero` or `/dev/urandom` never end. The read is bounded by
 * `maxBytes` even if the file grows between the size check and the read.
 */
export function readSource(path: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: 'Cannot lint a directory as a file', reason: { kind: 'directory' } };
    if (!stat.isFile()) return { error: `Not a regular file (${fileKind(stat)}); not read`, reason: { kind: 'special', what: fileKind(stat) } };
    if (stat.size > maxBytes) {
      return {
        error: `File is ${stat.size} bytes, larger than the limit of ${maxBytes} (limits.maxFileBytes); not analysed`,
        reason: { kind: 'too-large', size: stat.size },
      };
    }
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { error: `Not a regular file (${fileKind(opened)}); not read`, reason: { kind: 'special', what: fileKind(opened) } };
    // One byte more than allowed tells a file that grew past the limit from one that is exactly at it.
    const buffer = Buffer.alloc(Math.min(maxBytes, Math.max(opened.size, stat.size)) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) {
      return { error: `File is larger than the limit of ${maxBytes} bytes (limits.maxFileBytes); not analysed`, reason: { kind: 'too-large' } };
    }
    const content = buffer.subarray(0, length);
    if (content.includes(0)) return { error: 'File holds NUL bytes: it is binary, not text; not analysed', reason: { kind: 'binary' } };
    const invalidAt = firstInvalidUtf8(content);
    if (invalidAt === undefined) return { text: content.toString('utf8') };
    // Linted anyway (each bad byte reads as U+FFFD), with a finding at the first one.
    return { text: content.toString('utf8'), invalidUtf8At: content.subarray(0, invalidAt).toString('utf8').length };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { error: `Cannot read the file (${code})`, reason: { kind: 'unreadable', code } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fileKind(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/** Byte offset of the first byte that is not part of well-formed UTF-8, or undefined when all is. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    if (byte < 0x80) {
      index++;
      continue;
    }
    // Lead byte: length of the sequence and the allowed range of the second byte (RFC 3629 table),
    // which excludes overlong forms and UTF-16 surrogates.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return index;
    if (index + length > bytes.length) return index;
    const second = bytes[index + 1]!;
    if (second < low || second > high) return index;
    for (let next = 2; next < length; next++) {
      const continuation = bytes[index + next]!;
      if (continuation < 0x80 || continuation > 0xbf) return index;
    }
    index += length;
  }
  return undefined;
}
