import type { JSONSchema } from '@kagura-ts/provider';
import { InvalidArgumentError } from '@kagura-ts/provider';
import {
  converterLoadFor,
  isStandardSchema,
  type Schema,
  toJSONSchema,
} from '../schema/standard-schema.js';
import type { Tool, ToolContext } from './tool.js';

/** Options for {@link defineTool}. */
export interface DefineToolOptions<INPUT, OUTPUT> {
  /** The name the model calls it by (letters, digits, `_` and `-`, at most 64). */
  name: string;
  /** What it does and when to use it, for the model. */
  description?: string;
  /** Its input: a Standard Schema validator (zod, valibot, ...) or a plain JSON Schema. */
  parameters: Schema<INPUT> | JSONSchema;
  /** Runs the tool. Its input is validated first; what it returns goes back to the model. */
  execute: (input: INPUT, context: ToolContext) => OUTPUT | Promise<OUTPUT>;
}

const namePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Creates a tool the model can call. Give it to a call or an agent in `tools`; the client then
 * runs the tool loop: the model's calls are validated, executed (in parallel), and their
 * results sent back, until the model answers.
 *
 * Its parameters are converted to JSON Schema at once, and an invalid name, function or schema
 * throws here. One exception: in a bundled application, zod 3 and valibot parameters wait for
 * the converters' `import()` and are converted on first use (see `loadJsonSchemaConverters`).
 *
 * @example
 * ```ts
 * const add = defineTool({
 *   name: 'add',
 *   description: 'Adds two numbers',
 *   parameters: z.object({ a: z.number(), b: z.number() }),
 *   execute: ({ a, b }) => a + b,
 * });
 * const { text } = await callLLM('What is 2 + 3?', { tools: [add] });
 * ```
 */
export function defineTool<INPUT, OUTPUT>(
  options: DefineToolOptions<INPUT, OUTPUT>,
): Tool<INPUT, OUTPUT> {
  const { name, description, parameters, execute } = options;
  if (typeof name !== 'string' || !namePattern.test(name)) {
    throw new InvalidArgumentError({
      argument: 'tool.name',
      value: name,
      message: `'${String(name)}' is not a valid tool name: use 1 to 64 letters, digits, '_' or '-'.`,
    });
  }
  if (typeof execute !== 'function') {
    throw new InvalidArgumentError({
      argument: `tool '${name}'.execute`,
      value: execute,
      message: 'expected a function that runs the tool.',
    });
  }
  if (converterLoadFor(parameters) !== undefined) {
    // A bundled application, where only `import()` loads the converters (started just now): the
    // parameters are converted on first use, and the tool loop waits for the converters first.
    // A schema that cannot be converted still throws there, before any request.
    let converted: JSONSchema | undefined;
    return {
      name,
      description,
      parameters,
      get inputSchema() {
        converted ??= toJSONSchema(parameters as Schema<INPUT>);
        return converted;
      },
      execute,
    };
  }
  const inputSchema = isStandardSchema(parameters)
    ? toJSONSchema(parameters)
    : (parameters as JSONSchema);
  if (typeof inputSchema !== 'object' || inputSchema === null) {
    throw new InvalidArgumentError({
      argument: `tool '${name}'.parameters`,
      value: parameters,
      message: 'expected a Standard Schema validator or a JSON Schema object.',
    });
  }
  return { name, description, parameters, inputSchema: copiedSchema(inputSchema), execute };
}

// A copy, so the tool keeps the schema it was defined with, in its own key order (the order
// requests send it in: a model may write an object's properties in schema order).
// A schema that is not plain JSON is kept as it is: the request refuses it, naming it.
function copiedSchema(schema: JSONSchema): JSONSchema {
  try {
    return JSON.parse(JSON.stringify(schema)) as JSONSchema;
  } catch {
    return schema;
  }
}
