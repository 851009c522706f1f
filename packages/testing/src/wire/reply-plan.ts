import type { PromptCacheUsage } from './prompt-cache-usage.js';
import type { SimulatorFinishReason } from './simulator-finish-reason.js';

/** A tool call in a planned reply. */
export interface PlannedToolCall {
  /** Id without the provider's prefix (`call_`, `toolu_`). */
  id: string;
  /** The tool name. */
  name: string;
  /** The input as JSON text. */
  arguments: string;
  /** `arguments` split into tokens, one per streamed fragment. */
  argumentTokens: string[];
}

/** What the simulated model answers, before it is written in a provider's wire format. */
export interface ReplyPlan {
  /** The reply text as tokens (possibly none). */
  textTokens: string[];
  /** Tool calls after the text. */
  toolCalls: PlannedToolCall[];
  /** Why the reply ended. */
  finishReason: SimulatorFinishReason;
  /** The stop sequence that ended the reply, if one did. */
  stopSequence: string | null;
  /** Tokens in the prompt, cached or not. */
  promptTokens: number;
  /** How many of `promptTokens` the prompt cache read and wrote. */
  promptCache: PromptCacheUsage;
  /** Tokens in the reply (text and tool-call arguments). */
  completionTokens: number;
}
