/**
 * Globs for the config (`ignores`, `overrides[].files`) and for settings that are globs (runner
 * labels): every glob trustlint matches is compiled here.
 *
 * picomatch, used before, compiles a glob to a backtracking regular expression: `*a*a*a*a*a*a*b.yml`
 * took 22 s on a 100-character file name, `(a|aa)+b.yml` (a regex group picomatch passes through)
 * 100 s on 44 characters, and `*-gpu-*` 83 s on an 800 KB runner label. The input is the linted
 * repository's file names and labels, so it is hostile. This matcher compiles the glob to a
 * Thompson NFA and simulates it, one pass over the input, so matching costs at most
 * O(input length × glob length) whatever both hold.
 *
 * Syntax (picomatch's, minus regex groups): `*` (within a path segment), `**` (whole segments),
 * `?`, `[a-z]`, `[!…]`/`[^…]`, `{a,b}` (nestable), `\` escapes, a leading `!` to negate and a leading
 * `./` that is ignored. `(`, `)` and `|` are regex syntax in picomatch (groups, extglobs such as
 * `+(a|b)`); here they are an error unless escaped, so no glob silently changes meaning.
 */

export interface GlobOptions {
  /** Let wildcards match a segment that starts with `.` (picomatch's `dot`). */
  readonly dot?: boolean;
  /** Compare case-insensitively (picomatch's `nocase`). */
  readonly nocase?: boolean;
}

export type GlobMatcher = (input: string) => boolean;

export type CompiledGlob = { readonly ok: true; readonly match: GlobMatcher } | { readonly ok: false; readonly error: string };

/** Longer globs are refused: matching costs input length times glob length. */
export const MAX_GLOB_LENGTH = 1024;
const MAX_BRACE_DEPTH = 32;

type Atom =
  | { readonly kind: 'literal'; readonly char: string }
  | { readonly kind: 'one' }
  | { readonly kind: 'class'; readonly negated: boolean; readonly ranges: ReadonlyArray<readonly [string, string]> }
  /** `*`; `leading` when it opens a segment of the glob: then it never matches a leading `.` without `dot`. */
  | { readonly kind: 'star'; readonly leading: boolean }
  /** `**` before braces, or opening the glob before an extension (`**.yml`): any characters, `/` included (picomatch's reading). */
  | { readonly kind: 'globstar' }
  /** `**` followed by `/`: zero or more whole segments, each with its `/`. */
  | { readonly kind: 'dirs' }
  /** `/**` at the end: nothing, or `/` and any segments. */
  | { readonly kind: 'tail' }
  /** `**` as the whole glob, or a brace alternative: any segments. */
  | { readonly kind: 'anything' }
  | { readonly kind: 'alternatives'; readonly options: ReadonlyArray<readonly Atom[]> };

class GlobError extends Error {}

export function compileGlob(pattern: string, options: GlobOptions = {}): CompiledGlob {
  if (pattern.length > MAX_GLOB_LENGTH) return { ok: false, error: `is longer than ${MAX_GLOB_LENGTH} characters` };
  let body = pattern;
  let negated = false;
  if (body.startsWith('!')) {
    negated = true;
    body = body.slice(1);
  }
  while (body.startsWith('./')) body = body.slice(2);
  let atoms: Atom[];
  try {
    atoms = parseSequence(body, { index: 0 }, 0);
  } catch (error) {
    if (error instanceof GlobError) return { ok: false, error: error.message };
    throw error;
  }
  const nfa = buildNfa(atoms, options);
  return { ok: true, match: (input) => runNfa(nfa, input, options) !== negated };
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface Cursor {
  index: number;
}

/** Atoms up to the end, or up to the `,` or `}` that ends a brace alternative (`depth > 0`). */
function parseSequence(text: string, cursor: Cursor, depth: number): Atom[] {
  const atoms: Atom[] = [];
  while (cursor.index < text.length) {
    const char = text[cursor.index]!;
    if (depth > 0 && (char === ',' || char === '}')) break;
    if (char === '(' || char === ')' || char === '|') {
      throw new GlobError(`uses \`${char}\` at character ${cursor.index + 1}: regex groups and extglobs such as \`+(a|b)\` are not supported; use \`{a,b}\`, or \`\\${char}\` for the character`);
    }
    if (char === '\\') {
      const next = text[cursor.index + 1];
      atoms.push({ kind: 'literal', char: next ?? '\\' });
      cursor.index += next === undefined ? 1 : 2;
    } else if (char === '?') {
      atoms.push({ kind: 'one' });
      cursor.index++;
    } else if (char === '*') {
      parseStars(text, cursor, atoms, depth);
    } else if (char === '[') {
      atoms.push(parseClass(text, cursor));
    } else if (char === '{') {
      atoms.push(...parseBraces(text, cursor, depth));
    } else {
      atoms.push({ kind: 'literal', char });
      cursor.index++;
    }
  }
  return atoms;
}

function parseStars(text: string, cursor: Cursor, atoms: Atom[], depth: number): void {
  const start = cursor.index;
  while (text[cursor.index] === '*') cursor.index++;
  const count = cursor.index - start;
  const before = start === 0 ? '' : text[start - 1]!;
  const after = text[cursor.index] ?? '';
  const segmentStart = before === '' || before === '/' || (depth > 0 && (before === '{' || before === ','));
  // As picomatch reads them: `**` is a globstar when it is a whole segment, and when it opens the
  // segment before braces (`a/**{b,c}`), or the glob before a final extension (`**.yml`); `***`,
  // `a**`, `**x` and `a/**.yml` are a `*`.
  const opensGlob = after === '{' || (start === 0 && depth === 0 && /^\.\w+$/.test(text.slice(cursor.index)));
  const whole = after === '/' || after === '' || (depth > 0 && (after === ',' || after === '}'));
  if (count !== 2 || !segmentStart || !(whole || opensGlob)) {
    atoms.push({ kind: 'star', leading: segmentStart });
  } else if (after === '/') {
    cursor.index++;
    atoms.push({ kind: 'dirs' });
  } else if (whole) {
    // `**/**` at the end is `**`.
    while (depth === 0 && atoms[atoms.length - 1]?.kind === 'dirs') atoms.pop();
    const last = atoms[atoms.length - 1];
    // `a/**` also matches `a`, but `*/**` needs something after the `/` (as picomatch has it).
    if (depth === 0 && last?.kind === 'literal' && last.char === '/' && atoms[atoms.length - 2]?.kind !== 'star') {
      atoms.pop();
      atoms.push({ kind: 'tail' });
    } else atoms.push({ kind: 'anything' });
  } else atoms.push({ kind: 'globstar' });
}

/** `[…]`; an unclosed `[` is a literal, as in picomatch. A class never matches `/`. */
function parseClass(text: string, cursor: Cursor): Atom {
  let index = cursor.index + 1;
  let negated = false;
  if (text[index] === '!' || text[index] === '^') {
    negated = true;
    index++;
  }
  const ranges: Array<[string, string]> = [];
  let first = true;
  while (index < text.length && (text[index] !== ']' || first)) {
    first = false;
    let low = text[index]!;
    if (low === '\\' && index + 1 < text.length) low = text[++index]!;
    index++;
    let high = low;
    if (text[index] === '-' && index + 1 < text.length && text[index + 1] !== ']') {
      high = text[index + 1]!;
      if (high === '\\' && index + 2 < text.length) high = text[++index + 1]!;
      index += 2;
    }
    ranges.push([low, high]);
  }
  if (index >= text.length) {
    cursor.index++;
    return { kind: 'literal', char: '[' };
  }
  cursor.index = index + 1;
  return { kind: 'class', negated, ranges };
}

/** `{a,b}` with nesting; braces without a top-level comma are literal text, as in bash. */
function parseBraces(text: string, cursor: Cursor, depth: number): Atom[] {
  if (depth >= MAX_BRACE_DEPTH) throw new GlobError(`nests braces deeper than ${MAX_BRACE_DEPTH} levels`);
  const open = cursor.index;
  cursor.index++;
  const options: Atom[][] = [];
  for (;;) {
    options.push(parseSequence(text, cursor, depth + 1));
    const char = text[cursor.index];
    if (char === ',') {
      cursor.index++;
      continue;
    }
    if (char === '}') {
      cursor.index++;
      break;
    }
    // Unclosed: the `{` is a literal and the rest is read again as plain text.
    cursor.index = open + 1;
    return [{ kind: 'literal', char: '{' }];
  }
  if (options.length === 1) return [{ kind: 'literal', char: '{' }, ...options[0]!, { kind: 'literal', char: '}' }];
  return [{ kind: 'alternatives', options }];
}

// ---------------------------------------------------------------------------------------------
// NFA: states in parallel arrays; `test` states consume one character, `split` states do not.

const enum Test {
  /** A given character. */
  Literal,
  /** Any character but `/`. */
  NotSlash,
  /** The first character of a segment: not `/`, not `.` without `dot`. */
  SegmentStart,
  /** A character class. */
  Class,
  /** Any character, `/` included (the `dot` rules still apply at segment starts). */
  Any,
}

/** A state that consumes nothing and lets the match on only if the next character is not `.`. */
const NO_DOT_NEXT = -2;

interface Nfa {
  /** For each state: -1 for a split, else the Test kind. */
  readonly test: number[];
  readonly literal: string[];
  readonly classIndex: number[];
  readonly classes: Array<Extract<Atom, { kind: 'class' }>>;
  /** Next states: one for a test, one or two for a split. */
  readonly out1: number[];
  readonly out2: number[];
  start: number;
  readonly accept: number;
}

/** A fragment under construction: its entry state and the dangling exits to patch. */
interface Fragment {
  readonly start: number;
  readonly exits: Array<{ readonly state: number; readonly which: 1 | 2 }>;
}

function buildNfa(atoms: readonly Atom[], options: GlobOptions): Nfa {
  const nfa: Nfa = { test: [], literal: [], classIndex: [], classes: [], out1: [], out2: [], start: 0, accept: -1 };
  const add = (test: number, literal = '', classIndex = -1): number => {
    nfa.test.push(test);
    nfa.literal.push(options.nocase ? literal.toLowerCase() : literal);
    nfa.classIndex.push(classIndex);
    nfa.out1.push(-1);
    nfa.out2.push(-1);
    return nfa.test.length - 1;
  };
  const split = () => add(-1);
  const patch = (exits: Fragment['exits'], target: number) => {
    for (const exit of exits) (exit.which === 1 ? nfa.out1 : nfa.out2)[exit.state] = target;
  };
  const single = (state: number): Fragment => ({ start: state, exits: [{ state, which: 1 }] });
  /** One segment: a first character (`dot` rule), then any non-`/` characters. Exits after it. */
  const segment = (): { first: number; loop: number } => {
    const first = add(Test.SegmentStart);
    const loop = split();
    nfa.out1[first] = loop;
    const more = add(Test.NotSlash);
    nfa.out1[loop] = more;
    nfa.out1[more] = loop;
    return { first, loop };
  };
  /** `segment ('/' segment)*`: one or more whole segments. */
  const segments = (): Fragment => {
    const { first, loop } = segment();
    const slash = add(Test.Literal, '/');
    const after = split();
    nfa.out2[loop] = after;
    nfa.out1[after] = slash;
    nfa.out1[slash] = first;
    return { start: first, exits: [{ state: after, which: 2 }] };
  };
  /** `segment '/'`. */
  const segmentThenSlash = (): Fragment => {
    const { first, loop } = segment();
    const slash = add(Test.Literal, '/');
    nfa.out2[loop] = slash;
    return { start: first, exits: [{ state: slash, which: 1 }] };
  };
  const sequence = (list: readonly Atom[]): Fragment => {
    const entry = split();
    let exits: Fragment['exits'] = [{ state: entry, which: 1 }];
    for (const atom of list) {
      const fragment = build(atom);
      patch(exits, fragment.start);
      exits = fragment.exits;
    }
    return { start: entry, exits };
  };
  const build = (atom: Atom): Fragment => {
    switch (atom.kind) {
      case 'literal':
        return single(add(Test.Literal, atom.char));
      case 'one':
        return single(add(Test.NotSlash));
      case 'class':
        nfa.classes.push(atom);
        return single(add(Test.Class, '', nfa.classes.length - 1));
      case 'star':
      case 'globstar': {
        // Zero or more characters (not `/` for `*`); a `.` opening a segment only with `dot` (checked
        // at run time), and a glob segment that opens with `*` never matches a name that opens with
        // `.` without `dot`, even when the `*` matches nothing (`*.yml` does not match `.yml`).
        const loop = split();
        const char = add(atom.kind === 'star' ? Test.NotSlash : Test.Any);
        nfa.out1[loop] = char;
        nfa.out1[char] = loop;
        if ((atom.kind === 'globstar' || atom.leading) && !options.dot) {
          const guard = add(NO_DOT_NEXT);
          nfa.out1[guard] = loop;
          return { start: guard, exits: [{ state: loop, which: 2 }] };
        }
        return { start: loop, exits: [{ state: loop, which: 2 }] };
      }
      case 'dirs': {
        // (segment '/')*
        const loop = split();
        const body = segmentThenSlash();
        nfa.out1[loop] = body.start;
        patch(body.exits, loop);
        return { start: loop, exits: [{ state: loop, which: 2 }] };
      }
      case 'tail': {
        // nothing, or '/' segments
        const choice = split();
        const slash = add(Test.Literal, '/');
        nfa.out1[choice] = slash;
        const rest = segments();
        nfa.out1[slash] = rest.start;
        return { start: choice, exits: [{ state: choice, which: 2 }, ...rest.exits] };
      }
      case 'anything':
        return segments();
      case 'alternatives': {
        const exits: Array<Fragment['exits'][number]> = [];
        // A chain of splits, one branch per option.
        let previous = -1;
        let start = -1;
        for (const option of atom.options) {
          const fork = split();
          if (previous === -1) start = fork;
          else nfa.out2[previous] = fork;
          const fragment = sequence(option);
          nfa.out1[fork] = fragment.start;
          exits.push(...fragment.exits);
          previous = fork;
        }
        // The last fork's second branch leads nowhere: nfa.out2 stays -1.
        return { start, exits };
      }
    }
  };
  const whole = sequence(atoms);
  const accept = split();
  patch(whole.exits, accept);
  nfa.start = whole.start;
  return { ...nfa, accept };
}

// ---------------------------------------------------------------------------------------------
// Simulation

function runNfa(nfa: Nfa, input: string, options: GlobOptions): boolean {
  if (input === '') return false;
  const count = nfa.test.length;
  // Generation marks instead of sets: a state is in the current list when mark === generation.
  const mark = new Int32Array(count).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const stack: number[] = [];
  let generation = 0;
  /** Adds `state` and every state reachable from it without consuming a character, before `input[at]`. */
  const close = (state: number, into: number[], at: number) => {
    stack.push(state);
    while (stack.length > 0) {
      const item = stack.pop()!;
      if (item < 0 || mark[item] === generation) continue;
      mark[item] = generation;
      const test = nfa.test[item]!;
      if (test === -1) {
        stack.push(nfa.out2[item]!, nfa.out1[item]!);
        if (item === nfa.accept) into.push(item);
      } else if (test === NO_DOT_NEXT) {
        if (input[at] !== '.') stack.push(nfa.out1[item]!);
      } else into.push(item);
    }
  };
  close(nfa.start, current, 0);
  const dotSegment = dotSegments(input);
  for (let index = 0; index < input.length && current.length > 0; index++) {
    generation++;
    const raw = input[index]!;
    const char = options.nocase ? raw.toLowerCase() : raw;
    const segmentStart = index === 0 || input[index - 1] === '/';
    next.length = 0;
    for (const state of current) {
      const test = nfa.test[state]!;
      if (test < 0) continue;
      let ok: boolean;
      if (test === Test.Literal) ok = nfa.literal[state] === char;
      // A globstar crosses a `/` only into a segment it may enter: not one opening with `.` (without
      // `dot`), never a `.` or `..` segment.
      else if (raw === '/') ok = test === Test.Any && !(input[index + 1] === '.' && (!options.dot || dotSegment[index + 1] === 1));
      else if (dotSegment[index] === 1) ok = false;
      else if (test === Test.Class) ok = inClass(nfa.classes[nfa.classIndex[state]!]!, raw, options);
      else ok = !(segmentStart && raw === '.' && !options.dot);
      if (ok) close(nfa.out1[state]!, next, index + 1);
    }
    [current, next] = [next, current];
  }
  return current.includes(nfa.accept);
}

/** 1 at each character of a `.` or `..` segment: wildcards never match those (as in picomatch). */
function dotSegments(input: string): Uint8Array {
  const marks = new Uint8Array(input.length);
  let start = 0;
  for (let index = 0; index <= input.length; index++) {
    if (index === input.length || input[index] === '/') {
      const length = index - start;
      if ((length === 1 && input[start] === '.') || (length === 2 && input[start] === '.' && input[start + 1] === '.')) {
        marks.fill(1, start, index);
      }
      start = index + 1;
    }
  }
  return marks;
}

function inClass(atom: Extract<Atom, { kind: 'class' }>, char: string, options: GlobOptions): boolean {
  const within = (candidate: string) => atom.ranges.some(([low, high]) => candidate >= low && candidate <= high);
  let found = within(char);
  if (!found && options.nocase) found = within(char.toLowerCase()) || within(char.toUpperCase());
  return found !== atom.negated;
}
