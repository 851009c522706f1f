import {
  defineTool,
  type JSONSchema,
  type Schema,
  type Tool,
  type ToolContext,
} from '@kagura-ts/core';
import { readMethodDecoratorCall } from './method-decorator-call.js';
import { createMethodRegistry } from './method-registry.js';

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

const registry = createMethodRegistry<ToolRecord>('kagura.tool-methods');

// biome-ignore lint/suspicious/noExplicitAny: a tool may return anything JSON can carry.
type ToolMethod<INPUT> = (input: INPUT, context: ToolContext) => any;

/**
 * The decorator `tool(...)` returns, in both TypeScript decorator modes (standard, and legacy
 * with `experimentalDecorators`). It checks the method's input against the tool's schema.
 */
export interface ToolDecorator<INPUT> {
  /** The standard form: `(method, context)`. */
  <METHOD extends ToolMethod<INPUT>>(method: METHOD, context: ClassMethodDecoratorContext): void;
  /** The legacy form: `(prototype, key, descriptor)`. */
  <METHOD extends ToolMethod<INPUT>>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<METHOD>,
  ): void;
}

/**
 * Declares a method as a tool agents can call. The method receives the validated input and a
 * context with its `abortSignal`. Agents of the same class name it in `tools: ['name']`.
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
export function tool(options: ToolOptions<unknown>, ...extra: unknown[]): unknown {
  if (typeof options === 'function' || extra.length > 0) {
    throw new TypeError(
      '@tool must be called to make a decorator: write @tool({ description, parameters }) ' +
        'above the method.',
    );
  }
  return (...args: unknown[]) => {
    const call = readMethodDecoratorCall('@tool', args);
    if (call.isStatic || call.isPrivate) {
      throw new TypeError(
        `@tool cannot decorate the ${call.isStatic ? 'static' : 'private'} method ` +
          `${call.label()}: getTools(instance) finds tools among an instance's public methods. ` +
          'Make it a public instance method.',
      );
    }
    const name = options.name ?? String(call.key);
    // Checks the name and schema when the class is defined, not at the first call.
    defineTool({
      name,
      description: options.description,
      parameters: options.parameters,
      execute: () => undefined,
    });
    registry.set(call.method, {
      name,
      description: options.description,
      parameters: options.parameters,
      propertyKey: call.key,
    });
    return call.finish();
  };
}

/**
 * The tools declared with `@tool` on an instance's class (inherited ones included), bound to
 * the instance, ready for `tools: [...]` of any call or agent.
 */
export function getTools(instance: object): Tool[] {
  const byName = new Map<string, Tool>();
  for (const record of registry.list(Object.getPrototypeOf(instance))) {
    if (byName.has(record.name)) continue;
    // The instance's own method runs, so a subclass may override a tool's implementation.
    const method = (instance as Record<string | symbol, ToolMethod<unknown>>)[record.propertyKey]!;
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
  return [...byName.values()];
}
