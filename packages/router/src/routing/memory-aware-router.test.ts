import { defineAgent } from '@kagura-ts/agent';
import type { SimulatorRequestInfo } from '@kagura-ts/testing';
import { describe, expect, it, vi } from 'vitest';
import {
  type ChatBody,
  lastUserText,
  useRouterTestClient,
} from '../../test/use-router-test-client.js';
import { LLMContextAnalyzer } from '../context/llm-context-analyzer.js';
import { MemoryManager } from '../memory/memory-manager.js';
import { AgentRouter, type AgentRouterOptions } from './agent-router.js';
import { MemoryAwareRouter } from './memory-aware-router.js';
import { NoRouteError } from './no-route-error.js';

const isClassification = (request: SimulatorRequestInfo) => request.system.includes('Agents:');
const isAnalysis = (request: SimulatorRequestInfo) => request.system.includes('standaloneQuery');

const test = useRouterTestClient([
  {
    match: (request) => isAnalysis(request),
    reply: '{"needsContext":true,"standaloneQuery":"Translate \\"good morning\\" into Spanish"}',
  },
  {
    match: (request) => isClassification(request) && request.lastUserText.includes('Translate'),
    reply: '{"agent":"translate","confidence":0.95}',
  },
  {
    match: (request) => isClassification(request),
    reply: '{"agent":"translate","confidence":0.3}',
  },
  { match: 'Request:', reply: 'Buenos días' },
]);

// The template shows the conversation only when the router gives one.
const translate = defineAgent(
  '{% if context %}Conversation:\n{{ context }}\n\n{% endif %}Request: {{ query }}',
  { name: 'translate', description: 'Translates text' },
);

function createRouter(options: AgentRouterOptions = {}): AgentRouter {
  return new AgentRouter(options)
    .register(translate, { intents: ['translate'], keywords: ['french', 'spanish'] })
    .register(
      () => {
        throw new Error('The weather service is down.');
      },
      { name: 'weather', keywords: ['weather', 'rain'] },
    );
}

function withHistory(): MemoryManager {
  return new MemoryManager()
    .addMessage({ role: 'user', content: 'Translate "good morning" into French' })
    .addMessage({ role: 'assistant', content: 'Bonjour', agent: 'translate' });
}

function agentBodies(): ChatBody[] {
  return test.bodies().filter((body) => lastUserText(body).includes('Request:'));
}

describe('MemoryAwareRouter.run fast path', () => {
  it('should route a self-contained query directly and give the agent no context', async () => {
    const chat = new MemoryAwareRouter({ router: createRouter(), memory: withHistory() });
    const result = await chat.run('Translate "good night" into Spanish');
    expect(result).toMatchObject({
      agent: 'translate',
      path: 'fast',
      usesContext: false,
      rerouted: false,
      output: 'Buenos días',
    });
    expect(agentBodies().map(lastUserText)).toEqual([
      'Request: Translate "good night" into Spanish',
    ]);
  });

  it('should make no analysis call on the fast path, even with an LLM analyser', async () => {
    const chat = new MemoryAwareRouter({
      router: createRouter(),
      memory: withHistory(),
      analyzer: new LLMContextAnalyzer(),
    });
    await chat.run('Translate "good night" into Spanish');
    expect(test.simulator().requests).toHaveLength(1);
    expect(test.bodies().map(lastUserText)).toEqual([
      'Request: Translate "good night" into Spanish',
    ]);
  });

  it('should take the fast path on an empty conversation, whatever the query', async () => {
    const chat = new MemoryAwareRouter({ router: createRouter(), memory: new MemoryManager() });
    const result = await chat.run('Translate it into Spanish again');
    expect(result).toMatchObject({ path: 'fast', analysis: { reason: 'no earlier messages' } });
  });
});

describe('MemoryAwareRouter.run context path', () => {
  it('should keep a confident plain route and give the agent the conversation', async () => {
    const chat = new MemoryAwareRouter({ router: createRouter(), memory: withHistory() });
    const result = await chat.run('Now translate it into Spanish');
    expect(result).toMatchObject({
      agent: 'translate',
      path: 'context',
      usesContext: true,
      rerouted: false,
      routedQuery: 'Now translate it into Spanish',
    });
    // The agent gets the user's own query; the earlier turns come as its `context`.
    expect(agentBodies().map(lastUserText)).toEqual([
      'Conversation:\nUser: Translate "good morning" into French\nAssistant: Bonjour\n\n' +
        'Request: Now translate it into Spanish',
    ]);
  });

  it('should route the context-enhanced query only when the plain one is not confident', async () => {
    const chat = new MemoryAwareRouter({ router: createRouter(), memory: withHistory() });
    const result = await chat.run('What about Italian?');
    expect(result).toMatchObject({
      agent: 'translate',
      path: 'context',
      rerouted: true,
      query: 'What about Italian?',
      routedQuery: 'Translate "good morning" into French\nWhat about Italian?',
    });
    expect(agentBodies()).toHaveLength(1);
    expect(lastUserText(agentBodies()[0]!)).toMatch(/\n\nRequest: What about Italian\?$/);
  });

  it('should analyse with the model and classify in parallel, then route once more', async () => {
    test.simulator().setLatency({ timeToFirstTokenMs: 100, tokensPerSecond: Infinity });
    const chat = new MemoryAwareRouter({
      router: createRouter({ strategy: 'llm' }),
      memory: withHistory(),
      analyzer: new LLMContextAnalyzer(),
    });
    const result = await chat.run('What about Spanish?');
    expect(result).toMatchObject({
      agent: 'translate',
      rerouted: true,
      routedQuery: 'Translate "good morning" into Spanish',
      output: 'Buenos días',
    });
    const requests = test.simulator().requests;
    expect(requests).toHaveLength(4);
    const [first, second] = requests;
    // Both started before either ended: the analysis and the plain classification overlapped.
    expect(second!.startedAt).toBeLessThan(first!.endedAt!);
    expect(first!.startedAt).toBeLessThan(second!.endedAt!);
    const seen = test.bodies().map(lastUserText);
    expect(seen.filter((text) => text.startsWith('Conversation:'))).toHaveLength(2);
    expect(seen).toContain('What about Spanish?');
    expect(seen).toContain('Translate "good morning" into Spanish');
    // The agent ran once, with the user's own words.
    expect(agentBodies().map((body) => lastUserText(body).split('\n').at(-1))).toEqual([
      'Request: What about Spanish?',
    ]);
  });
});

describe('MemoryAwareRouter.run memory', () => {
  it('should record user turns, answers and errors across turns, on every path', async () => {
    const memory = new MemoryManager();
    const chat = new MemoryAwareRouter({ router: createRouter(), memory });
    await chat.run('Translate "good night" into Spanish');
    await expect(chat.run('Will it rain in Lyon? Check the weather')).rejects.toThrow(
      'The weather service is down.',
    );
    await expect(chat.run('Hello there')).rejects.toBeInstanceOf(NoRouteError);
    expect(memory.entries.map(({ timestamp: _timestamp, ...entry }) => entry)).toEqual([
      { role: 'user', content: 'Translate "good night" into Spanish' },
      { role: 'assistant', content: 'Buenos días', agent: 'translate' },
      { role: 'user', content: 'Will it rain in Lyon? Check the weather' },
      {
        role: 'assistant',
        content: 'The weather service is down.',
        agent: 'weather',
        error: { name: 'Error', message: 'The weather service is down.' },
      },
      { role: 'user', content: 'Hello there' },
      {
        role: 'assistant',
        content: expect.stringContaining('No agent is confident enough for "Hello there"'),
        error: { name: 'NoRouteError', message: expect.any(String) },
      },
    ]);
  });

  it('should share one memory between routers, so the conversation carries over', async () => {
    const memory = new MemoryManager();
    const first = new MemoryAwareRouter({ router: createRouter(), memory });
    const second = new MemoryAwareRouter({ router: createRouter(), memory });
    await first.run('Translate "good morning" into French');
    const result = await second.run('Translate it into Spanish');
    expect(result.messages).toEqual([
      { role: 'user', content: 'Translate "good morning" into French' },
      { role: 'assistant', content: 'Buenos días' },
    ]);
  });

  it('should record a streamed answer once the stream ends', async () => {
    const memory = new MemoryManager();
    const story = defineAgent('Request: {{ query }}', { name: 'story', stream: true });
    const router = new AgentRouter().register(story, { keywords: ['story'] });
    const result = await new MemoryAwareRouter({ router, memory }).run('Tell a story');
    const stream = result.output as AsyncIterable<string>;
    let text = '';
    for await (const delta of stream) text += delta;
    await vi.waitFor(() => expect(memory.getMessages()).toHaveLength(2));
    expect(memory.getMessages()).toEqual([
      { role: 'user', content: 'Tell a story' },
      { role: 'assistant', content: text },
    ]);
    expect(test.bodies()).toMatchObject([{ stream: true }]);
  });
});

describe('MemoryAwareRouter.route (your own strategy)', () => {
  it("should route with the router's strategy object and report its name", async () => {
    const queries: string[] = [];
    const router = createRouter({
      strategy: {
        name: 'always-translate',
        decide(query) {
          queries.push(query);
          return { agent: 'translate', confidence: 1 };
        },
      },
    });
    const chat = new MemoryAwareRouter({ router, memory: withHistory() });
    const decision = await chat.route('Now translate it into Spanish');
    expect(decision).toMatchObject({
      agent: 'translate',
      strategy: 'always-translate',
      path: 'context',
      rerouted: false,
    });
    expect(queries).toEqual(['Now translate it into Spanish']);
  });
});
