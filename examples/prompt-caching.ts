import { createClient, type KaguraEvent, parallelMap } from 'kagura-ts';
import { runExample } from './run-example.js';

// The stable prefix: a long policy every question is answered under.
const handbook =
  'Refunds are possible within 30 days of purchase, with a receipt, to the original means of payment. '.repeat(
    240,
  );

export async function main(): Promise<void> {
  const client = createClient({
    model: 'anthropic:claude-haiku-4-5',
    // Off here so that every call reaches the model (the response cache answers exact repeats).
    cache: false,
    onEvent: (event: KaguraEvent) => {
      if (event.type === 'prompt-cache-miss') console.log(`prompt cache missed: ${event.reason}`);
    },
  });

  // Kagura marks the handbook for Anthropic's prompt cache, sends the first question alone and
  // the others once the handbook is written: they read it at a tenth of the input price.
  const questions = ['Can I return shoes?', 'How long does a refund take?', 'Gift cards?'];
  const answers = await parallelMap(questions, (question) =>
    client.call(question, { system: handbook, agentName: 'support' }),
  );
  for (const [index, { usage, cost }] of answers.entries()) {
    const written = usage.cacheWriteInputTokens ?? 0;
    console.log(
      `${questions[index]} read ${usage.cachedInputTokens}, wrote ${written} ($${cost.usd.toFixed(5)})`,
    );
  }

  // A timestamp at the start of the system prompt changes the prefix on every call.
  for (const time of ['09:00:00', '09:00:05']) {
    const system = `Now: 2026-12-02 ${time}. ${handbook}`;
    await client.call('Any news?', { system, agentName: 'news' });
  }
}

await runExample(import.meta.url, main);
