import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, SystemName } from '../systems/bench-system.js';
import {
  type AnthropicSystem,
  createAnthropicSystems,
} from '../systems/extra-anthropic-systems.js';
import { pause } from './count-upstream.js';
import { createMemoryHitFloor } from './hit-floor.js';
import { createHttpFloor } from './http-floor.js';
import { withSystems } from './with-systems.js';

/** One caching system's hit and miss over the Anthropic wire format. */
export interface AnthropicCell {
  system: SystemName;
  /** Its name in the table. */
  label: string;
  /** A memory-store hit, in microseconds. */
  hitUs: Summary;
  /** A miss through the memory cache (every call a new prompt), in microseconds. */
  missUs: Summary;
  /** The same system with no cache, every call a new prompt, in microseconds. */
  noCacheUs: Summary;
  /** The miss over the raw `@anthropic-ai/sdk`: the two medians' difference, in microseconds. */
  missOverheadUs: number;
  /** Requests upstream while the warmed prompts were asked once more: 0 when all were hits. */
  upstreamRequests: number;
  /** `hitUs.p50` over the hit floor's p50. */
  hitFloorRatioP50: number;
  /** `missUs.p50` over the miss floor's p50. */
  missFloorRatioP50: number;
}

/** The Anthropic row. */
export interface ExtraAnthropicResult {
  /** The raw `@anthropic-ai/sdk`'s call (no cache), every call a new prompt, in microseconds. */
  baselineUs: Summary;
  /** Its label. */
  baselineLabel: string;
  cells: AnthropicCell[];
  /**
   * The floors, measured in the same turns: a hit's (row 1's memory floor: a lean key + `Map.get`
   * + `JSON.parse` of the stored reply) and a miss's (a keep-alive `node:http` POST of the same
   * Messages request + `JSON.parse` of the reply), in microseconds.
   */
  floor: { hitUs: Summary; missUs: Summary };
}

const systemPrompt = 'You are a concise assistant.';

// A system, or one of the row's floors.
type Contestant =
  | Pick<AnthropicSystem, 'name' | 'call'>
  | { name: 'floor'; call(input: BenchPrompt): Promise<unknown> };

/**
 * The Anthropic row: memory-cache hits and misses through Kagura over `@kagura-ts/anthropic`,
 * the AI SDK with `@ai-sdk/anthropic` and the cache middleware recipe, and LangChain.js with
 * `@langchain/anthropic` and `InMemoryCache`, against one simulator replying at once on the
 * Anthropic Messages format. Hits are interleaved in turns and checked to send nothing upstream;
 * misses (a new prompt per call) are interleaved with each system without its cache and the raw
 * `@anthropic-ai/sdk`, the miss baseline.
 */
export async function measureExtraAnthropic(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraAnthropicResult> {
  context.log('extra row: Anthropic wire format');
  const settings = quick
    ? {
        hit: { warmup: 5, iterations: 20, block: 10 },
        miss: { warmup: 3, iterations: 10, block: 5 },
      }
    : {
        hit: { warmup: 200, iterations: 3_000, block: 100 },
        miss: { warmup: 100, iterations: 1_000, block: 25 },
      };
  const prompts: BenchPrompt[] = Array.from({ length: quick ? 4 : 32 }, (_, index) => ({
    system: systemPrompt,
    prompt: `anthropic hit ${index}: summarise the release notes of version ${index}.`,
  }));
  const simulator = { latency: 'none' as const, recordRequests: true };
  return withSystems(context, { simulator, systems: [], store: 'none' }, async (_none, thread) => {
    const systems = createAnthropicSystems(thread.anthropicBaseURL);
    const missFloor = createHttpFloor(thread.anthropicBaseURL, 'anthropic');
    try {
      const caching = systems.filter((system) => system.cached);
      const replies = new Map<BenchPrompt, string>();
      for (const system of caching) {
        for (const prompt of prompts) replies.set(prompt, await system.call(prompt));
      }
      const hitFloor = createMemoryHitFloor(replies);
      await pause(100);
      const hits = await runInterleaved<Contestant>({
        contestants: [...caching, hitFloor],
        ...settings.hit,
        warmupMs: quick ? 0 : context.config.warmupMs,
        discard: 5,
        measure: (system, call) => timeUs(() => system.call(prompts[call % prompts.length]!)),
      });
      const upstream = new Map<AnthropicSystem, number>();
      for (const system of caching) {
        const before = await thread.requestCount();
        for (const prompt of prompts) await system.call(prompt);
        upstream.set(system, (await thread.requestCount()) - before);
      }
      await thread.reset();
      const misses = await runInterleaved<Contestant>({
        contestants: [...systems, missFloor],
        ...settings.miss,
        warmupMs: quick ? 0 : context.config.warmupMs,
        discard: 2,
        measure: (system, call) =>
          timeUs(() =>
            system.call({
              system: systemPrompt,
              prompt: `anthropic miss ${system.name} ${'cached' in system && system.cached} ${call}: name one prime.`,
            }),
          ),
      });
      const raw = systems.find((system) => system.name === 'raw-anthropic')!;
      const baselineUs = summarize(misses.get(raw) ?? []);
      const floor = {
        hitUs: summarize(hits.get(hitFloor) ?? []),
        missUs: summarize(misses.get(missFloor) ?? []),
      };
      const cells = caching.map((system): AnthropicCell => {
        const bare = systems.find((each) => each.name === system.name && !each.cached);
        const missUs = summarize(misses.get(system) ?? []);
        const hitUs = summarize(hits.get(system) ?? []);
        return {
          system: system.name,
          label: system.label,
          hitUs,
          hitFloorRatioP50: hitUs.p50 / floor.hitUs.p50,
          missFloorRatioP50: missUs.p50 / floor.missUs.p50,
          missUs,
          noCacheUs: summarize(bare === undefined ? [] : (misses.get(bare) ?? [])),
          missOverheadUs: missUs.p50 - baselineUs.p50,
          upstreamRequests: upstream.get(system) ?? Number.NaN,
        };
      });
      return { baselineUs, baselineLabel: raw.label, cells, floor };
    } finally {
      await missFloor.close();
      await Promise.all(systems.map((system) => system.close()));
    }
  });
}
