import type { JSONSchema } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import type { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec';
import {
  type JsonSchemaConverterName,
  loadJsonSchemaConverter,
} from './load-json-schema-converter.js';

const converterOptions: Record<JsonSchemaConverterName, Record<string, unknown>> = {
  zodToJsonSchema: {
    target: 'jsonSchema7',
    // A schema used twice becomes a `$ref` to its first place, so recursive schemas work.
    $refStrategy: 'root',
    pipeStrategy: 'input',
    effectStrategy: 'input',
  },
  toJsonSchema: { target: 'draft-07', typeMode: 'input', errorMode: 'throw' },
};

/**
 * Converts a validator to the JSON Schema (draft-07, without `$schema`) sent to providers:
 *
 * - a validator implementing Standard JSON Schema (`~standard.jsonSchema`: zod 4.2 or later,
 *   arktype 2, ...) converts itself, describing its output type;
 * - a zod 3 schema (zod 3.24 or later, and the default export of zod 3.25) goes through the
 *   bundled zod-to-json-schema;
 * - a valibot schema goes through the bundled @valibot/to-json-schema.
 *
 * The bundled converters describe the input side of transforms and pipes: what the model must
 * write for the schema to accept it.
 *
 * @throws {InvalidArgumentError} for any other validator, for zod 4 before 4.2 (no Standard
 * JSON Schema yet), and for a valibot schema with parts JSON Schema cannot express.
 */
export function convertToJSONSchema(schema: StandardSchemaV1): JSONSchema {
  const props = propsOf(schema);
  const { vendor } = props;
  if (props.jsonSchema !== undefined) {
    const { jsonSchema } = props;
    return convertWith(
      vendor,
      schema,
      () => jsonSchema.output({ target: 'draft-07' }) as Record<string, unknown>,
      {},
    );
  }
  const converter = bundledConverterFor(schema);
  if (converter !== undefined) {
    return convertWith(vendor, schema, loadJsonSchemaConverter(converter), {
      ...converterOptions[converter],
    });
  }
  if (vendor === 'zod' && '_zod' in schema) {
    throw new InvalidArgumentError({
      argument: 'schema',
      value: schema,
      message:
        'this zod 4 schema cannot describe itself as JSON Schema: zod added that in 4.2 (this is ' +
        "zod 4.0 or 4.1, or 'zod/v4' inside zod 3.25). Upgrade zod to 4.2 or later, or pass the " +
        'JSON Schema too, as the `jsonSchema` option (e.g. `z.toJSONSchema(schema)`).',
    });
  }
  throw new InvalidArgumentError({
    argument: 'schema',
    value: vendor,
    message:
      `the ${vendor} schema cannot describe itself as JSON Schema (it does not implement ` +
      'Standard JSON Schema). Pass the JSON Schema too, as the `jsonSchema` option.',
  });
}

/**
 * The bundled converter {@link convertToJSONSchema} takes for `schema`: zod-to-json-schema for a
 * zod 3 schema, @valibot/to-json-schema for a valibot one; `undefined` for a schema that needs
 * none (it describes itself, or cannot be converted at all).
 */
export function bundledConverterFor(schema: StandardSchemaV1): JsonSchemaConverterName | undefined {
  const { vendor, jsonSchema } = propsOf(schema);
  if (jsonSchema !== undefined) return undefined;
  // zod 4 schemas have a `_def` too, and `_zod` besides.
  if (vendor === 'zod')
    return '_def' in schema && !('_zod' in schema) ? 'zodToJsonSchema' : undefined;
  return vendor === 'valibot' ? 'toJsonSchema' : undefined;
}

function propsOf(
  schema: StandardSchemaV1,
): StandardSchemaV1.Props & Partial<StandardJSONSchemaV1.Props> {
  return schema['~standard'] as StandardSchemaV1.Props & Partial<StandardJSONSchemaV1.Props>;
}

function convertWith(
  vendor: string,
  schema: StandardSchemaV1,
  converter: (schema: unknown, options: Record<string, unknown>) => Record<string, unknown>,
  options: Record<string, unknown>,
): JSONSchema {
  let converted: Record<string, unknown>;
  try {
    converted = converter(schema, options);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'schema',
      value: schema,
      message:
        `the ${vendor} schema cannot be converted to JSON Schema (${(error as Error).message}). ` +
        'Pass the JSON Schema too, as the `jsonSchema` option.',
    });
  }
  return withoutDialect(converted);
}

function withoutDialect(converted: Record<string, unknown>): JSONSchema {
  const { $schema: _ignored, ...rest } = converted;
  return rest;
}
