import type { JSONSchema, Message } from '@kagura-ts/provider';
import type { Schema } from '../schema/standard-schema.js';

/** What a tool's `execute` receives besides its input. */
export interface ToolContext {
  /** Aborts when the call is cancelled: stop work and return. */
  abortSignal: AbortSignal;
  /** The model's id for this call. */
  toolCallId: string;
  /** The conversation so far, up to the model's tool call. */
  messages: readonly Message[];
}

/** A function the model can call, with its schema, run by the client's tool loop. */
export interface Tool<INPUT = unknown, OUTPUT = unknown> {
  /** The name the model calls it by (letters, digits, `_` and `-`, at most 64). */
  readonly name: string;
  /** What it does and when to use it, for the model. */
  readonly description: string | undefined;
  /** A Standard Schema validator or a plain JSON Schema, as given. */
  readonly parameters: Schema<INPUT> | JSONSchema;
  /** The JSON Schema sent to the provider. */
  readonly inputSchema: JSONSchema;
  /** Runs the tool with validated input; what it returns goes back to the model as JSON. */
  execute(input: INPUT, context: ToolContext): OUTPUT | Promise<OUTPUT>;
}

/** Whether `value` is an executable {@link Tool} rather than a bare definition. */
export function isTool(value: unknown): value is Tool {
  return (
    typeof value === 'object' && value !== null && typeof (value as Tool).execute === 'function'
  );
}
