import { agent, prompt, type ToolContext, tool } from 'kagura-ts';
import { z } from 'zod';
import { runExample } from './run-example.js';

const populations: Record<string, number> = {
  Paris: 2_102_650,
  Tokyo: 13_960_236,
  Lima: 10_092_000,
};

export class CityAnalyst {
  @tool({
    description: 'Returns the population of a city, or null when it is not in the table',
    parameters: z.object({ city: z.string() }),
  })
  population({ city }: { city: string }): number | null {
    return populations[city] ?? null;
  }

  @tool({
    description: 'Evaluates a + b, a - b, a * b or a / b',
    parameters: z.object({ a: z.number(), b: z.number(), operator: z.enum(['+', '-', '*', '/']) }),
  })
  calculate(
    { a, b, operator }: { a: number; b: number; operator: string },
    { abortSignal }: ToolContext,
  ): number {
    abortSignal.throwIfAborted();
    return operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : a / b;
  }

  // The agent calls the tools of its own class by name; the loop runs until it answers.
  @agent({ model: 'openai:gpt-4o-mini', tools: ['population', 'calculate'], maxSteps: 5 })
  compare(first: string, second: string): Promise<string> {
    return prompt`How many more people live in {{ first }} than in {{ second }}? Use the tools.`;
  }
}

export async function main(): Promise<void> {
  console.log(await new CityAnalyst().compare('Tokyo', 'Paris'));
}

const toolResults = (info: { body: unknown }) =>
  JSON.stringify(info.body).match(/"tool_call_id"/g)?.length ?? 0;

export const replies = [
  {
    match: (info: { body: unknown; lastUserText: string }) =>
      info.lastUserText.includes('How many more people') && toolResults(info) === 0,
    toolCalls: [
      { name: 'population', input: { city: 'Tokyo' } },
      { name: 'population', input: { city: 'Paris' } },
    ],
  },
  {
    match: (info: { body: unknown }) => toolResults(info) === 2,
    toolCalls: [{ name: 'calculate', input: { a: 13_960_236, b: 2_102_650, operator: '-' } }],
  },
  {
    match: (info: { body: unknown }) => toolResults(info) === 3,
    reply: 'Tokyo has 11,857,586 more people than Paris.',
  },
];

await runExample(import.meta.url, main, replies);
