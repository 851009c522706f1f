/**
 * How long a provider keeps a prompt prefix written at a breakpoint: 5 minutes or an hour
 * (Anthropic's `ttl`), each use renewing it.
 */
export type PromptCacheTtl = '5m' | '1h';

/** A prompt-cache breakpoint: the provider caches the prompt up to and including its position. */
export interface PromptCacheBreakpoint {
  /** @default '5m' */
  ttl?: PromptCacheTtl;
}

/**
 * How a request uses the provider's prompt cache (which bills a repeated prompt prefix at a
 * fraction of the input rate). The client fills it in; providers send what their API has.
 */
export interface PromptCacheRequest {
  /**
   * Where the prefix is stable, in the order the provider reads a prompt: after the tool
   * definitions, after the system instructions, after messages (by index into `messages`).
   * Providers that take markers (Anthropic's `cache_control`) send these; others ignore them.
   */
  breakpoints: {
    tools?: PromptCacheBreakpoint | undefined;
    system?: PromptCacheBreakpoint | undefined;
    messages?: ReadonlyArray<PromptCacheBreakpoint & { index: number }> | undefined;
  };
  /**
   * Routes requests that share a prefix to the same cache (OpenAI's `prompt_cache_key`): the
   * client makes one per tenant and agent.
   */
  key?: string | undefined;
}

/** What a model's prompt cache takes, for the client to place breakpoints within it. */
export interface PromptCacheRules {
  /** How many breakpoints one request may carry; `0` for a provider that caches by itself. */
  maxBreakpoints: number;
  /** The shortest prefix the provider caches, in tokens. */
  minimumTokens: number;
  /** Whether the provider takes a `key` routing one prefix's requests to one cache. */
  acceptsKey: boolean;
}
