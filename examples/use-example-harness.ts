import { createClient, setDefaultClient } from 'kagura-ts';
import { type Simulator, type SimulatorRule, startSimulator } from 'kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';

/** What the examples' tests read: the simulator, and everything the example printed. */
export interface ExampleHarness {
  readonly simulator: Simulator;
  readonly output: string[];
}

/**
 * Sets a test file up the way `runExample` runs an example without a key: a simulator with the
 * examples' scripted replies, the SDKs' own environment variables pointing at it, a fresh
 * default client per test (so no test sees another's cached answers), and the example's
 * console and stdout output captured.
 */
export function useExampleHarness(rules: SimulatorRule[]): ExampleHarness {
  let simulator: Simulator | undefined;
  let output: string[] = [];
  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none', rules });
    vi.stubEnv('OPENAI_BASE_URL', simulator.openaiBaseURL);
    vi.stubEnv('OPENAI_API_KEY', 'test');
    vi.stubEnv('ANTHROPIC_BASE_URL', simulator.anthropicBaseURL);
    vi.stubEnv('ANTHROPIC_API_KEY', 'test');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    setDefaultClient(undefined);
    await simulator?.close();
  });
  beforeEach(() => {
    setDefaultClient(createClient());
    if (simulator !== undefined) simulator.requests.length = 0;
    output = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      output.push(args.map(String).join(' '));
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
    return () => vi.restoreAllMocks();
  });
  return {
    get simulator() {
      if (simulator === undefined) throw new Error('The simulator starts in beforeAll.');
      return simulator;
    },
    get output() {
      return output;
    },
  };
}
