import type { Schema } from '@kagura-ts/core';
import type { AgentOptions } from './agent-options.js';

/**
 * Options of `@agent(...)`: the options of any agent, plus how the method's arguments become
 * template variables. The type parameters are inferred from the object literal, so that the
 * decorator can check the method's declared return type (`S` the schema, `STREAM` whether
 * `stream` is `true`) and parameter count (`PARAMETERS`).
 */
export interface AgentDecoratorOptions<
  S extends Schema | undefined = Schema | undefined,
  STREAM extends boolean = boolean,
  PARAMETERS extends readonly string[] = readonly string[],
> extends AgentOptions<S> {
  /**
   * Return an `LLMStream` of text deltas instead of a promise.
   * @default false
   * @example
   * ```ts
   * @agent({ stream: true })
   * research(topic: string): LLMStream {
   *   return prompt`Write a short brief on {{ topic }}.`;
   * }
   * ```
   */
  stream?: STREAM;
  /**
   * The template variable names of the method's parameters, one per parameter, in order:
   * argument i becomes variable i. Without it the names are read from the method's source,
   * which a minifier rewrites (`translate(text, lang)` becomes `translate(t, r)`), so give
   * them here for code that is bundled with identifier minification (esbuild `--minify`,
   * terser's `mangle`), as serverless and edge deployments usually are.
   *
   * Defaults in the parameter list still apply to an `undefined` argument. A destructured
   * parameter gets one name for the whole argument (`{{ post.title }}`), a rest parameter the
   * array of the remaining arguments. The count must match the method's parameters; the
   * decorator checks it at compile time and when the class is defined.
   *
   * @default the parameter names in the method's source
   * @example
   * ```ts
   * class Assistant {
   *   // Survives `esbuild --bundle --minify`: the names no longer come from the source.
   *   @agent({ model: 'openai:gpt-4o-mini', parameters: ['text', 'lang'] })
   *   translate(text: string, lang = 'French'): Promise<string> {
   *     return prompt`Translate {{ text }} into {{ lang }}.`;
   *   }
   * }
   * ```
   */
  parameters?: PARAMETERS;
}
