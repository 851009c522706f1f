import type { InferSchema, LLMStream, Schema } from '@kagura-ts/core';
import { recordAgent } from './agent-metadata.js';
import type { AgentOptions } from './agent-options.js';
import { createArgumentBinder } from './bind-arguments.js';
import { PromptTemplate } from './prompt.js';
import { runAgent } from './run-agent.js';
import { TemplateError } from './template-error.js';

// biome-ignore lint/suspicious/noExplicitAny: a decorator must accept any parameter list.
type AnyArguments = any[];

/** A legacy method decorator that checks the method's declared return type. */
export type AgentDecorator<RETURN> = <METHOD extends (...args: AnyArguments) => RETURN>(
  target: object,
  propertyKey: string | symbol,
  descriptor: TypedPropertyDescriptor<METHOD>,
) => void;

/**
 * Turns a method into an LLM agent. The method body returns its prompt as a Nunjucks template
 * (`return prompt\`...\``); arguments fill the template by parameter name, `self` is the
 * instance. The decorated method returns the reply's text, the validated object when a
 * `schema` is given, or an `LLMStream` with `stream: true`. The declared return type is
 * checked against these options.
 *
 * @example
 * ```ts
 * class Assistant {
 *   @agent({ model: 'openai:gpt-4o-mini', temperature: 0 })
 *   translate(text: string, lang = 'French'): Promise<string> {
 *     return prompt`Translate {{ text }} into {{ lang }}. Reply with the translation only.`;
 *   }
 *
 *   @agent({ stream: true })
 *   research(topic: string): LLMStream {
 *     return prompt`Write a short brief on {{ topic }}.`;
 *   }
 * }
 * ```
 */
export function agent<S extends Schema>(
  options: AgentOptions<S> & { schema: S; stream: true },
): AgentDecorator<LLMStream<InferSchema<S>>>;
export function agent<S extends Schema>(
  options: AgentOptions<S> & { schema: S },
): AgentDecorator<Promise<InferSchema<S>>>;
export function agent(
  options: AgentOptions<undefined> & { stream: true },
): AgentDecorator<LLMStream>;
export function agent(options?: AgentOptions<undefined>): AgentDecorator<Promise<string>>;
export function agent(options: AgentOptions = {}): AgentDecorator<unknown> {
  return (target, propertyKey, descriptor) => {
    const method = descriptor.value;
    const owner = (target as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
    const label = `${owner}.${String(propertyKey)}`;
    if (typeof method !== 'function') {
      throw new TypeError(`@agent can only decorate a method, but ${label} is not one.`);
    }
    const bind = createArgumentBinder(method, label);
    const resolved: AgentOptions = { ...options, name: options.name ?? String(propertyKey) };
    const invoke = (self: unknown, args: unknown[]) =>
      runAgent({
        options: resolved,
        template: expectPromptTemplate(method.apply(self, args), label),
        variables: { self, ...bind(self, args) },
        label,
      });
    const decorated = function (this: unknown, ...args: unknown[]) {
      if (resolved.stream) return invoke(this, args);
      // A plain agent always answers with a promise, so its errors are rejections too.
      try {
        return invoke(this, args);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    Object.defineProperty(decorated, 'name', { value: method.name });
    descriptor.value = decorated as typeof method;
    recordAgent(target, {
      name: resolved.name!,
      description: options.description,
      propertyKey,
      options: resolved,
    });
  };
}

// A plain string is refused rather than rendered: it would parse any user text inside it as
// template syntax. The prompt tag keeps `${...}` values out of the template.
function expectPromptTemplate(value: unknown, label: string): PromptTemplate {
  if (PromptTemplate.isInstance(value)) return value;
  const kind =
    value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  throw new TemplateError({
    template: typeof value === 'string' ? value : '',
    message:
      `${label} must return its prompt with the prompt tag, but it returned ${kind}. ` +
      'Wrap the template in the prompt tag; values interpolated into it are inserted as text.',
  });
}
