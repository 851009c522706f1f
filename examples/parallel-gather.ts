import { agent, parallelGather, prompt } from 'kagura-ts';
import { z } from 'zod';
import { runExample } from './run-example.js';

export const Sentiment = z.object({ label: z.enum(['positive', 'mixed', 'negative']) });
export const Keywords = z.object({ keywords: z.array(z.string()) });

export class ReviewDesk {
  @agent({ model: 'openai:gpt-4o-mini' })
  headline(review: string): Promise<string> {
    return prompt`Write a five-word headline for this review: {{ review }}`;
  }

  @agent({ model: 'openai:gpt-4o-mini', schema: Sentiment })
  sentiment(review: string): Promise<z.infer<typeof Sentiment>> {
    return prompt`Classify the sentiment of this review: {{ review }}`;
  }

  @agent({ model: 'anthropic:claude-haiku-4-5', schema: Keywords })
  keywords(review: string): Promise<z.infer<typeof Keywords>> {
    return prompt`List the product features this review mentions: {{ review }}`;
  }
}

export async function main(): Promise<void> {
  const desk = new ReviewDesk();
  const review = 'Battery lasts two days, but the camera struggles in low light.';
  // Three agents over one input at once; the results are a typed tuple, in argument order.
  const [headline, sentiment, { keywords }] = await parallelGather(
    () => desk.headline(review),
    () => desk.sentiment(review),
    () => desk.keywords(review),
  );
  console.log(`${headline} (${sentiment.label}): ${keywords.join(', ')}`);
}

export const replies = [
  { match: 'five-word headline', reply: 'Great battery, weak night camera' },
  { match: 'Classify the sentiment', reply: '{"label":"mixed"}' },
  { match: 'product features', reply: '{"keywords":["battery","camera"]}' },
];

await runExample(import.meta.url, main, replies);
