import { costOf, defaultModelPrices } from '@kagura-ts/core';
import type { BenchContext } from '../bench-context.js';
import { nowMs } from '../clock.js';
import { describeLatency } from '../describe-latency.js';
import { createMeteredFetch, type Meter } from '../metered-fetch.js';
import { median, type Summary, summarize } from '../stats.js';
import { type BenchSystem, benchModel, type SystemName } from '../systems/bench-system.js';
import { openAISystems } from '../systems/system-catalog.js';
import { commonPrompts, createTrace, type Trace, type TraceTask } from '../workload-trace.js';
import { withSystems } from './with-systems.js';

/** One system's run of the trace (medians over the repetitions). */
export interface WorkloadCell {
  system: SystemName;
  /** Wall time of the whole trace, in milliseconds. */
  wallMs: number;
  /** Each call's latency, in milliseconds (from the median repetition). */
  callLatencyMs: Summary;
  /** Requests that reached the server. */
  upstreamCalls: number;
  /** Prompt plus completion tokens billed upstream. */
  tokens: number;
  /** Those tokens at `gpt-4o-mini` list prices (Kagura's `defaultModelPrices`), in US dollars. */
  costUsd: number;
  /** Calls answered without a request: `1 - upstreamCalls / calls`. */
  hitRate: number;
  /** The same, over the calls of the common queries only. */
  commonHitRate: number;
  /** Calls that failed. */
  failures: number;
}

/** Row 6: the RFC workload. */
export interface WorkloadResult {
  trace: {
    calls: number;
    distinct: number;
    workflows: number;
    idealHitRate: number;
    commonPrompts: number;
    commonCalls: number;
    idealCommonHitRate: number;
    exponent: number;
    distinctQueries: number;
  };
  concurrency: number;
  repetitions: number;
  latency: string;
  cells: WorkloadCell[];
}

interface Run {
  wallMs: number;
  latencies: number[];
  failures: number;
  requests: number;
  tokens: number;
  costUsd: number;
  common: number;
}

async function runTask(system: BenchSystem, task: TraceTask, latencies: number[]): Promise<void> {
  const timed = async (call: () => Promise<unknown>) => {
    const started = nowMs();
    await call();
    latencies.push(nowMs() - started);
  };
  if (task.kind === 'call') {
    await timed(() => system.call(task.call));
    return;
  }
  await timed(() => system.call(task.router));
  await Promise.all(task.specialists.map((call) => timed(() => system.call(call))));
  await timed(() => system.call(task.synthesis));
}

async function runTrace(
  system: BenchSystem,
  meter: Meter,
  trace: Trace,
  common: Set<string>,
  concurrency: number,
): Promise<Run> {
  meter.reset();
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = nowMs();
  const worker = async () => {
    while (next < trace.tasks.length) {
      const task = trace.tasks[next++]!;
      await runTask(system, task, latencies).catch(() => {
        failures += 1;
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = nowMs() - started;
  const price = defaultModelPrices[benchModel];
  const usage = {
    inputTokens: meter.inputTokens,
    outputTokens: meter.outputTokens,
    cachedInputTokens: 0,
  };
  let commonRequests = 0;
  for (const [prompt, count] of meter.promptCounts) if (common.has(prompt)) commonRequests += count;
  return {
    wallMs,
    latencies,
    failures,
    requests: meter.requests,
    tokens: meter.inputTokens + meter.outputTokens,
    costUsd: costOf(usage, price),
    common: commonRequests,
  };
}

/**
 * Row 6: replays a seeded Zipf trace of agent calls (with multi-agent workflows in it) through
 * each system with `concurrency` callers, from an empty cache each time, on a time-compressed
 * realistic latency profile; counts upstream calls, tokens and dollars with a metered `fetch`.
 * The raw SDK is the "no cache" system. Repetitions alternate the systems' order.
 */
export async function measureWorkload(context: BenchContext): Promise<WorkloadResult> {
  const options = context.config.workload;
  const trace = createTrace(options);
  const common = commonPrompts(trace);
  let commonCalls = 0;
  for (const key of common) commonCalls += trace.frequencies.get(key) ?? 0;
  context.log(`row 6: workload, ${trace.calls} calls over ${trace.distinct} distinct prompts`);
  const runs = new Map<SystemName, Run[]>();
  for (let repetition = 0; repetition < options.repetitions; repetition += 1) {
    const order = repetition % 2 === 0 ? openAISystems : [...openAISystems].reverse();
    for (const name of order) {
      // A new client (and an empty cache) per run.
      const metered = createMeteredFetch({ recordPrompts: true });
      const setup = {
        simulator: { latency: options.latency, seed: options.seed },
        systems: [name],
        store: 'memory' as const,
        fetchFor: () => metered.fetch,
      };
      const run = await withSystems(context, setup, ([system]) =>
        runTrace(system!, metered.meter, trace, common, options.concurrency),
      );
      runs.set(name, [...(runs.get(name) ?? []), run]);
    }
  }
  const cells = openAISystems.map((name): WorkloadCell => {
    const all = runs.get(name)!;
    const middle = [...all].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((all.length - 1) / 2)]!;
    return {
      system: name,
      wallMs: median(all.map((run) => run.wallMs)),
      callLatencyMs: summarize(middle.latencies),
      upstreamCalls: median(all.map((run) => run.requests)),
      tokens: median(all.map((run) => run.tokens)),
      costUsd: median(all.map((run) => run.costUsd)),
      hitRate: 1 - median(all.map((run) => run.requests)) / trace.calls,
      commonHitRate: 1 - median(all.map((run) => run.common)) / commonCalls,
      failures: all.reduce((total, run) => total + run.failures, 0),
    };
  });
  return {
    trace: {
      calls: trace.calls,
      distinct: trace.distinct,
      workflows: trace.workflows,
      idealHitRate: trace.idealHitRate,
      commonPrompts: common.size,
      commonCalls,
      idealCommonHitRate: 1 - common.size / commonCalls,
      exponent: options.exponent,
      distinctQueries: options.distinctQueries,
    },
    concurrency: options.concurrency,
    repetitions: options.repetitions,
    latency: describeLatency(options.latency),
    cells,
  };
}
