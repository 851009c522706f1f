import { type CacheOptions, type Client, createClient } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { benchApiKey, benchModel } from './bench-system.js';

/** Options of {@link createExtraKaguraClient}. */
export interface ExtraKaguraClientOptions {
  /** The simulator's OpenAI base URL (`.../v1`). */
  openaiBaseURL: string;
  /** The response cache, as a user writes it (`false` for none). */
  cache: CacheOptions | false;
}

/**
 * A Kagura client as a user sets it up (`createClient` over `createOpenAI`), handed out as a
 * client rather than a bench system, for the extra rows that need its cache (`client.cache`
 * stats) or its per-call options (`abortSignal`, `responseFormat`).
 */
export function createExtraKaguraClient(options: ExtraKaguraClientOptions): Client {
  return createClient({
    providers: {
      openai: createOpenAI({ baseURL: options.openaiBaseURL, apiKey: benchApiKey }),
    },
    model: `openai:${benchModel}`,
    cache: options.cache,
  });
}
