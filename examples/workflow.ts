import { defineAgent } from 'kagura-ts';
import { AgentRouter, agentStep, createWorkflow, isLLMStream, Supervisor } from 'kagura-ts/router';
import { runExample } from './run-example.js';

const model = 'openai:gpt-4o-mini';
export const weather = defineAgent('Weather for this trip, in one line: {{ query }}', {
  model,
  name: 'weather',
  description: 'Describes the weather at a destination',
});
export const sights = defineAgent('Three sights for this trip, in one line: {{ query }}', {
  model,
  name: 'sights',
  description: 'Suggests sights',
});
export const budget = defineAgent('Daily budget for this trip, in one line: {{ query }}', {
  model,
  name: 'budget',
  description: 'Estimates a daily budget',
});
export const plan = defineAgent(
  'Write a short plan for: {{ query }}\nWeather: {{ weather }}\nSights: {{ sights }}\nBudget: {{ budget }}',
  { model, name: 'plan', stream: true },
);
export const chat = defineAgent('{{ query }}', { model, name: 'chat' });

// Three specialists side by side (two at a time), then one streamed synthesis of their answers.
export const tripDesk = createWorkflow<string>({ name: 'trips', description: 'Plans trips' })
  .parallel(
    { weather: agentStep(weather), sights: agentStep(sights), budget: agentStep(budget) },
    { concurrency: 2 },
  )
  .step(agentStep(plan));

// A workflow is an agent like any other: the router picks it, then it fans out and streams.
export const router = new AgentRouter({ fallback: 'chat' })
  .register(tripDesk, { intents: ['plan a trip'], keywords: ['trip', 'holiday', 'visit'] })
  .register(chat);

export async function main(): Promise<void> {
  const { agent, output } = await router.run('Plan a trip to Kyoto in April');
  process.stdout.write(`[${agent}] `);
  if (isLLMStream(output)) for await (const delta of output) process.stdout.write(delta);
  console.log();

  // A chain: each step gets the previous one's output; `route` is a step like the others.
  const triage = createWorkflow<string>()
    .step((message) => message.trim())
    .route(router)
    .step(({ agent, output }) => `${agent}: ${String(output)}`);
  // `abortSignal` cancels the run: the current step's calls, and every step after it.
  const abortSignal = AbortSignal.timeout(60_000);
  console.log(await triage.run('  What is a good name for a cat?  ', { abortSignal }));

  // A supervisor calls the specialists one at a time until it can answer.
  const specialists = new AgentRouter().register(weather).register(budget);
  const supervisor = new Supervisor({ router: specialists, model, maxSteps: 3 });
  const { answer, steps } = await supervisor.run('Is Kyoto in April good for a cheap trip?');
  console.log(`${steps.map((step) => step.agent).join(' -> ')}: ${answer}`);
}

const supervising = (turns: number) => (request: { system: string; messages: unknown[] }) =>
  request.system.includes('Specialists:') && request.messages.length === turns;

export const replies = [
  { match: supervising(1), reply: '{"action":"call","agent":"weather","input":"Kyoto in April"}' },
  { match: supervising(3), reply: '{"action":"call","agent":"budget","input":"Kyoto"}' },
  {
    match: supervising(5),
    reply:
      '{"action":"answer","agent":"weather","input":"Yes: mild weather, and 9,000 yen a day."}',
  },
  { match: 'Weather for this trip', reply: 'Mild, 18°C, cherry blossoms.' },
  { match: 'Three sights for this trip', reply: 'Fushimi Inari, Kinkaku-ji, Arashiyama.' },
  { match: 'Daily budget for this trip', reply: 'About 9,000 yen a day.' },
  { match: 'Write a short plan', reply: 'Day one: Fushimi Inari under the blossoms.' },
  { match: 'good name for a cat', reply: 'Mochi.' },
];

await runExample(import.meta.url, main, replies);
