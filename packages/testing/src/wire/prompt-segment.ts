/**
 * One piece of a prompt (a tool definition, a system block, a message or a content block), in the
 * order its provider reads the prompt for caching: a wire format's `parseRequest` lists them, and
 * the simulator counts the prompt's tokens and keys its prompt caches on them.
 */
export interface PromptSegment {
  /**
   * What identifies the piece besides its text (e.g. its role, or the block as sent without its
   * cache marker): two prompts share a cached prefix only where keys and texts agree.
   */
  key: string;
  /** The text its tokens are counted from (`''` for a piece without text, e.g. a tool call). */
  text: string;
  /**
   * A cache breakpoint on the piece (Anthropic `cache_control`): the prefix up to and including it
   * may be cached for this many milliseconds.
   * @default undefined (no breakpoint)
   */
  breakpointTtlMs?: number;
}
