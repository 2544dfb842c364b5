/**
 * The registry table: every registry the linter knows, by id. A registry is added here and in a
 * folder of its own; nothing else in the domain or the engine names one.
 */
import { cratesRegistry } from './crates/index.js';
import { jsrRegistry } from './jsr/index.js';
import { npmRegistry } from './npm/index.js';
import { nugetRegistry } from './nuget/index.js';
import { pypiRegistry } from './pypi/index.js';
import { rubygemsRegistry } from './rubygems/index.js';
import type { RegistryId, RegistryModule, TokenFormat } from './types.js';

export const REGISTRIES: readonly RegistryModule[] = [npmRegistry, pypiRegistry, cratesRegistry, rubygemsRegistry, nugetRegistry, jsrRegistry];

export function registryOf(id: RegistryId): RegistryModule {
  return REGISTRIES.find((registry) => registry.id === id)!;
}

/** Every registry's literal token formats: what a leaked token of any registry looks like. */
export const TOKEN_FORMATS: readonly TokenFormat[] = REGISTRIES.flatMap((registry) => registry.tokenFormats);

/** An environment variable a registry's tools read a token or password from. */
export interface TokenEnvName {
  readonly registry: string;
  readonly registryName: string;
  /** As documented; `*` stands for any part (`POETRY_PYPI_TOKEN_*`). */
  readonly name: string;
}

/** Every registry's documented token environment variables. */
export const TOKEN_ENV_NAMES: readonly TokenEnvName[] = REGISTRIES.flatMap((registry) =>
  registry.tokenEnvNames.map((name) => ({ registry: registry.id, registryName: registry.name, name })),
);
