import type { SimulatorMessage } from './simulator-message.js';
import type { SimulatorTool } from './simulator-tool.js';

/**
 * What a wire format reads of a chat request for rules and fault matchers: everything of
 * `SimulatorRequestInfo` but the `api`, which the simulator adds from the format that parsed it.
 */
export interface ParsedRequestInfo {
  /** The requested model id. */
  model: string;
  /** System (and OpenAI developer) text joined with newlines; `''` when there is none. */
  system: string;
  /** The conversation messages, without system messages. */
  messages: SimulatorMessage[];
  /** The text of the last user message (rules match against it); `''` when there is none. */
  lastUserText: string;
  /** The tools offered. */
  tools: SimulatorTool[];
  /** Whether a stream was requested. */
  stream: boolean;
  /** `max_tokens` (or OpenAI `max_completion_tokens`), when given. */
  maxTokens: number | undefined;
  /** The parsed request body as sent. */
  body: Record<string, unknown>;
}
