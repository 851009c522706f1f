import type { SimulatorFinishReason } from '../wire/simulator-finish-reason.js';
import type { SimulatorRequestInfo } from './simulator-request-info.js';

/**
 * Selects requests: a string matches when the last user message contains it, a RegExp when it
 * matches the last user message, a function when it returns true.
 */
export type RequestMatcher = string | RegExp | ((request: SimulatorRequestInfo) => boolean);

/** A tool call a rule makes the simulated model emit. */
export interface ScriptedToolCall {
  /** The tool name. */
  name: string;
  /** The arguments, sent as JSON (OpenAI `arguments` string, Anthropic `input` object). */
  input: unknown;
}

/** Scripts the reply to the requests it matches. The first matching rule wins. */
export interface SimulatorRule {
  /** Which requests the rule answers. */
  match: RequestMatcher;
  /**
   * The reply text, sent as is (it overrides structured output, so a test can send invalid JSON on
   * purpose). Without it the reply is generated text, or no text when `toolCalls` are given.
   */
  reply?: string | ((request: SimulatorRequestInfo) => string);
  /** Tool calls to emit after the text. */
  toolCalls?: ScriptedToolCall[];
  /**
   * The finish reason to report.
   * @default 'tool-calls' with tool calls, 'length' when truncated by max tokens, else 'stop'
   */
  finishReason?: SimulatorFinishReason;
  /**
   * How many requests the rule answers before it is used up.
   * @default Infinity
   */
  times?: number;
}
