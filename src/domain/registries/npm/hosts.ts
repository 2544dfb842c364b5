/** The hosts of registry.npmjs.org, and reading the host of a registry URL as npm does. */
import { findExpressions } from '../../expressions.js';

/** registry.npmjs.org and its Yarn alias: the registry with trusted publishing. */
export const NPMJS_HOSTS: readonly string[] = ['registry.npmjs.org', 'registry.yarnpkg.com'];

/** `scheme://` or `//`, the userinfo (`user:pass@`), then the host. */
const AUTHORITY = /^(\s*(?:[a-z][a-z0-9+.-]*:)?\/\/)(?:([^/@\s]*)@)?([^/:?#\s]+)/i;

/**
 * A registry URL's authority: its host (lower case, no trailing dot) and its userinfo, the
 * credentials npm's HTTP client sends to that host as Basic auth (`https://user:pass@host/`,
 * `https://TOKEN@host/`). A `${{ }}` expression inside the userinfo leaves the host known (it is
 * masked before the URL is read); one anywhere before the host makes the URL unknown.
 */
export function registryAuthority(url: string): { readonly host: string; readonly userinfo?: string } | undefined {
  const expressions = findExpressions(url);
  // Same length, no `/`, `@` or space: offsets stay those of `url`.
  let masked = url;
  for (const expression of expressions) masked = masked.slice(0, expression.start) + 'x'.repeat(expression.end - expression.start) + masked.slice(expression.end);
  const match = AUTHORITY.exec(masked);
  if (!match) return undefined;
  const userinfoStart = match[1]!.length;
  const userinfoEnd = match[2] === undefined ? userinfoStart : userinfoStart + match[2].length;
  const hostEnd = match[0].length;
  // An expression outside the userinfo, up to the end of the host, may change where the host is.
  if (expressions.some((expression) => expression.start < hostEnd && (expression.start < userinfoStart || expression.end > userinfoEnd))) return undefined;
  if (url.includes('${{') && expressions.length === 0) return undefined;
  const host = match[3]!.toLowerCase().replace(/\.$/, '');
  return match[2] === undefined ? { host } : { host, userinfo: url.slice(userinfoStart, userinfoEnd) };
}

/**
 * The host of a registry URL as npm reads it: `https://registry.npmjs.org/`, `//registry.npmjs.org/:`
 * (an `.npmrc` key), `https://user:pass@host/` (userinfo is not the host). Undefined when there is none.
 */
export function registryHost(url: string): string | undefined {
  return registryAuthority(url)?.host;
}

/** Whether a registry URL (or `.npmrc` key) names registry.npmjs.org; false for any other or no host. */
export function isNpmjsHost(url: string): boolean {
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.includes(host);
}
