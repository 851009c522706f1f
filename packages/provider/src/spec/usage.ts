/** Token usage of one call, as the provider counted it. */
export interface Usage {
  /** Prompt tokens, including cached ones. */
  inputTokens: number;
  /** Generated tokens. */
  outputTokens: number;
  /** Prompt tokens served from the provider's prompt cache (billed at a lower rate). */
  cachedInputTokens: number;
  /**
   * Prompt tokens written to the provider's prompt cache by this call, included in
   * `inputTokens` (Anthropic bills them above the input rate). A provider that does not report
   * writes leaves it out.
   * @default 0
   */
  cacheWriteInputTokens?: number;
  /**
   * Of `cacheWriteInputTokens`, those written to last an hour (Anthropic's `ttl: '1h'`), billed
   * at a higher rate than the 5-minute writes.
   * @default 0
   */
  cacheWrite1hInputTokens?: number;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';
