import type { BenchContext } from '../bench-context.js';
import { timeMs } from '../clock.js';
import { describeLatency } from '../describe-latency.js';
import { createMeteredFetch, type Meter } from '../metered-fetch.js';
import { median } from '../stats.js';
import type { SystemName } from '../systems/bench-system.js';
import { openAISystems } from '../systems/system-catalog.js';
import { withSystems } from './with-systems.js';

/** One system's result for identical concurrent calls. */
export interface CoalescingCell {
  system: SystemName;
  /** Requests that reached the server, median over the rounds. */
  upstreamRequests: number;
  /** Wall time of all the calls, median over the rounds, in milliseconds. */
  wallMs: number;
  /** Wall time of each round, in milliseconds. */
  roundsMs: number[];
  /** Calls that failed, over all rounds. */
  failures: number;
  /**
   * One call of a new prompt through the same system in the same round (one upstream request at
   * the same fixed latency), median over the rounds, in milliseconds; absent from older runs.
   */
  singleCallMs?: number;
  /** `wallMs / singleCallMs`: what answering all the calls costs over answering one. */
  wallOverSingle?: number;
}

/** Row 3: `calls` identical calls at once, from an empty cache. */
export interface CoalescingResult {
  calls: number;
  rounds: number;
  latency: string;
  cells: CoalescingCell[];
}

/**
 * Row 3: fires `calls` identical calls at once at each system (a new prompt each round, so the
 * cache starts empty) and counts the requests that reached the server with a metered `fetch`.
 * The simulator's latency should be fixed (no jitter): with jitter, a system sending every call
 * upstream waits for the slowest of `calls` random delays, one that coalesces for one of them,
 * and the wall times compare the draws, not the clients. Each round also times one call of a new
 * prompt through the same system, the wall of one upstream request.
 */
export async function measureCoalescing(context: BenchContext): Promise<CoalescingResult> {
  const { calls, rounds, latency } = context.config.coalescing;
  context.log(`row 3: ${calls} identical concurrent calls`);
  const meters = new Map<SystemName, Meter>();
  const fetchFor = (name: SystemName) => {
    const { fetch, meter } = createMeteredFetch();
    meters.set(name, meter);
    return fetch;
  };
  const options = {
    simulator: { latency },
    systems: openAISystems,
    store: 'memory' as const,
    fetchFor,
  };
  const cells = await withSystems(context, options, async (systems) => {
    const record = new Map(
      systems.map((system) => [
        system,
        { requests: [] as number[], wall: [] as number[], single: [] as number[], failures: 0 },
      ]),
    );
    // One call each first, not measured: connection pools and JIT, so that the first round's
    // single call is not a cold one.
    for (const system of systems) await system.call({ prompt: 'coalesce warm-up: any status?' });
    for (let round = 0; round < rounds; round += 1) {
      for (let offset = 0; offset < systems.length; offset += 1) {
        const system = systems[(round + offset) % systems.length]!;
        const meter = meters.get(system.name)!;
        const entry = record.get(system)!;
        entry.single.push(
          await timeMs(() =>
            system.call({ prompt: `single round ${round}: what is the status of the deploy?` }),
          ),
        );
        meter.reset();
        const prompt = { prompt: `coalesce round ${round}: what is the status of the deploy?` };
        let outcomes: PromiseSettledResult<unknown>[] = [];
        const wall = await timeMs(async () => {
          outcomes = await Promise.allSettled(
            Array.from({ length: calls }, () => system.call(prompt)),
          );
        });
        entry.requests.push(meter.requests);
        entry.wall.push(wall);
        entry.failures += outcomes.filter((outcome) => outcome.status === 'rejected').length;
      }
    }
    return systems.map((system) => {
      const entry = record.get(system)!;
      const wallMs = median(entry.wall);
      const singleCallMs = median(entry.single);
      return {
        system: system.name,
        upstreamRequests: median(entry.requests),
        wallMs,
        singleCallMs,
        wallOverSingle: wallMs / singleCallMs,
        roundsMs: entry.wall,
        failures: entry.failures,
      };
    });
  });
  return { calls, rounds, latency: describeLatency(latency), cells };
}
