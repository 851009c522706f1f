import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { isStandardSchema, type Schema, toJSONSchema } from '../schema/standard-schema.js';
import type { JSONSchema } from '../spec/json-schema.js';
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
  return { name, description, parameters, inputSchema, execute };
}
