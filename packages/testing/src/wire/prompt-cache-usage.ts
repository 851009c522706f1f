/** What the simulator's prompt cache did for one request, in tokens, provider-neutral. */
export interface PromptCacheUsage {
  /** Prompt tokens read from the cache (Anthropic `cache_read_input_tokens`, OpenAI `cached_tokens`). */
  readTokens: number;
  /** Prompt tokens written to the cache (Anthropic `cache_creation_input_tokens`). */
  writeTokens: number;
  /** `writeTokens` split by the TTL they were written with (ms), for formats that report it. */
  writes: ReadonlyArray<{ ttlMs: number; tokens: number }>;
}

/** The usage of a request the cache did nothing for. */
export const NO_PROMPT_CACHE_USAGE: PromptCacheUsage = {
  readTokens: 0,
  writeTokens: 0,
  writes: [],
};
