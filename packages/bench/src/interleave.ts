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
   * Measurements per contestant per turn. Turns alternate between contestants, rotating which
   * goes first each round.
   * @default 1
   */
  block?: number;
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
 * Measures the contestants in alternating turns, round after round, rotating which goes first,
 * so that drift in the machine's load (other processes, GC, thermal) falls on all of them alike
 * rather than on whichever ran its batch last.
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
  for (let round = 0; round < rounds; round += 1) {
    for (let offset = 0; offset < contestants.length; offset += 1) {
      const contestant = contestants[(round + offset) % contestants.length] as C;
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
