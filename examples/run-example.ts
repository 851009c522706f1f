import { fileURLToPath } from 'node:url';
import {
  type Simulator,
  type SimulatorFault,
  type SimulatorRule,
  startSimulator,
} from 'kagura-ts/testing';

// A fixed port, so that the simulator's base URL, and with it the cache's tenant (a hash of the
// key and base URL), is the same from one run to the next: the caching example's second run is
// then warm. KAGURA_EXAMPLE_PORT overrides it.
const defaultPort = 18787;

/** How {@link runExample} sets the simulator up. */
export interface RunExampleOptions {
  /**
   * Faults the simulator injects, to show what the example handles (a slow first token, a
   * rate limit). A real provider gets none.
   * @default []
   */
  faults?: SimulatorFault[];
}

/**
 * Runs an example's `main` when its file is executed directly. With OPENAI_API_KEY or
 * ANTHROPIC_API_KEY set it uses the real provider; otherwise it starts the bundled LLM
 * simulator (with the example's scripted replies and faults) on a fixed port, says so, and
 * points the SDKs' usual environment variables at it, so the example's own code runs unchanged.
 *
 * The simulator paces replies like a small hosted model; `KAGURA_EXAMPLE_FAST=1` makes it
 * answer at once (the examples' tests run them so). `KAGURA_EXAMPLE_PORT` sets its port.
 */
export async function runExample(
  moduleUrl: string,
  main: () => Promise<void>,
  replies: SimulatorRule[] = [],
  options: RunExampleOptions = {},
): Promise<void> {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  if (process.env.OPENAI_API_KEY || process.env.ANTHROPIC_API_KEY) {
    await main();
    return;
  }
  const simulator = await startOnFixedPort(replies, options.faults ?? []);
  console.log(`No API key set: using the bundled LLM simulator at ${simulator.url}.\n`);
  Object.assign(process.env, {
    OPENAI_BASE_URL: simulator.openaiBaseURL,
    OPENAI_API_KEY: 'simulator',
    ANTHROPIC_BASE_URL: simulator.anthropicBaseURL,
    ANTHROPIC_API_KEY: 'simulator',
  });
  try {
    await main();
  } finally {
    await simulator.close();
  }
}

async function startOnFixedPort(
  rules: SimulatorRule[],
  faults: SimulatorFault[],
): Promise<Simulator> {
  const port = Number(process.env.KAGURA_EXAMPLE_PORT || defaultPort);
  const latency = process.env.KAGURA_EXAMPLE_FAST === '1' ? 'none' : undefined;
  try {
    return await startSimulator({ rules, faults, port, latency });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(
      `Port ${port} is in use, so the simulator takes a free port: answers cached by earlier ` +
        'runs are kept apart from this one (the cache separates servers by base URL).',
    );
    return startSimulator({ rules, faults, latency });
  }
}
