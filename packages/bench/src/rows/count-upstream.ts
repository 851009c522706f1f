import type { SimulatorThread } from '../simulator-thread.js';
import type { BenchPrompt, BenchSystem } from '../systems/bench-system.js';

/**
 * Calls `system` once more for each of `prompts` (through `call`, or draining `stream`) and
 * resolves how many requests reached the simulator meanwhile: 0 when all were cache hits.
 * The simulator must record requests.
 */
export async function countUpstream(
  simulator: SimulatorThread,
  system: BenchSystem,
  prompts: readonly BenchPrompt[],
  mode: 'call' | 'stream' = 'call',
): Promise<number> {
  const before = await simulator.requestCount();
  for (const prompt of prompts) {
    if (mode === 'call') await system.call(prompt);
    else for await (const _delta of system.stream(prompt));
  }
  return (await simulator.requestCount()) - before;
}

/** Resolves after `milliseconds`, for writes that land behind the answer. */
export function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
