import { type Client, createClient } from 'kagura-ts';
import { runExample } from './run-example.js';

export function createLimitedClient(): Client {
  return createClient({
    limits: {
      openai: { concurrency: 8, requestsPerMinute: 500, tokensPerMinute: 200_000 },
      'openai:gpt-4o': { concurrency: 2 },
    },
    retry: { maxRetries: 4, maxRetryAfterMs: 30_000 },
    timeout: { totalMs: 120_000 },
  });
}

export async function main(): Promise<void> {
  const client = createLimitedClient();
  // Six different questions to gpt-4o at once: the limit lets two through at a time, so they
  // finish in pairs.
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 6 }, async (_, index) => {
      await client.call(`Give fact number ${index + 1} about octopuses.`, {
        model: 'openai:gpt-4o',
      });
      console.log(`call ${index + 1} done after ${Math.round(performance.now() - started)} ms`);
    }),
  );
}

await runExample(import.meta.url, main);
