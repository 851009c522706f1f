import { createClient } from 'redis';
import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, BenchSystem, SystemName } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { leanKeyOf } from './hit-floor.js';
import { createHttpFloor } from './http-floor.js';
import { withSystems } from './with-systems.js';

// A system, or one of the row's floors.
type MissContestant =
  | BenchSystem
  | { name: 'floor'; store: 'none' | 'redis'; call(input: BenchPrompt): Promise<unknown> };

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
  /** `redisUs.p50` over the Redis floor's p50. */
  floorRatioP50: number;
}

/**
 * The row's floors, measured in the same turns as the systems: a miss with no cache (a keep-alive
 * `node:http` POST + `JSON.parse`) and with Redis (a bare `GET` that finds nothing, the same
 * POST, then a `SET` of the reply, not awaited: what no Redis cache can skip on a miss).
 */
export interface RedisMissFloor {
  noCacheUs: Summary;
  redisUs: Summary;
}

/** The Redis-miss row. */
export interface ExtraRedisMissResult {
  /** `false` when redis-server is not installed here. */
  available: boolean;
  cells: RedisMissCell[];
  floor?: RedisMissFloor;
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
  const redisUrl: string = context.redisUrl;
  context.log('extra row: Redis miss');
  await context.flushRedis();
  const settings = quick
    ? { warmup: 5, iterations: 20, block: 5 }
    : { warmup: 100, iterations: 1_000, block: 25 };
  const simulator = { latency: 'none' as const };
  const measured = await withSystems(
    context,
    { simulator, systems: cachingSystems, store: 'redis' },
    (redisSystems) =>
      withSystems(
        context,
        { simulator, systems: cachingSystems, store: 'none' },
        async (bare, thread) => {
          const httpFloor = createHttpFloor(thread.openaiBaseURL);
          const redis = createClient({ url: redisUrl });
          await redis.connect();
          const floors = {
            noCache: { name: 'floor' as const, store: 'none' as const, call: httpFloor.call },
            redis: {
              name: 'floor' as const,
              store: 'redis' as const,
              call: async (input: BenchPrompt) => {
                const key = `floor:miss:${leanKeyOf(input)}`;
                if ((await redis.get(key)) !== null)
                  throw new Error('The Redis floor found an entry for a new prompt.');
                const reply = await httpFloor.call(input);
                redis.set(key, JSON.stringify(reply)).catch(() => {});
                return reply;
              },
            },
          };
          const contestants: MissContestant[] = [
            ...redisSystems,
            ...bare,
            floors.noCache,
            floors.redis,
          ];
          try {
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
            const floor: RedisMissFloor = {
              noCacheUs: summarize(samples.get(floors.noCache) ?? []),
              redisUs: summarize(samples.get(floors.redis) ?? []),
            };
            const cells = redisSystems.map((system): RedisMissCell => {
              const partner = bare.find((candidate) => candidate.name === system.name);
              const redisUs = summarize(samples.get(system) ?? []);
              const noCacheUs = summarize(
                partner === undefined ? [] : (samples.get(partner) ?? []),
              );
              return {
                system: system.name,
                redisUs,
                noCacheUs,
                addedUs: redisUs.p50 - noCacheUs.p50,
                floorRatioP50: redisUs.p50 / floor.redisUs.p50,
              };
            });
            return { cells, floor };
          } finally {
            await redis.quit();
            await httpFloor.close();
          }
        },
      ),
  );
  await context.flushRedis();
  return { available: true, ...measured };
}
