import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { describeLatency } from '../describe-latency.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, BenchSystem } from '../systems/bench-system.js';
import { createNoCacheBaselines } from '../systems/no-cache-baselines.js';
import { closeSystems, openAISystems } from '../systems/system-catalog.js';
import { createHttpFloor, type HttpFloor } from './http-floor.js';
import type { LatencyCell } from './latency-cell.js';
import { withSystems } from './with-systems.js';

/** One caching system's miss latency, against its own no-cache baseline and the raw SDK. */
export interface MissCell extends LatencyCell {
  /** p50 of this system minus p50 of the raw `openai` SDK (Kagura's transport). */
  overheadP50Us: number;
  /** p99 of this system minus p99 of the raw `openai` SDK. */
  overheadP99Us: number;
  /**
   * The same library with no cache, measured in the same turns (absent from runs made before
   * per-system baselines).
   */
  noCache?: Summary;
  /** p50 of this system minus p50 of its own no-cache baseline: what its cache adds. */
  ownOverheadP50Us?: number;
  /** p99 of this system minus p99 of its own no-cache baseline. */
  ownOverheadP99Us?: number;
}

/** Row 2: what a cache miss costs on top of each library's own call to the same server. */
export interface MissOverheadResult {
  /** The raw `openai` SDK's latency. */
  baseline: Summary;
  /** The caching systems (cache on, every call a new prompt). */
  cells: MissCell[];
  /**
   * The floor (see {@link HttpFloor}: keep-alive `node:http` POST + `JSON.parse`), measured in the
   * same turns; absent from older runs.
   */
  floor?: Summary;
  /** The raw SDK's p50 divided by the floor's. */
  baselineFloorRatioP50?: number;
  /** The simulator's latency profile. */
  latency: string;
}

function missPrompt(round: number): BenchPrompt {
  return {
    system: 'You are a concise assistant.',
    prompt: `miss ${round}: what changed in release ${round}?`,
  };
}

/**
 * Row 2: every call is a new prompt (a miss for every cache), the simulator answers at once, so
 * what is left is each client's own work: building the request, the cache lookup and write,
 * HTTP, parsing. The caching systems, each one's no-cache twin, the raw SDK and the HTTP floor
 * take turns in the same run against the same server.
 */
export async function measureMissOverhead(context: BenchContext): Promise<MissOverheadResult> {
  const { warmup, iterations, latency } = context.config.missOverhead;
  context.log('row 2: miss overhead');
  const options = { simulator: { latency }, systems: openAISystems, store: 'memory' as const };
  return withSystems(context, options, async (systems, simulator) => {
    const baselines = await createNoCacheBaselines(systems, {
      openaiBaseURL: simulator.openaiBaseURL,
      anthropicBaseURL: simulator.anthropicBaseURL,
      redisUrl: context.redisUrl,
      directory: context.directory,
    });
    const floor = createHttpFloor(simulator.openaiBaseURL);
    try {
      const contestants: (BenchSystem | HttpFloor)[] = [...systems, ...baselines.values(), floor];
      const samples = await runInterleaved({
        contestants,
        warmup,
        warmupMs: context.config.warmupMs,
        iterations,
        block: 20,
        discard: 2,
        measure: (contestant, round) => timeUs(() => contestant.call(missPrompt(round))),
      });
      const summaryOf = (contestant: BenchSystem | HttpFloor) =>
        summarize(samples.get(contestant) ?? []);
      const floorSummary = summaryOf(floor);
      const raw = systems.find((system) => system.name === 'raw-openai')!;
      const baseline = summaryOf(raw);
      const cells = systems
        .filter((system) => system !== raw)
        .map((system): MissCell => {
          const summary = summaryOf(system);
          const twin = baselines.get(system);
          const noCache = twin === undefined ? undefined : summaryOf(twin);
          return {
            system: system.name,
            summary,
            floorRatioP50: summary.p50 / floorSummary.p50,
            overheadP50Us: summary.p50 - baseline.p50,
            overheadP99Us: summary.p99 - baseline.p99,
            ...(noCache && {
              noCache,
              ownOverheadP50Us: summary.p50 - noCache.p50,
              ownOverheadP99Us: summary.p99 - noCache.p99,
            }),
          };
        });
      return {
        baseline,
        cells,
        floor: floorSummary,
        baselineFloorRatioP50: baseline.p50 / floorSummary.p50,
        latency: describeLatency(latency),
      };
    } finally {
      await closeSystems([...baselines.values()]);
      await floor.close();
    }
  });
}
