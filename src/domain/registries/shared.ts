/**
 * Registry-neutral helpers for registry modules: where a value comes from (a stored secret written
 * inline or through an env variable), credentials bound in env or given on a command line, option
 * values of a command, and the host of a URL. No registry is named here.
 */
import type { Span, StepNode, YamlEntry } from '../../engine/ast.js';
import type { Analysis } from '../context.js';
import { envBinding, envBindings } from '../env.js';
import { hasExpression, valueOrigin } from '../expressions.js';
import type { RunCommand, SourceWord } from '../run-script.js';
import { inputEntry } from '../steps.js';
import type { Credential, PublishTarget, RegistryId } from './types.js';

/** A value as its origin: written inline, an expression, or a shell variable bound in the step's env. */
export interface ResolvedValue {
  /** Stored secrets the value comes from (`NAME`, `vars.NAME`); empty when none. */
  readonly secrets: readonly string[];
  /** A literal, certainly not a secret or an expression. */
  readonly literal: boolean;
  /** The env entry that binds the shell variable the value names (`$TOKEN`, `$env:TOKEN`). */
  readonly binding?: YamlEntry;
}

const SHELL_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|env:([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * Where a command-line value comes from: `${{ secrets.X }}` inline, or `$X`, `${X}`, `$env:X`
 * (PowerShell) bound in the env the step sees to a stored secret. A value that is not a whole
 * variable reference and has no expression is a literal.
 */
export function resolveValue(step: StepNode, value: string): ResolvedValue {
  const inline = valueOrigin(value);
  if (inline.origin === 'long-lived-secret') return { secrets: inline.secrets, literal: false };
  if (hasExpression(value)) return { secrets: [], literal: false };
  const match = SHELL_VARIABLE.exec(value.trim());
  if (!match) return { secrets: [], literal: !value.includes('$') && !value.includes('%') };
  const binding = envBinding(step, match[1] ?? match[2] ?? match[3]!);
  if (binding?.entry.value.type !== 'scalar') return { secrets: [], literal: false };
  const origin = valueOrigin(binding.entry.value.text);
  return { secrets: origin.origin === 'long-lived-secret' ? origin.secrets : [], literal: false, ...(binding ? { binding: binding.entry } : {}) };
}

/** A long-lived credential bound in the env the step sees, for each name `channelOf` knows. */
export function envCredentials(
  context: Analysis,
  step: StepNode,
  registry: RegistryId,
  channelOf: (name: string) => string | undefined,
  options: { readonly isToken?: (text: string) => boolean; readonly precedence?: (name: string) => 'after-oidc' | undefined } = {},
): Credential[] {
  const found: Credential[] = [];
  for (const binding of envBindings(context, step, `${registry}-token`, (name) => channelOf(name) !== undefined)) {
    const value = binding.entry.value;
    if (value.type !== 'scalar') continue;
    const origin = valueOrigin(value.text);
    const literal = origin.origin === 'literal' && options.isToken?.(value.text.trim()) === true;
    if (origin.origin !== 'long-lived-secret' && !literal) continue;
    const precedence = options.precedence?.(binding.name);
    found.push({
      registry,
      kind: 'env',
      name: binding.name,
      secrets: origin.secrets,
      ...(literal ? { literal } : {}),
      at: binding.entry,
      ...(binding.level === 'step' ? { step } : {}),
      level: binding.level,
      channel: channelOf(binding.name)!,
      ...(precedence ? { precedence } : {}),
    });
  }
  return found;
}

/** A long-lived credential given to an action input from a stored secret. */
export function inputCredential(step: StepNode, registry: RegistryId, name: string, channel: string): Credential | undefined {
  const entry = inputEntry(step, name);
  if (entry?.value.type !== 'scalar') return undefined;
  const origin = valueOrigin(entry.value.text);
  if (origin.origin !== 'long-lived-secret') return undefined;
  return { registry, kind: 'input', name, secrets: origin.secrets, at: entry, step, channel };
}

/**
 * The value of an option of a command: `--token X`, `--token=X`, and for PowerShell-style options
 * (`-ApiKey X`) any case when `ignoreCase`. The value's word is returned for its span.
 */
export function optionValue(words: readonly SourceWord[], names: readonly string[], from = 0, ignoreCase = false): SourceWord | undefined {
  const same = (a: string, b: string) => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  for (let index = from; index < words.length; index++) {
    const word = words[index]!;
    if (word.value === '--') return undefined;
    for (const name of names) {
      if (same(word.value, name)) return words[index + 1];
      const prefix = `${name}=`;
      if (word.value.length > prefix.length && same(word.value.slice(0, prefix.length), prefix)) {
        const offset = prefix.length;
        const span: Span = word.quoted ? word.span : { start: word.span.start + offset, end: word.span.end };
        return { ...word, value: word.value.slice(offset), start: word.start + offset, span };
      }
    }
  }
  return undefined;
}

/** Whether a command has one of the flags (`--dry-run`, `-n`). */
export function hasFlag(words: readonly string[], ...flags: string[]): boolean {
  return words.some((word) => flags.includes(word) || flags.some((flag) => flag.startsWith('--') && word === `${flag}=true`));
}

/**
 * A credential given on the command line, `--token ${{ secrets.X }}` or `--token "$TOKEN"` with
 * TOKEN bound to a stored secret: reported at the value.
 */
export function flagCredential(
  step: StepNode,
  registry: RegistryId,
  word: SourceWord | undefined,
  name: string,
  channel: string,
  isToken?: (text: string) => boolean,
): Credential | undefined {
  if (!word) return undefined;
  const resolved = resolveValue(step, word.value);
  const literal = resolved.literal && isToken?.(word.value.trim()) === true;
  if (resolved.secrets.length === 0 && !literal) return undefined;
  return { registry, kind: 'flag', name, secrets: resolved.secrets, ...(literal ? { literal } : {}), at: word.span, step, channel };
}

/** The host of a URL, lower-case, or undefined when it is not one (a name, an expression). */
export function urlHost(text: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:@\s]+)(?::\d+)?(?:[/?#]|$)/i.exec(text.trim());
  return match ? match[1]!.toLowerCase() : undefined;
}

/** A target from a URL: official when its host is one of `hosts`; unknown for an expression or a variable. */
export function targetFromUrl(text: string, hosts: readonly string[], source: PublishTarget['source']): PublishTarget {
  const url = text.trim();
  if (hasExpression(url) || url.includes('$')) return { official: undefined, source };
  const host = urlHost(url);
  return { url, official: host !== undefined && hosts.includes(host), source };
}

/** An env variable's value for a step when it is a plain literal; `expression` when it is computed. */
export function envValue(step: StepNode, name: string): string | 'expression' | undefined {
  const binding = envBinding(step, name);
  if (!binding) return undefined;
  const value = binding.entry.value;
  if (value.type !== 'scalar' || hasExpression(value.text)) return 'expression';
  return value.text.trim();
}

/** The commands of a `run:` step that the registry's detector recognises, with what it found. */
export function wordsOf(command: RunCommand): readonly string[] {
  return command.words.map((word) => word.value);
}

/** Stored secrets in a written text: inline `${{ secrets.X }}`, or `$X`/`${X}` bound to one in the step's env. */
export function secretsInText(step: StepNode, text: string): string[] {
  const inline = valueOrigin(text);
  if (inline.origin === 'long-lived-secret') return [...inline.secrets];
  const secrets: string[] = [];
  for (const match of text.matchAll(/\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    const binding = envBinding(step, match[1]!);
    if (binding?.entry.value.type !== 'scalar') continue;
    const origin = valueOrigin(binding.entry.value.text);
    if (origin.origin === 'long-lived-secret') secrets.push(...origin.secrets);
  }
  return secrets;
}

/**
 * The text command `index` of a script writes into a file whose name passes `file` (`> ~/.pypirc`,
 * a heredoc, `echo … | tee ~/.gem/credentials`), or undefined when it writes none.
 */
export function writtenText(commands: readonly RunCommand[], index: number, file: RegExp): string | undefined {
  const command = commands[index]!;
  const words = command.words.map((word) => word.value);
  const redirected = command.redirects.some((redirect) => (redirect.operator === '>' || redirect.operator === '>>') && file.test(redirect.target?.value ?? ''));
  const tee = words[0] === 'tee' && words.slice(1).some((word) => file.test(word));
  if (!redirected && !tee) return undefined;
  const piped = tee && index > 0 && commands[index - 1]!.terminator === '|' ? commands[index - 1]!.words.slice(1).map((word) => word.value) : [];
  const bodies = [...(tee ? piped : words.slice(1)), ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.heredoc.body] : []))];
  return bodies.join('\n');
}
