import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, BenchReply } from '../systems/bench-system.js';
import { createExtraKaguraClient } from '../systems/extra-kagura-client.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { countUpstream, pause } from './count-upstream.js';
import { createMemoryHitFloor, type HitContestant } from './hit-floor.js';
import { type LatencyCell, toLatencyCellsWithFloor } from './latency-cell.js';
import { withSystems } from './with-systems.js';

/** The simulator's English-like text runs about this many characters per token. */
const charactersPerToken = 4.84;

/** Kagura's default bound on one stored entry, in bytes of JSON (`maxEntryBytes`). */
export const defaultMaxEntryBytes = 1_048_576;

/** One answer size of the answer-size row. */
export interface AnswerSizeCell {
  /** The size asked of the simulator, in characters of answer text. */
  targetCharacters: number;
  /** The answer's measured length, in characters. */
  textCharacters: number;
  /** Memory-store hits through each caching system's public call, in microseconds. */
  hits: LatencyCell[];
  /**
   * The memory floor of the same hits, measured in the same turns: a lean key + `Map.get` +
   * `JSON.parse` of the stored reply, in microseconds (it parses the whole answer every time).
   */
  hitFloorUs: Summary;
  /** Kagura: a cached stream's first chunk, from `client.stream()` to the first delta, in microseconds. */
  streamFirstChunkUs: Summary;
  /** Kagura: requests upstream while the cached streams were replayed (0 when all were hits). */
  streamUpstreamRequests: number;
  /** Kagura: the stored size of one streamed entry (`cache.stats().bytes`), in UTF-16 code units. */
  streamEntryBytes: number;
  /** `streamEntryBytes` over `textCharacters`. */
  streamEntryRatio: number;
  /** Whether Kagura caches that stream under its default 1 MiB `maxEntryBytes`. */
  streamCachedByDefault: boolean;
}

/** The answer-size row. */
export interface ExtraAnswerSizeResult {
  cells: AnswerSizeCell[];
}

/** The answer sizes, in characters (the quick mode stops at 100 KB to stay quick). */
const sizes = { full: [1_000, 100_000, 775_000], quick: [1_000, 20_000, 100_000] };

function sizePrompts(count: number, size: number): BenchPrompt[] {
  return Array.from({ length: count }, (_, index) => ({
    system: 'You are a thorough assistant.',
    prompt: `answer size ${size} #${index}: write the full report on release ${index}.`,
  }));
}

/**
 * The answer-size row: at answers of about 1 KB, 100 KB and 775 KB, memory-store hit latency
 * through each caching system (interleaved), then Kagura's cached-stream first chunk and the
 * stored size of a streamed entry against its text, with the entry bound raised so that the
 * entry is stored at all, and whether the default bound would have stored it.
 */
export async function measureExtraAnswerSize(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraAnswerSizeResult> {
  const settings = quick
    ? { warmup: 3, iterations: 10, block: 5, prompts: 1, streams: 4 }
    : { warmup: 30, iterations: 300, block: 20, prompts: 8, streams: 60 };
  const cells: AnswerSizeCell[] = [];
  for (const size of quick ? sizes.quick : sizes.full) {
    context.log(`extra row: answer size ${size}`);
    const prompts = sizePrompts(settings.prompts, size);
    const simulator = {
      latency: 'none' as const,
      recordRequests: true,
      replyTokens: Math.ceil(size / charactersPerToken),
    };
    const options = { simulator, systems: cachingSystems, store: 'memory' as const };
    const cell = await withSystems(context, options, async (systems, thread) => {
      let textCharacters = 0;
      const replies = new Map<BenchPrompt, BenchReply>();
      for (const system of systems) {
        for (const prompt of prompts) {
          const reply = await system.call(prompt);
          textCharacters = reply.text.length;
          if (!replies.has(prompt)) replies.set(prompt, reply);
        }
      }
      const floor = createMemoryHitFloor(replies);
      await pause(100);
      const samples = await runInterleaved<HitContestant>({
        contestants: [...systems, floor],
        warmup: settings.warmup,
        warmupMs: quick ? 0 : context.config.warmupMs,
        iterations: settings.iterations,
        block: settings.block,
        discard: 2,
        measure: (system, call) => timeUs(() => system.call(prompts[call % prompts.length]!)),
      });
      const { cells: hits, floor: hitFloorUs } = toLatencyCellsWithFloor(samples);
      for (const [index, system] of systems.entries()) {
        hits[index]!.upstreamRequests = await countUpstream(thread, system, prompts);
      }
      const stream = await measureStream(thread, prompts, settings.streams);
      return { targetCharacters: size, textCharacters, hits, hitFloorUs, ...stream };
    });
    cells.push(cell);
  }
  return { cells };
}

async function drain(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const delta of stream) text += delta;
  return text;
}

async function measureStream(
  thread: { openaiBaseURL: string; requestCount(): Promise<number> },
  prompts: readonly BenchPrompt[],
  iterations: number,
): Promise<Omit<AnswerSizeCell, 'targetCharacters' | 'textCharacters' | 'hits' | 'hitFloorUs'>> {
  const raised = createExtraKaguraClient({
    openaiBaseURL: thread.openaiBaseURL,
    cache: { store: 'memory', ttl: 0, maxEntryBytes: 1 << 30, maxBytes: 1 << 30 },
  });
  const byDefault = createExtraKaguraClient({
    openaiBaseURL: thread.openaiBaseURL,
    cache: { store: 'memory', ttl: 0 },
  });
  try {
    const stream = (client: typeof raised, prompt: BenchPrompt) =>
      client.stream(prompt.prompt, { system: prompt.system });
    const first = prompts[0]!;
    const text = await drain(stream(raised, first));
    await pause(100);
    const streamEntryBytes = raised.cache?.stats().bytes ?? Number.NaN;
    for (const prompt of prompts.slice(1)) await drain(stream(raised, prompt));
    await drain(stream(byDefault, first));
    await pause(100);
    const streamCachedByDefault = (byDefault.cache?.stats().size ?? 0) > 0;
    await pause(50);
    const before = await thread.requestCount();
    const samples = await runInterleaved({
      contestants: [raised],
      warmup: 2,
      iterations,
      settleMs: 1,
      measure: (client, call) =>
        timeUs(async () => {
          for await (const delta of stream(client, prompts[call % prompts.length]!)) {
            if (delta !== '') break;
          }
        }),
    });
    const streamUpstreamRequests = (await thread.requestCount()) - before;
    return {
      streamFirstChunkUs: summarize(samples.get(raised) ?? []),
      streamUpstreamRequests,
      streamEntryBytes,
      streamEntryRatio: streamEntryBytes / text.length,
      streamCachedByDefault,
    };
  } finally {
    await raised.cache?.disconnect();
    await byDefault.cache?.disconnect();
  }
}
