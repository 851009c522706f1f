import type { BenchPrompt, BenchSystem } from '../systems/bench-system.js';

/**
 * Starts a stream and resolves the microseconds until its first non-empty text delta. Then it
 * reads the rest (`drain`, so an upstream request ends normally) or stops the stream (a replay,
 * whose pacing after the first chunk is not measured).
 */
export async function timeToFirstChunkUs(
  system: Pick<BenchSystem, 'stream'> & { readonly name: string },
  prompt: BenchPrompt,
  drain: boolean,
): Promise<number> {
  const started = process.hrtime.bigint();
  const iterator = system.stream(prompt)[Symbol.asyncIterator]();
  const first = await iterator.next();
  const elapsed = Number(process.hrtime.bigint() - started) / 1000;
  if (first.done) throw new Error(`${system.name} streamed no text.`);
  if (drain) while (!(await iterator.next()).done);
  else await iterator.return?.();
  return elapsed;
}

/** One stream's timings, in microseconds from its start. */
export interface StreamTiming {
  /** Until the first non-empty text delta. */
  firstUs: number;
  /** Until the stream ended. */
  totalUs: number;
}

/** Streams `prompt` through `system` to its end and resolves its first-delta and total times. */
export async function timeStreamUs(
  system: BenchSystem,
  prompt: BenchPrompt,
): Promise<StreamTiming> {
  const started = process.hrtime.bigint();
  const elapsedUs = () => Number(process.hrtime.bigint() - started) / 1000;
  let firstUs = Number.NaN;
  for await (const _delta of system.stream(prompt)) {
    if (Number.isNaN(firstUs)) firstUs = elapsedUs();
  }
  if (Number.isNaN(firstUs)) throw new Error(`${system.name} streamed no text.`);
  return { firstUs, totalUs: elapsedUs() };
}

/**
 * The whole-stream times of the measurements `runInterleaved` kept. `recorded` are the first-delta
 * times it kept per contestant (a subsequence, in order, of what `measure` returned); `timings`
 * are every timing `measure` produced, in call order. Each kept value is matched to the timing
 * that produced it.
 */
export function keptTotals<C>(
  recorded: ReadonlyMap<C, readonly number[]>,
  timings: ReadonlyMap<C, readonly StreamTiming[]>,
): Map<C, number[]> {
  const totals = new Map<C, number[]>();
  for (const [contestant, values] of recorded) {
    const all = timings.get(contestant) ?? [];
    const kept: number[] = [];
    let position = 0;
    for (const value of values) {
      while (position < all.length && all[position]!.firstUs !== value) position += 1;
      if (position < all.length) kept.push(all[position]!.totalUs);
      position += 1;
    }
    totals.set(contestant, kept);
  }
  return totals;
}
