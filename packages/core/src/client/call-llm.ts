import type { LLMResponse } from '../call/llm-response.js';
import type { InferSchema, Schema } from '../schema/standard-schema.js';
import type { CallOptions } from './call-options.js';
import type { Client } from './create-client.js';
import { getDefaultClient } from './default-client.js';
import type { Prompt } from './normalize-prompt.js';

/** Options of {@link callLLM} and `callLLMStream`: a call's options plus the client to use. */
export type CallLLMOptions<S extends Schema | undefined = Schema | undefined> = CallOptions<S> & {
  /** The client to call through. @default the default client */
  client?: Client;
};

/**
 * Sends a prompt (a string, or an array of messages) and returns the whole reply.
 *
 * @example
 * ```ts
 * const { text, usage } = await callLLM('Name three prime numbers.', { model: 'openai:gpt-4o-mini' });
 * const { object } = await callLLM('Extract the city.', { schema: z.object({ city: z.string() }) });
 * ```
 */
export function callLLM<S extends Schema>(
  prompt: Prompt,
  options: CallLLMOptions<S> & { schema: S },
): Promise<LLMResponse<InferSchema<S>>>;
export function callLLM(prompt: Prompt, options?: CallLLMOptions): Promise<LLMResponse>;
export async function callLLM(
  prompt: Prompt,
  options: CallLLMOptions = {},
): Promise<LLMResponse<unknown>> {
  const { client = getDefaultClient(), ...callOptions } = options;
  return client.call(prompt, callOptions);
}
