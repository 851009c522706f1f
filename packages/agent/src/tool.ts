import 'reflect-metadata';
import {
  defineTool,
  type JSONSchema,
  type Schema,
  type Tool,
  type ToolContext,
} from '@kagura-ts/core';

const metadataKey = Symbol.for('kagura.tools');

/** Options of `@tool`. */
export interface ToolOptions<INPUT> {
  /** The name the model calls it by. @default the method's name */
  name?: string;
  /** What it does and when to use it, for the model. */
  description?: string;
  /** Its input: a Standard Schema validator (zod, valibot, ...) or a plain JSON Schema. */
  parameters: Schema<INPUT> | JSONSchema;
}

interface ToolRecord {
  name: string;
  description: string | undefined;
  parameters: Schema | JSONSchema;
  propertyKey: string | symbol;
}

// biome-ignore lint/suspicious/noExplicitAny: a tool may return anything JSON can carry.
type ToolMethod<INPUT> = (input: INPUT, context: ToolContext) => any;

/** A legacy method decorator that checks the method's input against the tool's schema. */
export type ToolDecorator<INPUT> = <METHOD extends ToolMethod<INPUT>>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<METHOD>,
) => void;

/**
 * Declares a method as a tool agents can call. The method receives the validated input and a
 * context with the abort `signal`. Agents of the same class name it in `tools: ['name']`.
 *
 * @example
 * ```ts
 * class Assistant {
 *   @tool({ description: 'Adds two numbers', parameters: z.object({ a: z.number(), b: z.number() }) })
 *   add({ a, b }: { a: number; b: number }): number {
 *     return a + b;
 *   }
 *
 *   @agent({ tools: ['add'] })
 *   solve(question: string): Promise<string> {
 *     return prompt`{{ question }}`;
 *   }
 * }
 * ```
 */
export function tool<INPUT>(
  options: ToolOptions<INPUT> & { parameters: Schema<INPUT> },
): ToolDecorator<INPUT>;
// A plain JSON Schema says nothing about types: the method's own input type is taken as is.
export function tool(
  options: ToolOptions<never> & { parameters: JSONSchema },
): ToolDecorator<never>;
export function tool(options: ToolOptions<unknown>): ToolDecorator<never> {
  return (target, propertyKey, descriptor) => {
    if (typeof descriptor.value !== 'function') {
      throw new TypeError(
        `@tool can only decorate a method, but ${String(propertyKey)} is not one.`,
      );
    }
    const name = options.name ?? String(propertyKey);
    // Checks the name and schema when the class is defined, not at the first call.
    defineTool({
      name,
      description: options.description,
      parameters: options.parameters,
      execute: () => undefined,
    });
    const own: ToolRecord[] = Reflect.getOwnMetadata(metadataKey, target) ?? [];
    Reflect.defineMetadata(
      metadataKey,
      [
        ...own,
        { name, description: options.description, parameters: options.parameters, propertyKey },
      ],
      target,
    );
  };
}

/**
 * The tools declared with `@tool` on an instance's class (inherited ones included), bound to
 * the instance, ready for `tools: [...]` of any call or agent.
 */
export function getTools(instance: object): Tool[] {
  const byName = new Map<string, Tool>();
  let prototype: object | null = Object.getPrototypeOf(instance);
  while (prototype !== null && prototype !== Object.prototype) {
    const own: ToolRecord[] = Reflect.getOwnMetadata(metadataKey, prototype) ?? [];
    for (const record of own) {
      if (byName.has(record.name)) continue;
      const method = (instance as Record<string | symbol, ToolMethod<unknown>>)[
        record.propertyKey
      ]!;
      byName.set(
        record.name,
        defineTool({
          name: record.name,
          description: record.description,
          parameters: record.parameters,
          execute: (input, context) => method.call(instance, input, context),
        }),
      );
    }
    prototype = Object.getPrototypeOf(prototype);
  }
  return [...byName.values()];
}
