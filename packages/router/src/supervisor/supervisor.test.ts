import type { SimulatorRequestInfo } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { useRouterTestClient } from '../../test/use-router-test-client.js';
import { AgentRouter } from '../routing/agent-router.js';
import { NoRouteError } from '../routing/no-route-error.js';
import { Supervisor } from './supervisor.js';
import { SupervisorStepsError } from './supervisor-steps-error.js';

const isSupervisor = (request: SimulatorRequestInfo) => request.system.includes('Specialists:');
const turns = (request: SimulatorRequestInfo) => request.messages.length;

const test = useRouterTestClient([
  {
    match: (request) => isSupervisor(request) && request.messages[0]?.text === 'loop forever',
    reply: '{"action":"call","agent":"population","input":"Lyon"}',
  },
  {
    match: (request) => isSupervisor(request) && request.messages[0]?.text === 'ask the oracle',
    reply: '{"action":"call","agent":"oracle","input":"anything"}',
  },
  {
    match: (request) => isSupervisor(request) && turns(request) === 1,
    reply: '{"action":"call","agent":"population","input":"Lyon"}',
  },
  {
    match: (request) => isSupervisor(request) && turns(request) === 3,
    reply: '{"action":"call","agent":"population","input":"Porto"}',
  },
  {
    match: (request) => isSupervisor(request),
    reply: '{"action":"answer","agent":"population","input":"Lyon is larger."}',
  },
]);

const populations: Record<string, string> = { Lyon: '522,000', Porto: '232,000' };

function createSpecialists(): AgentRouter {
  return new AgentRouter()
    .register((city) => populations[city] ?? 'unknown', {
      name: 'population',
      description: 'Population of a city',
    })
    .register(() => 'Sunny', { name: 'weather', description: 'Weather of a city' });
}

describe('Supervisor.run', () => {
  it('should call specialists one at a time until it answers', async () => {
    const result = await new Supervisor({ router: createSpecialists() }).run(
      'Which is larger, Lyon or Porto?',
    );
    expect(result).toEqual({
      answer: 'Lyon is larger.',
      steps: [
        { agent: 'population', input: 'Lyon', output: '522,000' },
        { agent: 'population', input: 'Porto', output: '232,000' },
      ],
    });
    const bodies = test.bodies();
    expect(bodies).toHaveLength(3);
    expect(bodies[0]?.messages[0]?.content).toContain(
      'Specialists:\n- population: Population of a city\n- weather: Weather of a city',
    );
    expect(bodies[2]?.messages.slice(1)).toEqual([
      { role: 'user', content: 'Which is larger, Lyon or Porto?' },
      { role: 'assistant', content: '{"action":"call","agent":"population","input":"Lyon"}' },
      { role: 'user', content: 'population answered:\n522,000' },
      { role: 'assistant', content: '{"action":"call","agent":"population","input":"Porto"}' },
      { role: 'user', content: 'population answered:\n232,000' },
    ]);
  });

  it('should stop after maxSteps specialist calls with the calls so far', async () => {
    const error = await new Supervisor({ router: createSpecialists(), maxSteps: 2 })
      .run('loop forever')
      .catch((caught: unknown) => caught);
    expect(SupervisorStepsError.isInstance(error)).toBe(true);
    expect((error as SupervisorStepsError).steps).toHaveLength(2);
    expect((error as Error).message).toContain('after 2 steps (population -> population)');
  });

  it('should throw a NoRouteError when it names a specialist that does not exist', async () => {
    const error = await new Supervisor({ router: createSpecialists() })
      .run('ask the oracle')
      .catch((caught: unknown) => caught);
    expect(NoRouteError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'The supervisor asked for agent \'oracle\' for "ask the oracle", but no agent has that name. Candidates: population, weather.',
    );
  });

  it('should say so when it has no specialists, before any call', async () => {
    await expect(new Supervisor({ router: new AgentRouter() }).run('hi')).rejects.toMatchObject({
      reason: 'no-agents',
    });
    expect(test.simulator().requests).toHaveLength(0);
  });
});
