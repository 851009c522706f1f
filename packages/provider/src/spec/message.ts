import type { PromptCacheBreakpoint } from './prompt-cache.js';

/** A plain text part of a message. */
export interface TextPart {
  type: 'text';
  text: string;
}

/** An image in a user message: a URL, a `data:` URL, or raw bytes. */
export interface ImagePart {
  type: 'image';
  /** An `https:` or `data:` URL, or the image bytes. */
  image: string | Uint8Array;
  /** The media type, e.g. `'image/png'`. Required for bytes. */
  mediaType?: string;
}

/** A tool call made by the model, as part of an assistant message. */
export interface ToolCallPart {
  type: 'tool-call';
  /** The provider's id for this call, echoed back in the matching result. */
  toolCallId: string;
  /** The tool's name. */
  toolName: string;
  /** The arguments, parsed from JSON. */
  input: unknown;
}

/** The result of running a tool, sent back to the model in a `tool` message. */
export interface ToolResultPart {
  type: 'tool-result';
  /** The id of the tool call this answers. */
  toolCallId: string;
  /** The tool's name. */
  toolName: string;
  /** What the tool returned (serialised to JSON for the model). */
  output: unknown;
  /** Whether `output` describes an error the tool raised. */
  isError?: boolean;
}

/** A system instruction. */
export interface SystemMessage {
  role: 'system';
  content: string;
  /**
   * A prompt-cache breakpoint after this message, placed by hand: the provider caches the
   * prompt up to here (see `promptCache` in the call options). Kept as given, ahead of the
   * automatic ones.
   */
  cacheBreakpoint?: PromptCacheBreakpoint;
}

/** What the user said. */
export interface UserMessage {
  role: 'user';
  content: string | Array<TextPart | ImagePart>;
  /**
   * A prompt-cache breakpoint after this message, placed by hand: the provider caches the
   * prompt up to here (see `promptCache` in the call options). Kept as given, ahead of the
   * automatic ones.
   */
  cacheBreakpoint?: PromptCacheBreakpoint;
}

/** What the model said earlier, text and tool calls. */
export interface AssistantMessage {
  role: 'assistant';
  content: string | Array<TextPart | ToolCallPart>;
  /**
   * A prompt-cache breakpoint after this message, placed by hand: the provider caches the
   * prompt up to here (see `promptCache` in the call options). Kept as given, ahead of the
   * automatic ones.
   */
  cacheBreakpoint?: PromptCacheBreakpoint;
}

/** Tool results answering the assistant's tool calls. */
export interface ToolMessage {
  role: 'tool';
  content: ToolResultPart[];
  /**
   * A prompt-cache breakpoint after this message, placed by hand: the provider caches the
   * prompt up to here (see `promptCache` in the call options). Kept as given, ahead of the
   * automatic ones.
   */
  cacheBreakpoint?: PromptCacheBreakpoint;
}

/** A normalised, provider-agnostic message. */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
