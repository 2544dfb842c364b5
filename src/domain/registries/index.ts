/**
 * The registry table: every registry the linter knows, by id. A registry is added here and in a
 * folder of its own; nothing else in the domain or the engine names one.
 */
import { cratesRegistry } from './crates/index.js';
import { JSR_TOKEN_ENV_NAMES, JSR_TOKEN_FORMATS } from './jsr/tokens.js';
import { npmRegistry } from './npm/index.js';
import { nugetRegistry } from './nuget/index.js';
import { pypiRegistry } from './pypi/index.js';
import { rubygemsRegistry } from './rubygems/index.js';
import type { RegistryId, RegistryModule, TokenFormat } from './types.js';

export const REGISTRIES: readonly RegistryModule[] = [npmRegistry, pypiRegistry, cratesRegistry, rubygemsRegistry, nugetRegistry];

export function registryOf(id: RegistryId): RegistryModule {
  return REGISTRIES.find((registry) => registry.id === id)!;
}

/**
 * The token knowledge of registries that have no module yet (JSR):
 * when one gets its module, its `tokenFormats` and `tokenEnvNames` come from the same `tokens.ts`
 * and its entry here goes.
 */
const TOKENS_WITHOUT_MODULE: ReadonlyArray<{ readonly formats: readonly TokenFormat[]; readonly envNames: readonly string[] }> = [
  { formats: JSR_TOKEN_FORMATS, envNames: JSR_TOKEN_ENV_NAMES },
];

/** Every registry's literal token formats: what a leaked token of any registry looks like. */
export const TOKEN_FORMATS: readonly TokenFormat[] = [
  ...REGISTRIES.flatMap((registry) => registry.tokenFormats),
  ...TOKENS_WITHOUT_MODULE.flatMap((tokens) => tokens.formats),
];

/** An environment variable a registry's tools read a token or password from. */
export interface TokenEnvName {
  readonly registry: string;
  readonly registryName: string;
  /** As documented; `*` stands for any part (`POETRY_PYPI_TOKEN_*`). */
  readonly name: string;
}

/** Every registry's documented token environment variables. */
export const TOKEN_ENV_NAMES: readonly TokenEnvName[] = [
  ...REGISTRIES.flatMap((registry) => registry.tokenEnvNames.map((name) => ({ registry: registry.id, registryName: registry.name, name }))),
  ...TOKENS_WITHOUT_MODULE.flatMap((tokens) =>
    tokens.envNames.map((name) => ({ registry: tokens.formats[0]!.registry, registryName: tokens.formats[0]!.registryName, name })),
  ),
];
