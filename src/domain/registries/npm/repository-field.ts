/**
 * A package.json `repository` as npm publishes it, and the GitHub repository it names.
 *
 * `npm publish` of a directory runs `@npmcli/package-json`'s `fix` steps before it uploads the
 * manifest (npm/cli `lib/commands/publish.js`, `#getManifest`: `pkgJson.fix(…)` then `prepare()`).
 * Its `fixRepositoryField` step (`lib/normalize.js`) takes the first entry of `repositories`, turns a
 * string into `{ type: 'git', url }`, and rewrites a URL that `hosted-git-info` recognises: a shortcut
 * (`owner/repo`, `github:owner/repo`) becomes `git+https://github.com/owner/repo.git`, any other form
 * its own canonical spelling (`git+ssh://git@github.com/owner/repo.git` for `git@github.com:owner/repo.git`).
 * `hosted-git-info` keeps the owner and the name as written (`lib/from-url.js`), and the registry
 * compares them with the repository of the provenance statement case-sensitively (npm Docs,
 * "Generating provenance statements": "a public `repository` that matches (case-sensitive) where you
 * are publishing with provenance from"). This module mirrors the recognition for GitHub, so it reads
 * the owner and name the registry will see.
 */
import type { JsonObject } from '../../project/package-json.js';

/** An owner and a repository name on github.com. */
export interface GitHubRepository {
  readonly owner: string;
  readonly repo: string;
}

export type RepositoryField =
  /** No `repository`, or one without a URL: npm uploads none, and the registry reports `"repository.url" is ""`. */
  | { readonly kind: 'missing' }
  /**
   * A GitHub repository. `plain` when the form is one the registry is known to accept once the owner
   * and name match (`https://`, `git+https://`, `owner/repo`, `github:owner/repo`, without a
   * `#committish`); ssh, `git://` and `http://` URLs are read for their owner and name only.
   */
  | (GitHubRepository & { readonly kind: 'github'; readonly url: string; readonly plain: boolean; readonly directory?: string })
  /** Another host (GitLab, Bitbucket, a company server), or text that is no repository URL at all. */
  | { readonly kind: 'other'; readonly url: string }
  /** A form whose reading by npm and the registry is not known here (a github.com URL to a file, `repositories`). */
  | { readonly kind: 'unknown' };

/** `hosted-git-info`'s protocols for github.com (`lib/hosts.js`). */
const GITHUB_PROTOCOLS: ReadonlySet<string> = new Set(['git:', 'http:', 'git+ssh:', 'git+https:', 'ssh:', 'https:', 'git+http:']);
/** Protocols `hosted-git-info` knows (`lib/index.js`), and the host shortcuts it adds (`github:` …). */
const KNOWN_PROTOCOLS: ReadonlySet<string> = new Set([...GITHUB_PROTOCOLS, 'github:', 'gitlab:', 'bitbucket:', 'gist:', 'sourcehut:']);

/** The `repository` of a package.json, read as npm will upload it. */
export function repositoryField(json: JsonObject): RepositoryField {
  let field: unknown = json.repository;
  if (json.repositories !== undefined) {
    // npm takes the first entry of `repositories` over `repository`.
    if (!Array.isArray(json.repositories)) return { kind: 'unknown' };
    field = json.repositories[0];
  }
  let url: unknown;
  let directory: string | undefined;
  if (typeof field === 'string') url = field;
  else if (field && typeof field === 'object' && !Array.isArray(field)) {
    url = (field as JsonObject).url;
    const declared = (field as JsonObject).directory;
    if (typeof declared === 'string') directory = declared;
  }
  if (url === undefined || url === null || (typeof url === 'string' && url.trim() === '')) return { kind: 'missing' };
  if (typeof url !== 'string') return { kind: 'other', url: JSON.stringify(url) };
  const found = githubRepository(url.trim());
  // A github.com URL npm does not recognise is uploaded as written: how the registry reads it is not known.
  if (found === 'unknown' || (!found && /github\.com/i.test(url))) return { kind: 'unknown' };
  if (!found) return { kind: 'other', url };
  return { kind: 'github', ...found, url, ...(directory !== undefined ? { directory } : {}) };
}

/**
 * `hosted-git-info`'s `isGitHubShorthand` (`lib/from-url.js`): `owner/repo[#committish]`, no
 * protocol, no `@`, no second `/`, not starting with `.` or `/`.
 */
function isGitHubShorthand(text: string): boolean {
  const hash = text.indexOf('#');
  const before = hash === -1 ? text : text.slice(0, hash);
  const slash = before.indexOf('/');
  return slash > 0 && !/\s/.test(before) && !before.includes('@') && !before.includes(':') && before.indexOf('/', slash + 1) === -1 && !before.endsWith('/') && !text.startsWith('.');
}

/** The GitHub owner and name of a repository URL; undefined for another host or no URL; `unknown` for a github.com URL npm does not read as a repository. */
function githubRepository(text: string): (GitHubRepository & { plain: boolean }) | undefined | 'unknown' {
  const spec = isGitHubShorthand(text) ? `github:${text}` : text;
  if (/^github:/i.test(spec)) {
    // `github:owner/repo[.git][#committish]`, auth before an `@` ignored.
    const [path = '', committish] = splitHash(spec.slice('github:'.length).replace(/^\/+/, ''));
    const user = path.slice(path.indexOf('@') + 1);
    const slash = user.lastIndexOf('/');
    if (slash <= 0) return undefined;
    return named(user.slice(0, slash), user.slice(slash + 1), committish === undefined);
  }
  const url = parseGitUrl(spec);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (host !== 'github.com' || !GITHUB_PROTOCOLS.has(url.protocol)) return undefined;
  // hosted-git-info's github `extract`: `/owner/repo[.git][/tree/committish]`.
  const [, user, project, type, committish] = url.pathname.split('/', 5);
  if (type && type !== 'tree') return 'unknown';
  if (!user || !project) return 'unknown';
  const plain = (url.protocol === 'https:' || url.protocol === 'git+https:') && !type && !url.hash && !committish;
  return named(user, project, plain) ?? 'unknown';
}

function named(user: string, project: string, plain: boolean): (GitHubRepository & { plain: boolean }) | undefined {
  try {
    const owner = decodeURIComponent(user);
    const repo = decodeURIComponent(project.endsWith('.git') ? project.slice(0, -4) : project);
    return owner && repo ? { owner, repo, plain } : undefined;
  } catch {
    return undefined;
  }
}

function splitHash(text: string): [string, string | undefined] {
  const hash = text.indexOf('#');
  return hash === -1 ? [text, undefined] : [text.slice(0, hash), text.slice(hash + 1)];
}

/**
 * A git URL as `hosted-git-info`'s `parseUrl` reads it (`lib/parse-url.js`): as written when it has a
 * known protocol, else with `git+ssh://` or `//` put in front (`correctProtocol`), and failing that
 * with an scp-style `host:owner/repo` turned into `host/owner/repo` (`correctUrl`).
 */
function parseGitUrl(text: string): URL | undefined {
  const withProtocol = correctProtocol(text);
  return safeUrl(withProtocol) ?? safeUrl(correctUrl(withProtocol));
}

function correctProtocol(text: string): string {
  const colon = text.indexOf(':');
  if (KNOWN_PROTOCOLS.has(text.slice(0, colon + 1))) return text;
  const at = text.indexOf('@');
  if (at > -1) return at > colon ? `git+ssh://${text}` : text;
  if (text.indexOf('//') === colon + 1) return text;
  return `${text.slice(0, colon + 1)}//${text.slice(colon + 1)}`;
}

function correctUrl(text: string): string {
  const lastBeforeHash = (value: string, char: string) => {
    const hash = value.indexOf('#');
    return value.lastIndexOf(char, hash > -1 ? hash : Infinity);
  };
  let corrected = text;
  const colon = lastBeforeHash(corrected, ':');
  if (colon > lastBeforeHash(corrected, '@')) corrected = `${corrected.slice(0, colon)}/${corrected.slice(colon + 1)}`;
  if (lastBeforeHash(corrected, ':') === -1 && !corrected.includes('//')) corrected = `git+ssh://${corrected}`;
  return corrected;
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** How a repository compares with the canonical one: the same, the same but for letter case, or another. */
export function compareRepository(found: GitHubRepository, expected: GitHubRepository): 'same' | 'case' | 'different' {
  if (found.owner === expected.owner && found.repo === expected.repo) return 'same';
  const lower = (repository: GitHubRepository) => `${repository.owner}/${repository.repo}`.toLowerCase();
  return lower(found) === lower(expected) ? 'case' : 'different';
}

/** The `repository` setting (`owner/repo`) as an owner and a name; undefined when unset or malformed. */
export function canonicalRepository(setting: unknown): GitHubRepository | undefined {
  if (typeof setting !== 'string') return undefined;
  const match = /^([^/\s]+)\/([^/\s]+?)(?:\.git)?$/.exec(setting.trim());
  return match ? { owner: match[1]!, repo: match[2]! } : undefined;
}
