import type { SimulatorOptions } from '@kagura-ts/testing';
import type { BenchContext } from '../bench-context.js';
import { type SimulatorThread, startSimulatorThread } from '../simulator-thread.js';
import type { BenchSystem, StoreKind, SystemName, SystemSetup } from '../systems/bench-system.js';
import { closeSystems, createSystems } from '../systems/system-catalog.js';

/** Options of {@link withSystems}. */
export interface WithSystemsOptions {
  /** The simulator's options (latency, seed, reply length). */
  simulator: SimulatorOptions;
  /** The systems, in order. */
  systems: readonly SystemName[];
  /** The cache store they use. */
  store: StoreKind;
  /** Gives each system its own `fetch` (a metered one), if set. */
  fetchFor?: (name: SystemName) => typeof globalThis.fetch | undefined;
  /** Extra setup, e.g. the memory store's bound. */
  setup?: Partial<SystemSetup>;
}

/**
 * Starts a simulator on its own thread, sets the systems up against it, runs `body`, and closes everything (also
 * when `body` throws).
 */
export async function withSystems<T>(
  context: BenchContext,
  options: WithSystemsOptions,
  body: (systems: BenchSystem[], simulator: SimulatorThread) => Promise<T>,
): Promise<T> {
  const simulator = await startSimulatorThread({ recordRequests: false, ...options.simulator });
  const systems: BenchSystem[] = [];
  try {
    for (const name of options.systems) {
      const setup: SystemSetup = {
        openaiBaseURL: simulator.openaiBaseURL,
        anthropicBaseURL: simulator.anthropicBaseURL,
        store: options.store,
        redisUrl: context.redisUrl,
        directory: context.directory,
        fetch: options.fetchFor?.(name),
        ...options.setup,
      };
      systems.push(...(await createSystems([name], setup)));
    }
    return await body(systems, simulator);
  } finally {
    await closeSystems(systems);
    await simulator.close();
  }
}
