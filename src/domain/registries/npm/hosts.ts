/** The hosts of registry.npmjs.org, and reading the host of a registry URL as npm does. */

/** registry.npmjs.org and its Yarn alias: the registry with trusted publishing. */
export const NPMJS_HOSTS: readonly string[] = ['registry.npmjs.org', 'registry.yarnpkg.com'];

/**
 * The host of a registry URL as npm reads it: `https://registry.npmjs.org/`, `//registry.npmjs.org/:`
 * (an `.npmrc` key), `https://user:pass@host/` (userinfo is not the host). Undefined when there is none.
 */
export function registryHost(url: string): string | undefined {
  const match = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^/@\s]*@)?([^/:?#\s]+)/i.exec(url);
  return match?.[1]?.toLowerCase().replace(/\.$/, '');
}

/** Whether a registry URL (or `.npmrc` key) names registry.npmjs.org; false for any other or no host. */
export function isNpmjsHost(url: string): boolean {
  const host = registryHost(url);
  return host !== undefined && NPMJS_HOSTS.includes(host);
}
