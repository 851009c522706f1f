/** What the prompt cache did at one `cache_control` breakpoint of a request. */
export interface PromptCacheBreakpoint {
  /** Prompt tokens up to and including the marked block. */
  prefixTokens: number;
  /** The breakpoint's TTL in milliseconds (`5m`: 300000, `1h`: 3600000). */
  ttlMs: number;
  /**
   * `read`: the longest prefix found in the cache, served from it; `covered`: an earlier
   * breakpoint, inside the prefix read; `written`: stored by this request; `too-short`: below the
   * model's minimum, so neither read nor written. A prefix a breakpoint's lookback found at a
   * block without a breakpoint (Anthropic) is in `readTokens` only: that breakpoint is `written`.
   */
  outcome: 'read' | 'covered' | 'written' | 'too-short';
}

/** What the simulator's prompt cache did for a chat request (`RecordedRequest.promptCache`). */
export interface PromptCacheRecord {
  /** Tokens in the whole prompt. */
  promptTokens: number;
  /** Prompt tokens read from the cache. */
  readTokens: number;
  /** Prompt tokens written to the cache. */
  writeTokens: number;
  /** The request's breakpoints in prompt order; empty for automatic caching (OpenAI). */
  breakpoints: PromptCacheBreakpoint[];
}
