/**
 * npm tokens put into npm or Yarn configuration by a `run:` script: written into `.npmrc` or
 * `.yarnrc.yml` (`echo`, `printf`, heredocs, `tee`, `{ …; } > ~/.npmrc`), set with
 * `npm config set` / `npm set` (any location), `pnpm config set`, `yarn config set`, or given to the
 * publish itself as a config flag (`npm publish --//registry.npmjs.org/:_authToken=…`,
 * `--_authToken=…`, a password in a `--registry` URL). A token scoped to another registry (GitHub
 * Packages) is not one.
 */
import type { ActionNode, JobNode, Span, StepNode } from '../../../engine/ast.js';
import type { Analysis } from '../../context.js';
import { commandName } from '../../commands/launchers.js';
import { parseNpmArgs } from '../../commands/npm-cli.js';
import { textOrigin, type RuntimeOrigin } from '../../env.js';
import { fileWrites, LITERAL_DOLLAR, shellText } from '../../file-writes.js';
import { runCommands, type RunCommand } from '../../run-script.js';
import { fileOf, stepsOf } from '../../steps.js';
import type { Credential, PublishSite } from '../types.js';
import { isNpmjsHost, NPMJS_HOSTS, registryAuthority } from './hosts.js';
import { isNpmAccessToken } from './tokens.js';

/** `//registry.npmjs.org/:_authToken` (npm), `npmAuthToken` (Yarn Berry), unscoped `_authToken`. */
const CONFIG_KEY = /^(\/\/[^:\s]*:)?(_authToken|npmAuthToken)$/;
/** The same key inside a config file's text, with its value after `=` or `:`. */
const AUTH_LINE = /(?:^|[\s"'])(\/\/[^\s"':]*\/?:)?(_authToken|npmAuthToken)\s*[=:]\s*(.*)$/;

interface Written {
  readonly key: string;
  readonly value: string;
  readonly registry?: string;
  readonly at: Span;
  readonly command: number;
}

/** The secrets of a written value, or its literal npm token; undefined when it is neither. */
function tokenOrigin(context: Analysis, step: StepNode, command: number, value: string): { origin: RuntimeOrigin; literal: boolean } | undefined {
  // npm (and Yarn) expand `${VAR}` in config values themselves, whether or not the shell did.
  const text = value.replaceAll(`${LITERAL_DOLLAR}{`, '${').trim().replace(/^["']|["']$/g, '');
  const origin = textOrigin(context, step, command, text);
  if (origin.origin === 'long-lived-secret') return { origin, literal: false };
  if (origin.origin === 'literal' && isNpmAccessToken(text)) return { origin, literal: true };
  return undefined;
}

/** `npm config set k v`, `npm set k=v`, `npm c set --location=user k v`, `pnpm config set k v`, `yarn config set [-H] k v`. */
function configSet(command: RunCommand): Written[] {
  const words = command.words.map((word) => word.value);
  const name = commandName(words[0]);
  let positionals: Array<{ value: string; index: number }>;
  if (name === 'npm') {
    const parsed = parseNpmArgs(words, 1);
    positionals = parsed.positionals.slice(1);
    if (parsed.command === 'config') {
      if (positionals[0]?.value !== 'set') return [];
      positionals = positionals.slice(1);
    } else if (parsed.command !== 'set') return [];
  } else if (name === 'pnpm' || name === 'yarn') {
    const rest = words.flatMap((value, index) => (index > 0 && !value.startsWith('-') ? [{ value, index }] : []));
    if (rest[0]?.value === 'config' && rest[1]?.value === 'set') positionals = rest.slice(2);
    else if (rest[0]?.value === 'set' && name === 'pnpm') positionals = rest.slice(1);
    else return [];
  } else return [];
  const found: Written[] = [];
  for (let index = 0; index < positionals.length; index++) {
    const { value: word } = positionals[index]!;
    const eq = word.indexOf('=');
    const [key, value] = eq === -1 ? [word, positionals[++index]?.value] : [word.slice(0, eq), word.slice(eq + 1)];
    const match = CONFIG_KEY.exec(key);
    if (match && value !== undefined) found.push({ key: match[2]!, value, ...(match[1] ? { registry: match[1] } : {}), at: command.span, command: command.index });
  }
  return found;
}

/** Token lines written into `.npmrc` or `.yarnrc(.yml)`, each at the command that prints it. */
function fileTokenLines(commands: readonly RunCommand[], fileText: string): Written[] {
  const found: Written[] = [];
  for (const write of fileWrites(commands, fileText)) {
    if (!/npmrc|yarnrc/.test(write.target.value)) continue;
    for (const piece of write.pieces) {
      for (const line of piece.text.split('\n')) {
        const match = AUTH_LINE.exec(line);
        if (match) found.push({ key: match[2]!, value: match[3]!, ...(match[1] ? { registry: match[1] } : {}), at: piece.command.span, command: piece.command.index });
      }
    }
  }
  return found;
}

/** The long-lived tokens a step writes into npm or Yarn configuration. */
function configWrites(context: Analysis, step: StepNode): Credential[] {
  const commands = runCommands(context, step);
  const written = [...commands.flatMap(configSet), ...fileTokenLines(commands, fileOf(step).text)].sort((a, b) => a.command - b.command);
  const writes: Credential[] = [];
  for (const write of written) {
    if (write.registry && !isNpmjsHost(write.registry)) continue;
    const token = tokenOrigin(context, step, write.command, write.value);
    if (!token) continue;
    writes.push({
      registry: 'npm',
      kind: 'config-write',
      name: write.key,
      secrets: token.origin.secrets,
      ...(token.literal ? { literal: true } : {}),
      at: write.at,
      step,
      command: write.command,
      ...(token.origin.via ? { via: token.origin.via } : {}),
      channel: write.key === 'npmAuthToken' ? 'yarn' : 'npm',
    });
  }
  return writes;
}

/** Every token write of a job or composite action, found once per run. */
export function jobConfigWrites(context: Analysis, container: JobNode | ActionNode): readonly Credential[] {
  return context.facts.memo('npm-config-writes', container, () => stepsOf(container).flatMap((step) => configWrites(context, step)));
}

/**
 * Tokens given to an npm publish on its own command line: `--//registry.npmjs.org/:_authToken=…`,
 * `--_authToken=…`, or a password in `--registry https://user:…@registry.npmjs.org/`. Only for a
 * publish written in the step itself, whose words are placed in the file.
 */
export function flagTokens(context: Analysis, site: PublishSite): Credential[] {
  const command = site.command;
  if (!command || site.chain.length > 0 || (site.tool !== 'npm' && site.tool !== 'pnpm')) return [];
  // The publish's words must be the command's own (not a package.json script's) to be placed.
  const toolIndex = command.words.length - site.args.length;
  if (toolIndex < 0 || site.args.some((arg, index) => command.words[toolIndex + index]!.value !== arg)) return [];
  const parsed = parseNpmArgs(site.args, 1);
  const found: Credential[] = [];
  for (const [key, { value, index }] of parsed.config) {
    if (typeof value !== 'string') continue;
    const match = CONFIG_KEY.exec(key);
    if (!(match && match[2] === '_authToken' && (!match[1] || isNpmjsHost(match[1]))) && key !== 'registry') continue;
    // `--registry=URL` is one word, `--registry URL` two: the value's word holds the token.
    const option = command.words[toolIndex + index];
    const word = option && !option.value.endsWith(`=${value}`) ? command.words[toolIndex + index + 1] : option;
    if (!word) continue;
    // The value as the shell hands it over: `'$T'` is the text `$T`.
    const text = shellText(word, fileOf(site.step).text).slice(word.value.length - value.length);
    const token = key === 'registry' ? userinfoToken(context, site.step, command.index, text) : tokenOrigin(context, site.step, command.index, text);
    if (!token) continue;
    found.push({
      registry: 'npm',
      kind: 'flag',
      name: key,
      secrets: token.origin.secrets,
      ...(token.literal ? { literal: true } : {}),
      at: word.span,
      step: site.step,
      command: command.index,
      ...(token.origin.via ? { via: token.origin.via } : {}),
      channel: 'npm',
    });
  }
  return found;
}

/**
 * The credentials in the userinfo of a registry.npmjs.org URL (`https://ci:${{ secrets.T }}@…`,
 * `https://$T@…`): npm's HTTP client sends them as Basic auth. Written out (`user:pass@`, no `$`),
 * they are a password in the workflow.
 */
function userinfoToken(context: Analysis, step: StepNode, command: number, url: string): ReturnType<typeof tokenOrigin> {
  const authority = registryAuthority(url.replace(/^["']|["']$/g, ''));
  if (!authority?.userinfo || !NPMJS_HOSTS.includes(authority.host)) return undefined;
  const userinfo = authority.userinfo;
  const token = tokenOrigin(context, step, command, userinfo);
  if (token) return token;
  const written = !/[$\u0000]/.test(userinfo) && (/:./.test(userinfo) || isNpmAccessToken(userinfo));
  return written ? { origin: { origin: 'literal', secrets: [] }, literal: true } : undefined;
}
