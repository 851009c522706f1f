import type { FinishReason, ToolCallPart, ToolResultPart, Usage } from '@kagura-ts/provider';
import type { CacheInfo } from './cache-info.js';
import type { Cost } from './cost.js';

/** The result of `callLLM`. `OBJECT` is the validated structured output when a schema was given. */
export interface LLMResponse<OBJECT = undefined> {
  /** The reply's text (for structured output, the raw JSON). */
  text: string;
  /** The validated structured output; `undefined` without a schema. */
  object: OBJECT;
  /** Tool calls the model made. */
  toolCalls: ToolCallPart[];
  /** Why the model stopped. */
  finishReason: FinishReason;
  /** Token usage. */
  usage: Usage;
  /** The provider that answered, e.g. `'openai'`. */
  provider: string;
  /** The model id the provider reports having used. */
  model: string;
  /** The provider's raw response body (`undefined` for streams and cache hits). */
  raw: unknown;
  /** How the call used the response cache: status, key, and a hit's age. */
  cache: CacheInfo;
  /**
   * What the call cost at list prices (the client's `prices` table): billed, or for an answer
   * from the cache, saved. A tool loop's is the sum over its turns.
   */
  cost: Cost;
  /** The model turns of a tool loop, in order (calls and streams with executable tools). */
  steps?: ToolStep[];
}

/** One model turn of a tool loop: what the model said and called, and what the tools returned. */
export interface ToolStep {
  text: string;
  toolCalls: ToolCallPart[];
  toolResults: ToolResultPart[];
  finishReason: FinishReason;
  usage: Usage;
  /** What the turn cost (see {@link LLMResponse.cost}). */
  cost: Cost;
}
