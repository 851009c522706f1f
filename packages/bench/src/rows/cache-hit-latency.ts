import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import type { BenchPrompt } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { countUpstream, pause } from './count-upstream.js';
import { type LatencyCell, toLatencyCells } from './latency-cell.js';
import { withSystems } from './with-systems.js';

/** The cache stores of row 1. */
export type HitStore = 'memory' | 'disk' | 'redis';

/** Row 1: cache-hit latency through each system's public call, per store. */
export interface CacheHitResult {
  /** One entry per store. */
  stores: {
    store: HitStore;
    /** `false` when the store could not be measured here (no redis-server). */
    available: boolean;
    cells: LatencyCell[];
    note?: string;
  }[];
}

/** The prompts warmed and then hit, the same for every system. */
export function hitPrompts(count: number, label: string): BenchPrompt[] {
  return Array.from({ length: count }, (_, index) => ({
    system: 'You are a concise assistant.',
    prompt: `${label} ${index}: summarise the release notes of version ${index}.`,
  }));
}

/**
 * Row 1: warms each caching system's store with the same prompts (misses), then measures hits
 * end to end through `callLLM` / `generateText` / `invoke`, the systems alternating in turns,
 * and checks afterwards that the hits sent nothing upstream.
 */
export async function measureCacheHitLatency(context: BenchContext): Promise<CacheHitResult> {
  const { warmup, iterations, prompts: promptCount } = context.config.cacheHit;
  const result: CacheHitResult = { stores: [] };
  for (const store of ['memory', 'disk', 'redis'] as const) {
    if (store === 'redis' && context.redisUrl === undefined) {
      result.stores.push({
        store,
        available: false,
        cells: [],
        note: 'redis-server is not installed',
      });
      continue;
    }
    context.log(`row 1: cache hits, ${store} store`);
    await context.flushRedis();
    const prompts = hitPrompts(promptCount, `hit ${store}`);
    const options = {
      simulator: { latency: 'none' as const, recordRequests: true },
      systems: cachingSystems,
      store,
    };
    const cells = await withSystems(context, options, async (systems, simulator) => {
      for (const system of systems) for (const prompt of prompts) await system.call(prompt);
      await pause(100);
      const samples = await runInterleaved({
        contestants: systems,
        warmup,
        warmupMs: context.config.warmupMs,
        iterations: iterations[store],
        block: 100,
        discard: 10,
        measure: (system, round) => timeUs(() => system.call(prompts[round % prompts.length]!)),
      });
      const cells = toLatencyCells(samples);
      for (const [index, system] of systems.entries()) {
        cells[index]!.upstreamRequests = await countUpstream(simulator, system, prompts);
      }
      return cells;
    });
    const note = store === 'disk' ? 'LangChain.js has no on-disk LLM cache.' : undefined;
    result.stores.push({ store, available: true, cells, ...(note && { note }) });
  }
  return result;
}
