/**
 * How the npm CLI reads its command line, so the linter sees the command npm runs: `npm pub`,
 * `npm --cache DIR publish`, `npm -w pkg publish`, `npm publish --dry-run false` (not a dry run).
 *
 * Data from npm 11.19.1: its commands and aliases (`lib/utils/cmd-list.js`, resolved by unique
 * prefix with `abbrev`), and the type of each config key (`@npmcli/config` 10.12.0,
 * `lib/definitions/definitions.js`) and its shorthands (`lib/definitions/shorthands.js`), which
 * decide whether an option takes the next word. The parse follows `nopt` 9 (`lib/nopt-lib.js`).
 */
import { table } from '../table.js';

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** `lib/utils/cmd-list.js` `commands`. */
const COMMANDS = words(`
  access approve-scripts audit bugs cache ci completion config dedupe deny-scripts deprecate diff dist-tag docs doctor
  edit exec explain explore find-dupes fund get help help-search init install install-ci-test install-test link ll login
  logout ls org outdated owner pack ping pkg prefix profile prune publish query rebuild repo restart root run sbom search
  set stage start stop team test token trust undeprecate uninstall unpublish update version view whoami`);

/** `lib/utils/cmd-list.js` `aliases` (typos included: npm runs them). */
const ALIASES = table<string>({
  author: 'owner', home: 'docs', issues: 'bugs', info: 'view', show: 'view', find: 'search', add: 'install', unlink: 'uninstall',
  remove: 'uninstall', rm: 'uninstall', r: 'uninstall', un: 'uninstall', rb: 'rebuild', list: 'ls', ln: 'link', create: 'init',
  i: 'install', it: 'install-test', cit: 'install-ci-test', u: 'update', up: 'update', c: 'config', s: 'search', se: 'search',
  tst: 'test', t: 'test', ddp: 'dedupe', v: 'view', 'run-script': 'run', 'clean-install': 'ci', 'clean-install-test': 'install-ci-test',
  x: 'exec', why: 'explain', la: 'll', verison: 'version', ic: 'ci', innit: 'init', in: 'install', ins: 'install', inst: 'install',
  insta: 'install', instal: 'install', isnt: 'install', isnta: 'install', isntal: 'install', isntall: 'install', 'install-clean': 'ci',
  'isntall-clean': 'ci', hlep: 'help', 'dist-tags': 'dist-tag', upgrade: 'update', udpate: 'update', rum: 'run', sit: 'install-ci-test',
  urn: 'run', ogr: 'org',
});
const COMMAND_NAMES: readonly string[] = [...COMMANDS, ...ALIASES.keys()];

/** Config keys of type `Boolean`: they take no value, except a following `true` or `false`. */
const BOOLEAN = words(`
  all allow-same-version audit bin-links bypass-2fa commit-hooks dangerously-allow-all-scripts description dev
  diff-ignore-all-space diff-name-only diff-no-prefix diff-text dry-run engine-strict force foreground-scripts
  format-package-lock fund git-tag-version global global-style if-present ignore-scripts include-staged
  include-workspace-root include-attestations init-private install-links json legacy-bundling legacy-peer-deps link long
  offline omit-lockfile-registry-resolved package-lock package-lock-only parseable allow-scripts-pending allow-scripts-pin
  prefer-dedupe prefer-offline prefer-online progress provenance read-only rebuild-bundle save save-bundle save-dev
  save-exact save-optional save-peer save-prod packages-all shrinkwrap sign-git-commit sign-git-tag strict-peer-deps
  strict-allow-scripts strict-ssl timing unicode update-notifier usage version versions workspaces-update`);

/** Keys of type `String` exactly: a following word that looks like an option is not their value. */
const STRING = words(`
  call diff-dst-prefix diff-src-prefix editor git heading init-author-email init-author-name init-license init-type
  init.author.email init.author.name init.license message pack-destination preid save-prefix scope searchexclude searchopts
  shell tag tag-version-prefix user-agent viewer`);

/** Keys of any other type (paths, URLs, numbers, enums, lists): they take the next word, whatever it is. */
const VALUE = words(`
  _auth access allow-directory allow-file allow-git allow-remote allow-scripts also audit-level auth-type before ca cache
  cache-max cache-min cafile cert cidr cpu depth diff diff-unified expect-result-count expires fetch-retries
  fetch-retry-factor fetch-retry-maxtimeout fetch-retry-mintimeout fetch-timeout globalconfig https-proxy include
  init-author-url init-module init-version init.author.url init.module init.version install-strategy key libc local-address
  location lockfile-version loglevel logs-dir logs-max name maxsockets min-release-age min-release-age-exclude node-gyp
  node-options noproxy omit only orgs os otp package packages prefix provenance-file proxy registry replace-registry-host
  sbom-format sbom-type scopes packages-and-scopes-permission orgs-permission password token-description script-shell
  searchlimit searchstaleness umask userconfig which workspace`);

/**
 * Keys whose type mixes `Boolean` with values: after the option, `true`/`false`, one of the listed
 * words (`null` where the type allows it), or (`browser`) any string that does not start with a
 * single dash is taken as its value.
 */
const MIXED = table<{ readonly values: readonly string[]; readonly string?: true }>({
  browser: { values: ['null'], string: true },
  color: { values: ['always'] },
  'expect-results': { values: ['null'] },
  optional: { values: ['null'] },
  production: { values: ['null'] },
  workspaces: { values: ['null'] },
  yes: { values: ['null'] },
});

type OptionType = 'boolean' | 'string' | 'value' | 'mixed';
const TYPES = table<OptionType>({
  ...Object.fromEntries(BOOLEAN.map((key) => [key, 'boolean'])),
  ...Object.fromEntries(STRING.map((key) => [key, 'string'])),
  ...Object.fromEntries(VALUE.map((key) => [key, 'value'])),
  ...Object.fromEntries(MIXED.keys().map((key) => [key, 'mixed'])),
});

/** `lib/definitions/shorthands.js` and the single-letter shorthands of the definitions. */
const SHORTHANDS = table<readonly string[]>({
  'enjoy-by': ['--before'], d: ['--loglevel', 'info'], dd: ['--loglevel', 'verbose'], ddd: ['--loglevel', 'silly'],
  quiet: ['--loglevel', 'warn'], q: ['--loglevel', 'warn'], s: ['--loglevel', 'silent'], silent: ['--loglevel', 'silent'],
  verbose: ['--loglevel', 'verbose'], desc: ['--description'], help: ['--usage'], local: ['--no-global'], n: ['--no-yes'],
  no: ['--no-yes'], porcelain: ['--parseable'], readonly: ['--read-only'], reg: ['--registry'], iwr: ['--include-workspace-root'],
  ws: ['--workspaces'], a: ['--all'], c: ['--call'], f: ['--force'], g: ['--global'], L: ['--location'], l: ['--long'],
  m: ['--message'], p: ['--parseable'], C: ['--prefix'], S: ['--save'], B: ['--save-bundle'], D: ['--save-dev'], E: ['--save-exact'],
  O: ['--save-optional'], P: ['--save-prod'], '?': ['--usage'], H: ['--usage'], h: ['--usage'], v: ['--version'], w: ['--workspace'],
  y: ['--yes'],
});

/** `abbrev`: the word itself when it is in the list, else the one word it is a unique prefix of. */
function unambiguous(word: string, list: readonly string[]): string | undefined {
  if (list.includes(word)) return word;
  let found: string | undefined;
  for (const candidate of list) {
    if (!candidate.startsWith(word)) continue;
    if (found !== undefined) return undefined;
    found = candidate;
  }
  return found;
}

/** The npm command a word names, as `deref` in `lib/utils/cmd-list.js` resolves it: `pub` → `publish`, `x` → `exec`. */
export function npmCommand(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const kebab = /[A-Z]/.test(word) ? word.replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`) : word;
  if (COMMANDS.includes(kebab)) return kebab;
  const alias = ALIASES.get(kebab);
  if (alias) return alias;
  let resolved = unambiguous(kebab, COMMAND_NAMES);
  for (let hops = 0; resolved !== undefined && ALIASES.has(resolved) && hops < 4; hops++) resolved = ALIASES.get(resolved);
  return resolved;
}

const TYPE_NAMES: readonly string[] = TYPES.keys();
const SHORTHAND_NAMES: readonly string[] = SHORTHANDS.keys();
const SINGLES: ReadonlySet<string> = new Set(SHORTHAND_NAMES.filter((name) => name.length === 1));

/** nopt's `resolveShort`: the words a shorthand (`-w`, `--reg`, `-ddd`, `-gf`) stands for, or undefined. */
function expandShorthand(arg: string): readonly string[] | undefined {
  const name = arg.replace(/^-+/, '');
  if (TYPES.has(name)) return undefined;
  const exact = SHORTHANDS.get(name);
  if (exact) return exact;
  if (name.length > 0 && [...name].every((char) => SINGLES.has(char))) return [...name].flatMap((char) => SHORTHANDS.get(char)!);
  if (unambiguous(name, TYPE_NAMES) !== undefined) return undefined;
  const abbreviated = unambiguous(name, SHORTHAND_NAMES);
  return abbreviated === undefined ? undefined : SHORTHANDS.get(abbreviated);
}

/** A config value set on the command line: `true`/`false` for flags, the text for values, and the word that set it. */
export interface NpmConfigValue {
  readonly value: string | boolean | null;
  readonly index: number;
}

export interface NpmArgs {
  /** The words that are not options or their values (the command and its arguments), with their indexes. */
  readonly positionals: ReadonlyArray<{ readonly value: string; readonly index: number }>;
  /** Config set by options (`--dry-run false` → `dry-run: false`; `--//registry.npmjs.org/:_authToken=x` keeps its key). */
  readonly config: ReadonlyMap<string, NpmConfigValue>;
  /** The npm command (`npm pub` → `publish`), undefined when there is none or it is unknown. */
  readonly command: string | undefined;
  /** Index into `positionals` of the command's first argument. */
  readonly argsFrom: number;
}

/** Whether a config key is true on this command line (`--dry-run`, `--dry-run true`, `--dry-run=true`). */
export function configTrue(args: NpmArgs, key: string): boolean {
  const value = args.config.get(key)?.value;
  return value === true || value === 'true';
}

/**
 * Parses npm's arguments from `start` (the word after `npm`) as nopt does with npm's types: options
 * anywhere, `--` ending them, `--no-x`, abbreviated keys (`--dry` is `--dry-run`), shorthands.
 */
export function parseNpmArgs(words: readonly string[], start: number): NpmArgs {
  // Words as nopt rewrites them (`-w=a` → `--workspace`, `a`), each with the index of the word it came from.
  const args: Array<{ text: string; index: number }> = words.slice(start).map((text, offset) => ({ text, index: start + offset }));
  const positionals: Array<{ value: string; index: number }> = [];
  const config = new Map<string, NpmConfigValue>();
  // Each expansion replaces an argument by words that are not shorthands again; the budget stops hostile loops.
  let budget = args.length * 4 + 16;
  for (let i = 0; i < args.length; i++) {
    const { text, index } = args[i]!;
    if (/^-{2,}$/.test(text)) {
      for (const rest of args.slice(i + 1)) positionals.push({ value: rest.text, index: rest.index });
      break;
    }
    if (!text.startsWith('-') || text.length === 1) {
      positionals.push({ value: text, index });
      continue;
    }
    let arg = text;
    let hadEq = false;
    const eq = arg.indexOf('=');
    if (eq > -1) {
      hadEq = true;
      args.splice(i, 1, { text: arg.slice(0, eq), index }, { text: arg.slice(eq + 1), index });
      arg = arg.slice(0, eq);
    }
    const expanded = budget-- > 0 ? expandShorthand(arg) : undefined;
    if (expanded) {
      args.splice(i, 1, ...expanded.map((word) => ({ text: word, index })));
      if (arg !== expanded[0]) {
        i--;
        continue;
      }
    }
    let key = arg.replace(/^-+/, '');
    let no: boolean | undefined;
    while (key.toLowerCase().startsWith('no-')) {
      no = !no;
      key = key.slice(3);
    }
    key = unambiguous(key, TYPE_NAMES) ?? key;
    const type = TYPES.get(key);
    const next = args[i + 1]?.text;
    const mixed = type === 'mixed' ? MIXED.get(key) : undefined;
    const isBool = no !== undefined || type === 'boolean' || mixed !== undefined || (type === undefined && !hadEq);
    if (isBool) {
      let value: string | boolean | null = !no;
      if (next === 'true' || next === 'false') {
        value = next === 'true' ? !no : !!no;
        i++;
      } else if (mixed && next !== undefined) {
        if (mixed.values.includes(next)) {
          value = next === 'null' ? null : next;
          i++;
        } else if (mixed.string && !/^-[^-]/.test(next)) {
          value = next;
          i++;
        }
      }
      config.set(key, { value, index });
      continue;
    }
    // A value: a `String` key does not take a following option; no key takes a following `--`.
    let value: string | boolean = next ?? (type === 'string' ? '' : true);
    let consumed = next !== undefined;
    if (type === 'string' && next !== undefined && /^-{1,2}[^-]+/.test(next)) {
      value = '';
      consumed = false;
    } else if (next !== undefined && /^-{2,}$/.test(next)) {
      value = true;
      consumed = false;
    }
    config.set(key, { value, index });
    if (consumed) i++;
  }
  const command = npmCommand(positionals[0]?.value);
  return { positionals, config, command, argsFrom: 1 };
}
