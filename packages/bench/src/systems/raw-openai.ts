import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { callAllLimited } from '../semaphore.js';
import {
  type BenchPrompt,
  type BenchSystem,
  benchApiKey,
  benchModel,
  type SystemSetup,
} from './bench-system.js';

/**
 * The official `openai` SDK used directly, with its defaults (2 retries): no cache. The
 * baseline for miss overhead and time to first token, and the "no cache" system of the workload.
 */
export async function createRawOpenAISystem(setup: SystemSetup): Promise<BenchSystem> {
  const openai = new OpenAI({
    baseURL: setup.openaiBaseURL,
    apiKey: benchApiKey,
    fetch: setup.fetch,
  });
  const system: BenchSystem = {
    name: 'raw-openai',
    store: 'none',
    callAll: (inputs, concurrency) =>
      callAllLimited((input) => system.call(input), inputs, concurrency),
    async call(input) {
      const completion = await openai.chat.completions.create({
        model: benchModel,
        messages: toMessages(input),
      });
      return {
        text: completion.choices[0]?.message.content ?? '',
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
      };
    },
    async *stream(input) {
      const stream = await openai.chat.completions.create({
        model: benchModel,
        messages: toMessages(input),
        stream: true,
      });
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta.content;
        if (delta) yield delta;
      }
    },
    async close() {},
  };
  return system;
}

function toMessages(input: BenchPrompt): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  if (input.system !== undefined) messages.push({ role: 'system', content: input.system });
  messages.push({ role: 'user', content: input.prompt });
  return messages;
}
