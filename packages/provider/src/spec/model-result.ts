import type { ToolCallPart } from './message.js';
import type { FinishReason, Usage } from './usage.js';

/** What a model returned for one request. */
export interface ModelResult {
  /** The reply's text (for JSON output, the JSON text). */
  text: string;
  /** Tool calls the model made. */
  toolCalls: ToolCallPart[];
  /** Why the model stopped. */
  finishReason: FinishReason;
  /** Token usage. */
  usage: Usage;
  /** The model id the provider reports having used. */
  model: string;
  /** The provider's raw response body. */
  raw: unknown;
}
