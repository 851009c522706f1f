import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, SystemName } from '../systems/bench-system.js';
import { createStructuredSystems } from '../systems/extra-structured-systems.js';
import { pause } from './count-upstream.js';
import { createMemoryHitFloor, type HitContestant } from './hit-floor.js';
import { withSystems } from './with-systems.js';

/** One system's structured-output memory hit. */
export interface StructuredOutputCell {
  system: SystemName;
  /** A hit that returns the validated object, in microseconds. */
  hitUs: Summary;
  /** Requests upstream while the warmed prompts were asked once more afterwards (0: all hits). */
  upstreamRequests: number;
  /** Whether every measured hit returned an object of the schema's shape. */
  valid: boolean;
  /** `hitUs.p50` over the row's floor p50. */
  floorRatioP50: number;
}

/** The structured-output row. */
export interface ExtraStructuredOutputResult {
  cells: StructuredOutputCell[];
  /**
   * The memory floor of the same hits, in the same turns: a lean key + `Map.get` + `JSON.parse`
   * of the stored object (no validation), in microseconds.
   */
  floorUs: Summary;
}

/**
 * The structured-output row: one JSON Schema (`{ title, score }`) asked of each caching system
 * its documented way, prompts warmed into a memory store, then hits measured in interleaved
 * turns, each hit's object checked, and the prompts asked again to confirm nothing went upstream.
 */
export async function measureExtraStructuredOutput(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraStructuredOutputResult> {
  context.log('extra row: structured-output hits');
  const settings = quick
    ? { warmup: 5, iterations: 20, block: 10, prompts: 4 }
    : { warmup: 200, iterations: 3_000, block: 100, prompts: 32 };
  const prompts: BenchPrompt[] = Array.from({ length: settings.prompts }, (_, index) => ({
    system: 'You extract release facts as JSON.',
    prompt: `structured ${index}: the title and score of release ${index}.`,
  }));
  const simulator = { latency: 'none' as const, recordRequests: true };
  return withSystems(context, { simulator, systems: [], store: 'none' }, async (_none, thread) => {
    const systems = createStructuredSystems(thread.openaiBaseURL);
    try {
      const objects = new Map<BenchPrompt, unknown>();
      for (const system of systems) {
        for (const prompt of prompts) objects.set(prompt, await system.call(prompt));
      }
      const floor = createMemoryHitFloor(objects);
      await pause(100);
      const invalid = new Set<HitContestant>();
      const samples = await runInterleaved<HitContestant>({
        contestants: [...systems, floor],
        warmup: settings.warmup,
        warmupMs: quick ? 0 : context.config.warmupMs,
        iterations: settings.iterations,
        block: settings.block,
        discard: 5,
        measure: async (system, call) => {
          let object: unknown;
          const us = await timeUs(async () => {
            object = await system.call(prompts[call % prompts.length]!);
          });
          const record = object as { title?: unknown; score?: unknown } | undefined;
          if (typeof record?.title !== 'string' || typeof record.score !== 'number') {
            invalid.add(system);
          }
          return us;
        },
      });
      const floorUs = summarize(samples.get(floor) ?? []);
      const cells: StructuredOutputCell[] = [];
      for (const system of systems) {
        const before = await thread.requestCount();
        for (const prompt of prompts) await system.call(prompt);
        const hitUs = summarize(samples.get(system) ?? []);
        cells.push({
          system: system.name,
          hitUs,
          upstreamRequests: (await thread.requestCount()) - before,
          valid: !invalid.has(system),
          floorRatioP50: hitUs.p50 / floorUs.p50,
        });
      }
      return { cells, floorUs };
    } finally {
      await Promise.all(systems.map((system) => system.close()));
    }
  });
}
