// biome-ignore lint/suspicious/noExplicitAny: a decorator must accept any parameter list.
type AnyMethod = (...args: any[]) => unknown;

type ParameterCount<METHOD extends AnyMethod> = Required<Parameters<METHOD>>['length'];

// The key of each object type below is the message tsc prints, and its value the type it
// expects: a decorator cannot change the method's type, so a mistake is reported here, at
// the decorator, rather than at every call site.
type AgentMethodProblem<METHOD extends AnyMethod, RETURN, PARAMETERS extends readonly string[]> =
  // `prompt` is typed `never`, so a method without a return annotation returns `never`.
  [ReturnType<METHOD>] extends [never]
    ? { '@agent: annotate the return type as': RETURN }
    : [ReturnType<METHOD>] extends [RETURN]
      ? ParameterCountProblem<METHOD, PARAMETERS>
      : { '@agent: the return type must be': RETURN };

type ParameterCountProblem<METHOD extends AnyMethod, PARAMETERS extends readonly string[]> =
  // A rest parameter, or `parameters` not given (or not a tuple): nothing to compare.
  number extends PARAMETERS['length'] | ParameterCount<METHOD>
    ? never
    : PARAMETERS['length'] extends ParameterCount<METHOD>
      ? never
      : {
          [message in `@agent: parameters has ${PARAMETERS['length']} name(s), but the method has ${ParameterCount<METHOD>} parameter(s); name each one, in order`]: PARAMETERS;
        };

/**
 * The decorator's argument when the method fits its options, else the problem to report.
 * @internal
 */
export type CheckedAgentMethod<
  METHOD extends AnyMethod,
  RETURN,
  PARAMETERS extends readonly string[],
  ARGUMENT,
> = [AgentMethodProblem<METHOD, RETURN, PARAMETERS>] extends [never]
  ? ARGUMENT
  : AgentMethodProblem<METHOD, RETURN, PARAMETERS>;

/**
 * The decorator `agent(...)` returns. It works in both TypeScript decorator modes, standard
 * (TC39, the default since TypeScript 5) and legacy (`experimentalDecorators: true`), and
 * checks the method in both: its declared return type must be `RETURN` (`Promise<string>`,
 * `Promise<` the schema's output `>` or an `LLMStream`), it must be annotated (an unannotated
 * agent method is inferred as `never`), and with `parameters` the names must match the
 * method's parameter count.
 *
 * @example
 * ```ts
 * // Without experimentalDecorators, TypeScript calls it as (method, context); with it, as
 * // (prototype, key, descriptor). The same class compiles and runs either way.
 * class Chef {
 *   @agent({ schema: Recipe })
 *   recipe(dish: string): Promise<z.infer<typeof Recipe>> {
 *     return prompt`Give a recipe for {{ dish }}.`;
 *   }
 * }
 * ```
 */
export interface AgentDecorator<RETURN, PARAMETERS extends readonly string[] = readonly string[]> {
  /** The standard form: `(method, context)`. */
  <METHOD extends AnyMethod>(
    method: METHOD,
    context: CheckedAgentMethod<METHOD, RETURN, PARAMETERS, ClassMethodDecoratorContext>,
  ): METHOD;
  /** The legacy form: `(prototype, key, descriptor)`. */
  <METHOD extends AnyMethod>(
    target: object,
    propertyKey: string | symbol,
    descriptor: CheckedAgentMethod<METHOD, RETURN, PARAMETERS, TypedPropertyDescriptor<METHOD>>,
  ): void;
}
