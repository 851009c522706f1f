import type { LatencyOption } from '@kagura-ts/testing';
import type { BenchContext } from '../bench-context.js';
import { timeMs } from '../clock.js';
import { describeLatency } from '../describe-latency.js';
import { createMeteredFetch, type Meter } from '../metered-fetch.js';
import type { SimulatorThread } from '../simulator-thread.js';
import { median, medianInterval } from '../stats.js';
import type { BenchPrompt, BenchSystem, SystemName } from '../systems/bench-system.js';
import { openAISystems } from '../systems/system-catalog.js';
import { withSystems } from './with-systems.js';

/** One system's fan-out under a concurrency limit. */
export interface ParallelCell {
  system: SystemName;
  /** The calls one after another, in milliseconds. */
  serialMs: number;
  /** The calls through `callAll` with the limit, median over the rounds, in milliseconds. */
  parallelMs: number;
  /** The 95% interval of that median over the rounds (order statistics), absent from older runs. */
  parallelMsLow?: number;
  /** See {@link ParallelCell.parallelMsLow}. */
  parallelMsHigh?: number;
  /** `serialMs / parallelMs`. */
  speedup: number;
  /**
   * The ideal wall: `ceil(tasks / concurrency)` waves, each one call's latency at the simulator's
   * fixed latency, in milliseconds (`NaN` for a jittered profile; absent from older runs).
   */
  idealWallMs?: number;
  /** `parallelMs / idealWallMs`: 1 is a fan-out with no cost of its own. */
  wallOverIdeal?: number;
  /** `parallelMs - idealWallMs`, in milliseconds: the client's own time on the fan-out. */
  overIdealMs?: number;
  /** The most requests in flight at once. */
  maxInFlight: number;
}

/** One system under a storm of 429s with `retry-after-ms`. */
export interface StormCell {
  system: SystemName;
  /** Calls that failed (not retried, or out of retries). */
  lost: number;
  /** Requests sent, retries included. */
  requests: number;
  /** The most requests in flight at once. */
  maxInFlight: number;
  /** Whether `maxInFlight` stayed within the limit. */
  limitRespected: boolean;
  /** Wall time, in milliseconds. */
  wallMs: number;
  /** Calls completed per second. */
  throughput: number;
}

/** Row 4: parallel speedup, and throughput under a 429 storm. */
export interface ParallelResult {
  tasks: number;
  concurrency: number;
  latency: string;
  /** One call's latency at the simulator's fixed profile, in milliseconds (absent from older runs). */
  callLatencyMs?: number;
  cells: ParallelCell[];
  storm: { tasks: number; faults: number; retryAfterMs: number; cells: StormCell[] };
}

/**
 * One call's time at the server for a fixed profile: the time to the first token, the whole
 * reply at once (`tokensPerSecond: Infinity`) or none at all (`'none'`); `NaN` when the profile
 * is jittered or paces tokens (the reply length would matter).
 */
export function fixedCallLatencyMs(latency: LatencyOption): number {
  if (latency === 'none' || latency === false) return 0;
  const { timeToFirstTokenMs, tokensPerSecond } = latency;
  if (typeof timeToFirstTokenMs !== 'number') return Number.NaN;
  if (typeof tokensPerSecond !== 'number' || Number.isFinite(tokensPerSecond)) return Number.NaN;
  return timeToFirstTokenMs;
}

/** Independent prompts for one round. */
function taskPrompts(count: number, label: string): BenchPrompt[] {
  return Array.from({ length: count }, (_, index) => ({
    prompt: `${label} task ${index}: classify ticket ${index}.`,
  }));
}

/**
 * Row 4: `tasks` independent calls with at most `concurrency` in flight, through each system's
 * `callAll`, against the same calls one after another and against the ideal wall (waves of
 * `concurrency` calls, each wave one call's fixed latency at the server); then the same
 * fan-out while the server answers the first `faults` requests with 429 and `retry-after-ms`.
 */
export async function measureParallelSpeedup(context: BenchContext): Promise<ParallelResult> {
  const { tasks, concurrency, rounds, latency, storm } = context.config.parallel;
  context.log(`row 4: ${tasks} calls, concurrency ${concurrency}, and a 429 storm`);
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
  return withSystems(context, options, async (systems, simulator) => {
    const callLatencyMs = fixedCallLatencyMs(latency);
    const idealWallMs = Math.ceil(tasks / concurrency) * callLatencyMs;
    const cells: ParallelCell[] = [];
    const parallelRuns = new Map<BenchSystem, number[]>(systems.map((system) => [system, []]));
    const maxInFlight = new Map<BenchSystem, number>();
    // One round first, not measured: connection pools and JIT.
    for (const system of systems)
      await system.callAll(taskPrompts(tasks, 'parallel warm-up'), concurrency);
    for (let round = 0; round < rounds; round += 1) {
      for (let offset = 0; offset < systems.length; offset += 1) {
        const system = systems[(round + offset) % systems.length]!;
        const meter = meters.get(system.name)!;
        meter.reset();
        const prompts = taskPrompts(tasks, `parallel round ${round}`);
        parallelRuns.get(system)!.push(await timeMs(() => system.callAll(prompts, concurrency)));
        maxInFlight.set(system, Math.max(maxInFlight.get(system) ?? 0, meter.maxInFlight));
      }
    }
    for (const system of systems) {
      const prompts = taskPrompts(tasks, 'serial');
      const serialMs = await timeMs(async () => {
        for (const prompt of prompts) await system.call(prompt);
      });
      const parallelMs = median(parallelRuns.get(system)!);
      const interval = medianInterval([...parallelRuns.get(system)!].sort((a, b) => a - b));
      const speedup = serialMs / parallelMs;
      cells.push({
        system: system.name,
        serialMs,
        parallelMs,
        parallelMsLow: interval.p50Low,
        parallelMsHigh: interval.p50High,
        speedup,
        idealWallMs,
        wallOverIdeal: parallelMs / idealWallMs,
        overIdealMs: parallelMs - idealWallMs,
        maxInFlight: maxInFlight.get(system)!,
      });
    }
    const stormCells: StormCell[] = [];
    for (const system of systems) {
      stormCells.push(await runStorm(simulator, system, meters.get(system.name)!, context));
    }
    return {
      tasks,
      concurrency,
      latency: describeLatency(latency),
      callLatencyMs,
      cells,
      storm: { ...storm, cells: stormCells },
    };
  });
}

async function runStorm(
  simulator: SimulatorThread,
  system: BenchSystem,
  meter: Meter,
  context: BenchContext,
): Promise<StormCell> {
  const { concurrency } = context.config.parallel;
  const { tasks, faults, retryAfterMs } = context.config.parallel.storm;
  // Both headers, as a real front end sends them: whole seconds (rounded up) and milliseconds.
  const retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
  await simulator.injectFault({
    type: 'status',
    status: 429,
    retryAfterMs,
    retryAfterSeconds,
    times: faults,
  });
  meter.reset();
  let outcomes: PromiseSettledResult<unknown>[] = [];
  const wallMs = await timeMs(async () => {
    outcomes = await system.callAll(taskPrompts(tasks, `storm ${system.name}`), concurrency);
  });
  // Faults a system did not use up (it sent fewer requests) must not fall on the next one.
  await simulator.reset();
  const lost = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  return {
    system: system.name,
    lost,
    requests: meter.requests,
    maxInFlight: meter.maxInFlight,
    limitRespected: meter.maxInFlight <= concurrency,
    wallMs,
    throughput: ((tasks - lost) * 1000) / wallMs,
  };
}
