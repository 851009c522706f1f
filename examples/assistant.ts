import { agent, type LLMStream, prompt } from 'kagura-ts';
import { z } from 'zod';
import { runExample } from './run-example.js';

class Assistant {
  @agent({ model: 'openai:gpt-4o-mini', temperature: 0 })
  translate(text: string, lang = 'French'): Promise<string> {
    return prompt`Translate ${text} into ${lang}. Reply with the translation only.`;
  }

  @agent({
    model: 'anthropic:claude-haiku-4-5',
    schema: z.object({ city: z.string(), country: z.string() }),
  })
  locate(landmark: string): Promise<{ city: string; country: string }> {
    return prompt`Where is ${landmark}?`;
  }

  @agent({ stream: true })
  research(topic: string): LLMStream {
    return prompt`Write a short brief on ${topic}.`;
  }
}

export async function main(): Promise<void> {
  const assistant = new Assistant();
  console.log(await assistant.translate('Good morning'));
  console.log((await assistant.locate('the Eiffel Tower')).city);
  for await (const delta of assistant.research('response caching')) process.stdout.write(delta);
}

export const replies = [
  { match: 'Translate Good morning', reply: 'Bonjour' },
  { match: 'Eiffel Tower', reply: '{"city":"Paris","country":"France"}' },
];

await runExample(import.meta.url, main, replies);
