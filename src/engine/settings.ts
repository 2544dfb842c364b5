/**
 * Facts about the linted repository that rules may use, from the config's `settings` key: things the
 * workflow files alone cannot tell (the canonical repository name, which runner labels are
 * self-hosted). The engine does not know any key; each plugin declares the keys it reads, with
 * their schema, and reads them through its own typed view. Unset means unknown, and rules stay silent.
 */
export type Settings = Readonly<Record<string, unknown>>;
