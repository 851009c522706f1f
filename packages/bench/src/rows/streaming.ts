import type { BenchContext } from '../bench-context.js';
import { describeLatency } from '../describe-latency.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, BenchSystem, SystemName } from '../systems/bench-system.js';
import { createNoCacheBaselines } from '../systems/no-cache-baselines.js';
import { cachedStreamSystems, closeSystems, openAISystems } from '../systems/system-catalog.js';
import { hitPrompts } from './cache-hit-latency.js';
import { countUpstream, pause } from './count-upstream.js';
import { collectDeltas, createStreamHitFloor } from './hit-floor.js';
import type { FloorFormat } from './http-floor.js';
import { createHttpStreamFloor, type HttpStreamFloor } from './http-floor-stream.js';
import { type LatencyCell, toLatencyCellsWithFloor } from './latency-cell.js';
import {
  keptTotals,
  type StreamTiming,
  timeStreamUs,
  timeToFirstChunkUs,
} from './time-to-first-chunk.js';
import { withSystems } from './with-systems.js';

/** One system's time to first token, against the raw SDK and its own no-cache baseline. */
export interface TimeToFirstTokenCell extends LatencyCell {
  /** p50 minus the raw SDK's p50, in microseconds. */
  overheadP50Us: number;
  /** p99 minus the raw SDK's p99, in microseconds. */
  overheadP99Us: number;
  /**
   * The same library with no cache, measured in the same turns (caching systems only; absent
   * from runs made before per-system baselines).
   */
  noCache?: Summary;
  /** p50 minus its own no-cache baseline's p50: what its cache adds to the first token. */
  ownOverheadP50Us?: number;
  /** p99 minus its own no-cache baseline's p99. */
  ownOverheadP99Us?: number;
  /** The whole stream, start to end, of the same calls, in microseconds. */
  wholeStream?: Summary;
}

/** Time to first token of each system against a raw SDK on one wire format. */
export interface TimeToFirstTokenTable {
  /** The raw SDK measured against. */
  baseline: SystemName;
  baselineSummary: Summary;
  /** Every system, with its overheads (p50 and p99, microseconds). */
  cells: TimeToFirstTokenCell[];
  /**
   * The floor (keep-alive `node:http` + a bare SSE parser) measured in the same turns: its first
   * content delta and its whole stream. OpenAI format only; absent from older runs.
   */
  floor?: { firstChunk: Summary; wholeStream: Summary };
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
  /**
   * The floor of that first chunk, in the same turns: a lean key + `Map.get` + `JSON.parse` of the
   * stored deltas and an async generator's first one (absent from runs before it was measured).
   */
  cachedFloor?: Summary;
}

function missPrompt(round: number): BenchPrompt {
  return { prompt: `stream ${round}: write a short status update for service ${round}.` };
}

type Contestant = BenchSystem | HttpStreamFloor;

async function measureTimeToFirstToken(
  context: BenchContext,
  names: readonly SystemName[],
  baseline: SystemName,
  format: FloorFormat,
): Promise<TimeToFirstTokenTable> {
  const { warmup, iterations, latency } = context.config.streaming;
  const options = { simulator: { latency }, systems: names, store: 'memory' as const };
  return withSystems(context, options, async (systems, simulator) => {
    const baselines = await createNoCacheBaselines(systems, {
      openaiBaseURL: simulator.openaiBaseURL,
      anthropicBaseURL: simulator.anthropicBaseURL,
      redisUrl: context.redisUrl,
      directory: context.directory,
    });
    const floor = createHttpStreamFloor(
      format === 'openai' ? simulator.openaiBaseURL : simulator.anthropicBaseURL,
      format,
    );
    try {
      const contestants: Contestant[] = [...systems, ...baselines.values(), floor];
      const timings = new Map<Contestant, StreamTiming[]>(contestants.map((entry) => [entry, []]));
      const samples = await runInterleaved({
        contestants,
        warmup,
        warmupMs: context.config.warmupMs,
        iterations,
        block: 20,
        discard: 2,
        measure: async (contestant, round) => {
          const prompt = missPrompt(round);
          const timing =
            contestant.name === 'floor'
              ? await contestant.stream(prompt)
              : await timeStreamUs(contestant as BenchSystem, prompt);
          timings.get(contestant)!.push(timing);
          return timing.firstUs;
        },
      });
      const totals = keptTotals(samples, timings);
      const summaryOf = (contestant: Contestant) => summarize(samples.get(contestant) ?? []);
      const baselineSystem = systems.find((system) => system.name === baseline)!;
      const baselineSummary = summaryOf(baselineSystem);
      const floorSummary = {
        firstChunk: summaryOf(floor),
        wholeStream: summarize(totals.get(floor) ?? []),
      };
      const cells = systems.map((system): TimeToFirstTokenCell => {
        const summary = summaryOf(system);
        const twin = baselines.get(system);
        const noCache = twin === undefined ? undefined : summaryOf(twin);
        return {
          system: system.name,
          summary,
          wholeStream: summarize(totals.get(system) ?? []),
          overheadP50Us: summary.p50 - baselineSummary.p50,
          overheadP99Us: summary.p99 - baselineSummary.p99,
          floorRatioP50: summary.p50 / floorSummary.firstChunk.p50,
          ...(noCache && {
            noCache,
            ownOverheadP50Us: summary.p50 - noCache.p50,
            ownOverheadP99Us: summary.p99 - noCache.p99,
          }),
        };
      });
      return { baseline, baselineSummary, cells, floor: floorSummary };
    } finally {
      await closeSystems([...baselines.values()]);
      await floor.close();
    }
  });
}

/**
 * Row 5: time to first token over each raw SDK and over each library's own no-cache call
 * (every call a new prompt, cache on), with the HTTP + SSE floor of each wire format; then the
 * first chunk of a stream replayed from the memory cache after warming it with streamed calls.
 */
export async function measureStreaming(context: BenchContext): Promise<StreamingResult> {
  const { warmup, cachedIterations, latency } = context.config.streaming;
  context.log('row 5: streaming, time to first token');
  const openai = await measureTimeToFirstToken(context, openAISystems, 'raw-openai', 'openai');
  const anthropic = await measureTimeToFirstToken(
    context,
    ['kagura-anthropic', 'raw-anthropic'],
    'raw-anthropic',
    'anthropic',
  );
  context.log('row 5: streaming, cached replay');
  const prompts = hitPrompts(Math.max(2, context.config.cacheHit.prompts), 'replay');
  const options = {
    simulator: { latency, recordRequests: true },
    systems: cachedStreamSystems,
    store: 'memory' as const,
  };
  let cachedFloor: Summary | undefined;
  const cached = await withSystems(context, options, async (systems, simulator) => {
    for (const system of systems) await countUpstream(simulator, system, prompts, 'stream');
    const kagura = systems.find((system) => system.name === 'kagura') ?? systems[0]!;
    const deltas = new Map<BenchPrompt, string[]>();
    for (const prompt of prompts) deltas.set(prompt, await collectDeltas(kagura.stream(prompt)));
    const floor = createStreamHitFloor(deltas);
    await pause(100);
    const samples = await runInterleaved<BenchSystem | typeof floor>({
      contestants: [...systems, floor],
      warmup,
      warmupMs: context.config.warmupMs,
      iterations: cachedIterations,
      block: 50,
      discard: 10,
      settleMs: 300,
      measure: (system, round) =>
        timeToFirstChunkUs(system, prompts[round % prompts.length]!, false),
    });
    const { cells, floor: floorSummary } = toLatencyCellsWithFloor(samples);
    cachedFloor = floorSummary;
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
      if (system.name === 'vercel-ai-unpaced') {
        cell.note =
          'The recipe with chunkDelayInMs: 0, still a setTimeout(0) before each part (null would skip it); the first text part is the 4th part.';
      }
    }
    return cells;
  });
  return { latency: describeLatency(latency), openai, anthropic, cached, cachedFloor };
}
