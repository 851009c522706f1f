import { defineAgent } from '@kagura-ts/agent';
import { AgentRouter, agentStep, createWorkflow, type WorkflowStep } from '@kagura-ts/router';

/** How long each specialist took in the last run, for the parallel-versus-serial figure. */
export const specialistTimings = new Map<string, number>();

function timed<IN, OUT>(
  name: string,
  step: WorkflowStep<IN, OUT, string>,
): WorkflowStep<IN, OUT, string> {
  return async (value, context) => {
    const started = performance.now();
    try {
      return await step(value, context);
    } finally {
      specialistTimings.set(name, performance.now() - started);
    }
  };
}

const weather = defineAgent('In one line, the weather a traveller can expect for: {{ query }}', {
  name: 'weather',
});
const sights = defineAgent('In one line, three sights worth the time for: {{ query }}', {
  name: 'sights',
});
const budget = defineAgent('In one line, a realistic daily budget for: {{ query }}', {
  name: 'budget',
});
const plan = defineAgent(
  'Write a three-sentence travel plan for: {{ query }}\nWeather: {{ weather }}\nSights: {{ sights }}\nBudget: {{ budget }}',
  { name: 'plan', stream: true },
);
const chat = defineAgent('{{ query }}', { name: 'chat' });

/** The trip desk: three specialists side by side, then one streamed synthesis. */
export const tripDesk = createWorkflow<string>({ name: 'trip-desk', description: 'Plans trips' })
  .parallel({
    weather: timed('weather', agentStep(weather)),
    sights: timed('sights', agentStep(sights)),
    budget: timed('budget', agentStep(budget)),
  })
  .step(agentStep(plan));

/** Routes trip questions to the trip desk and anything else to a chat agent. */
export function createDemoRouter(): AgentRouter {
  return new AgentRouter({ fallback: 'chat' })
    .register(tripDesk, { intents: ['plan a trip'], keywords: ['trip', 'holiday', 'visit'] })
    .register(chat);
}

/** Scripted simulator replies for the workflow, so the demo reads well without a model. */
export const workflowReplies = [
  { match: 'weather a traveller', reply: 'Mild and dry, 14-20°C, cherry blossoms in early April.' },
  {
    match: 'three sights',
    reply: 'Fushimi Inari at dawn, the Philosopher’s Path, Arashiyama’s bamboo grove.',
  },
  { match: 'daily budget', reply: 'About 12,000 yen a day with a mid-range hotel and local food.' },
  {
    match: 'three-sentence travel plan',
    reply:
      'Arrive early in April for mild days and the blossoms along the Philosopher’s Path. Start ' +
      'at Fushimi Inari at dawn, then cross town to Arashiyama’s bamboo grove before the crowds. ' +
      'Budget about 12,000 yen a day and keep one evening free for Gion.',
  },
];
