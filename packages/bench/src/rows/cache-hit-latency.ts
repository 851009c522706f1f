import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import type { Summary } from '../stats.js';
import type { BenchPrompt, BenchReply, BenchSystem } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { countUpstream, pause } from './count-upstream.js';
import { createHitFloor, type HitFloor } from './hit-floor.js';
import { type LatencyCell, toLatencyCellsWithFloor } from './latency-cell.js';
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
    /** Back to back: each measured call right after the previous one. */
    cells: LatencyCell[];
    /** The store's floor back to back (see {@link HitFloor}), measured with the systems. */
    floor?: Summary;
    /**
     * After idle: a 1 ms timer awaited before each measured call (what a server between
     * requests mostly sees; only the call is timed), the floor measured the same way.
     */
    idle?: { cells: LatencyCell[]; floor: Summary };
    /** The same measurements with larger requests (the prompt text grows), ~6 KB and ~64 KB. */
    larger?: HitSizeResult[];
    note?: string;
  }[];
}

/** Row 1 at one request size: back to back and after idle, each with its floor. */
export interface HitSizeResult {
  /** The request's JSON length in bytes (system prompt and prompt), about. */
  requestBytes: number;
  cells: LatencyCell[];
  floor: Summary;
  idle: { cells: LatencyCell[]; floor: Summary };
}

/** The request sizes of row 1, in bytes of request JSON: ~100 B, ~6 KB, ~64 KB. */
export const hitRequestSizes = [100, 6_000, 64_000] as const;

// Prompts of about `bytes` of request JSON: the hit prompts with filler text appended.
function sizedPrompts(count: number, label: string, bytes: number): BenchPrompt[] {
  return hitPrompts(count, label).map((prompt) => {
    const missing = bytes - JSON.stringify(prompt).length;
    if (missing <= 0) return prompt;
    const filler = ' Context: the changelog lists fixes, features and deprecations.';
    return { ...prompt, prompt: prompt.prompt + filler.repeat(Math.ceil(missing / filler.length)) };
  });
}

/** Waits `ms` milliseconds on a timer. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
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
 * end to end through `callLLM` / `generateText` / `invoke`, the systems and the store's floor
 * taking turns in random order, back to back and then after 1 ms of idle before each call, and
 * checks afterwards that the hits sent nothing upstream.
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
    const sized = hitRequestSizes.map((bytes) => sizedPrompts(promptCount, `hit ${store}`, bytes));
    const options = {
      simulator: { latency: 'none' as const, recordRequests: true },
      systems: cachingSystems,
      store,
    };
    const measured = await withSystems(context, options, async (systems, simulator) => {
      const results: HitSizeResult[] = [];
      for (const [index, prompts] of sized.entries()) {
        const replies = new Map<BenchPrompt, BenchReply>();
        for (const system of systems) {
          for (const prompt of prompts) {
            const reply = await system.call(prompt);
            if (!replies.has(prompt)) replies.set(prompt, reply);
          }
        }
        const floor = await createHitFloor(store, replies, context.redisUrl);
        try {
          await pause(100);
          const contestants: (BenchSystem | HitFloor)[] = [...systems, floor];
          const call = (contestant: BenchSystem | HitFloor, round: number) =>
            timeUs(() => contestant.call(prompts[round % prompts.length]!));
          const backToBack = toLatencyCellsWithFloor(
            await runInterleaved({
              contestants,
              warmup,
              warmupMs: context.config.warmupMs,
              iterations: iterations[store],
              block: 100,
              discard: 10,
              seed: 1 + index,
              measure: call,
            }),
          );
          const idle = toLatencyCellsWithFloor(
            await runInterleaved({
              contestants,
              warmup: 0,
              iterations: Math.max(5, Math.ceil(iterations[store] / 4)),
              block: 50,
              seed: 11 + index,
              measure: async (contestant, round) => {
                await sleep(1);
                return call(contestant, round);
              },
            }),
          );
          for (const [position, system] of systems.entries()) {
            backToBack.cells[position]!.upstreamRequests = await countUpstream(
              simulator,
              system,
              prompts,
            );
          }
          const requestBytes = Math.round(
            prompts.reduce((sum, prompt) => sum + JSON.stringify(prompt).length, 0) /
              prompts.length,
          );
          results.push({ requestBytes, ...backToBack, idle });
        } finally {
          await floor.close();
        }
      }
      const [first, ...larger] = results as [HitSizeResult, ...HitSizeResult[]];
      return { cells: first.cells, floor: first.floor, idle: first.idle, larger };
    });
    const note = store === 'disk' ? 'LangChain.js has no on-disk LLM cache.' : undefined;
    result.stores.push({ store, available: true, ...measured, ...(note && { note }) });
  }
  return result;
}
