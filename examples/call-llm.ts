import { callLLM, callLLMStream } from 'kagura-ts';
import { z } from 'zod';
import { runExample } from './run-example.js';

export async function main(): Promise<void> {
  // A prompt and options: no class, no decorator.
  const { text, usage } = await callLLM('Name three prime numbers.', {
    model: 'openai:gpt-4o-mini',
  });
  console.log(text, usage);

  // Structured output: `object` is typed by the schema and validated.
  const { object } = await callLLM('Which city is the Eiffel Tower in?', {
    model: 'openai:gpt-4o-mini',
    schema: z.object({ city: z.string(), country: z.string() }),
  });
  console.log(object.city, object.country);

  // A conversation, streamed.
  const stream = callLLMStream(
    [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'What is a cache?' },
      { role: 'assistant', content: 'Fast storage for repeated reads.' },
      { role: 'user', content: 'And a cache hit?' },
    ],
    { model: 'anthropic:claude-haiku-4-5', maxTokens: 200 },
  );
  for await (const delta of stream) process.stdout.write(delta);
  console.log('\n', await stream.finishReason);
}

export const replies = [
  { match: 'Eiffel', reply: '{"city":"Paris","country":"France"}' },
  { match: 'And a cache hit?', reply: 'A read served from the cache instead of the source.' },
];

await runExample(import.meta.url, main, replies);
