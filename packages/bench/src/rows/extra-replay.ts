import type { BenchContext } from '../bench-context.js';
import { nowUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, BenchSystem, SystemName } from '../systems/bench-system.js';
import { createExtraKaguraClient } from '../systems/extra-kagura-client.js';
import { pause } from './count-upstream.js';
import { collectDeltas, createStreamHitFloor } from './hit-floor.js';
import { withSystems } from './with-systems.js';

/** One system's cached-stream replay at one answer length. */
export interface ReplayCell {
  system: SystemName;
  /** Whether the system's stream call read its cache (no request upstream on a repeat). */
  cached: boolean;
  /** Non-empty text deltas one replay yielded. */
  deltas: number;
  /** From the stream call to its last delta read, in microseconds. */
  totalUs: Summary;
  /** `totalUs` over `deltas`, per replay, in microseconds. */
  perDeltaUs: Summary;
  /** Requests upstream while the measured replays ran: 0 when every one was a hit. */
  upstreamRequests: number;
  /** What a reader must know (a paced replay, a stream that does not read the cache). */
  note?: string;
}

/** The replay row at one answer length. */
export interface ReplaySizeResult {
  /** The simulator's `replyTokens`: one streamed chunk each. */
  replyTokens: number;
  /** Kagura first, then the peers. */
  cells: ReplayCell[];
  /**
   * The floor, interleaved with Kagura's replays: a lean key + `Map.get` + `JSON.parse` of the
   * stored deltas (a JSON array of strings), then an async generator yielding them, read with
   * `for await` as the systems' streams are.
   */
  floor?: Pick<ReplayCell, 'deltas' | 'totalUs' | 'perDeltaUs'>;
}

/** The replay-per-delta row. */
export interface ExtraReplayResult {
  /** Kagura's replay mode measured (the cache's default). */
  replay: 'instant';
  sizes: ReplaySizeResult[];
  /**
   * Kagura's cost of one more delta: the difference of the median replay times of the longest
   * and the shortest answer over the difference of their deltas (the fixed cost of a stream
   * call cancels out), in microseconds.
   */
  kaguraMarginalUsPerDelta: number;
}

/** The answer lengths, in the simulator's tokens (one delta each). */
export const replayTokenCounts = [200, 2_000] as const;

/**
 * The cost of one more delta between two answer lengths: the difference of the median totals
 * over the difference of the delta counts; `NaN` when the counts do not differ.
 */
export function marginalUsPerDelta(
  short: Pick<ReplayCell, 'deltas' | 'totalUs'>,
  long: Pick<ReplayCell, 'deltas' | 'totalUs'>,
): number {
  const deltas = long.deltas - short.deltas;
  if (deltas === 0) return Number.NaN;
  return (long.totalUs.p50 - short.totalUs.p50) / deltas;
}

// Reads a stream to its end; resolves the non-empty deltas it yielded.
async function drain(stream: AsyncIterable<string>): Promise<number> {
  let deltas = 0;
  for await (const delta of stream) if (delta !== '') deltas += 1;
  return deltas;
}

// One timed replay: microseconds from the stream call to the last delta read, and the deltas.
async function timedReplay(start: () => AsyncIterable<string>): Promise<[number, number]> {
  const started = nowUs();
  const deltas = await drain(start());
  return [nowUs() - started, deltas];
}

function replayCell(system: SystemName, samples: [number, number][], upstream: number): ReplayCell {
  return {
    system,
    cached: true,
    deltas: samples.at(-1)?.[1] ?? 0,
    totalUs: summarize(samples.map(([us]) => us)),
    perDeltaUs: summarize(samples.map(([us, deltas]) => us / deltas)),
    upstreamRequests: upstream,
  };
}

const peerNotes: Partial<Record<SystemName, string>> = {
  'vercel-ai':
    'the recipe replays with `simulateReadableStream({ chunkDelayInMs: 10 })`, as documented: 10 ms a part by design',
  'vercel-ai-unpaced':
    "`chunkDelayInMs: 0` still awaits a `setTimeout(0)` before each part (the AI SDK's `delay`), at least 1 ms in Node",
};

/**
 * The replay row: at answers of about 200 and 2,000 deltas, Kagura's cached stream
 * (`client.stream` of a memory-store hit, replayed `'instant'`, the default) timed from the
 * call to its last delta, per delta; the AI SDK recipe's cached stream (`streamText` over the
 * caching middleware, with the recipe's 10 ms pacing and with `chunkDelayInMs: 0`) the same way,
 * fewer times (both wait on timers); LangChain's `stream()` checked for whether it reads the
 * cache at all.
 */
export async function measureExtraReplay(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraReplayResult> {
  const settings = quick
    ? { warmup: 5, iterations: 20, block: 5, prompts: 2, peerIterations: 1 }
    : { warmup: 200, iterations: 500, block: 20, prompts: 8, peerIterations: 3 };
  const sizes: ReplaySizeResult[] = [];
  for (const replyTokens of replayTokenCounts) {
    context.log(`extra row: replay per delta, ${replyTokens} tokens`);
    const prompts: BenchPrompt[] = Array.from({ length: settings.prompts }, (_, index) => ({
      system: 'You are a thorough assistant.',
      prompt: `replay ${replyTokens} #${index}: write the release notes of version ${index}.`,
    }));
    const simulator = { latency: 'none' as const, recordRequests: true, replyTokens };
    const options = {
      simulator,
      // Quick mode leaves out the paced recipe's long answer: 2,000 deltas at 10 ms is 20 s.
      systems:
        quick && replyTokens > replayTokenCounts[0]
          ? (['vercel-ai-unpaced', 'langchain'] as const)
          : (['vercel-ai', 'vercel-ai-unpaced', 'langchain'] as const),
      store: 'memory' as const,
    };
    let floorCell: ReplaySizeResult['floor'];
    const cells = await withSystems(context, options, async (peers, thread) => {
      const client = createExtraKaguraClient({
        openaiBaseURL: thread.openaiBaseURL,
        cache: { store: 'memory', ttl: 0 },
      });
      try {
        const kagura = (prompt: BenchPrompt) =>
          client.stream(prompt.prompt, { system: prompt.system });
        const entries = new Map<BenchPrompt, string[]>();
        for (const prompt of prompts) entries.set(prompt, await collectDeltas(kagura(prompt)));
        const floor = (prompt: BenchPrompt) => replayFloor.stream(prompt);
        const replayFloor = createStreamHitFloor(entries);
        for (const peer of peers) for (const prompt of prompts) await drain(peer.stream(prompt));
        await pause(100);
        let before = await thread.requestCount();
        // Warmed here rather than by runInterleaved, so that every call it makes is recorded.
        const warmupMs = quick ? 0 : context.config.warmupMs;
        const started = performance.now();
        for (
          let call = 0;
          call < settings.warmup || performance.now() - started < warmupMs;
          call += 1
        ) {
          await drain(kagura(prompts[call % prompts.length]!));
        }
        for (let call = 0; call < settings.warmup; call += 1) {
          await drain(floor(prompts[call % prompts.length]!));
        }
        const replays = { kagura: [] as [number, number][], floor: [] as [number, number][] };
        await runInterleaved<'kagura' | 'floor'>({
          contestants: ['kagura', 'floor'],
          warmup: 0,
          iterations: settings.iterations,
          block: settings.block,
          measure: async (contestant, call) => {
            const start = contestant === 'kagura' ? kagura : floor;
            const sample = await timedReplay(() => start(prompts[call % prompts.length]!));
            replays[contestant].push(sample);
            return sample[0];
          },
        });
        const ours = replayCell('kagura', replays.kagura.slice(0, settings.iterations), 0);
        const { deltas, totalUs, perDeltaUs } = replayCell(
          'kagura',
          replays.floor.slice(0, settings.iterations),
          0,
        );
        floorCell = { deltas, totalUs, perDeltaUs };
        ours.upstreamRequests = (await thread.requestCount()) - before;
        const result: ReplayCell[] = [ours];
        for (const peer of peers) {
          before = await thread.requestCount();
          result.push(await measurePeer(peer, prompts, settings.peerIterations, thread));
          result.at(-1)!.upstreamRequests = (await thread.requestCount()) - before;
        }
        return result;
      } finally {
        await client.cache?.disconnect();
      }
    });
    sizes.push({ replyTokens, cells, ...(floorCell && { floor: floorCell }) });
  }
  const kaguraAt = (index: number) => sizes[index]?.cells.find((cell) => cell.system === 'kagura');
  const short = kaguraAt(0);
  const long = kaguraAt(sizes.length - 1);
  return {
    replay: 'instant',
    sizes,
    kaguraMarginalUsPerDelta: short && long ? marginalUsPerDelta(short, long) : Number.NaN,
  };
}

// A peer's cached stream: the first replay tells whether it read the cache; if so, it is the
// first of the timed ones (a paced replay of 2,000 deltas takes 20 s: none is wasted).
async function measurePeer(
  peer: BenchSystem,
  prompts: readonly BenchPrompt[],
  iterations: number,
  thread: { requestCount(): Promise<number> },
): Promise<ReplayCell> {
  const before = await thread.requestCount();
  const first = await timedReplay(() => peer.stream(prompts[0]!));
  if ((await thread.requestCount()) > before) {
    return {
      ...replayCell(peer.name, [], 0),
      cached: false,
      deltas: first[1],
      note: '`stream()` does not read the cache: every stream goes upstream',
    };
  }
  const samples: [number, number][] = [first];
  for (let index = 1; index < iterations; index += 1) {
    samples.push(await timedReplay(() => peer.stream(prompts[index % prompts.length]!)));
  }
  const note = peerNotes[peer.name];
  return { ...replayCell(peer.name, samples, 0), ...(note && { note }) };
}
