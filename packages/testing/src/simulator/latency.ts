import type { Rng } from '../util/create-rng.js';

/** A number, or a `[min, max]` range from which each request draws a value (jitter). */
export type Jittered = number | readonly [number, number];

/** How fast the simulated model answers. */
export interface LatencyProfile {
  /**
   * Milliseconds before the first token of a stream (a JSON reply waits this plus the generation
   * time).
   * @default [400, 700]
   */
  timeToFirstTokenMs: Jittered;
  /**
   * Tokens generated per second after the first one; `Infinity` sends them all at once.
   * @default [60, 70]
   */
  tokensPerSecond: Jittered;
}

/** A latency profile, or `'none'` / `false` for zero latency (no timers at all). */
export type LatencyOption = LatencyProfile | 'none' | false;

/** About a small hosted model: 400-700 ms to the first token, then 60-70 tokens per second. */
export const DEFAULT_LATENCY_PROFILE: LatencyProfile = {
  timeToFirstTokenMs: [400, 700],
  tokensPerSecond: [60, 70],
};

/** Timings drawn for one request. */
export interface RequestTiming {
  /** Delay before the first token, in milliseconds. */
  firstTokenDelayMs: number;
  /** Delay between tokens, in milliseconds. */
  tokenIntervalMs: number;
}

const ZERO_TIMING: RequestTiming = { firstTokenDelayMs: 0, tokenIntervalMs: 0 };

function draw(value: Jittered, rng: Rng): number {
  if (typeof value === 'number') return value;
  const [min, max] = value;
  return min + rng.next() * (max - min);
}

/** Normalizes the `latency` option: `undefined` for zero latency. */
export function resolveLatency(latency: LatencyOption | undefined): LatencyProfile | undefined {
  if (latency === undefined) return DEFAULT_LATENCY_PROFILE;
  if (latency === 'none' || latency === false) return undefined;
  return latency;
}

/** Draws the timings of one request from a profile (zero for zero latency). */
export function sampleLatency(profile: LatencyProfile | undefined, rng: Rng): RequestTiming {
  if (profile === undefined) return ZERO_TIMING;
  const tokensPerSecond = draw(profile.tokensPerSecond, rng);
  return {
    firstTokenDelayMs: Math.max(0, draw(profile.timeToFirstTokenMs, rng)),
    tokenIntervalMs:
      tokensPerSecond > 0 && Number.isFinite(tokensPerSecond) ? 1000 / tokensPerSecond : 0,
  };
}
