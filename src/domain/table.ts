/**
 * A fixed lookup table that names from linted files are looked up in (permission scopes, env
 * names, npm subcommands). Only its own keys are keys: `constructor` or `__proto__` from a hostile
 * file finds nothing, where a plain object would hand back `Object.prototype`'s members.
 */
export interface Table<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  keys(): readonly string[];
}

export function table<V>(entries: Readonly<Record<string, V>>): Table<V> {
  const own: Record<string, V> = Object.assign(Object.create(null) as Record<string, V>, entries);
  const keys = Object.freeze(Object.keys(own));
  return {
    get: (key) => (Object.hasOwn(own, key) ? own[key] : undefined),
    has: (key) => Object.hasOwn(own, key),
    keys: () => keys,
  };
}
