import type { FinishReason, Usage } from './usage.js';

/** A piece of the reply's text. */
export interface TextDeltaEvent {
  type: 'text-delta';
  text: string;
}

/** A complete tool call, emitted once its arguments have arrived. */
export interface ToolCallEvent {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/** A tool's result, sent back to the model (emitted by the tool loop). */
export interface ToolResultEvent {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  output: unknown;
  /** Whether `output` describes an error (invalid input, a throwing tool, an unknown tool). */
  isError: boolean;
}

/** The end of a successful stream. */
export interface FinishEvent {
  type: 'finish';
  finishReason: FinishReason;
  usage: Usage;
  /** The model id the provider reports having used. */
  model: string;
}

/** A failure in the middle of a stream. */
export interface ErrorEvent {
  type: 'error';
  error: unknown;
}

/** A normalised streaming event. */
export type StreamEvent =
  | TextDeltaEvent
  | ToolCallEvent
  | ToolResultEvent
  | FinishEvent
  | ErrorEvent;
