import type { ParsedRequestInfo } from './parsed-request-info.js';
import type { PromptCachePolicy } from './prompt-cache-policy.js';
import type { PromptSegment } from './prompt-segment.js';
import type { SimulatorTool } from './simulator-tool.js';

/**
 * A chat request reduced to what the simulator needs to plan its reply, whichever wire format it
 * came in. A format's `parseRequest` returns it with a {@link ParsedRequestInfo}; the simulator
 * then adds the `api` (`Info` = `SimulatorRequestInfo`).
 */
export interface ParsedRequest<Info extends ParsedRequestInfo = ParsedRequestInfo> {
  /** What rules and fault matchers see. */
  info: Info;
  /** JSON Schema the reply text must satisfy (OpenAI `json_schema`, Anthropic `output_config`). */
  outputSchema: unknown;
  /** Whether the reply text must be a JSON object (OpenAI `json_object`). */
  jsonObject: boolean;
  /** The tool a `tool_choice` forces the model to call. */
  forcedTool: SimulatorTool | undefined;
  /** Stop sequences (OpenAI `stop`, Anthropic `stop_sequences`). */
  stopSequences: string[];
  /** Whether a stream ends with a usage chunk (OpenAI `stream_options.include_usage`). */
  includeUsage: boolean;
  /** Text naming the request's content; its hash seeds the reply. */
  contentKey: string;
  /**
   * The prompt piece by piece, in the order the provider caches it (tools, system, messages): its
   * tokens are the reply's prompt tokens, and its prefixes are what the prompt cache keeps.
   * @default undefined (counted from `info`: system, messages and tools)
   */
  prompt?: PromptSegment[];
  /**
   * How the provider caches the prompt's prefixes.
   * @default undefined (the format models no prompt caching)
   */
  promptCache?: PromptCachePolicy;
}
