import type { BenchPrompt, BenchSystem } from '../systems/bench-system.js';

/**
 * Starts a stream and resolves the microseconds until its first non-empty text delta. Then it
 * reads the rest (`drain`, so an upstream request ends normally) or stops the stream (a replay,
 * whose pacing after the first chunk is not measured).
 */
export async function timeToFirstChunkUs(
  system: BenchSystem,
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
