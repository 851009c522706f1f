import type { JSONSchema, ResponseFormat } from '@kagura-ts/provider';
import { type Schema, toJSONSchema } from './standard-schema.js';

/** What a structured-output call asks for: its schema, and how to name it to the provider. */
export interface JsonResponseFormatOptions {
  schema: Schema;
  /** The JSON Schema to send instead of converting `schema`. */
  jsonSchema?: JSONSchema | undefined;
  /** @default 'response' */
  schemaName?: string | undefined;
  schemaDescription?: string | undefined;
}

/** The JSON response format of a structured-output call (its schema converted to JSON Schema). */
export function jsonResponseFormat(options: JsonResponseFormatOptions): ResponseFormat {
  return {
    type: 'json',
    schema: toJSONSchema(options.schema, options.jsonSchema),
    name: options.schemaName ?? 'response',
    description: options.schemaDescription,
  };
}
