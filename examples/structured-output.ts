import { agent, prompt } from 'kagura-ts';
import { z } from 'zod';
import { runExample } from './run-example.js';

export const Recipe = z.object({
  title: z.string(),
  minutes: z.number().int().positive(),
  ingredients: z.array(z.object({ name: z.string(), amount: z.string() })),
  vegetarian: z.boolean(),
});

export type Recipe = z.infer<typeof Recipe>;

export class Chef {
  // The reply is requested as JSON for this schema, validated, and returned typed.
  // A reply that does not match throws OutputParseError, carrying the raw text.
  @agent({ model: 'anthropic:claude-haiku-4-5', schema: Recipe })
  recipe(dish: string, servings = 2): Promise<Recipe> {
    return prompt`Give a simple recipe for {{ dish }} for {{ servings }} people.`;
  }
}

export async function main(): Promise<void> {
  const recipe = await new Chef().recipe('shakshuka');
  console.log(`${recipe.title} (${recipe.minutes} min, vegetarian: ${recipe.vegetarian})`);
  for (const { name, amount } of recipe.ingredients) console.log(`- ${amount} ${name}`);
}

export const replies = [
  {
    match: 'shakshuka',
    reply: JSON.stringify({
      title: 'Shakshuka',
      minutes: 25,
      ingredients: [
        { name: 'eggs', amount: '4' },
        { name: 'crushed tomatoes', amount: '400 g' },
        { name: 'red pepper', amount: '1' },
      ],
      vegetarian: true,
    }),
  },
];

await runExample(import.meta.url, main, replies);
