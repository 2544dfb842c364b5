import { realpathSync } from 'node:fs';
import type { Document } from 'yaml';
import { createLineIndex } from '../line-index.js';
import { cleanMessage, DEFAULT_PARSE_LIMITS, parseYaml, type ParseError } from '../parse.js';
import { isInside } from '../paths.js';
import { readSource, type ReadFailure } from '../read-source.js';
import { toYamlValue } from '../yaml-value.js';
import { ConfigError } from './config-error.js';

/**
 * Config files are read like workflows (src/engine/read-source.ts): at most this many bytes, only
 * regular files (a FIFO is never opened, `/dev/zero` never read), no NUL bytes. A config cannot
 * raise its own limit. `-c /dev/zero` read 16 GB before failing, `-c` on a FIFO hung, and 4 MiB of
 * `}` ran V8 out of memory in the parser.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads and parses a config file; `shownAs` is how messages name it. `boundary`, for a config found
 * by lookup (inside the linted repository, so possibly written by a pull request): the config must
 * resolve inside it. A link to a file elsewhere is refused without reading it: `.trustlintrc.yml ->
 * /proc/self/environ` would otherwise put the runner's environment in the parse error. A config named
 * with `-c` is the user's choice and is read wherever it is.
 */
export function readConfigFile(filePath: string, shownAs = filePath, boundary?: string): unknown {
  if (boundary !== undefined && !resolvesInside(filePath, boundary)) {
    throw new ConfigError(`${shownAs}: symbolic link to a file outside the repository; not followed`);
  }
  const read = readSource(filePath, MAX_CONFIG_BYTES);
  if ('error' in read) throw new ConfigError(`${shownAs}: ${describeFailure(read.reason)}`);
  // A BOM is not part of the content (JSON.parse would fail on it).
  const text = read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text;
  if (read.invalidUtf8At !== undefined) {
    throw new ConfigError(`${shownAs}:${at(text, Math.max(0, read.invalidUtf8At - (read.text.length - text.length)))}: the config file is not valid UTF-8`);
  }
  return filePath.endsWith('.json') ? parseJson(text, shownAs) : parseYamlConfig(text, shownAs);
}

function resolvesInside(filePath: string, boundary: string): boolean {
  try {
    return isInside(realpathSync(filePath), realpathSync(boundary));
  } catch {
    // Dangling or unreadable: the read below says why.
    return true;
  }
}

function describeFailure(reason: ReadFailure): string {
  switch (reason.kind) {
    case 'directory':
      return 'the config file is a directory';
    case 'special':
      return `the config file is not a regular file (${reason.what}); not read`;
    case 'too-large':
      return `the config file is ${reason.size === undefined ? 'larger than' : `${reason.size} bytes, more than`} ${MAX_CONFIG_BYTES} bytes; not read`;
    case 'binary':
      return 'the config file holds NUL bytes: it is binary, not a config file';
    case 'unreadable':
      return `cannot read the config file (${reason.code})`;
  }
}

/** `line:column` of a UTF-16 offset. */
function at(text: string, offset: number): string {
  const position = createLineIndex(text).position(offset);
  return `${position.line}:${position.column}`;
}

function parseJson(text: string, shownAs: string): unknown {
  try {
    const value = JSON.parse(text) as unknown;
    // The YAML parser's nesting limit, for JSON too: deeper values overflow the stack of whatever
    // walks them later (the schema check, --print-config).
    if (depthOf(value) > DEFAULT_PARSE_LIMITS.maxDepth) {
      throw new ConfigError(`${shownAs}: cannot parse the config file: nesting deeper than ${DEFAULT_PARSE_LIMITS.maxDepth} levels`);
    }
    return value;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // V8 quotes the start of the file (`Unexpected token 'x', "{ "rules…" is not valid JSON`): the
    // message keeps what went wrong, not the file's bytes.
    const message = (error as Error).message.replace(/, ".*" is not valid JSON$/s, ' (not valid JSON)');
    const position = /at position (\d+)/.exec(message);
    const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
    const where = lineColumn ? `:${lineColumn[1]}:${lineColumn[2]}` : position ? `:${at(text, Number(position[1]))}` : '';
    throw new ConfigError(`${shownAs}${where}: cannot parse the config file: ${cleanMessage(message)}`);
  }
}

/**
 * The workflow parser, with its limits (nesting depth, alias expansion, at most 100 errors and no
 * composing past that, one document) and its checks (duplicate keys, line breaks other parsers
 * read differently), then plain values. The first problem is the error, with its position.
 */
function parseYamlConfig(text: string, shownAs: string): unknown {
  const parsed = parseYaml(text, DEFAULT_PARSE_LIMITS);
  const errors: ParseError[] = [...parsed.errors];
  if (parsed.document && errors.length === 0) toYamlValue(parsed.document, DEFAULT_PARSE_LIMITS, errors);
  // A merge key is a workflow problem (GitHub rejects it); in a config, `<<` is an unknown key.
  const first = errors.filter((error) => error.code !== 'MERGE_KEY').sort((a, b) => a.span.start - b.span.start)[0];
  if (first) throw new ConfigError(`${shownAs}:${at(text, first.span.start)}: cannot parse the config file: ${first.message}`);
  try {
    return (parsed.document as Document.Parsed | undefined)?.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    throw new ConfigError(`${shownAs}: cannot parse the config file: ${cleanMessage((error as Error).message)}`);
  }
}

/** Deepest nesting of arrays and objects, without recursion. */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: Array<readonly [unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const child of Object.values(value)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A config file's text (an editor's unsaved buffer) parsed as `readConfigFile` parses the file: `.json` as JSON, else YAML. */
export function parseConfigText(text: string, filePath: string, shownAs = filePath): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return filePath.endsWith('.json') ? parseJson(body, shownAs) : parseYamlConfig(body, shownAs);
}
