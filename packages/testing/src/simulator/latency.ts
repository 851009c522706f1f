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

/**
 * Normalizes the `latency` option: `undefined` for zero latency. Anything else than the shapes
 * {@link LatencyOption} allows is refused here, when the simulator starts or `setLatency` is
 * called, not by the first request it would fail.
 */
export function resolveLatency(latency: LatencyOption | undefined): LatencyProfile | undefined {
  if (latency === undefined) return DEFAULT_LATENCY_PROFILE;
  if (latency === 'none' || latency === false) return undefined;
  if (typeof latency !== 'object' || latency === null) {
    throw new TypeError(
      `Simulator latency must be a profile ({ timeToFirstTokenMs, tokensPerSecond }), 'none' or false; got ${describe(latency)}.`,
    );
  }
  checkJittered(latency.timeToFirstTokenMs, 'timeToFirstTokenMs', false);
  // `Infinity` tokens per second sends every token at once (a delay cannot be infinite).
  checkJittered(latency.tokensPerSecond, 'tokensPerSecond', true);
  return latency;
}

function checkJittered(value: unknown, name: string, infinityAllowed: boolean): void {
  const valid =
    typeof value === 'number'
      ? Number.isFinite(value) || (infinityAllowed && value === Number.POSITIVE_INFINITY)
      : Array.isArray(value) &&
        value.length === 2 &&
        value.every((bound) => typeof bound === 'number' && Number.isFinite(bound)) &&
        value[0] <= value[1];
  if (!valid) {
    throw new TypeError(
      `Simulator latency.${name} must be a finite number${infinityAllowed ? ' (or Infinity)' : ''} or a [min, max] pair of finite numbers with min <= max; got ${describe(value)}.`,
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
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

// Reading the whole prompt from the cache saves 80% of the time to the first token: what is left
// is the request overhead and the reply's first token.
const CACHED_PREFILL_SAVING = 0.8;

/**
 * Shortens a request's time to the first token for a prompt partly read from the prompt cache:
 * `firstTokenDelayMs × (1 − 0.8 × cachedShare)`, `cachedShare` being the share of the prompt's
 * tokens read (0 to 1). The token pace is unchanged.
 */
export function applyPromptCacheLatency(timing: RequestTiming, cachedShare: number): RequestTiming {
  const share = Math.min(1, Math.max(0, cachedShare));
  if (share === 0 || timing.firstTokenDelayMs === 0) return timing;
  return {
    ...timing,
    firstTokenDelayMs: timing.firstTokenDelayMs * (1 - CACHED_PREFILL_SAVING * share),
  };
}
