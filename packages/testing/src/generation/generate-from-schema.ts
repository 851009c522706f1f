import { isRecord } from '@kagura-ts/provider';
import type { Rng } from '../util/create-rng.js';
import { generateFormattedString } from './generate-formatted-string.js';
import { generateWords } from './generate-text.js';

type SchemaObject = Record<string, unknown>;

interface GenerateContext {
  root: unknown;
  rng: Rng;
  depth: number;
}

// Past this depth optional properties are skipped and arrays shrink to minItems, so recursive
// schemas ($ref to '#') terminate; past the hard limit we give up and return null.
const OPTIONAL_DEPTH = 4;
const HARD_DEPTH = 32;

/**
 * Generates a deterministic value that satisfies a JSON Schema, for simulated structured output.
 * Handles object (properties, required, additionalProperties), string (enum, const, format
 * date-time/date/time/email/uri/uuid, minLength, maxLength), number and integer (minimum, maximum,
 * exclusive bounds, multipleOf), boolean, null, array (items, prefixItems, minItems, maxItems),
 * enum, const, anyOf/oneOf (the first non-null branch), allOf (merged), `type` arrays and `$ref`
 * to `$defs`/`definitions`. `pattern` is not honoured.
 *
 * @example
 * ```ts
 * generateFromSchema({ type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] }, createRng(1));
 * // { n: 37 }
 * ```
 */
export function generateFromSchema(schema: unknown, rng: Rng): unknown {
  return generate(schema, { root: schema, rng, depth: 0 });
}

function generate(schema: unknown, context: GenerateContext): unknown {
  if (context.depth > HARD_DEPTH) return null;
  if (!isRecord(schema)) return schema === false ? null : generateWords(context.rng, 2);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return context.rng.pick(schema.enum);
  const deeper = { ...context, depth: context.depth + 1 };
  if (typeof schema.$ref === 'string')
    return generate(resolveReference(schema.$ref, context.root), deeper);
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length > 0) {
    const branch = branches.find((candidate) => !isNullSchema(candidate)) ?? branches[0];
    return generate(branch, deeper);
  }
  if (Array.isArray(schema.allOf)) return generate(mergeAll(schema, context.root), deeper);
  switch (pickType(schema)) {
    case 'object':
      return generateObject(schema, deeper);
    case 'array':
      return generateArray(schema, deeper);
    case 'integer':
      return generateNumber(schema, context.rng, true);
    case 'number':
      return generateNumber(schema, context.rng, false);
    case 'boolean':
      return context.rng.next() < 0.5;
    case 'null':
      return null;
    default:
      return generateString(schema, context.rng);
  }
}

function isNullSchema(schema: unknown): boolean {
  return isRecord(schema) && schema.type === 'null';
}

function pickType(schema: SchemaObject): string {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) {
    return schema.type.find((type) => type !== 'null') ?? schema.type[0] ?? 'null';
  }
  if ('properties' in schema || 'required' in schema || 'additionalProperties' in schema) {
    return 'object';
  }
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  if ('minimum' in schema || 'maximum' in schema) return 'number';
  return 'string';
}

function resolveReference(reference: string, root: unknown): unknown {
  if (!reference.startsWith('#')) return {};
  let target: unknown = root;
  for (const part of reference.slice(1).split('/')) {
    if (part === '') continue;
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    target = isRecord(target) ? target[key] : undefined;
  }
  return target ?? {};
}

function mergeAll(schema: SchemaObject, root: unknown): SchemaObject {
  const { allOf, ...rest } = schema;
  const merged: SchemaObject = { ...rest };
  const properties: SchemaObject = isRecord(rest.properties) ? { ...rest.properties } : {};
  const required = new Set<unknown>(Array.isArray(rest.required) ? rest.required : []);
  for (const part of allOf as unknown[]) {
    let resolved = part;
    if (isRecord(part) && typeof part.$ref === 'string')
      resolved = resolveReference(part.$ref, root);
    if (!isRecord(resolved)) continue;
    Object.assign(merged, resolved);
    if (isRecord(resolved.properties)) Object.assign(properties, resolved.properties);
    if (Array.isArray(resolved.required)) for (const key of resolved.required) required.add(key);
  }
  merged.properties = properties;
  merged.required = [...required];
  return merged;
}

function generateObject(schema: SchemaObject, context: GenerateContext): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((key): key is string => typeof key === 'string')
    : [];
  const includeOptional = context.depth <= OPTIONAL_DEPTH;
  const result: Record<string, unknown> = {};
  for (const [key, propertySchema] of Object.entries(properties)) {
    if (includeOptional || required.includes(key)) result[key] = generate(propertySchema, context);
  }
  for (const key of required) {
    if (key in result) continue;
    const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : {};
    result[key] = generate(extra, context);
  }
  return result;
}

function generateArray(schema: SchemaObject, context: GenerateContext): unknown[] {
  const prefix = Array.isArray(schema.prefixItems)
    ? schema.prefixItems
    : Array.isArray(schema.items)
      ? schema.items
      : [];
  const itemSchema = Array.isArray(schema.items) ? undefined : schema.items;
  const minItems = typeof schema.minItems === 'number' ? schema.minItems : 0;
  let maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(minItems, 3);
  // `items: false` forbids anything past the tuple prefix.
  if (schema.items === false) maxItems = Math.min(maxItems, prefix.length);
  const wanted = context.depth > OPTIONAL_DEPTH ? minItems : context.rng.integer(1, 3);
  const count = Math.min(Math.max(wanted, minItems, prefix.length), maxItems);
  const result: unknown[] = [];
  for (let index = 0; index < count; index++) {
    result.push(generate(index < prefix.length ? prefix[index] : (itemSchema ?? {}), context));
  }
  return result;
}

function generateNumber(schema: SchemaObject, rng: Rng, integer: boolean): number {
  const step = integer ? 1 : 0.01;
  let minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  let maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  if (typeof schema.exclusiveMinimum === 'number') minimum = schema.exclusiveMinimum + step;
  if (typeof schema.exclusiveMaximum === 'number') maximum = schema.exclusiveMaximum - step;
  const low = minimum ?? (maximum === undefined ? 0 : maximum - 100);
  const high = Math.max(low, maximum ?? low + 100);
  const multipleOf = typeof schema.multipleOf === 'number' ? schema.multipleOf : undefined;
  if (multipleOf !== undefined && multipleOf > 0) {
    const first = Math.ceil(low / multipleOf);
    const last = Math.max(first, Math.floor(high / multipleOf));
    return rng.integer(first, last) * multipleOf;
  }
  if (integer) return rng.integer(Math.ceil(low), Math.max(Math.ceil(low), Math.floor(high)));
  const value = Math.round((low + rng.next() * (high - low)) * 100) / 100;
  return Math.min(Math.max(value, low), high);
}

function generateString(schema: SchemaObject, rng: Rng): string {
  const formatted =
    typeof schema.format === 'string' ? generateFormattedString(schema.format, rng) : undefined;
  if (formatted !== undefined) return formatted;
  let text = generateWords(rng, rng.integer(1, 3));
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  while (text.length < minLength) text += ` ${generateWords(rng, 1)}`;
  if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
  return text;
}
