import { callLLMStream, TimeoutError } from 'kagura-ts';
import { runExample } from './run-example.js';

export async function main(): Promise<void> {
  // Give up on a first token slower than 0.5 s (one retry), and on any pause over 5 s after it.
  const stream = callLLMStream('Explain backpressure in one paragraph.', {
    model: 'openai:gpt-4o-mini',
    timeout: { firstTokenMs: 500, betweenDeltasMs: 5000 },
    retry: { maxRetries: 1 },
  });
  try {
    for await (const delta of stream) process.stdout.write(delta);
    console.log();
  } catch (error) {
    if (!TimeoutError.isInstance(error)) throw error;
    console.log(`\nGave up: ${error.message}`);
  }
}

// Against the simulator, the first token is slow twice, so the run shows the retry and then the
// timeout; a real provider gets no fault.
await runExample(import.meta.url, main, [], {
  faults: [{ type: 'slow-first-token', delayMs: 800, times: 2 }],
});
