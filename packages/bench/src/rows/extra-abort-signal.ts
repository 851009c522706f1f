import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, SystemName } from '../systems/bench-system.js';
import { createSignalSystems, type SignalSystem } from '../systems/extra-signal-systems.js';
import { pause } from './count-upstream.js';
import { createMemoryHitFloor } from './hit-floor.js';
import { withSystems } from './with-systems.js';

/** One system's memory hit with and without an abort signal. */
export interface AbortSignalCell {
  system: SystemName;
  /** A plain hit, in microseconds. */
  plainUs: Summary;
  /** A hit given a new `AbortController`'s signal, in microseconds. */
  signalUs: Summary;
  /** What the signal adds: `signalUs.p50 / plainUs.p50 - 1`. */
  addedShare: number;
  /**
   * Requests upstream while the warmed prompts were asked once more after the measurement, with
   * and without a signal: 0 when every one was a hit.
   */
  upstreamRequests: number;
  /**
   * Of the prompts warmed without a signal, how many missed when asked again with one (the
   * system keys its cache on the signal's presence).
   */
  signalMissesAfterPlain: number;
  /** Prompts warmed. */
  prompts: number;
  /** `plainUs.p50` over the row's floor p50. */
  floorRatioP50: number;
}

// A system, or the row's floor (which takes no signal).
interface SignalContestant {
  call(input: BenchPrompt, signal?: AbortSignal): Promise<unknown>;
}

/** The hit-with-an-abort-signal row. */
export interface ExtraAbortSignalResult {
  cells: AbortSignalCell[];
  /**
   * The memory floor of the same hits, in the same turns: a lean key + `Map.get` + `JSON.parse`
   * of the stored reply, in microseconds.
   */
  floorUs: Summary;
  /** Why the workflow variant is absent. */
  note: string;
}

/**
 * The abort-signal row: memory-store hits through each caching system with and without a signal
 * (a new `AbortController` per call, as a server makes one per request), the six variants
 * interleaved in turns, and the hits checked to have sent nothing upstream.
 */
export async function measureExtraAbortSignal(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraAbortSignalResult> {
  context.log('extra row: hit with an abort signal');
  const settings = quick
    ? { warmup: 5, iterations: 20, block: 10, prompts: 4 }
    : { warmup: 200, iterations: 3_000, block: 100, prompts: 32 };
  const prompts: BenchPrompt[] = Array.from({ length: settings.prompts }, (_, index) => ({
    system: 'You are a concise assistant.',
    prompt: `abort signal ${index}: summarise the release notes of version ${index}.`,
  }));
  const simulator = { latency: 'none' as const, recordRequests: true };
  const { cells, floorUs } = await withSystems(
    context,
    { simulator, systems: [], store: 'none' },
    async (_none, thread) => {
      const systems = createSignalSystems(thread.openaiBaseURL);
      try {
        const replies = new Map<BenchPrompt, string>();
        for (const system of systems) {
          for (const prompt of prompts) replies.set(prompt, await system.call(prompt));
        }
        const floor = createMemoryHitFloor(replies);
        await pause(100);
        // Asked again with a signal: a system that keys its cache on the call's options (the
        // signal among them) misses here, once per prompt; this also warms that variant.
        const keyedApart = new Map<SignalSystem, number>();
        for (const system of systems) {
          const before = await thread.requestCount();
          for (const prompt of prompts) await system.call(prompt, new AbortController().signal);
          keyedApart.set(system, (await thread.requestCount()) - before);
        }
        await pause(100);
        const contestants: { system: SignalContestant; signal: boolean }[] = [
          ...systems.flatMap((system) => [
            { system, signal: false },
            { system, signal: true },
          ]),
          { system: floor, signal: false },
        ];
        const samples = await runInterleaved({
          contestants,
          warmup: settings.warmup,
          warmupMs: quick ? 0 : context.config.warmupMs,
          iterations: settings.iterations,
          block: settings.block,
          discard: 5,
          measure: ({ system, signal }, call) =>
            timeUs(() =>
              system.call(
                prompts[call % prompts.length]!,
                signal ? new AbortController().signal : undefined,
              ),
            ),
        });
        const upstream = new Map<SignalSystem, number>();
        for (const system of systems) {
          const before = await thread.requestCount();
          for (const prompt of prompts) {
            await system.call(prompt);
            await system.call(prompt, new AbortController().signal);
          }
          upstream.set(system, (await thread.requestCount()) - before);
        }
        const of = (system: SignalContestant, signal: boolean) =>
          summarize(
            samples.get(
              contestants.find((entry) => entry.system === system && entry.signal === signal)!,
            ) ?? [],
          );
        const floorUs = of(floor, false);
        const cells = systems.map((system): AbortSignalCell => {
          const plainUs = of(system, false);
          const signalUs = of(system, true);
          return {
            system: system.name,
            plainUs,
            signalUs,
            addedShare: signalUs.p50 / plainUs.p50 - 1,
            upstreamRequests: upstream.get(system) ?? Number.NaN,
            signalMissesAfterPlain: keyedApart.get(system) ?? Number.NaN,
            prompts: prompts.length,
            floorRatioP50: plainUs.p50 / floorUs.p50,
          };
        });
        return { cells, floorUs };
      } finally {
        await Promise.all(systems.map((system) => system.close()));
      }
    },
  );
  return {
    cells,
    floorUs,
    note: 'A hit inside a workflow step is row 11.9.',
  };
}
