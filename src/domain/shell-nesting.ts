/**
 * Placing the commands of a nested script (a `$( … )` substitution, a `bash -c '…'` script) in the
 * outer script's command list: their offsets mapped into the outer script, their indexes moved, and
 * the scope they form recorded on each (`ShellCommand.scopes`).
 */
import type { ShellCommand, ShellScope, ShellWord } from './shell.js';

/**
 * The commands of a nested script, to be appended at index `base` of the outer list: offsets through
 * `map`, indexes moved by `base`, and the script's own scope (with `runner`, the outer command that
 * runs it, for `bash -c`) put outermost in each command's `scopes`.
 */
export function relocateNested(nested: readonly ShellCommand[], map: (offset: number) => number, base: number, runner?: number): ShellCommand[] {
  const scope: ShellScope = { start: base, end: base + nested.length - 1, ...(runner !== undefined ? { runner } : {}) };
  // One moved object per inner scope, shared by its commands.
  const moved = new Map<ShellScope, ShellScope>();
  const move = (inner: ShellScope): ShellScope => {
    let found = moved.get(inner);
    if (!found) {
      found = { start: inner.start + base, end: inner.end + base, ...(inner.runner !== undefined ? { runner: inner.runner + base } : {}) };
      moved.set(inner, found);
    }
    return found;
  };
  return nested.map((command) => ({ ...relocate(command, map, base), scopes: [scope, ...(command.scopes ?? []).map(move)] }));
}

/**
 * A command placed elsewhere: every offset through `map` (a shift for a substitution, the unquoting
 * of `bash -c "…"` for its script), and `groupFrom` moved by `base` (its index in the outer list).
 */
function relocate(command: ShellCommand, map: (offset: number) => number, base: number): ShellCommand {
  const span = (start: number, end: number) => ({ start: map(start), end: end > start ? map(end - 1) + 1 : map(start) });
  const word = (w: ShellWord): ShellWord => {
    const moved = { ...w, ...span(w.start, w.end) };
    if (!w.segments) return moved;
    // A segment stays one piece only if the map keeps it contiguous.
    const contiguous = w.segments.every((segment) => map(segment.raw + segment.length - 1) - map(segment.raw) === segment.length - 1);
    if (!contiguous) return { value: w.value, start: moved.start, end: moved.end, quoted: w.quoted };
    return { ...moved, segments: w.segments.map((segment) => ({ ...segment, raw: map(segment.raw) })) };
  };
  return {
    ...command,
    words: command.words.map(word),
    assignments: command.assignments.map(word),
    wrappers: command.wrappers.map(word),
    redirects: command.redirects.map((redirect) => ({
      operator: redirect.operator,
      ...(redirect.target ? { target: word(redirect.target) } : {}),
      ...(redirect.heredoc ? { heredoc: { ...redirect.heredoc, ...span(redirect.heredoc.start, redirect.heredoc.end) } } : {}),
    })),
    ...span(command.start, command.end),
    ...(command.groupFrom !== undefined ? { groupFrom: command.groupFrom + base } : {}),
  };
}
