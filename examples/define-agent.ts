import { defineAgent } from 'kagura-ts';
import { runExample } from './run-example.js';

// Everything @agent does, as a plain function: the template's variables are its argument.
export const summarise = defineAgent(
  'Summarise in {{ words }} words:\n{% for note in notes %}- {{ note }}\n{% endfor %}',
  { model: 'openai:gpt-4o-mini', name: 'summarise', description: 'Summarises notes' },
);

export async function main(): Promise<void> {
  const summary = await summarise({
    words: 12,
    notes: ['cache hits cost microseconds', 'misses cost seconds'],
  });
  console.log(summary);
}

export const replies = [
  { match: 'Summarise in', reply: 'Hits are nearly free; misses are slow, so cache what repeats.' },
];

await runExample(import.meta.url, main, replies);
