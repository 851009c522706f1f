import type { JSONSchema, ResponseFormat, ToolChoice, ToolDefinition } from '@kagura-ts/provider';
import type { Tool } from '../tools/tool.js';
import type { PromptCacheOption } from './prompt-cache-option.js';

/**
 * Settings that shape a call's reply. Set them on the client (as defaults), on an agent, or
 * per call; the more specific one wins, field by field.
 */
export interface LLMConfig {
  /**
   * The model, as `'provider:model'` (`'openai:gpt-4o-mini'`, `'ollama:llama3.2'`) or a bare
   * name a configured provider recognises (`'gpt-4o-mini'`, `'claude-haiku-4-5'`).
   */
  model?: string;
  /** A system instruction, sent before the messages. */
  system?: string;
  /** Sampling temperature, 0 to 2. */
  temperature?: number;
  /** Nucleus sampling, 0 to 1. */
  topP?: number;
  /** The most tokens to generate (a positive integer). */
  maxTokens?: number;
  /** One or more sequences that end generation. */
  stop?: string | string[];
  /** Seed for providers that support reproducible sampling. */
  seed?: number;
  /** Text (default) or JSON. Set automatically when `schema` is given. */
  responseFormat?: ResponseFormat;
  /**
   * Tools the model may call. Executable tools (`defineTool`, `@tool`) make the client run the
   * tool loop; bare definitions are only described to the model (its calls come back in
   * `response.toolCalls`).
   */
  tools?: Array<ToolDefinition | Tool>;
  /** The most model calls a tool loop makes before `MaxStepsError`. @default 5 */
  maxSteps?: number;
  /** How many tool calls of one turn run at once. @default 8 */
  toolConcurrency?: number;
  /** Whether and which tool the model must call. */
  toolChoice?: ToolChoice;
  /** Provider-specific options, keyed by provider name: `{ openai: { user: 'u1' } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /**
   * The provider's prompt cache, which bills a repeated prompt prefix at a fraction of the input
   * rate: breakpoints placed automatically where the prefix is stable (Anthropic), a routing key
   * per tenant and agent (OpenAI), or only breakpoints placed by hand, or nothing.
   * @default 'auto'
   */
  promptCache?: PromptCacheOption;
}

/** Names for a structured-output schema, sent to the provider. */
export interface SchemaOptions {
  /**
   * The JSON Schema to send, for validators that cannot convert themselves
   * (zod 4 and other Standard JSON Schema validators can).
   */
  jsonSchema?: JSONSchema;
  /** The schema's name, for the provider. @default 'response' */
  schemaName?: string;
  /** What the object is, to guide the model. */
  schemaDescription?: string;
}
