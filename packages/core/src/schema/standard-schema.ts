import type { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { JSONSchema } from '../spec/json-schema.js';

/** Any Standard Schema v1 validator: zod, valibot, arktype, effect schema, ... */
export type Schema<Output = unknown> = StandardSchemaV1<unknown, Output>;

/** The type a schema validates to. */
export type InferSchema<S extends Schema> = StandardSchemaV1.InferOutput<S>;

/** Whether `value` implements Standard Schema v1. */
export function isStandardSchema(value: unknown): value is Schema {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as { '~standard'?: { version?: unknown; validate?: unknown } })['~standard'];
  return props?.version === 1 && typeof props.validate === 'function';
}

/**
 * The JSON Schema to send to the provider for `schema`: the explicit `jsonSchema` if given,
 * else the validator's own Standard JSON Schema converter (zod 4, arktype, ...).
 */
export function toJSONSchema(schema: Schema, jsonSchema?: JSONSchema): JSONSchema {
  if (jsonSchema !== undefined) return jsonSchema;
  const converter = (schema['~standard'] as Partial<StandardJSONSchemaV1.Props>).jsonSchema;
  if (converter === undefined) {
    const vendor = schema['~standard'].vendor;
    throw new InvalidArgumentError({
      argument: 'schema',
      value: vendor,
      message:
        `the ${vendor} schema cannot describe itself as JSON Schema (it does not implement ` +
        'Standard JSON Schema). Pass the JSON Schema too, as the `jsonSchema` option.',
    });
  }
  const { $schema: _ignored, ...rest } = converter.output({ target: 'draft-07' });
  return rest;
}

/** Validates `value` with `schema`; returns the typed value or the issues. */
export async function validateWithSchema<Output>(
  schema: Schema<Output>,
  value: unknown,
): Promise<StandardSchemaV1.Result<Output>> {
  return schema['~standard'].validate(value);
}
