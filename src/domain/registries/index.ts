/**
 * The registry table: every registry the linter knows, by id. A registry is added here and in a
 * folder of its own; nothing else in the domain or the engine names one.
 */
import { npmRegistry } from './npm/index.js';
import type { RegistryId, RegistryModule } from './types.js';

export const REGISTRIES: readonly RegistryModule[] = [npmRegistry];

export function registryOf(id: RegistryId): RegistryModule {
  return REGISTRIES.find((registry) => registry.id === id)!;
}
