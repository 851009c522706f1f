import type { InferSchema, Schema } from '../schema/standard-schema.js';
import type { LLMStream } from '../stream/llm-stream.js';
import type { CallLLMOptions } from './call-llm.js';
import { getDefaultClient } from './default-client.js';
import type { Prompt } from './normalize-prompt.js';

/**
 * Sends a prompt and streams the reply as text deltas. Invalid input throws here, before any
 * request is sent.
 *
 * @example
 * ```ts
 * for await (const delta of callLLMStream('Tell me a story.')) process.stdout.write(delta);
 * ```
 */
export function callLLMStream<S extends Schema>(
  prompt: Prompt,
  options: CallLLMOptions<S> & { schema: S },
): LLMStream<InferSchema<S>>;
export function callLLMStream(prompt: Prompt, options?: CallLLMOptions): LLMStream;
export function callLLMStream(prompt: Prompt, options: CallLLMOptions = {}): LLMStream<unknown> {
  const { client = getDefaultClient(), ...callOptions } = options;
  return client.stream(prompt, callOptions);
}
