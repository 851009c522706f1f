import { describe, expect, it } from 'vitest';
import { useRouterTestClient } from '../../test/use-router-test-client.js';
import { AgentRouter } from './agent-router.js';
import { createLLMStrategy } from './create-llm-strategy.js';

const test = useRouterTestClient(
  [
    {
      match: (request) => request.system.includes('Agents:'),
      reply: '{"agent":"code","confidence":0.85}',
    },
  ],
  { defaultClient: false },
);

const router = (strategy: ReturnType<typeof createLLMStrategy>) =>
  new AgentRouter({ strategy })
    .register(() => 'Bonjour', { name: 'translate', description: 'Translates text' })
    .register(() => 'Looks good.', { name: 'code', description: 'Reviews code' });

describe('createLLMStrategy', () => {
  it('should classify with one call through its own client, model and instructions', async () => {
    const strategy = createLLMStrategy({
      client: test.client(),
      model: 'openai:gpt-4o',
      instructions: 'Pick the agent.',
    });
    const decision = await router(strategy).route('Is this loop correct?');
    expect(decision).toMatchObject({ agent: 'code', confidence: 0.85, strategy: 'llm' });
    const [body] = test.bodies();
    expect(test.bodies()).toHaveLength(1);
    expect(body?.model).toBe('gpt-4o');
    expect(body?.messages[0]).toEqual({
      role: 'system',
      content: 'Pick the agent.\n\nAgents:\n- translate: Translates text\n- code: Reviews code',
    });
  });

  it('should report the name it is given', async () => {
    const decision = await router(
      createLLMStrategy({ client: test.client(), name: 'small-model' }),
    ).route('hi');
    expect(decision.strategy).toBe('small-model');
  });

  it('should not cache with cache: false', async () => {
    const strategy = createLLMStrategy({ client: test.client(), cache: false });
    await router(strategy).route('Is this loop correct?');
    await router(strategy).route('Is this loop correct?');
    expect(test.bodies()).toHaveLength(2);
  });
});
