import type { Jittered, LatencyOption } from '@kagura-ts/testing';

function range(value: Jittered, unit: string): string {
  return typeof value === 'number' ? `${value} ${unit}` : `${value[0]}-${value[1]} ${unit}`;
}

/**
 * A simulator latency profile in words, for the report: `"none (answers at once)"`, or
 * `"first token after 40-70 ms, then 600-700 tokens/s"`.
 */
export function describeLatency(latency: LatencyOption | undefined): string {
  if (latency === undefined) return 'the simulator default';
  if (latency === 'none' || latency === false) return 'none (answers at once)';
  const rate = latency.tokensPerSecond;
  const tokens =
    typeof rate === 'number' && !Number.isFinite(rate)
      ? 'all tokens at once'
      : `then ${range(rate, 'tokens/s')}`;
  return `first token after ${range(latency.timeToFirstTokenMs, 'ms')}, ${tokens}`;
}
