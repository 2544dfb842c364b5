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

export interface ShellWord {
  /** The word after quote removal (`"a b"` → `a b`); expansions are kept as written. */
  readonly value: string;
  /** Offsets in the script: [start, end). */
  readonly start: number;
  readonly end: number;
  /** True when any part was quoted (`"$X"` cannot be a separate option). */
  readonly quoted: boolean;
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
}

// `time` is a reserved word in bash too, but it is kept as a wrapper so `time -p npm publish` drops its option.
const RESERVED_START = new Set(['if', 'then', 'elif', 'else', 'do', 'while', 'until', '!', '{']);
const RESERVED_ALONE = new Set(['fi', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

interface RawCommand {
  words: ShellWord[];
  redirects: Redirect[];
  terminator: string;
  /** Script ranges of `$( … )`, backtick and `<( … )` substitutions in this command's words. */
  substitutions: Array<{ start: number; end: number }>;
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
  for (const command of raw) {
    if (depth < MAX_NESTING) {
      for (const range of command.substitutions) {
        for (const nested of parseNested(script.slice(range.start, range.end), depth + 1, dialect)) commands.push(shift(nested, range.start));
      }
    }
    const shaped = shapeCommand(command, script);
    if (shaped) commands.push(shaped);
    // `bash -c '…'` runs a script of its own: analyse it too.
    const inner = depth < MAX_NESTING ? innerScript(shaped, script) : undefined;
    if (inner) for (const nested of parseNested(inner.text, depth + 1)) commands.push(shift(nested, inner.offset));
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
  let wordStart = -1;
  let quoted = false;
  let i = 0;

  const endWord = () => {
    if (wordStart < 0) return;
    // An unterminated quote steps past the end of the script; the word ends with it.
    const word: ShellWord = { value, start: wordStart, end: Math.min(i, s.length), quoted };
    value = '';
    wordStart = -1;
    quoted = false;
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
    if (words.length > 0 || redirects.length > 0 || substitutions.length > 0) commands.push({ words, redirects, terminator, substitutions });
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
      // Subshells and groups: what is inside is a command of its own.
      endCommand(c);
      i++;
      continue;
    }
    if ((c === '>' || c === '<') && next === '(') {
      // Process substitution `<(npm pack)`: a word, not a redirect.
      startWord();
      const end = balancedEnd(s, i + 1);
      substitution(i + 1, end);
      value += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === '>' || c === '<') {
      // A word made only of digits right before is a file descriptor: `2>`.
      let operator = c as string;
      if (wordStart >= 0 && /^\d+$/.test(value) && !quoted) {
        operator = value + c;
        value = '';
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
      value += s.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (posix && c === '$' && next === "'") {
      quoted = true;
      i += 2;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\' && i + 1 < s.length) {
          value += s.slice(i, i + 2);
          i += 2;
        } else value += s[i++];
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
          value += !posix || '$`"\\'.includes(escaped) ? escaped : `\\${escaped}`;
          i += 2;
        } else if (s[i] === '$' && (s[i + 1] === '(' || s[i + 1] === '{')) {
          const end = balancedEnd(s, i + 1);
          if (s[i + 1] === '(') substitution(i + 1, end);
          value += s.slice(i, end);
          i = end;
        } else if (posix && s[i] === '`') {
          const close = s.indexOf('`', i + 1);
          const end = close === -1 ? s.length : close + 1;
          if (close !== -1) substitutions.push({ start: i + 1, end: close });
          value += s.slice(i, end);
          i = end;
        } else value += s[i++];
      }
      i++;
      continue;
    }
    if (c === escape) {
      if (i + 1 < s.length) value += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '$' && (next === '(' || next === '{')) {
      // `${{ expr }}` (GitHub) and `${var}`, `$(cmd)`, `$((math))`: one piece of the word.
      const end = balancedEnd(s, i + 1);
      if (next === '(') substitution(i + 1, end);
      value += s.slice(i, end);
      i = end;
      continue;
    }
    if (posix && c === '`') {
      const close = s.indexOf('`', i + 1);
      const end = close === -1 ? s.length : close + 1;
      if (close !== -1) substitutions.push({ start: i + 1, end: close });
      value += s.slice(i, end);
      i = end;
      continue;
    }
    value += c;
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
function balancedEnd(s: string, open: number): number {
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

const WRAPPERS_WITH_OPTIONS = new Set(['sudo', 'doas', 'xargs', 'nohup', 'exec', 'command', 'builtin', 'stdbuf', 'nice', 'timeout']);
/** Options of wrappers that take a value as the next word. */
const WRAPPER_OPTION_ARGS: Record<string, ReadonlySet<string>> = {
  sudo: new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U']),
  xargs: new Set(['-I', '-L', '-n', '-P', '-d', '-E', '-a', '-s']),
  nice: new Set(['-n']),
};

function shapeCommand(command: RawCommand, script: string): ShellCommand | undefined {
  let words = command.words;
  // Reserved words start a new command in effect: `if npm publish; then …`.
  while (words.length > 0 && RESERVED_START.has(words[0]!.value) && !words[0]!.quoted) words = words.slice(1);
  if (words.length === 1 && RESERVED_ALONE.has(words[0]!.value)) words = [];
  const assignments: ShellWord[] = [];
  const wrappers: ShellWord[] = [];
  let index = 0;
  // The name of an assignment is never quoted (`"A=1" cmd` runs a command named `A=1`), except for
  // `env`, which reads its arguments after the shell removed the quotes: `env "PATH=$PATH" npm`.
  let afterEnv = false;
  const isAssignment = (word: ShellWord) => ASSIGNMENT.test(afterEnv ? word.value : script.slice(word.start, word.end));
  for (;;) {
    while (index < words.length && isAssignment(words[index]!)) assignments.push(words[index++]!);
    afterEnv = false;
    const word = words[index];
    if (!word || word.quoted) break;
    if (word.value === 'env') {
      afterEnv = true;
      wrappers.push(word);
      index++;
      while (index < words.length && words[index]!.value.startsWith('-')) wrappers.push(words[index++]!);
      continue;
    }
    // `command -v npm` looks npm up without running it.
    if (word.value === 'command' && /^-[vV]$/.test(words[index + 1]?.value ?? '')) break;
    if (word.value === 'time' || WRAPPERS_WITH_OPTIONS.has(word.value)) {
      wrappers.push(word);
      index++;
      const takesArgument = WRAPPER_OPTION_ARGS[word.value];
      while (index < words.length && words[index]!.value.startsWith('-') && words[index]!.value !== '--') {
        const option = words[index++]!;
        wrappers.push(option);
        if (takesArgument?.has(option.value) && index < words.length) wrappers.push(words[index++]!);
      }
      if (words[index]?.value === '--') wrappers.push(words[index++]!);
      if (word.value === 'timeout' && index < words.length) wrappers.push(words[index++]!);
      continue;
    }
    break;
  }
  const rest = words.slice(index);
  if (rest.length === 0 && assignments.length === 0 && command.redirects.length === 0) return undefined;
  // `env A=1 cmd` puts a wrapper before the assignments: the command spans from its first word.
  // A reduce, not `Math.min(...)`: a hostile command may have more words than a call takes arguments.
  const placed = [...assignments, ...wrappers, ...rest, ...command.redirects.flatMap((redirect) => (redirect.target ? [redirect.target] : []))];
  const start = placed.reduce((least, word) => Math.min(least, word.start), placed[0]?.start ?? 0);
  const end = placed.reduce((most, word) => Math.max(most, word.end), start);
  return { words: rest, assignments, wrappers, redirects: command.redirects, terminator: command.terminator, start, end };
}

/** For `bash -c 'script'` and friends: the inner script and where its text starts in ours. */
function innerScript(command: ShellCommand | undefined, script: string): { text: string; offset: number } | undefined {
  if (!command) return undefined;
  const [shell, ...args] = command.words;
  if (!shell || !/^(?:\/(?:usr\/)?bin\/)?(?:ba|z|da|k)?sh$/.test(shell.value)) return undefined;
  const flag = args.findIndex((word) => /^-[a-z]*c[a-z]*$/.test(word.value));
  const body = flag === -1 ? undefined : args[flag + 1];
  if (!body) return undefined;
  const raw = script.slice(body.start, body.end);
  // Offsets inside map 1:1 only when the quoted text has no escapes.
  const quote = raw[0];
  if ((quote === "'" || quote === '"') && raw.endsWith(quote) && raw.slice(1, -1) === body.value) {
    return { text: body.value, offset: body.start + 1 };
  }
  return raw === body.value ? { text: body.value, offset: body.start } : undefined;
}

function shift(command: ShellCommand, offset: number): ShellCommand {
  const word = (w: ShellWord): ShellWord => ({ ...w, start: w.start + offset, end: w.end + offset });
  return {
    ...command,
    words: command.words.map(word),
    assignments: command.assignments.map(word),
    wrappers: command.wrappers.map(word),
    redirects: command.redirects.map((redirect) => ({
      operator: redirect.operator,
      ...(redirect.target ? { target: word(redirect.target) } : {}),
      ...(redirect.heredoc ? { heredoc: { ...redirect.heredoc, start: redirect.heredoc.start + offset, end: redirect.heredoc.end + offset } } : {}),
    })),
    start: command.start + offset,
    end: command.end + offset,
  };
}
