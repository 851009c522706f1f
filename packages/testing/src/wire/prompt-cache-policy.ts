/**
 * How a request's provider caches prompt prefixes, as its wire format reads it from the request.
 * `breakpoints`: the prefixes ending at the segments marked with a breakpoint (Anthropic).
 * `automatic`: every prefix of `minimumTokens` or more, in steps of `incrementTokens` (OpenAI).
 */
export interface PromptCachePolicy {
  /** Where cacheable prefixes end. */
  mode: 'breakpoints' | 'automatic';
  /** The shortest prefix that is cached, in tokens (the model's minimum). */
  minimumTokens: number;
  /** `automatic`: cached prefixes are multiples of this many tokens; unused for `breakpoints`. */
  incrementTokens: number;
  /**
   * `automatic`: how long an unused prefix stays cached, in milliseconds; `breakpoints` take each
   * breakpoint's own TTL.
   */
  ttlMs: number;
  /**
   * Splits the cache further than API key and model (OpenAI `prompt_cache_key`); `''` for none.
   */
  partition: string;
  /**
   * `breakpoints`: how many block positions each breakpoint checks for a cached prefix, counting
   * its own (Anthropic: 20). The others are the blocks just before it, nearest first; a prefix
   * cached further back is not found from that breakpoint. `automatic` reads any cached step.
   * @default 1 (only the breakpoint's own prefix)
   */
  lookbackBlocks?: number;
}
