import { sleep } from '../util/sleep.js';
import type { TimedEvent } from './cache-entry.js';
import type { ReplayMode } from './cache-options.js';

/**
 * Waits before a replayed event as the replay mode asks: `'instant'` never, `'original'` until
 * the event's offset in the original stream, `{ tokensPerSecond }` one token's time per text
 * delta. `undefined` when there is nothing to wait for (no promise on the hot path).
 */
export function paceReplay(
  timed: TimedEvent,
  started: number,
  mode: ReplayMode,
  signal: AbortSignal,
): Promise<void> | undefined {
  let wait = 0;
  if (mode === 'original') wait = started + timed.at - performance.now();
  else if (typeof mode === 'object' && timed.event.type === 'text-delta')
    wait = 1000 / mode.tokensPerSecond;
  return wait > 0 ? sleep(wait, signal) : undefined;
}
