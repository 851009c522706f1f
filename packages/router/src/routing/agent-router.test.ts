import { agent, defineAgent, prompt } from '@kagura-ts/agent';
import { AbortError, InvalidArgumentError } from '@kagura-ts/core';
import type { SimulatorRequestInfo } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { lastUserText, useRouterTestClient } from '../../test/use-router-test-client.js';
import { AgentRouter } from './agent-router.js';
import { createLLMStrategy } from './create-llm-strategy.js';
import { NoRouteError } from './no-route-error.js';
import type { RouteStrategy, RouteStrategyContext } from './route-strategy.js';

const isClassification = (request: SimulatorRequestInfo) => request.system.includes('Agents:');

const test = useRouterTestClient([
  {
    match: (request) => isClassification(request) && request.lastUserText.includes('weather'),
    reply: '{"agent":"weather","confidence":0.9}',
  },
  {
    match: (request) => isClassification(request) && request.lastUserText.includes('unsure'),
    reply: '{"agent":"code","confidence":0.2}',
  },
  {
    match: (request) => isClassification(request),
    reply: '{"agent":"code","confidence":0.85}',
  },
  { match: 'Translate', reply: 'Bonjour' },
  { match: 'Review', reply: 'Looks good.' },
]);

const translate = defineAgent('Translate: {{ query }}', {
  name: 'translate',
  description: 'Translates text between languages',
});
const review = defineAgent('Review this code:\n{{ query }}\n{{ context }}', {
  name: 'code',
  description: 'Reviews code',
});

function createRouter(options: ConstructorParameters<typeof AgentRouter>[0] = {}): AgentRouter {
  return new AgentRouter(options)
    .register(translate, { intents: ['translate'], keywords: ['french', 'spanish'] })
    .register(review, { intents: ['review code'], keywords: ['function', 'bug', 'typescript'] });
}

class Desk {
  @agent({ description: 'Answers questions' })
  answer(query: string, context = ''): Promise<string> {
    return prompt`Context:\n{{ context }}\nQuestion: {{ query }}`;
  }

  @agent({ description: 'Translates text' })
  translate(text: string, lang = 'French'): Promise<string> {
    return prompt`Translate {{ text }} into {{ lang }}`;
  }
}

describe('AgentRouter.register', () => {
  it('should take the name and description of a defineAgent agent', () => {
    expect(createRouter().agents).toEqual([
      {
        name: 'translate',
        description: 'Translates text between languages',
        intents: ['translate'],
        keywords: ['french', 'spanish'],
        kind: 'template',
      },
      expect.objectContaining({ name: 'code', kind: 'template' }),
    ]);
  });

  it('should name a plain function after itself unless the route names it', () => {
    function echo(query: string) {
      return query;
    }
    const router = new AgentRouter().register(echo).register((query) => query, { name: 'other' });
    expect(router.agents.map((entry) => [entry.name, entry.kind])).toEqual([
      ['echo', 'function'],
      ['other', 'function'],
    ]);
  });

  it('should refuse a duplicate name, naming it', () => {
    expect(() => createRouter().register(translate)).toThrow(
      /an agent named 'translate' is already registered/,
    );
  });
});

describe('AgentRouter.registerAgents', () => {
  it('should find decorated methods through their metadata and run them with the query', async () => {
    const router = new AgentRouter().registerAgents(new Desk(), {
      answer: { keywords: ['why'], acceptsContext: true },
    });
    expect(router.agents.map((entry) => [entry.name, entry.kind, entry.description])).toEqual([
      ['answer', 'method', 'Answers questions'],
      ['translate', 'method', 'Translates text'],
    ]);
    await router.run('why is the sky blue?', {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
      ],
    });
    expect(test.bodies().map(lastUserText)).toEqual([
      'Context:\nUser: Hi\nAssistant: Hello!\nQuestion: why is the sky blue?',
    ]);
  });

  it('should call a method with the query alone unless it accepts context', async () => {
    const router = new AgentRouter().registerAgents(new Desk(), {
      translate: { intents: ['translate'] },
    });
    await router.run('translate good night', { messages: [{ role: 'user', content: 'Hi' }] });
    // The method's own default for `lang` stands: the context did not land in it.
    expect(test.bodies().map(lastUserText)).toEqual(['Translate translate good night into French']);
  });

  it('should refuse routes for agents the class does not have, listing its agents', () => {
    expect(() => new AgentRouter().registerAgents(new Desk(), { summarise: {} })).toThrow(
      "'summarise' is not an @agent of Desk. Its agents: answer, translate.",
    );
  });

  it('should refuse a class instead of an instance', () => {
    expect(() => new AgentRouter().registerAgents(Desk)).toThrow(InvalidArgumentError);
  });
});

describe('AgentRouter.route (keyword)', () => {
  it('should score as documented: 2 per intent, 1 per keyword, over the total plus one', async () => {
    const decision = await createRouter().route('Translate this function name into French');
    expect(decision).toEqual({
      agent: 'translate',
      confidence: 0.6,
      strategy: 'keyword',
      fallback: false,
      scores: { translate: 0.6, code: 0.2 },
      query: 'Translate this function name into French',
    });
    expect(test.simulator().requests).toHaveLength(0);
  });

  it('should choose the fallback agent below the threshold, keeping the low confidence', async () => {
    const router = createRouter({ fallback: 'code', threshold: 0.5 });
    // One keyword each: 1 / (1 + 1 + 1) = 0.33 for both, under 0.5.
    const decision = await router.route('a spanish bug');
    expect(decision).toMatchObject({ agent: 'code', fallback: true });
    expect(decision.confidence).toBeCloseTo(1 / 3);
  });

  it('should accept a lower threshold', async () => {
    const decision = await createRouter({ threshold: 0.3 }).route('a spanish bug');
    expect(decision).toMatchObject({ agent: 'translate', fallback: false });
  });

  it('should throw a NoRouteError listing the candidates when there is no fallback', async () => {
    const error = await createRouter()
      .route('a spanish bug')
      .catch((caught: unknown) => caught);
    expect(NoRouteError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'below-threshold',
      candidates: ['translate', 'code'],
      best: { agent: 'translate' },
    });
    expect((error as Error).message).toBe(
      `No agent is confident enough for "a spanish bug": the best was 'translate' at 0.33 ` +
        '(threshold 0.5). Candidates: translate, code. Add intents or keywords, lower the ' +
        'threshold, or set a fallback agent.',
    );
  });

  it('should never route by keywords a query that matches nothing, even at threshold 0', async () => {
    await expect(createRouter({ threshold: 0 }).route('hello there')).rejects.toThrow(
      /no agent matched/,
    );
  });

  it('should say so when no agent is registered', async () => {
    await expect(new AgentRouter().route('hi')).rejects.toMatchObject({ reason: 'no-agents' });
  });

  it('should refuse a fallback that is not registered', async () => {
    await expect(createRouter({ fallback: 'chat' }).route('hello')).rejects.toThrow(
      "'chat' is not a registered agent. Candidates: translate, code.",
    );
  });

  it('should refuse a threshold outside 0 to 1', () => {
    expect(() => new AgentRouter({ threshold: 2 })).toThrow(/2 is not a number from 0 to 1/);
  });
});

describe('AgentRouter.route (llm)', () => {
  it('should classify with one schema call that lists the agents and sends the query', async () => {
    const decision = await createRouter({ strategy: 'llm' }).route('Is this loop correct?');
    expect(decision).toEqual({
      agent: 'code',
      confidence: 0.85,
      strategy: 'llm',
      fallback: false,
      scores: { code: 0.85 },
      query: 'Is this loop correct?',
    });
    const [body] = test.bodies();
    expect(body?.messages).toEqual([
      {
        role: 'system',
        content: expect.stringContaining(
          'Agents:\n- translate: Translates text between languages (for: translate)\n' +
            '- code: Reviews code (for: review code)',
        ),
      },
      { role: 'user', content: 'Is this loop correct?' },
    ]);
    expect(body?.response_format?.json_schema?.schema).toMatchObject({
      properties: { agent: { enum: ['translate', 'code'] } },
      required: ['agent', 'confidence'],
    });
  });

  it('should answer the same query from the cache', async () => {
    const router = createRouter({ strategy: 'llm' });
    await router.route('Is this loop correct?');
    await router.route('Is this loop correct?');
    expect(test.simulator().requests).toHaveLength(1);
  });

  it('should throw a NoRouteError naming the unknown agent, and not cache the reply', async () => {
    const router = createRouter({ strategy: 'llm' });
    const error = await router.route('What is the weather?').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'NoRouteError',
      reason: 'unknown-agent',
      requested: 'weather',
      candidates: ['translate', 'code'],
    });
    expect((error as Error).message).toContain(
      'The model asked for agent \'weather\' for "What is the weather?", but no agent has that name. Candidates: translate, code.',
    );
    await router.route('What is the weather?').catch(() => {});
    expect(test.simulator().requests).toHaveLength(2);
  });

  it('should fall back when the model is not confident', async () => {
    const decision = await createRouter({ strategy: 'llm', fallback: 'translate' }).route(
      'unsure what this is',
    );
    expect(decision).toMatchObject({ agent: 'translate', fallback: true, confidence: 0.2 });
  });

  it('should answer with the fallback when the classifier call fails, and say why', async () => {
    test.simulator().injectFault({ type: 'status', status: 503, times: 10 });
    const decision = await createRouter({ strategy: 'llm', fallback: 'translate' }).route(
      'Is this loop correct?',
    );
    expect(decision).toMatchObject({ agent: 'translate', fallback: true, strategy: 'llm' });
    expect(decision.classifierError).toMatchObject({ name: 'APICallError', statusCode: 503 });
  });

  it('should reject when the classifier call fails and there is no fallback', async () => {
    test.simulator().injectFault({ type: 'status', status: 503, times: 10 });
    const error = await createRouter({ strategy: 'llm' })
      .route('Is this loop correct?')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'APICallError', statusCode: 503 });
  });

  it('should fall back when the classifier names an agent that does not exist', async () => {
    const decision = await createRouter({ strategy: 'llm', fallback: 'code' }).route(
      'What is the weather?',
    );
    expect(decision).toMatchObject({ agent: 'code', fallback: true });
    expect(decision.classifierError).toMatchObject({
      name: 'NoRouteError',
      reason: 'unknown-agent',
    });
  });

  it('should let one query choose its strategy', async () => {
    const decision = await createRouter().route('Is this loop correct?', { strategy: 'llm' });
    expect(decision.strategy).toBe('llm');
  });
});

describe('AgentRouter.route (your own strategy)', () => {
  // Routes anything mentioning code to `code`, very surely; says nothing about anything else.
  const codeFirst: RouteStrategy = {
    name: 'code-first',
    decide: (query) => (query.includes('code') ? { agent: 'code', confidence: 0.9 } : undefined),
  };
  const failing = (error: unknown): RouteStrategy => ({
    name: 'failing',
    decide: () => Promise.reject(error),
  });

  it('should route with a strategy object and report its name', async () => {
    const router = createRouter({ strategy: codeFirst });
    expect(router.strategy.name).toBe('code-first');
    const decision = await router.route('Explain this code');
    expect(decision).toEqual({
      agent: 'code',
      confidence: 0.9,
      strategy: 'code-first',
      fallback: false,
      scores: { code: 0.9 },
      query: 'Explain this code',
    });
    const result = await router.run('Review this code');
    expect(result).toMatchObject({ agent: 'code', strategy: 'code-first', output: 'Looks good.' });
    expect(test.bodies()).toHaveLength(1);
  });

  it('should give the strategy the query, the agents, the messages and the signal', async () => {
    const seen: [string, RouteStrategyContext][] = [];
    const recorder: RouteStrategy = {
      name: 'recorder',
      async decide(query, context) {
        seen.push([query, context]);
        return { agent: 'translate', confidence: 1, scores: { translate: 1, code: 0 } };
      },
    };
    const controller = new AbortController();
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    const decision = await createRouter({ strategy: recorder }).route('hello', {
      messages,
      abortSignal: controller.signal,
    });
    expect(decision.scores).toEqual({ translate: 1, code: 0 });
    expect(seen).toEqual([
      [
        'hello',
        {
          agents: [
            expect.objectContaining({ name: 'translate', intents: ['translate'] }),
            expect.objectContaining({ name: 'code', keywords: ['function', 'bug', 'typescript'] }),
          ],
          messages,
          abortSignal: controller.signal,
        },
      ],
    ]);
  });

  it('should let one query choose a strategy object', async () => {
    const decision = await createRouter().route('Explain this code', { strategy: codeFirst });
    expect(decision).toMatchObject({ agent: 'code', strategy: 'code-first' });
  });

  it('should answer with the fallback when the strategy returns nothing', async () => {
    const decision = await createRouter({ strategy: codeFirst, fallback: 'translate' }).route(
      'Hello',
    );
    expect(decision).toEqual({
      agent: 'translate',
      confidence: 0,
      strategy: 'code-first',
      fallback: true,
      scores: {},
      query: 'Hello',
    });
  });

  it('should throw a NoRouteError when the strategy returns nothing and there is no fallback', async () => {
    const error = await createRouter({ strategy: codeFirst })
      .route('Hello')
      .catch((caught: unknown) => caught);
    expect(NoRouteError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'below-threshold', best: undefined });
    expect((error as Error).message).toContain('no agent matched (threshold 0.5)');
  });

  it('should answer with the fallback when the strategy throws, and say why', async () => {
    const broken = new Error('the routing service is down');
    const decision = await createRouter({ strategy: failing(broken), fallback: 'translate' }).route(
      'Explain this code',
    );
    expect(decision).toEqual({
      agent: 'translate',
      confidence: 0,
      strategy: 'failing',
      fallback: true,
      classifierError: broken,
      scores: {},
      query: 'Explain this code',
    });
  });

  it('should reject with what the strategy threw when there is no fallback', async () => {
    const broken = new Error('the routing service is down');
    await expect(createRouter({ strategy: failing(broken) }).route('x')).rejects.toBe(broken);
  });

  it('should never answer a cancelled strategy with the fallback', async () => {
    const cancelled = new AbortError({ message: 'cancelled' });
    await expect(
      createRouter({ strategy: failing(cancelled), fallback: 'translate' }).route('x'),
    ).rejects.toBe(cancelled);
    const controller = new AbortController();
    controller.abort();
    const other = new Error('gave up');
    await expect(
      createRouter({ strategy: failing(other), fallback: 'translate' }).route('x', {
        abortSignal: controller.signal,
      }),
    ).rejects.toBe(other);
  });

  it('should treat an agent the strategy names that is not registered as a failure', async () => {
    const wrong: RouteStrategy = {
      name: 'wrong',
      decide: () => ({ agent: 'chat', confidence: 1 }),
    };
    const error = await createRouter({ strategy: wrong })
      .route('hi')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'NoRouteError',
      reason: 'unknown-agent',
      requested: 'chat',
    });
    expect((error as Error).message).toContain(
      "The strategy 'wrong' asked for agent 'chat' for \"hi\", but no agent has that name.",
    );
    const decision = await createRouter({ strategy: wrong, fallback: 'code' }).route('hi');
    expect(decision).toMatchObject({ agent: 'code', fallback: true, strategy: 'wrong' });
    expect(decision.classifierError).toMatchObject({ reason: 'unknown-agent' });
  });

  it('should refuse a confidence outside 0 to 1, naming the strategy', async () => {
    const sure: RouteStrategy = { name: 'sure', decide: () => ({ agent: 'code', confidence: 9 }) };
    await expect(createRouter({ strategy: sure }).route('hi')).rejects.toThrow(
      "strategy 'sure': its decide() returned the confidence 9, not a number from 0 to 1.",
    );
  });

  it('should refuse a strategy that is neither a shorthand nor an object with decide', async () => {
    expect(() => new AgentRouter({ strategy: 'fast' as never })).toThrow(InvalidArgumentError);
    expect(() => new AgentRouter({ strategy: 'fast' as never })).toThrow(
      "'fast' is not a strategy. Use 'keyword', 'llm', or an object { name, decide(query, context) }.",
    );
    expect(() => new AgentRouter({ strategy: { name: 'half' } as never })).toThrow(
      'the strategy object has no decide(query, context) method.',
    );
    await expect(
      createRouter().route('hi', { strategy: { decide: () => undefined } as never }),
    ).rejects.toThrow('the strategy object has no name.');
  });
});

describe('AgentRouter.strategy', () => {
  it("should resolve the shorthands to the built-in strategies, 'keyword' by default", async () => {
    expect(new AgentRouter().strategy.name).toBe('keyword');
    expect(new AgentRouter({ strategy: 'keyword' }).strategy.name).toBe('keyword');
    expect(new AgentRouter({ strategy: 'llm' }).strategy.name).toBe('llm');
  });

  it("should route with createLLMStrategy as with 'llm'", async () => {
    const shorthand = await createRouter({ strategy: 'llm' }).route('Is this loop correct?');
    const made = await createRouter({ strategy: createLLMStrategy() }).route(
      'Is this loop correct?',
    );
    expect(made).toEqual(shorthand);
    // The second is the same call, so a cache hit.
    expect(test.simulator().requests).toHaveLength(1);
  });
});

describe('AgentRouter.run', () => {
  it("should run the chosen agent once with the user's query, context apart", async () => {
    const result = await createRouter().run('Review this typescript function', {
      messages: [{ role: 'user', content: 'I am writing a parser.' }],
    });
    expect(result).toMatchObject({ agent: 'code', output: 'Looks good.' });
    expect(test.bodies().map(lastUserText)).toEqual([
      'Review this code:\nReview this typescript function\nUser: I am writing a parser.',
    ]);
  });

  it('should give a plain function the query, the context and the signal', async () => {
    const seen: unknown[] = [];
    const router = new AgentRouter().register(
      (query, context) => {
        seen.push(query, context);
        return 'ok';
      },
      { name: 'echo', keywords: ['echo'] },
    );
    const controller = new AbortController();
    await router.run('echo me', {
      messages: [{ role: 'user', content: 'Hi' }],
      abortSignal: controller.signal,
    });
    expect(seen).toEqual([
      'echo me',
      {
        messages: [{ role: 'user', content: 'Hi' }],
        context: 'User: Hi',
        abortSignal: controller.signal,
      },
    ]);
  });

  it('should use another template variable for the query when told', async () => {
    const summarise = defineAgent('Summarise: {{ text }}', { name: 'summarise' });
    const router = new AgentRouter().register(summarise, {
      keywords: ['summarise'],
      queryVariable: 'text',
    });
    await router.run('summarise the news');
    expect(test.bodies().map(lastUserText)).toEqual(['Summarise: summarise the news']);
  });
});

describe('AgentRouter.invoke', () => {
  it('should throw a NoRouteError listing the candidates for an unknown name', async () => {
    await expect(createRouter().invoke('chat', 'hi')).rejects.toThrow(
      'The caller asked for agent \'chat\' for "hi", but no agent has that name. Candidates: translate, code.',
    );
  });
});
