/**
 * A tokenizer for the POSIX-shell/bash subset that `run:` scripts use. It knows quoting, escapes,
 * `${{ }}` expressions, `$( )`, `${ }`, backticks, comments, line continuations, operators
 * (`&&`, `||`, `;`, `|`, `&`), grouping, reserved words, redirections and heredocs, and gives every
 * word its offsets in the script. It never executes or expands anything.
 *
 * Why our own: the JavaScript shell parsers either drop positions (shell-quote), are unmaintained
 * (bash-parser, 2017) or ship a 2 MB GopherJS/WASM build (mvdan-sh, sh-syntax) that would triple
 * the linter's start-up for one feature. A linter needs words and offsets, not an AST of every
 * construct, and this is small enough to test exhaustively.
 */

import { innerScript, RESERVED_START, shapeCommand } from './shell-commands.js';
import { relocateNested } from './shell-nesting.js';

export interface ShellWord {
  /** The word after quote removal (`"a b"` → `a b`); expansions are kept as written. */
  readonly value: string;
  /** Offsets in the script: [start, end). */
  readonly start: number;
  readonly end: number;
  /** True when any part was quoted (`"$X"` cannot be a separate option). */
  readonly quoted: boolean;
  /**
   * Where each run of the value's characters is in the script, when quotes or escapes make the value
   * differ from the script text `[start, end)`: `bash -c "echo \\"x\\""` maps its inner script back.
   */
  readonly segments?: readonly WordSegment[];
}

/** `length` characters of a word's value, from `value` on, are the script's from `raw` on. */
export interface WordSegment {
  readonly value: number;
  readonly raw: number;
  readonly length: number;
}

export interface Heredoc {
  readonly delimiter: string;
  readonly body: string;
  /** Offsets of the body in the script. */
  readonly start: number;
  readonly end: number;
}

export interface Redirect {
  /** `>`, `>>`, `<`, `2>`, `&>`, `<<`, `<<-`, `<<<`, … */
  readonly operator: string;
  readonly target?: ShellWord;
  readonly heredoc?: Heredoc;
}

export interface ShellCommand {
  /** The command name and its arguments, with `VAR=x` prefixes and wrappers (`sudo`, `env`, …) removed. */
  readonly words: readonly ShellWord[];
  /** `VAR=value` words before the command (and those given to `env`). */
  readonly assignments: readonly ShellWord[];
  /** Wrapper words removed from the front: `sudo`, `env`, `time`, `nohup`, `exec`, `command`, `xargs`. */
  readonly wrappers: readonly ShellWord[];
  readonly redirects: readonly Redirect[];
  /** The operator that ended the command (`&&`, `||`, `;`, `|`, `&`, newline as `\n`, or `` at the end). */
  readonly terminator: string;
  /** From the first word to the end of the last word or redirect, in the script. */
  readonly start: number;
  readonly end: number;
  /**
   * For the `}` of `{ …; } >> file` (and `( … ) >> file`): the index of the group's first command. The
   * redirects of this command apply to every command from there to here.
   */
  readonly groupFrom?: number;
  /**
   * The nested scripts the command is part of, outermost first: a `bash -c '…'` (or `npx -c`) script,
   * whose `runner` is the command that runs it, or a `$( … )` substitution. What a command assigns
   * inside one stays there; a prefix assignment on the runner (`A=1 bash -c '…'`) reaches it.
   */
  readonly scopes?: readonly ShellScope[];
}

/** A nested script: its commands are `start` to `end` (indexes in the command list, inclusive). */
export interface ShellScope {
  readonly start: number;
  readonly end: number;
  /** The command that runs the script (`bash -c`, `npm exec -c`); none for a substitution. */
  readonly runner?: number;
}

/** A command as the tokenizer found it, before assignments and wrappers are taken off (`shell-commands.ts`). */
export interface RawCommand {
  words: ShellWord[];
  redirects: Redirect[];
  terminator: string;
  /** Script ranges of `$( … )`, backtick and `<( … )` substitutions in this command's words. */
  substitutions: Array<{ start: number; end: number }>;
  /** For a command that closes a `{ }` or `( )` group: the index (among raw commands) of the group's first command. */
  groupStart?: number;
}

/** How deep substitutions and `bash -c` scripts are followed; hostile nesting stops here. */
const MAX_NESTING = 8;

/**
 * Splits a script into simple commands, in order. Unbalanced quotes end at the script's end. The
 * commands of a substitution (`$(npm whoami)`) come before the command that uses its output, as
 * they run first; a `bash -c '…'` script comes right after the `bash` command.
 */
export function parseShell(script: string, dialect: ShellDialect = 'posix'): ShellCommand[] {
  return parseNested(script, 0, dialect);
}

/**
 * `posix` for sh/bash and friends; `powershell` for pwsh, where the backtick is the escape and
 * line-continuation character and a backslash is an ordinary character (`C:\tools`).
 */
export type ShellDialect = 'posix' | 'powershell';

function parseNested(script: string, depth: number, dialect: ShellDialect = 'posix'): ShellCommand[] {
  const raw = tokenize(script, dialect);
  const commands: ShellCommand[] = [];
  /** The index in `commands` where each raw command's output starts (its substitutions come first). */
  const outputStart: number[] = [];
  const nestedAt = (nested: readonly ShellCommand[], map: (offset: number) => number, runner?: number) => {
    if (nested.length > 0) commands.push(...relocateNested(nested, map, commands.length, runner));
  };
  for (const command of raw) {
    outputStart.push(commands.length);
    if (depth < MAX_NESTING) {
      for (const range of command.substitutions) nestedAt(parseNested(script.slice(range.start, range.end), depth + 1, dialect), (offset) => offset + range.start);
    }
    const shaped = shapeCommand(command, script);
    if (shaped) commands.push(command.groupStart === undefined ? shaped : { ...shaped, groupFrom: outputStart[command.groupStart]! });
    // `bash -c '…'`, `npx -c '…'` run a script of their own: analyse it too.
    const inner = depth < MAX_NESTING ? innerScript(shaped) : undefined;
    if (inner) nestedAt(parseNested(inner.text, depth + 1), inner.toScript, commands.length - 1);
  }
  return commands;
}

function tokenize(s: string, dialect: ShellDialect): RawCommand[] {
  const posix = dialect === 'posix';
  const escape = posix ? '\\' : '`';
  const commands: RawCommand[] = [];
  let words: ShellWord[] = [];
  let redirects: Redirect[] = [];
  let substitutions: Array<{ start: number; end: number }> = [];
  let pendingRedirect: string | undefined;
  const pendingHeredocs: Array<{ redirect: { operator: string; target?: ShellWord; heredoc?: Heredoc }; delimiter: string; stripTabs: boolean }> = [];
  let value = '';
  // Mutable while the word is built (a segment grows a character at a time), readonly once it is a word's.
  let segments: Array<{ value: number; raw: number; length: number }> = [];
  let wordStart = -1;
  let quoted = false;
  let i = 0;
  /** Raw command indexes where the open `{ }` and `( )` groups start; the one a `}` or `)` closed. */
  const groups: number[] = [];
  let closed: number | undefined;
  let parenClosed: number | undefined;

  /** Appends script text from `raw` on to the word's value, remembering where it came from. */
  const append = (text: string, raw: number) => {
    if (text.length === 0) return;
    const last = segments[segments.length - 1];
    if (last && last.raw + last.length === raw && last.value + last.length === value.length) last.length += text.length;
    else segments.push({ value: value.length, raw, length: text.length });
    value += text;
  };
  const endWord = () => {
    if (wordStart < 0) return;
    // An unterminated quote steps past the end of the script; the word ends with it.
    const end = Math.min(i, s.length);
    const verbatim = segments.length === 1 && segments[0]!.raw === wordStart && value.length === end - wordStart;
    const word: ShellWord = verbatim || segments.length === 0 ? { value, start: wordStart, end, quoted } : { value, start: wordStart, end, quoted, segments };
    value = '';
    segments = [];
    wordStart = -1;
    quoted = false;
    if (pendingRedirect === undefined && !word.quoted) {
      if (word.value === '{' && words.every((before) => RESERVED_START.has(before.value))) groups.push(commands.length);
      else if (word.value === '}' && words.length === 0) closed = groups.pop();
    }
    if (pendingRedirect !== undefined) {
      const operator = pendingRedirect;
      pendingRedirect = undefined;
      const redirect: { operator: string; target?: ShellWord; heredoc?: Heredoc } = { operator, target: word };
      redirects.push(redirect);
      if (operator === '<<' || operator === '<<-') {
        pendingHeredocs.push({ redirect, delimiter: word.value, stripTabs: operator === '<<-' });
      }
      return;
    }
    words.push(word);
  };
  const endCommand = (terminator: string) => {
    endWord();
    if (pendingRedirect !== undefined) {
      redirects.push({ operator: pendingRedirect });
      pendingRedirect = undefined;
    }
    const groupStart = closed ?? (words.length === 0 && redirects.length > 0 ? parenClosed : undefined);
    if (words.length > 0 || redirects.length > 0 || substitutions.length > 0) {
      commands.push(groupStart === undefined ? { words, redirects, terminator, substitutions } : { words, redirects, terminator, substitutions, groupStart });
    }
    closed = undefined;
    parenClosed = undefined;
    words = [];
    redirects = [];
    substitutions = [];
  };
  /** `$(cmd)` and `<(cmd)` (not `$((math))`): the commands inside are run too. */
  const substitution = (open: number, end: number) => {
    if (s[open + 1] === '(' && s[open] === '(' && s[open - 1] === '$') return;
    if (s[end - 1] === ')') substitutions.push({ start: open + 1, end: end - 1 });
  };
  const startWord = () => {
    if (wordStart < 0) wordStart = i;
  };
  const readHeredocs = () => {
    // Called just after a newline: heredoc bodies follow, one per pending `<<`.
    for (const pending of pendingHeredocs.splice(0)) {
      const bodyStart = i;
      let bodyEnd = i;
      while (i < s.length) {
        const lineEnd = s.indexOf('\n', i);
        const line = s.slice(i, lineEnd === -1 ? s.length : lineEnd).replace(/\r$/, '');
        const candidate = pending.stripTabs ? line.replace(/^\t+/, '') : line;
        if (candidate === pending.delimiter) {
          i = lineEnd === -1 ? s.length : lineEnd + 1;
          break;
        }
        i = lineEnd === -1 ? s.length : lineEnd + 1;
        bodyEnd = i;
      }
      pending.redirect.heredoc = { delimiter: pending.delimiter, body: s.slice(bodyStart, bodyEnd), start: bodyStart, end: bodyEnd };
    }
  };

  while (i < s.length) {
    const c = s[i]!;
    const next = s[i + 1];
    if (c === escape && (next === '\n' || (next === '\r' && s[i + 2] === '\n'))) {
      // Line continuation: removed, joining what is around it.
      i += next === '\n' ? 2 : 3;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '\n') {
      endCommand('\n');
      i++;
      readHeredocs();
      continue;
    }
    if (c === '#' && wordStart < 0) {
      const lineEnd = s.indexOf('\n', i);
      i = lineEnd === -1 ? s.length : lineEnd;
      continue;
    }
    if (c === ';' || c === '&' || c === '|') {
      if (c === '&' && next === '>') {
        endWord();
        const operator = s[i + 2] === '>' ? '&>>' : '&>';
        i += operator.length;
        pendingRedirect = operator;
        continue;
      }
      const two = s.slice(i, i + 2);
      const operator = two === '&&' || two === '||' || two === ';;' || two === '|&' ? two : c;
      // `2>&1`: `&` right after `>` belongs to a redirect that was already consumed.
      endCommand(operator);
      i += operator.length;
      continue;
    }
    if (c === '(' || c === ')') {
      // Subshells and groups: what is inside is a command of its own. `( … ) > file` redirects them all.
      endCommand(c);
      if (c === '(') groups.push(commands.length);
      else parenClosed = groups.pop();
      i++;
      continue;
    }
    if ((c === '>' || c === '<') && next === '(') {
      // Process substitution `<(npm pack)`: a word, not a redirect.
      startWord();
      const end = balancedEnd(s, i + 1);
      substitution(i + 1, end);
      append(s.slice(i, end), i);
      i = end;
      continue;
    }
    if (c === '>' || c === '<') {
      // A word made only of digits right before is a file descriptor: `2>`.
      let operator = c as string;
      if (wordStart >= 0 && /^\d+$/.test(value) && !quoted) {
        operator = value + c;
        value = '';
        segments = [];
        wordStart = -1;
      } else endWord();
      i++;
      if (c === '<' && s[i] === '<') {
        i++;
        if (s[i] === '<') {
          i++;
          operator = '<<<';
        } else if (s[i] === '-') {
          i++;
          operator = '<<-';
        } else operator = '<<';
      } else if (c === '>' && s[i] === '>') {
        i++;
        operator += '>';
      } else if (s[i] === '&' || s[i] === '|') {
        operator += s[i];
        i++;
      }
      if (operator.endsWith('&')) {
        // `>&2`, `2>&1`: the target is a descriptor.
        const match = /^[0-9-]+/.exec(s.slice(i));
        if (match) {
          redirects.push({ operator, target: { value: match[0], start: i, end: i + match[0].length, quoted: false } });
          i += match[0].length;
          continue;
        }
      }
      pendingRedirect = operator;
      continue;
    }
    startWord();
    if (c === "'") {
      quoted = true;
      const close = s.indexOf("'", i + 1);
      const end = close === -1 ? s.length : close;
      append(s.slice(i + 1, end), i + 1);
      i = end + 1;
      continue;
    }
    if (posix && c === '$' && next === "'") {
      quoted = true;
      i += 2;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\' && i + 1 < s.length) {
          append(s.slice(i, i + 2), i);
          i += 2;
        } else {
          append(s[i]!, i);
          i++;
        }
      }
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === escape && i + 1 < s.length) {
          const escaped = s[i + 1]!;
          if (escaped === '\n') {
            i += 2;
            continue;
          }
          if (!posix || '$`"\\'.includes(escaped)) append(escaped, i + 1);
          else append(s.slice(i, i + 2), i);
          i += 2;
        } else if (s[i] === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
          const end = balancedEnd(s, i + 1);
          if (s[i + 1] === '(') substitution(i + 1, end);
          append(s.slice(i, end), i);
          i = end;
        } else if (posix && s[i] === '`') {
          const close = s.indexOf('`', i + 1);
          const end = close === -1 ? s.length : close + 1;
          if (close !== -1) substitutions.push({ start: i + 1, end: close });
          append(s.slice(i, end), i);
          i = end;
        } else {
          append(s[i]!, i);
          i++;
        }
      }
      i++;
      continue;
    }
    if (c === escape) {
      if (i + 1 < s.length) append(s[i + 1]!, i + 1);
      i += 2;
      continue;
    }
    if (c === '$' && (next === '(' || next === '{')) {
      // `${{ expr }}` (GitHub) and `${var}`, `$(cmd)`, `$((math))`: one piece of the word.
      const end = balancedEnd(s, i + 1);
      if (next === '(') substitution(i + 1, end);
      append(s.slice(i, end), i);
      i = end;
      continue;
    }
    if (posix && c === '`') {
      const close = s.indexOf('`', i + 1);
      const end = close === -1 ? s.length : close + 1;
      if (close !== -1) substitutions.push({ start: i + 1, end: close });
      append(s.slice(i, end), i);
      i = end;
      continue;
    }
    append(c, i);
    i++;
  }
  // An unterminated quote steps one past the end; what follows must not start beyond the script.
  i = Math.min(i, s.length);
  endCommand('');
  if (pendingHeredocs.length > 0) readHeredocs();
  return commands;
}

/**
 * The index just past the bracket group that opens at `open` (`(` or `{`), quotes respected. Inside
 * `$( … )` a double-quoted string may hold a `)` and substitutions of its own (`$(echo "$(date))")`);
 * nesting is tracked with an explicit stack, since its depth is hostile input.
 */
export function balancedEnd(s: string, open: number): number {
  if (s[open] === '{') return braceEnd(s, open);
  // Each entry is an open `(` group (with its paren depth) or an open double-quoted string.
  const stack: Array<{ quote: boolean; depth: number }> = [{ quote: false, depth: 0 }];
  let i = open;
  while (i < s.length) {
    const c = s[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (top.quote) {
      if (c === '"') stack.pop();
      else if (c === '$' && s[i + 1] === '(') {
        stack.push({ quote: false, depth: 1 });
        i++;
      }
      i++;
      continue;
    }
    if (c === "'") {
      const close = s.indexOf("'", i + 1);
      i = close === -1 ? s.length : close + 1;
      continue;
    }
    if (c === '"') stack.push({ quote: true, depth: 0 });
    else if (c === '(') top.depth++;
    else if (c === ')') {
      top.depth--;
      if (top.depth === 0) {
        stack.pop();
        if (stack.length === 0) return i + 1;
      }
    }
    i++;
  }
  return s.length;
}

/** `${{ … }}` and `${var}`: braces counted; a `${var` left open ends at the line's end. */
function braceEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '\n' && s[open + 1] !== '{') return i;
  }
  return s.length;
}
