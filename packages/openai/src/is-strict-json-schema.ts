import type { JSONSchema } from '@kagura-ts/provider';

// Keywords whose value is one subschema, or a map or list of subschemas.
const singleSchemaKeywords = ['items', 'additionalItems', 'contains', 'not', 'if', 'then', 'else'];
const schemaListKeywords = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const schemaMapKeywords = ['properties', '$defs', 'definitions', 'patternProperties'];

/**
 * Whether OpenAI's strict structured output can take this schema as it is: the root is an
 * object, and every object schema in it sets `additionalProperties: false` and lists all its
 * properties in `required`. Sending `strict: true` with any other schema is a 400.
 */
export function isStrictJsonSchema(schema: JSONSchema): boolean {
  return schema.type === 'object' && isStrictSubschema(schema);
}

function isStrictSubschema(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  if (Array.isArray(schema)) return schema.every(isStrictSubschema);
  const node = schema as Record<string, unknown>;
  if (isObjectSchema(node) && !isClosedObject(node)) return false;
  for (const keyword of singleSchemaKeywords) {
    if (!isStrictSubschema(node[keyword])) return false;
  }
  for (const keyword of schemaListKeywords) {
    const list = node[keyword];
    if (Array.isArray(list) && !list.every(isStrictSubschema)) return false;
  }
  for (const keyword of schemaMapKeywords) {
    const map = node[keyword];
    if (typeof map === 'object' && map !== null && !Object.values(map).every(isStrictSubschema)) {
      return false;
    }
  }
  return true;
}

function isObjectSchema(node: Record<string, unknown>): boolean {
  const { type } = node;
  return (
    type === 'object' ||
    (Array.isArray(type) && type.includes('object')) ||
    (type === undefined && typeof node.properties === 'object')
  );
}

function isClosedObject(node: Record<string, unknown>): boolean {
  if (node.additionalProperties !== false) return false;
  const properties = Object.keys((node.properties as Record<string, unknown> | undefined) ?? {});
  const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
  return properties.every((name) => required.includes(name));
}
