import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Simulator } from './simulator.js';
import type { SimulatorOptions } from './simulator-options.js';
import { startSimulator } from './start-simulator.js';

/**
 * Starts a simulator for a Vitest file or `describe` block: started before all its tests
 * (zero latency unless `options` say otherwise), reset before each, closed after all. Returns
 * a getter, since the simulator exists only once the hooks ran.
 *
 * @example
 * ```ts
 * const simulator = useSimulator();
 * it('should answer', async () => {
 *   const client = createClient({ providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) } });
 *   await client.call('Hi', { model: 'openai:gpt-4o-mini' });
 *   expect(simulator().requests).toHaveLength(1);
 * });
 * ```
 */
export function useSimulator(options: SimulatorOptions = {}): () => Simulator {
  let simulator: Simulator | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none', ...options });
  });
  afterAll(async () => {
    await simulator?.close();
  });
  beforeEach(() => {
    simulator?.reset();
  });
  return () => {
    if (simulator === undefined) {
      throw new Error(
        'useSimulator: the simulator starts in beforeAll; use it inside a test or a hook.',
      );
    }
    return simulator;
  };
}
