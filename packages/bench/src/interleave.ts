import { createRng } from '@kagura-ts/testing';
import { shuffled } from './shuffled.js';

/** Options of {@link runInterleaved}. */
export interface InterleaveOptions<C> {
  /** The systems (or variants) compared. */
  contestants: readonly C[];
  /**
   * Calls each contestant makes first, unrecorded, one contestant after the other (JIT,
   * connection pools, caches): at least this many, and for at least `warmupMs`.
   */
  warmup: number;
  /**
   * The least time each contestant spends warming up, in milliseconds, so that a fast system
   * gets as many calls as its JIT needs, not only as many as a slow one can make.
   * @default 0
   */
  warmupMs?: number;
  /** Measurements kept per contestant. */
  iterations: number;
  /**
   * Measurements per contestant per turn. Each round gives every contestant one turn, in an
   * order drawn at random (from `seed`) for that round.
   * @default 1
   */
  block?: number;
  /**
   * Seed of the turn order, so that a run is reproducible while no contestant always follows
   * the same one (a fixed rotation lets one system's garbage land on the next one's turn).
   * @default 1
   */
  seed?: number;
  /**
   * Unrecorded measurements at the start of each turn. A CPU left idle for a few milliseconds
   * (waiting on a timer or the network) runs the next calls several times slower on cold caches;
   * this keeps one contestant's idle time from landing on the next one's first calls.
   * @default 0
   */
  discard?: number;
  /**
   * Milliseconds to wait after each turn, for work a contestant left running in the background
   * (e.g. a stopped stream replay paced with timers) to finish before the next one is measured.
   * @default 0
   */
  settleMs?: number;
  /**
   * Runs one measurement and resolves its value (e.g. microseconds). `call` counts this
   * contestant's calls from 0, discarded ones included, so prompts derived from it never repeat.
   */
  measure: (contestant: C, call: number) => Promise<number>;
}

/**
 * Measures the contestants in turns, round after round, in a seeded random order per round,
 * with a young-generation GC (`globalThis.gc`, present under `--expose-gc`) between turns, so that drift in
 * the machine's load (other processes, thermal) falls on all of them alike and no contestant
 * pays for the garbage another one left.
 */
export async function runInterleaved<C>(options: InterleaveOptions<C>): Promise<Map<C, number[]>> {
  const { contestants, warmup, iterations, measure } = options;
  const block = Math.max(1, Math.min(options.block ?? 1, iterations));
  const discard = options.discard ?? 0;
  const samples = new Map<C, number[]>(contestants.map((contestant) => [contestant, []]));
  const calls = new Map<C, number>(contestants.map((contestant) => [contestant, 0]));
  const next = (contestant: C) => {
    const call = calls.get(contestant) as number;
    calls.set(contestant, call + 1);
    return measure(contestant, call);
  };
  for (const contestant of contestants) {
    const started = performance.now();
    let count = 0;
    while (count < warmup || performance.now() - started < (options.warmupMs ?? 0)) {
      await next(contestant);
      count += 1;
    }
  }
  const rounds = Math.ceil(iterations / block);
  const rng = createRng(options.seed ?? 1);
  for (let round = 0; round < rounds; round += 1) {
    for (const contestant of shuffled(contestants, rng)) {
      collectGarbage();
      const values = samples.get(contestant) as number[];
      for (let index = 0; index < discard; index += 1) await next(contestant);
      for (let index = 0; index < block; index += 1) {
        const value = await next(contestant);
        if (values.length < iterations) values.push(value);
      }
      if (options.settleMs) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
    }
  }
  return samples;
}

// A young-generation collection between turns, when the process runs with --expose-gc: the
// garbage a turn leaves is young, and a full collection of a heap holding a million entries
// (row 7) takes about a second, which made a full run take hours with turns of one call.
function collectGarbage(): void {
  (globalThis as { gc?: (options?: { type: 'minor' | 'major' }) => void }).gc?.({
    type: 'minor',
  });
}
