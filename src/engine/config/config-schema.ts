/** A rule's severity as users may write it (ESLint accepts the numbers too). */
export type SeverityInput = 'off' | 'warn' | 'error' | 0 | 1 | 2;
export type RuleEntry = SeverityInput | [SeverityInput, Record<string, unknown>?];

export interface ConfigOverride {
  files: string[];
  rules?: Record<string, RuleEntry>;
  settings?: Record<string, unknown>;
}

export interface LimitsConfig {
  /** Files larger than this many bytes are reported, not parsed. */
  maxFileBytes?: number;
  maxDepth?: number;
  maxAliasNodes?: number;
}

/** The config file, as written. */
export interface ConfigFile {
  $schema?: string;
  plugins?: string[];
  extends?: string | string[];
  rules?: Record<string, RuleEntry>;
  ignores?: string[];
  overrides?: ConfigOverride[];
  settings?: Record<string, unknown>;
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
  limits?: LimitsConfig;
}

const PRESET_NAMES = ['recommended', 'strict', 'all'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A preset: a built-in one, or `<plugin>/<preset>` (`trustlint-plugin-x/recommended`, `@scope/x/recommended`). */
const PRESET = {
  anyOf: [{ enum: PRESET_NAMES }, { type: 'string', pattern: '^(@[^/\\s]+/)?[^/@\\s][^/\\s]*/[^/\\s]+$' }],
} as const;

const SEVERITY = { enum: ['off', 'warn', 'error', 0, 1, 2], description: 'off, warn or error (or 0, 1, 2).' };

const RULE_ENTRY = {
  anyOf: [
    SEVERITY,
    {
      type: 'array',
      minItems: 1,
      maxItems: 2,
      items: [SEVERITY, { type: 'object' }],
      additionalItems: false,
    },
  ],
};

const RULES = {
  type: 'object',
  description: 'Rule id → severity, or [severity, options].',
  additionalProperties: RULE_ENTRY,
};

/** `settings` in the config's shape: its keys belong to the plugins, which validate them (phase two). */
const SETTINGS_SHAPE = { type: 'object', description: 'Facts about the repository that rules use; see each rule pack\'s settings.' } as const;

/**
 * The JSON Schema of the config file's shape (phase one of validation). Rule options are checked in
 * phase two against each rule's own schema; `schema.json` adds them per rule for editor completion.
 */
export const CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    extends: {
      description: 'Presets to start from: recommended (the default), strict, all, or a plugin\'s (`<plugin>/recommended`).',
      anyOf: [PRESET, { type: 'array', items: PRESET }],
    },
    plugins: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Rule packs: package names (resolved from the config file\'s directory) or relative paths; their rules are `<plugin>/<rule>`.',
    },
    rules: RULES,
    ignores: { type: 'array', items: { type: 'string' }, description: 'Globs (relative to the config file) of files not to lint.' },
    overrides: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          files: { type: 'array', items: { type: 'string' }, minItems: 1 },
          rules: RULES,
          settings: SETTINGS_SHAPE,
        },
        required: ['files'],
        additionalProperties: false,
      },
    },
    settings: SETTINGS_SHAPE,
    reportUnusedDisableDirectives: { enum: ['off', 'warn', 'error'], description: 'Report directives that suppress nothing.' },
    limits: {
      type: 'object',
      description: 'Bounds that keep hostile input cheap.',
      properties: {
        maxFileBytes: { type: 'integer', minimum: 1 },
        maxDepth: { type: 'integer', minimum: 1 },
        maxAliasNodes: { type: 'integer', minimum: 0 },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const;
