import type { InferSchema, LLMStream, Schema } from '@kagura-ts/core';
import type { AgentCallOptions, AgentOptions } from './agent-options.js';
import type { PromptTemplate } from './prompt.js';
import { runAgent } from './run-agent.js';

/** An agent made with {@link defineAgent}: call it with the template's variables. */
export interface AgentFunction<RETURN> {
  (variables?: Record<string, unknown>, callOptions?: AgentCallOptions): RETURN;
  /** The agent's name. */
  readonly agentName: string;
  /** What the agent does. */
  readonly description: string | undefined;
  /** The agent's options. */
  readonly options: AgentOptions;
}

/**
 * Creates an agent from a template without a class or decorator: everything `@agent` does,
 * as a plain function.
 *
 * @example
 * ```ts
 * const translate = defineAgent('Translate {{ text }} into {{ lang }}.', { model: 'openai:gpt-4o-mini' });
 * const french = await translate({ text: 'Good morning', lang: 'French' });
 * ```
 */
export function defineAgent<S extends Schema>(
  template: string | PromptTemplate,
  options: AgentOptions<S> & { schema: S; stream: true },
): AgentFunction<LLMStream<InferSchema<S>>>;
export function defineAgent<S extends Schema>(
  template: string | PromptTemplate,
  options: AgentOptions<S> & { schema: S },
): AgentFunction<Promise<InferSchema<S>>>;
export function defineAgent(
  template: string | PromptTemplate,
  options: AgentOptions<undefined> & { stream: true },
): AgentFunction<LLMStream>;
export function defineAgent(
  template: string | PromptTemplate,
  options?: AgentOptions<undefined>,
): AgentFunction<Promise<string>>;
export function defineAgent(
  template: string | PromptTemplate,
  options: AgentOptions = {},
): AgentFunction<unknown> {
  const name = options.name ?? 'agent';
  const resolved: AgentOptions = { ...options, name };
  const run = (variables: Record<string, unknown> = {}, callOptions?: AgentCallOptions) => {
    const start = () =>
      runAgent({ options: resolved, template, variables, callOptions, label: name });
    if (resolved.stream) return start();
    try {
      return start();
    } catch (error) {
      return Promise.reject(error);
    }
  };
  return Object.assign(run, {
    agentName: name,
    description: options.description,
    options: resolved,
  });
}
