import type { AgentFunction } from '@kagura-ts/agent';
import { describe, expect, it } from 'vitest';
import { agentStep } from './agent-step.js';
import { createWorkflow } from './workflow.js';

// A stand-in for a defineAgent agent that shows the variables and options it was given.
function createRecorder(calls: unknown[]): AgentFunction<Promise<string>> {
  const run = async (variables?: Record<string, unknown>, options?: unknown) => {
    calls.push(variables, options);
    return 'done';
  };
  return Object.assign(run, { agentName: 'recorder', description: undefined, options: {} });
}

describe('agentStep', () => {
  it('should give a string input as query, with the conversation and the signal', async () => {
    const calls: unknown[] = [];
    const controller = new AbortController();
    const workflow = createWorkflow<string>().step(agentStep(createRecorder(calls)));
    await workflow.run('Kyoto', {
      abortSignal: controller.signal,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(calls).toEqual([
      { query: 'Kyoto', context: 'User: Hi', messages: [{ role: 'user', content: 'Hi' }] },
      { abortSignal: controller.signal },
    ]);
  });

  it("should spread an object input into variables, with the workflow's input as query", async () => {
    const calls: unknown[] = [];
    const workflow = createWorkflow<string>()
      .parallel({ weather: () => 'mild', sights: () => 'shrines' })
      .step(agentStep(createRecorder(calls)));
    expect(await workflow.run('Kyoto')).toBe('done');
    expect(calls[0]).toEqual({
      query: 'Kyoto',
      weather: 'mild',
      sights: 'shrines',
      context: '',
      messages: [],
    });
  });

  it('should use the variables function when given', async () => {
    const calls: unknown[] = [];
    await createWorkflow<number>()
      .step(agentStep(createRecorder(calls), (value: number) => ({ count: value * 2 })))
      .run(21);
    expect(calls[0]).toMatchObject({ count: 42 });
  });
});
