/** Token usage of one call, as the provider counted it. */
export interface Usage {
  /** Prompt tokens, including cached ones. */
  inputTokens: number;
  /** Generated tokens. */
  outputTokens: number;
  /** Prompt tokens served from the provider's prompt cache (billed at a lower rate). */
  cachedInputTokens: number;
}

/** Why the model stopped. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';
