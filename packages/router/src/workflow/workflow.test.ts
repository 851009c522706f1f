import { defineAgent } from '@kagura-ts/agent';
import { AbortError, InvalidArgumentError } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { lastUserText, useRouterTestClient } from '../../test/use-router-test-client.js';
import { MemoryManager } from '../memory/memory-manager.js';
import { AgentRouter } from '../routing/agent-router.js';
import { MemoryAwareRouter } from '../routing/memory-aware-router.js';
import { isLLMStream } from '../util/is-llm-stream.js';
import { createWorkflow, Workflow } from './workflow.js';

const test = useRouterTestClient([
  { match: 'Weather for', reply: 'Mild, 18°C.' },
  { match: 'Sights in', reply: 'Fushimi Inari, Kinkaku-ji.' },
  { match: 'Write the plan', reply: 'Day one: shrines in the mild sun.' },
]);

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Workflow.step', () => {
  it('should run steps in order, each on the previous output, with the original input at hand', async () => {
    const workflow = createWorkflow<string>()
      .step((text) => text.length)
      .step(async (length, { input }) => `${input} has ${length} letters`);
    expect(await workflow.run('kagura')).toBe('kagura has 6 letters');
  });

  it('should return a new workflow and leave the original as it was', async () => {
    const base = createWorkflow<number>().step((value) => value + 1);
    const longer = base.step((value) => value * 10);
    expect([await base.run(1), await longer.run(1)]).toEqual([2, 20]);
  });

  it('should stop before the next step once the signal aborts', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const workflow = createWorkflow<string>()
      .step((value) => {
        controller.abort();
        return value;
      })
      .step((value) => {
        seen.push(value);
        return value;
      });
    const error = await workflow
      .run('x', { abortSignal: controller.signal })
      .catch((caught) => caught);
    expect(AbortError.isInstance(error)).toBe(true);
    expect(seen).toEqual([]);
  });
});

describe('Workflow.parallel', () => {
  it('should fan out to named steps and fan in their results by name', async () => {
    const workflow = createWorkflow<number>().parallel({
      double: (value) => value * 2,
      square: async (value) => value * value,
    });
    expect(await workflow.run(3)).toEqual({ double: 6, square: 9 });
  });

  it('should run at most `concurrency` steps at once', async () => {
    let running = 0;
    let most = 0;
    const step = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
      return running;
    };
    await createWorkflow<number>()
      .parallel({ a: step, b: step, c: step, d: step }, { concurrency: 2 })
      .run(0);
    expect(most).toBe(2);
  });

  it('should cancel the other steps when one fails', async () => {
    let siblingSignal: AbortSignal | undefined;
    const workflow = createWorkflow<string>().parallel({
      slow: async (_value, { abortSignal }) => {
        siblingSignal = abortSignal;
        await tick();
        return 'late';
      },
      broken: async () => {
        throw new Error('broken step');
      },
    });
    await expect(workflow.run('x')).rejects.toThrow('broken step');
    expect(siblingSignal?.aborted).toBe(true);
  });

  it('should refuse an empty set of steps', () => {
    expect(() => createWorkflow().parallel({})).toThrow(InvalidArgumentError);
  });
});

describe('Workflow.route', () => {
  it('should route the previous output and run the chosen agent', async () => {
    const router = new AgentRouter()
      .register((query) => `weather: ${query}`, { name: 'weather', keywords: ['rain'] })
      .register((query) => `sights: ${query}`, { name: 'sights', keywords: ['visit'] });
    const workflow = createWorkflow<{ question: string }>()
      .route(router, { query: (value) => value.question })
      .step((result) => `${result.agent} -> ${String(result.output)}`);
    expect(await workflow.run({ question: 'What to visit in Kyoto?' })).toBe(
      'sights -> sights: What to visit in Kyoto?',
    );
  });

  it('should route through a memory-aware router, which records the turn', async () => {
    const router = new AgentRouter().register((query) => `echo: ${query}`, {
      name: 'echo',
      keywords: ['echo'],
    });
    const memory = new MemoryManager();
    const workflow = createWorkflow<string>().route(new MemoryAwareRouter({ router, memory }));
    expect(await workflow.run('echo this')).toMatchObject({ agent: 'echo', path: 'fast' });
    expect(memory.getMessages()).toEqual([
      { role: 'user', content: 'echo this' },
      { role: 'assistant', content: 'echo: echo this' },
    ]);
  });

  it('should say what to do when the previous output is not a string', async () => {
    const router = new AgentRouter().register(() => 'x', { name: 'x', keywords: ['x'] });
    const workflow = createWorkflow<number>({ name: 'numbers' }).route(router);
    await expect(workflow.run(42)).rejects.toThrow(
      "Invalid route step of workflow 'numbers': the previous step returned number, not a query string.",
    );
  });
});

describe('Workflow.stream', () => {
  const weather = defineAgent('Weather for {{ city }}', { name: 'weather' });
  const sights = defineAgent('Sights in {{ city }}', { name: 'sights' });
  const plan = defineAgent(
    'Write the plan for {{ query }}. Weather: {{ weather }}. Sights: {{ sights }}.',
    {
      name: 'plan',
      stream: true,
    },
  );

  function createTripPlanner() {
    return createWorkflow<string>({ name: 'trip', description: 'Plans a trip' })
      .parallel(
        {
          weather: (query, { abortSignal }) => weather({ city: query }, { abortSignal }),
          sights: (query, { abortSignal }) => sights({ city: query }, { abortSignal }),
        },
        { concurrency: 2 },
      )
      .step((found, { input, abortSignal }) => plan({ query: input, ...found }, { abortSignal }));
  }

  it('should stream the last step once the parallel specialists have answered', async () => {
    const stream = await createTripPlanner().stream('Kyoto');
    let text = '';
    for await (const delta of stream) text += delta;
    expect(text).toBe('Day one: shrines in the mild sun.');
    const bodies = test.bodies();
    expect(bodies.slice(0, 2).map(lastUserText).sort()).toEqual([
      'Sights in Kyoto',
      'Weather for Kyoto',
    ]);
    expect(bodies[2]).toMatchObject({ stream: true });
    expect(lastUserText(bodies[2]!)).toBe(
      'Write the plan for Kyoto. Weather: Mild, 18°C.. Sights: Fushimi Inari, Kinkaku-ji..',
    );
  });

  it('should run as a routed agent: router, parallel specialists, streamed synthesis', async () => {
    const router = new AgentRouter({ fallback: 'chat' })
      .register(createTripPlanner(), { keywords: ['trip', 'visit'] })
      .register(() => 'Hello!', { name: 'chat' });
    expect(router.agents.map((agent) => [agent.name, agent.kind, agent.description])).toEqual([
      ['trip', 'workflow', 'Plans a trip'],
      ['chat', 'function', undefined],
    ]);
    const { agent, output } = await router.run('trip to Kyoto');
    expect(agent).toBe('trip');
    expect(isLLMStream(output) && (await output.text())).toBe('Day one: shrines in the mild sun.');
    expect(test.bodies().map(lastUserText)).toContain('Weather for trip to Kyoto');
  });

  it('should refuse to stream a workflow whose last step does not return a stream', async () => {
    const workflow = createWorkflow<string>({ name: 'shout' }).step((text) => text.toUpperCase());
    await expect(workflow.stream('hi')).rejects.toThrow(
      "Invalid workflow 'shout': its last step returned string, not an LLMStream.",
    );
  });
});

describe('Workflow.isInstance', () => {
  it('should recognise workflows only', () => {
    expect(Workflow.isInstance(createWorkflow())).toBe(true);
    expect(Workflow.isInstance({ run() {} })).toBe(false);
  });
});
