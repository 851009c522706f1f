import Anthropic from '@anthropic-ai/sdk';
import { callAllLimited } from '../semaphore.js';
import {
  anthropicMaxTokens,
  type BenchPrompt,
  type BenchSystem,
  benchAnthropicModel,
  benchApiKey,
  type SystemSetup,
} from './bench-system.js';

/** The official `@anthropic-ai/sdk` used directly (no cache): the Anthropic-format baseline. */
export async function createRawAnthropicSystem(setup: SystemSetup): Promise<BenchSystem> {
  const anthropic = new Anthropic({ baseURL: setup.anthropicBaseURL, apiKey: benchApiKey });
  const request = (input: BenchPrompt) => ({
    model: benchAnthropicModel,
    max_tokens: anthropicMaxTokens,
    ...(input.system === undefined ? {} : { system: input.system }),
    messages: [{ role: 'user' as const, content: input.prompt }],
  });
  const system: BenchSystem = {
    name: 'raw-anthropic',
    store: 'none',
    callAll: (inputs, concurrency) =>
      callAllLimited((input) => system.call(input), inputs, concurrency),
    async call(input) {
      const message = await anthropic.messages.create(request(input));
      const text = message.content
        .map((block) => (block.type === 'text' ? block.text : ''))
        .join('');
      return {
        text,
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
      };
    },
    async *stream(input) {
      const stream = await anthropic.messages.create({ ...request(input), stream: true });
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          if (event.delta.text !== '') yield event.delta.text;
        }
      }
    },
    async close() {},
  };
  return system;
}
