import { createRng } from '@kagura-ts/testing';
import type { BenchContext } from '../bench-context.js';
import { timeMs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import type { BenchSystem, SystemName } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { createZipfSampler } from '../zipf.js';
import { withSystems } from './with-systems.js';

/** One system's long-tail workload under its default memory bound. */
export interface LongTailCell {
  system: SystemName;
  /** Calls answered without a request upstream, over all calls. */
  hitRate: number;
  /** Requests that reached the simulator. */
  upstreamRequests: number;
  /** Wall time of the whole workload, one call after another, in milliseconds. */
  wallMs: number;
}

/** The long-tail row. */
export interface ExtraLongTailResult {
  calls: number;
  distinctQueries: number;
  exponent: number;
  /** The best hit rate any cache could reach (every repeat a hit): 1 - distinct seen / calls. */
  idealHitRate: number;
  /**
   * The floor of a cache bounded as Kagura's default memory store is: the hit rate of an exact
   * least-recently-used cache of `boundedEntries` entries over the same sequence, computed.
   */
  lruHitRate?: number;
  /** The bound of `lruHitRate`: Kagura's default `maxEntries`. */
  boundedEntries?: number;
  cells: LongTailCell[];
}

/** Kagura's default memory-store bound, in entries (`maxEntries`). */
const kaguraDefaultMaxEntries = 10_000;

/** The hit rate of an exact LRU cache of `capacity` entries over `sequence`. */
export function lruHitRate(sequence: readonly number[], capacity: number): number {
  const cache = new Map<number, true>();
  let hits = 0;
  for (const item of sequence) {
    if (cache.delete(item)) hits += 1;
    else if (cache.size >= capacity) cache.delete(cache.keys().next().value as number);
    cache.set(item, true);
  }
  return sequence.length === 0 ? Number.NaN : hits / sequence.length;
}

/**
 * The long-tail row: one Zipf-distributed sequence over many distinct queries (more than
 * Kagura's default 10,000 entries in the full run), asked one call after another of each caching
 * system with its memory store at its default bound, the systems taking turns; hit rate from the
 * simulator's request count, and the workload's wall time.
 */
export async function measureExtraLongTail(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraLongTailResult> {
  const settings = quick
    ? { calls: 400, distinctQueries: 300, exponent: 1.0 }
    : { calls: 60_000, distinctQueries: 40_000, exponent: 1.0 };
  context.log(`extra row: long tail, ${settings.calls} calls over ${settings.distinctQueries}`);
  const zipf = createZipfSampler({
    size: settings.distinctQueries,
    exponent: settings.exponent,
    rng: createRng(15),
  });
  const ranks = Array.from({ length: settings.calls }, () => zipf.next());
  const idealHitRate = 1 - new Set(ranks).size / settings.calls;
  const simulator = { latency: 'none' as const, recordRequests: true };
  const options = { simulator, systems: cachingSystems, store: 'memory' as const };
  const cells = await withSystems(context, options, async (systems, thread) => {
    const upstream = new Map<BenchSystem, number>();
    const samples = await runInterleaved({
      contestants: systems,
      warmup: 0,
      iterations: 1,
      measure: async (system) => {
        const before = await thread.requestCount();
        const wallMs = await timeMs(async () => {
          for (const rank of ranks) {
            await system.call({
              system: 'You are a support assistant.',
              prompt: `long tail question ${rank}: how do I reset my password?`,
            });
          }
        });
        upstream.set(system, (await thread.requestCount()) - before);
        return wallMs;
      },
    });
    return systems.map((system): LongTailCell => {
      const upstreamRequests = upstream.get(system) ?? Number.NaN;
      return {
        system: system.name,
        hitRate: 1 - upstreamRequests / settings.calls,
        upstreamRequests,
        wallMs: samples.get(system)?.[0] ?? Number.NaN,
      };
    });
  });
  return {
    ...settings,
    idealHitRate,
    lruHitRate: lruHitRate(ranks, kaguraDefaultMaxEntries),
    boundedEntries: kaguraDefaultMaxEntries,
    cells,
  };
}
