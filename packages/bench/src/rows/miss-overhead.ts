import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { describeLatency } from '../describe-latency.js';
import { runInterleaved } from '../interleave.js';
import type { Summary } from '../stats.js';
import { openAISystems } from '../systems/system-catalog.js';
import { type LatencyCell, toLatencyCells } from './latency-cell.js';
import { withSystems } from './with-systems.js';

/** One system's miss latency and its overhead over the raw SDK, in microseconds. */
export interface MissCell extends LatencyCell {
  /** p50 of this system minus p50 of the raw SDK. */
  overheadP50Us: number;
  /** p99 of this system minus p99 of the raw SDK. */
  overheadP99Us: number;
}

/** Row 2: what a cache miss costs on top of the raw `openai` SDK's call to the same server. */
export interface MissOverheadResult {
  /** The raw SDK's latency. */
  baseline: Summary;
  /** The caching systems (cache on, every call a new prompt). */
  cells: MissCell[];
  /** The simulator's latency profile. */
  latency: string;
}

/**
 * Row 2: every call is a new prompt (a miss for every cache), the simulator answers at once, so
 * what is left is each client's own work: building the request, the cache lookup and write,
 * HTTP, parsing. Alternating in turns with the raw SDK.
 */
export async function measureMissOverhead(context: BenchContext): Promise<MissOverheadResult> {
  const { warmup, iterations, latency } = context.config.missOverhead;
  context.log('row 2: miss overhead');
  const options = { simulator: { latency }, systems: openAISystems, store: 'memory' as const };
  const cells = await withSystems(context, options, async (systems) => {
    const samples = await runInterleaved({
      contestants: systems,
      warmup,
      warmupMs: context.config.warmupMs,
      iterations,
      block: 20,
      discard: 2,
      measure: (system, round) =>
        timeUs(() =>
          system.call({
            system: 'You are a concise assistant.',
            prompt: `miss ${round}: what changed in release ${round}?`,
          }),
        ),
    });
    return toLatencyCells(samples);
  });
  const baseline = cells.find((cell) => cell.system === 'raw-openai')!.summary;
  return {
    baseline,
    latency: describeLatency(latency),
    cells: cells
      .filter((cell) => cell.system !== 'raw-openai')
      .map((cell) => ({
        ...cell,
        overheadP50Us: cell.summary.p50 - baseline.p50,
        overheadP99Us: cell.summary.p99 - baseline.p99,
      })),
  };
}
