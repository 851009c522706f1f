import type { FinishReason, Usage } from './usage';

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
export type StreamEvent = TextDeltaEvent | ToolCallEvent | FinishEvent | ErrorEvent;
