import type { JSONSchema } from './json-schema.js';
import type { Message } from './message.js';
import type { PromptCacheRequest } from './prompt-cache.js';

/** The format the reply should take. */
export type ResponseFormat =
  | { type: 'text' }
  | {
      type: 'json';
      /** The JSON Schema the reply must satisfy; without it, any JSON object. */
      schema?: JSONSchema;
      /** A name for the schema (providers require one). @default 'response' */
      name?: string;
      /** What the object is, to guide the model. */
      description?: string;
    };

/** A tool the model may call. */
export interface ToolDefinition {
  /** The tool's name, as the model will call it. */
  name: string;
  /** What the tool does, for the model. */
  description?: string;
  /** JSON Schema of the tool's arguments. */
  inputSchema: JSONSchema;
}

/** Whether and which tool the model must call. */
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; toolName: string };

/**
 * One normalised request to a model: everything that affects the reply, and nothing that
 * does not (no keys, no retry settings).
 */
export interface ModelRequest {
  /** The conversation, system messages included. */
  messages: Message[];
  /** Sampling temperature. */
  temperature?: number;
  /** Nucleus sampling. */
  topP?: number;
  /** The most tokens to generate. */
  maxTokens?: number;
  /** Sequences that end generation. */
  stop?: string[];
  /** Seed for providers that support reproducible sampling. */
  seed?: number;
  /** Text (default) or JSON, optionally constrained by a schema. */
  responseFormat?: ResponseFormat;
  /** Tools the model may call. */
  tools?: ToolDefinition[];
  /** Whether and which tool the model must call. */
  toolChoice?: ToolChoice;
  /** Provider-specific options, keyed by provider name: `{ openai: { user: 'u1' } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** The provider's prompt cache: breakpoints and a routing key. Without it, none is used. */
  promptCache?: PromptCacheRequest;
}

/** Per-call transport settings: they never change the reply. */
export interface TransportOptions {
  /** Cancels the HTTP request. */
  abortSignal?: AbortSignal;
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
}
