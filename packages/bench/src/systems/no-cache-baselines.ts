import type { BenchSystem, SystemSetup } from './bench-system.js';
import { systemCatalog } from './system-catalog.js';

/**
 * Sets up each caching system of `systems` again with no cache (`store: 'none'`), against the
 * same server: the same library's own baseline for a miss or a first token (Kagura,
 * `createClient` with `cache: false` over the same provider; the AI SDK, the plain
 * `@ai-sdk/openai` model without the middleware; LangChain.js, `ChatOpenAI` without a cache).
 * Systems that have no cache (the raw SDKs) get none. Close them with `closeSystems`.
 *
 * @returns each caching system mapped to its no-cache twin
 */
export async function createNoCacheBaselines(
  systems: readonly BenchSystem[],
  setup: Omit<SystemSetup, 'store'>,
): Promise<Map<BenchSystem, BenchSystem>> {
  const baselines = new Map<BenchSystem, BenchSystem>();
  for (const system of systems) {
    if (system.store === 'none') continue;
    const info = systemCatalog[system.name];
    baselines.set(system, await info.create({ ...setup, store: 'none' }));
  }
  return baselines;
}
