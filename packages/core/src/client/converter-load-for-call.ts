import type { JSONSchema, ToolDefinition } from '@kagura-ts/provider';
import { converterLoadFor, type Schema } from '../schema/standard-schema.js';
import { isTool, type Tool } from '../tools/tool.js';

/** What {@link converterLoadForCall} looks at: a call's schema and tools. */
export interface ConvertedParts {
  /** The structured-output schema. */
  schema?: Schema | undefined;
  /** The JSON Schema given for it, if any (then `schema` needs no conversion). */
  jsonSchema?: JSONSchema | undefined;
  /** The tools: executable ones have parameters to convert. */
  tools?: Array<ToolDefinition | Tool> | undefined;
}

/**
 * What a call must wait for before it converts its schema and its tools' parameters
 * synchronously (see {@link converterLoadFor}): `undefined` for every call but the first with a
 * zod 3 or valibot schema in a bundled application, which waits for the converters' `import()`.
 */
export function converterLoadForCall(parts: ConvertedParts): Promise<void> | undefined {
  const { schema, jsonSchema, tools } = parts;
  const load = jsonSchema === undefined ? converterLoadFor(schema) : undefined;
  // Tools that are no list are refused with the call's other options, once this is done.
  if (load !== undefined || !Array.isArray(tools)) return load;
  for (const tool of tools) {
    // A tool defined before the converters could load converts its parameters on first use.
    const toolLoad = isTool(tool) ? converterLoadFor(tool.parameters) : undefined;
    if (toolLoad !== undefined) return toolLoad;
  }
  return undefined;
}
