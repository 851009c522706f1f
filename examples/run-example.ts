import { fileURLToPath } from 'node:url';
import { type SimulatorRule, startSimulator } from 'kagura-ts/testing';

/**
 * Runs an example's `main` when its file is executed directly. With OPENAI_API_KEY or
 * ANTHROPIC_API_KEY set it uses the real provider; otherwise it starts the bundled LLM
 * simulator (with the example's scripted replies), says so, and points the SDKs' usual
 * environment variables at it, so the example's own code runs unchanged.
 */
export async function runExample(
  moduleUrl: string,
  main: () => Promise<void>,
  replies: SimulatorRule[] = [],
): Promise<void> {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  if (process.env.OPENAI_API_KEY || process.env.ANTHROPIC_API_KEY) {
    await main();
    return;
  }
  const simulator = await startSimulator({ rules: replies });
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
