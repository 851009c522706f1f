import { type Client, createClient } from 'kagura-ts';

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
