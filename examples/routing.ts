import { agent, type CacheStore, defineAgent, prompt } from 'kagura-ts';
import {
  AgentRouter,
  MemoryAwareRouter,
  MemoryManager,
  NoRouteError,
  type RouteStrategy,
  scoreKeywords,
} from 'kagura-ts/router';
import { runExample } from './run-example.js';

// A registered template agent gets the user's query as {{ query }} and the conversation as
// {{ context }} (empty when the query needs none).
export const translate = defineAgent(
  '{% if context %}Conversation so far:\n{{ context }}\n\n{% endif %}Translate as asked: {{ query }}',
  { model: 'openai:gpt-4o-mini', name: 'translate', description: 'Translates text' },
);

export class Helpdesk {
  @agent({ model: 'openai:gpt-4o-mini', description: 'Reviews code and finds bugs' })
  review(query: string): Promise<string> {
    return prompt`Review this code request: {{ query }}`;
  }

  // `acceptsContext: true` at registration: the conversation arrives as the second argument.
  @agent({ model: 'openai:gpt-4o-mini', description: 'Answers anything else' })
  chat(query: string, context = ''): Promise<string> {
    return prompt`{{ context }}\nUser: {{ query }}`;
  }
}

export function createRouter(): AgentRouter {
  return new AgentRouter({ threshold: 0.5, fallback: 'chat' })
    .register(translate, { intents: ['translate'], keywords: ['french', 'spanish', 'japanese'] })
    .registerAgents(new Helpdesk(), {
      review: { intents: ['review code'], keywords: ['bug', 'function', 'typescript'] },
      chat: { acceptsContext: true },
    });
}

// Your own strategy: any object with a name and decide(query, context). This one sends code
// (a backtick or a brace) to `review` and scores the rest by keywords; it makes no LLM call.
export const codeFirst: RouteStrategy = {
  name: 'code-first',
  decide(query, { agents }) {
    if (/[`{}]/.test(query)) return { agent: 'review', confidence: 1 };
    const [best] = scoreKeywords(query, agents).sort((a, b) => b.score - a.score);
    return best && best.score > 0 ? { agent: best.agent, confidence: best.confidence } : undefined;
  },
};

export async function main(store: CacheStore = 'sqlite:.kagura/example-memory.db'): Promise<void> {
  const router = createRouter();

  // 2 points per intent found, 1 per keyword; confidence = score / (every agent's score + 1).
  const scores = scoreKeywords('Translate this function name into French', router.agents);
  console.log(
    scores.map(({ agent, score, confidence }) => `${agent} ${score} ${confidence}`).join(', '),
  );

  const decision = await router.route('Can you review code for a bug in this function?');
  console.log(`${decision.agent} at ${decision.confidence.toFixed(2)} by ${decision.strategy}`);

  // One memory, shared by every turn: a follow-up gets the conversation, the agent its own query.
  const memory = new MemoryManager({ store, namespace: 'user-42' });
  const chat = new MemoryAwareRouter({ router, memory });
  const first = await chat.run('Translate "good morning" into French');
  const second = await chat.run('And in Italian?');
  console.log(`${first.agent}: ${first.output} | ${second.agent}: ${second.output}`);
  console.log(`${second.path} path, rerouted: ${second.rerouted}`);

  // Persistent memory outlives the process with an on-disk or Redis store.
  const runs = ((await memory.recall<number>('runs')) ?? 0) + 1;
  await memory.remember('runs', runs);
  console.log(`run ${runs}, ${memory.entries.length} turns in memory`);
  await memory.close();

  // The LLM strategy asks the model once, with a schema; the same query is then a cache hit.
  const classifier = new AgentRouter({ strategy: 'llm', model: 'openai:gpt-4o-mini' })
    .register(translate)
    .registerAgents(new Helpdesk());
  const classified = await classifier.route('Why does my loop never end?');
  console.log(`${classified.agent} at ${classified.confidence} by ${classified.strategy}`);

  // A strategy object goes where 'keyword' or 'llm' would; the router still applies its
  // threshold and fallback.
  const ruled = new AgentRouter({ strategy: codeFirst, fallback: 'chat' })
    .register(translate)
    .registerAgents(new Helpdesk());
  const ruling = await ruled.route('Why is `while (true) {}` slow?');
  console.log(`${ruling.agent} at ${ruling.confidence} by ${ruling.strategy}`);

  try {
    await new AgentRouter().register(translate, { intents: ['translate'] }).route('Hi there');
  } catch (error) {
    if (!NoRouteError.isInstance(error)) throw error;
    console.log(`No route; candidates: ${error.candidates.join(', ')}`);
  }
}

const isClassification = (request: { system: string }) => request.system.includes('Agents:');

export const replies = [
  { match: isClassification, reply: '{"agent":"review","confidence":0.9}' },
  { match: 'Translate as asked: Translate "good morning"', reply: 'Bonjour' },
  { match: 'Translate as asked: And in Italian?', reply: 'Buongiorno' },
];

await runExample(import.meta.url, () => main(), replies);
