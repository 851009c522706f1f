import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchSystem, SystemName } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { withSystems } from './with-systems.js';

/** One caching system's Redis miss against its own no-cache call. */
export interface RedisMissCell {
  /** The system. */
  system: SystemName;
  /** A miss through the Redis store (look up, call upstream, write), in microseconds. */
  redisUs: Summary;
  /** The same call with no cache, in microseconds. */
  noCacheUs: Summary;
  /** What the Redis cache adds to a miss: the two medians' difference, in microseconds. */
  addedUs: number;
}

/** The Redis-miss row. */
export interface ExtraRedisMissResult {
  /** `false` when redis-server is not installed here. */
  available: boolean;
  cells: RedisMissCell[];
}

/**
 * The Redis-miss row: every call a new prompt, through each caching system with a Redis store and
 * with no cache, all six contestants interleaved against one simulator replying at once
 * (latency 'none'), so the difference is what the cache's look-up, lease and write cost.
 */
export async function measureExtraRedisMiss(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraRedisMissResult> {
  if (context.redisUrl === undefined) return { available: false, cells: [] };
  context.log('extra row: Redis miss');
  await context.flushRedis();
  const settings = quick
    ? { warmup: 5, iterations: 20, block: 5 }
    : { warmup: 100, iterations: 1_000, block: 25 };
  const simulator = { latency: 'none' as const };
  const cells = await withSystems(
    context,
    { simulator, systems: cachingSystems, store: 'redis' },
    (redisSystems) =>
      withSystems(context, { simulator, systems: cachingSystems, store: 'none' }, async (bare) => {
        const contestants: BenchSystem[] = [...redisSystems, ...bare];
        const samples = await runInterleaved({
          contestants,
          warmup: settings.warmup,
          warmupMs: quick ? 0 : context.config.warmupMs,
          iterations: settings.iterations,
          block: settings.block,
          discard: 2,
          measure: (system, call) =>
            timeUs(() =>
              system.call({
                system: 'You are a concise assistant.',
                prompt: `redis miss ${system.name} ${system.store} ${call}: name one prime.`,
              }),
            ),
        });
        return redisSystems.map((system): RedisMissCell => {
          const partner = bare.find((candidate) => candidate.name === system.name);
          const redisUs = summarize(samples.get(system) ?? []);
          const noCacheUs = summarize(partner === undefined ? [] : (samples.get(partner) ?? []));
          return { system: system.name, redisUs, noCacheUs, addedUs: redisUs.p50 - noCacheUs.p50 };
        });
      }),
  );
  await context.flushRedis();
  return { available: true, cells };
}
