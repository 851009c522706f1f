import type { LatencyOption } from '@kagura-ts/testing';

/** Settings of the prompt-caching row. */
export interface PromptCachingSettings {
  /** Questions asked at once under the one system prompt. */
  questions: number;
  /** Measured fan-outs per configuration, each from a cold prefix cache. */
  repetitions: number;
  /** The system prompt's length, in the simulator's tokens (at least). */
  systemTokens: number;
  /** The simulator's latency profile. */
  latency: LatencyOption;
  /** The Claude model asked for (one the price table knows). */
  model: string;
  /** Seed of the order in which configurations take their turns. */
  seed: number;
}

/** Iteration counts and latency profiles of one run. */
export interface BenchConfig {
  /** Whether this is the quick mode (proves the harness works; its numbers mean little). */
  quick: boolean;
  /** The least time each system warms up before a latency row measures it, in milliseconds. */
  warmupMs: number;
  /** Row 1: cache-hit latency. */
  cacheHit: {
    warmup: number;
    iterations: Record<'memory' | 'disk' | 'redis', number>;
    prompts: number;
  };
  /** Row 2: overhead on a miss, against each library's own no-cache call, the raw SDK and a floor. */
  missOverhead: { warmup: number; iterations: number; latency: LatencyOption };
  /** Row 3: identical concurrent calls (at a fixed latency, so that wall times compare clients). */
  coalescing: { calls: number; rounds: number; latency: LatencyOption };
  /** Row 4: parallel speedup and the 429 storm. */
  parallel: {
    tasks: number;
    concurrency: number;
    rounds: number;
    latency: LatencyOption;
    storm: { tasks: number; faults: number; retryAfterMs: number };
  };
  /** Row 5: streaming. */
  streaming: {
    warmup: number;
    iterations: number;
    cachedIterations: number;
    latency: LatencyOption;
  };
  /** Row 6: the Zipf workload. */
  workload: {
    calls: number;
    distinctQueries: number;
    exponent: number;
    workflowShare: number;
    concurrency: number;
    repetitions: number;
    latency: LatencyOption;
    seed: number;
  };
  /** Row 7: scale. */
  scale: {
    sizes: number[];
    probes: number;
    hitSamples: number;
    throughputCalls: Record<'memory' | 'redis', number>;
    callers: number[];
    /** Sizes whose estimated heap for one system is above this are skipped. */
    maxHeapBytes: number;
  };
  /** Row 10: provider prompt caching (a long system prompt, many questions at once). */
  promptCaching: PromptCachingSettings;
}

/**
 * The time-compressed "realistic" profile of the workload and of coalescing in the full run:
 * the default simulator profile (400-700 ms to the first token, 60-70 tokens/s) ten times faster.
 */
export const compressedLatency: LatencyOption = {
  timeToFirstTokenMs: [40, 70],
  tokensPerSecond: [600, 700],
};

/** The full run, for people. A few minutes on two cores. */
export const fullConfig: BenchConfig = {
  quick: false,
  warmupMs: 1_500,
  cacheHit: {
    warmup: 500,
    iterations: { memory: 10_000, disk: 5_000, redis: 3_000 },
    prompts: 100,
  },
  missOverhead: { warmup: 100, iterations: 1_000, latency: 'none' },
  // A fixed latency (the middle of the default profile): with jitter, a system that sends every
  // call upstream waits for the slowest of 100 draws, and the wall times compare the draws.
  coalescing: {
    calls: 100,
    rounds: 5,
    latency: { timeToFirstTokenMs: 550, tokensPerSecond: 65 },
  },
  parallel: {
    tasks: 32,
    concurrency: 8,
    rounds: 3,
    latency: { timeToFirstTokenMs: 100, tokensPerSecond: Number.POSITIVE_INFINITY },
    storm: { tasks: 32, faults: 16, retryAfterMs: 100 },
  },
  streaming: { warmup: 50, iterations: 500, cachedIterations: 500, latency: 'none' },
  workload: {
    calls: 2_000,
    distinctQueries: 300,
    exponent: 1.1,
    workflowShare: 0.15,
    concurrency: 16,
    repetitions: 2,
    latency: compressedLatency,
    seed: 2024,
  },
  scale: {
    sizes: [1_000, 10_000, 100_000, 1_000_000],
    probes: 100,
    hitSamples: 3_000,
    throughputCalls: { memory: 20_000, redis: 5_000 },
    callers: [1, 10, 100],
    maxHeapBytes: 6 * 1024 ** 3,
  },
  // The simulator's default latency, uncompressed: wall time here is mostly time to first token,
  // which a cached prefix shortens, so it is kept at its realistic scale.
  promptCaching: {
    questions: 50,
    repetitions: 5,
    systemTokens: 5_000,
    latency: { timeToFirstTokenMs: [400, 700], tokensPerSecond: [60, 70] },
    model: 'claude-haiku-4-5',
    seed: 10,
  },
};

/** The quick mode: every row and every system, a few times each, in well under a minute. */
export const quickConfig: BenchConfig = {
  quick: true,
  warmupMs: 0,
  cacheHit: { warmup: 3, iterations: { memory: 20, disk: 20, redis: 20 }, prompts: 5 },
  missOverhead: { warmup: 3, iterations: 10, latency: 'none' },
  coalescing: {
    calls: 100,
    rounds: 1,
    latency: { timeToFirstTokenMs: 20, tokensPerSecond: Number.POSITIVE_INFINITY },
  },
  parallel: {
    tasks: 8,
    concurrency: 4,
    rounds: 1,
    latency: { timeToFirstTokenMs: 10, tokensPerSecond: Number.POSITIVE_INFINITY },
    storm: { tasks: 8, faults: 4, retryAfterMs: 10 },
  },
  streaming: { warmup: 2, iterations: 5, cachedIterations: 5, latency: 'none' },
  workload: {
    calls: 80,
    distinctQueries: 30,
    exponent: 1.1,
    workflowShare: 0.15,
    concurrency: 8,
    repetitions: 1,
    latency: 'none',
    seed: 2024,
  },
  scale: {
    sizes: [100, 1_000],
    probes: 5,
    hitSamples: 20,
    throughputCalls: { memory: 200, redis: 100 },
    callers: [1, 10, 100],
    maxHeapBytes: 512 * 1024 ** 2,
  },
  promptCaching: {
    questions: 5,
    repetitions: 1,
    systemTokens: 5_000,
    latency: { timeToFirstTokenMs: 20, tokensPerSecond: Number.POSITIVE_INFINITY },
    model: 'claude-haiku-4-5',
    seed: 10,
  },
};
