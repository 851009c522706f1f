/** How calls used the provider's prompt cache: counts over the upstream requests that asked for it. */
export interface PromptCacheCounts {
  /** Requests sent with prompt caching asked for (breakpoints or a routing key). */
  requests: number;
  /** Of those, the ones that read part of their prompt from the provider's cache. */
  reads: number;
  /** `reads / requests`, or 0 before any request. */
  hitRate: number;
  /** Prompt tokens read from the provider's cache. */
  readTokens: number;
  /** Prompt tokens written to it. */
  writeTokens: number;
  /**
   * Requests that should have read the cache and did not, each also reported with why
   * (a `prompt-cache-miss` event, the `kagura.prompt_cache.miss` span attribute).
   */
  misses: number;
  /**
   * What the prompt cache saved, in US dollars at the price table's rates, against sending every
   * prompt uncached: read discounts less write premiums (negative while it only writes).
   */
  savedUsd: number;
}

/** One agent's use of one model's prompt cache (calls without an agent under `agent: undefined`). */
export interface PromptCacheAgentStats extends PromptCacheCounts {
  agent: string | undefined;
  provider: string;
  model: string;
}

/** A client's use of the providers' prompt caches since it was created: in all, and per agent. */
export interface PromptCacheStats extends PromptCacheCounts {
  /** Per agent and model, in the order they were first seen. */
  byAgent: PromptCacheAgentStats[];
}
