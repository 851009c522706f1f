import type { PromptCacheBreakpoint } from '@kagura-ts/provider';

/** The `prompt_cache_breakpoint` of a content part, as Chat Completions takes it. */
export interface OpenAICacheBreakpoint {
  /** Always `'explicit'`. */
  mode: 'explicit';
  /** The minimum lifetime; without it the request's (OpenAI's default is 30 minutes). */
  ttl?: '12h';
}

/**
 * Converts a Kagura breakpoint to OpenAI's marker. A Kagura TTL is a minimum lifetime, and
 * OpenAI's lifetimes are longer ones: `'5m'` (the default) needs no `ttl`, since OpenAI keeps a
 * prefix 30 minutes by default, and `'1h'` becomes the next lifetime OpenAI has, `'12h'`.
 */
export function toOpenAICacheBreakpoint(breakpoint: PromptCacheBreakpoint): OpenAICacheBreakpoint {
  return breakpoint.ttl === '1h' ? { mode: 'explicit', ttl: '12h' } : { mode: 'explicit' };
}
