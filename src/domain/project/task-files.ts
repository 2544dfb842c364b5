/**
 * Makefiles and justfiles: their targets (recipes), prerequisites and recipe lines with spans, read
 * without running anything. Only plain rules are read: pattern rules, variables in target names and
 * functions are left out, so a target that is not found stays unknown.
 */
import type { Span } from '../../engine/ast.js';
import { defineView } from '../../engine/project.js';
import type { SourceFile } from '../../engine/source-file.js';
import type { Analysis } from '../context.js';
import { joinPath } from './paths.js';

/** One recipe line: the command as the shell gets it (`@`, `-`, `+` prefixes dropped, continuations joined). */
export interface RecipeLine {
  readonly text: string;
  readonly span: Span;
}

export interface Task {
  readonly name: string;
  readonly prerequisites: readonly string[];
  readonly recipe: readonly RecipeLine[];
  /** The target's header line. */
  readonly span: Span;
  /** A recipe run by another interpreter (a justfile shebang recipe that is not a shell): not readable as commands. */
  readonly foreign?: boolean;
}

export interface TaskFile {
  readonly file: SourceFile;
  readonly tasks: ReadonlyMap<string, Task>;
  /** What runs without a target named: make's first target, just's first recipe (or `default`). */
  readonly defaultTask?: string;
}

interface Line {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Physical lines joined at a trailing backslash, each with its offsets in the file. */
function logicalLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let pending: { parts: string[]; start: number } | undefined;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const continued = /(^|[^\\])\\$/.test(raw);
    const part = continued ? raw.slice(0, -1) : raw;
    if (pending) pending.parts.push(part.replace(/^\s+/, ' '));
    else pending = { parts: [part], start };
    if (!continued) {
      lines.push({ text: pending.parts.join(''), start: pending.start, end });
      pending = undefined;
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  if (pending) lines.push({ text: pending.parts.join(''), start: pending.start, end: text.length });
  return lines;
}

const MAKE_ASSIGNMENT = /^[^:#=\s]+\s*(?:::=|:=|\?=|\+=|!=|=)/;
const MAKE_DIRECTIVE = /^(?:include|-include|sinclude|ifeq|ifneq|ifdef|ifndef|else|endif|define|endef|export|unexport|override|vpath|undefine)\b/;

/**
 * A Makefile recipe line as the shell receives it: make expands `$(MAKE)` to `make` and its own
 * variables before the shell runs; those stay an inert `$MAKEVAR` (their value is not known), and
 * `$$` is the shell's `$`.
 */
function makeRecipeText(text: string): string {
  return text
    .replace(/(?<!\$)\$[({]MAKE[)}]/g, 'make')
    .replace(/(?<!\$)\$(?:\([^()]*\)|\{[^{}]*\})/g, '$MAKEVAR')
    .replace(/\$\$/g, '$');
}

function recipeLine(line: Line, strip: RegExp, make: boolean): RecipeLine {
  const text = line.text.replace(strip, '').replace(/^[@+-]+\s*/, '');
  return { text: make ? makeRecipeText(text) : text, span: { start: line.start, end: line.end } };
}

/** A Makefile's plain rules. */
export function parseMakefile(file: SourceFile): TaskFile {
  const tasks = new Map<string, Task>();
  let defaultTask: string | undefined;
  let current: { names: string[]; prerequisites: string[]; recipe: RecipeLine[]; span: Span } | undefined;
  const close = () => {
    if (!current) return;
    for (const name of current.names) if (!tasks.has(name)) tasks.set(name, { name, prerequisites: current.prerequisites, recipe: current.recipe, span: current.span });
    current = undefined;
  };
  for (const line of logicalLines(file.text)) {
    if (line.text.startsWith('\t')) {
      if (current && line.text.trim() !== '' && !line.text.trim().startsWith('#')) current.recipe.push(recipeLine(line, /^\t+/, true));
      continue;
    }
    const text = line.text.replace(/\s+#.*$/, '');
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    close();
    if (MAKE_ASSIGNMENT.test(text) || MAKE_DIRECTIVE.test(text.trim())) continue;
    const match = /^([^:=#]+?)\s*::?\s*(?!=)([^;]*)(?:;(.*))?$/.exec(text);
    if (!match) continue;
    const names = match[1]!.trim().split(/\s+/).filter((name) => !name.startsWith('.') && !name.includes('%') && !name.includes('$'));
    if (names.length === 0) continue;
    defaultTask ??= names[0];
    current = { names, prerequisites: match[2]!.trim().split(/\s+/).filter(Boolean), recipe: [], span: { start: line.start, end: line.end } };
    if (match[3]?.trim()) current.recipe.push({ text: makeRecipeText(match[3].trim().replace(/^[@+-]+\s*/, '')), span: { start: line.start, end: line.end } });
  }
  close();
  return { file, tasks, ...(defaultTask ? { defaultTask } : {}) };
}

/** A justfile's recipes (`name params: deps` and its indented body). */
export function parseJustfile(file: SourceFile): TaskFile {
  const tasks = new Map<string, Task>();
  let first: string | undefined;
  let current: { name: string; prerequisites: string[]; recipe: RecipeLine[]; span: Span; shebang?: string } | undefined;
  const close = () => {
    if (!current) return;
    const foreign = current.shebang !== undefined && !/\b(?:ba|z|da)?sh\b/.test(current.shebang);
    if (!tasks.has(current.name)) tasks.set(current.name, { name: current.name, prerequisites: current.prerequisites, recipe: current.recipe, span: current.span, ...(foreign ? { foreign } : {}) });
    current = undefined;
  };
  for (const line of logicalLines(file.text)) {
    if (/^[ \t]/.test(line.text)) {
      const body = line.text.trim();
      if (!current || body === '') continue;
      if (current.recipe.length === 0 && current.shebang === undefined && body.startsWith('#!')) {
        current.shebang = body;
        continue;
      }
      if (body.startsWith('#') && current.shebang === undefined) continue;
      current.recipe.push(recipeLine(line, /^[ \t]+/, false));
      continue;
    }
    if (line.text.trim() === '' || line.text.startsWith('#') || line.text.startsWith('[')) continue;
    close();
    if (/^(?:set|alias|export|import|mod)\s/.test(line.text) || /^[\w-]+\s*:=/.test(line.text)) continue;
    const match = /^@?([A-Za-z_][\w-]*)\b[^:]*:(?!=)(.*)$/.exec(line.text);
    if (!match) continue;
    first ??= match[1];
    const prerequisites = match[2]!.replace(/#.*$/, '').trim().split(/\s+/).filter((name) => /^[A-Za-z_][\w-]*$/.test(name));
    current = { name: match[1]!, prerequisites, recipe: [], span: { start: line.start, end: line.end } };
  }
  close();
  const defaultTask = tasks.has('default') ? 'default' : first;
  return { file, tasks, ...(defaultTask ? { defaultTask } : {}) };
}

const MAKEFILE = defineView<TaskFile>('Makefile', (file) => parseMakefile(file));
const JUSTFILE = defineView<TaskFile>('justfile', (file) => parseJustfile(file));

/** The Makefile make reads in a directory (GNUmakefile, makefile, Makefile, in make's order). */
export function makefileAt(context: Analysis, directory: string, name?: string): TaskFile | undefined {
  for (const candidate of name ? [name] : ['GNUmakefile', 'makefile', 'Makefile']) {
    const found = context.project.view(MAKEFILE, joinPath(directory, candidate));
    if (found) return found;
  }
  return undefined;
}

/** The justfile just reads in a directory (`justfile`, `Justfile`, `.justfile`). */
export function justfileAt(context: Analysis, directory: string): TaskFile | undefined {
  for (const candidate of ['justfile', 'Justfile', '.justfile']) {
    const found = context.project.view(JUSTFILE, joinPath(directory, candidate));
    if (found) return found;
  }
  return undefined;
}
