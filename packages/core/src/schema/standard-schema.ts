import type { JSONSchema } from '@kagura-ts/provider';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { bundledConverterFor, convertToJSONSchema } from './convert-to-json-schema.js';
import {
  findJsonSchemaConverter,
  pendingJsonSchemaConverters,
} from './load-json-schema-converter.js';

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

// Schemas are immutable (zod, valibot and arktype return new ones from every method), so each is
// converted once; callers get a copy, free to change.
const converted = new WeakMap<Schema, JSONSchema>();

/**
 * The JSON Schema to send to the provider for `schema`: the explicit `jsonSchema` if given, else
 * the validator's conversion. zod 3 and 4, valibot and arktype work out of the box: validators
 * implementing Standard JSON Schema (zod 4.2 or later, arktype) convert themselves; zod 3 and
 * valibot schemas go through converters bundled with Kagura, loaded on first use. In a bundled
 * application, `await loadJsonSchemaConverters()` once before converting those two here
 * (calls, streams and the tool loop do it themselves).
 *
 * @throws {InvalidArgumentError} when the validator cannot be converted: pass `jsonSchema`.
 * @example
 * toJSONSchema(z.object({ city: z.string() })); // { type: 'object', properties: { city: { type: 'string' } }, ... }
 */
export function toJSONSchema(schema: Schema, jsonSchema?: JSONSchema): JSONSchema {
  if (jsonSchema !== undefined) return jsonSchema;
  let result = converted.get(schema);
  if (result === undefined) {
    result = convertToJSONSchema(schema);
    converted.set(schema, result);
  }
  return structuredClone(result);
}

/**
 * What to wait for before `toJSONSchema(value)` can convert without loading anything:
 * `undefined` (nothing, so a caller adds no `await`) unless `value` is a zod 3 or valibot schema
 * and `require` cannot load the bundled converters (a bundled application that has not loaded
 * them yet); then their `import()`. It may still throw afterwards, for a schema that cannot be
 * converted.
 */
export function converterLoadFor(value: unknown): Promise<void> | undefined {
  if (!isStandardSchema(value) || converted.has(value)) return undefined;
  const converter = bundledConverterFor(value);
  if (converter === undefined || findJsonSchemaConverter(converter) !== undefined) return undefined;
  return pendingJsonSchemaConverters();
}

/** Validates `value` with `schema`; returns the typed value or the issues. */
export async function validateWithSchema<Output>(
  schema: Schema<Output>,
  value: unknown,
): Promise<StandardSchemaV1.Result<Output>> {
  return schema['~standard'].validate(value);
}
