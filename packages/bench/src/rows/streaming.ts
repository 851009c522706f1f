import type { BenchContext } from '../bench-context.js';
import { describeLatency } from '../describe-latency.js';
import { runInterleaved } from '../interleave.js';
import type { Summary } from '../stats.js';
import type { BenchPrompt, SystemName } from '../systems/bench-system.js';
import { cachingSystems, openAISystems } from '../systems/system-catalog.js';
import { hitPrompts } from './cache-hit-latency.js';
import { countUpstream, pause } from './count-upstream.js';
import { type LatencyCell, toLatencyCells } from './latency-cell.js';
import { timeToFirstChunkUs } from './time-to-first-chunk.js';
import { withSystems } from './with-systems.js';

/** Time to first token of each system against a raw SDK on one wire format. */
export interface TimeToFirstTokenTable {
  /** The raw SDK measured against. */
  baseline: SystemName;
  baselineSummary: Summary;
  /** Every system, with its overhead over the baseline (p50 and p99, microseconds). */
  cells: (LatencyCell & { overheadP50Us: number; overheadP99Us: number })[];
}

/** Row 5: streaming. */
export interface StreamingResult {
  latency: string;
  /** Time to first token on the OpenAI format (cache on, every call a miss). */
  openai: TimeToFirstTokenTable;
  /** Time to first token on the Anthropic format. */
  anthropic: TimeToFirstTokenTable;
  /** First chunk of a stream replayed from the memory cache. */
  cached: LatencyCell[];
}

function missPrompt(round: number): BenchPrompt {
  return { prompt: `stream ${round}: write a short status update for service ${round}.` };
}

async function measureTimeToFirstToken(
  context: BenchContext,
  systems: readonly SystemName[],
  baseline: SystemName,
): Promise<TimeToFirstTokenTable> {
  const { warmup, iterations, latency } = context.config.streaming;
  const options = { simulator: { latency }, systems, store: 'memory' as const };
  const cells = await withSystems(context, options, async (running) => {
    const samples = await runInterleaved({
      contestants: running,
      warmup,
      warmupMs: context.config.warmupMs,
      iterations,
      block: 20,
      discard: 2,
      measure: (system, round) => timeToFirstChunkUs(system, missPrompt(round), true),
    });
    return toLatencyCells(samples);
  });
  const baselineSummary = cells.find((cell) => cell.system === baseline)!.summary;
  return {
    baseline,
    baselineSummary,
    cells: cells.map((cell) => ({
      ...cell,
      overheadP50Us: cell.summary.p50 - baselineSummary.p50,
      overheadP99Us: cell.summary.p99 - baselineSummary.p99,
    })),
  };
}

/**
 * Row 5: time to first token over each raw SDK (every call a new prompt, cache on), and the
 * first chunk of a stream replayed from the memory cache after warming it with streamed calls.
 */
export async function measureStreaming(context: BenchContext): Promise<StreamingResult> {
  const { warmup, cachedIterations, latency } = context.config.streaming;
  context.log('row 5: streaming, time to first token');
  const openai = await measureTimeToFirstToken(context, openAISystems, 'raw-openai');
  const anthropic = await measureTimeToFirstToken(
    context,
    ['kagura-anthropic', 'raw-anthropic'],
    'raw-anthropic',
  );
  context.log('row 5: streaming, cached replay');
  const prompts = hitPrompts(Math.max(2, context.config.cacheHit.prompts), 'replay');
  const options = {
    simulator: { latency, recordRequests: true },
    systems: cachingSystems,
    store: 'memory' as const,
  };
  const cached = await withSystems(context, options, async (systems, simulator) => {
    for (const system of systems) await countUpstream(simulator, system, prompts, 'stream');
    await pause(100);
    const samples = await runInterleaved({
      contestants: systems,
      warmup,
      warmupMs: context.config.warmupMs,
      iterations: cachedIterations,
      block: 50,
      discard: 10,
      settleMs: 300,
      measure: (system, round) =>
        timeToFirstChunkUs(system, prompts[round % prompts.length]!, false),
    });
    const cells = toLatencyCells(samples);
    for (const [index, system] of systems.entries()) {
      const cell = cells[index]!;
      cell.upstreamRequests = await countUpstream(simulator, system, prompts, 'stream');
      if (system.name === 'langchain') {
        cell.note = 'stream() does not read the cache: every stream goes to the server.';
      }
      if (system.name === 'vercel-ai') {
        cell.note =
          'The recipe replays with chunkDelayInMs: 10, and the first text part is the 4th part.';
      }
    }
    return cells;
  });
  return { latency: describeLatency(latency), openai, anthropic, cached };
}
