/** A config problem the user fixes (exit 2): one line naming the file, and the line or key where there is one. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
