import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as routingExample from './routing.js';
import { useExampleHarness } from './use-example-harness.js';
import * as workflowExample from './workflow.js';

const harness = useExampleHarness([...routingExample.replies, ...workflowExample.replies]);

describe('routing example', () => {
  it('should route by keywords, follow up with memory, classify with the LLM', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kagura-routing-'));
    const store = `sqlite:${join(directory, 'memory.db')}` as const;
    await routingExample.main(store);
    expect(harness.output).toEqual([
      'translate 3 0.6, review 1 0.2, chat 0 0',
      'review at 0.80 by keyword',
      'translate: Bonjour | translate: Buongiorno',
      'context path, rerouted: true',
      'run 1, 4 turns in memory',
      'review at 0.9 by llm',
      'review at 1 by code-first',
      'No route; candidates: translate',
    ]);
    const bodies = harness.simulator.requests.map(
      (request) => request.body as { messages: unknown[] },
    );
    // The follow-up's agent got the user's own words, and the conversation before them.
    expect(bodies[1]?.messages).toEqual([
      {
        role: 'user',
        content:
          'Conversation so far:\nUser: Translate "good morning" into French\nAssistant: Bonjour\n\n' +
          'Translate as asked: And in Italian?',
      },
    ]);
    expect(harness.simulator.requests).toHaveLength(3);

    // A second run, a new process in real life, finds the persistent memory on disk.
    harness.output.length = 0;
    await routingExample.main(store);
    expect(harness.output).toContain('run 2, 4 turns in memory');
    await rm(directory, { recursive: true, force: true });
  });
});

describe('workflow example', () => {
  it('should route to the trip desk, fan out to the specialists and stream the plan', async () => {
    await workflowExample.main();
    // The plan is written delta by delta, then a line break.
    expect(harness.output.slice(0, -3).join('')).toBe(
      '[trips] Day one: Fushimi Inari under the blossoms.',
    );
    expect(harness.output.length).toBeGreaterThan(5);
    expect(harness.output.slice(-3)).toEqual([
      '',
      'chat: Mochi.',
      'weather -> budget: Yes: mild weather, and 9,000 yen a day.',
    ]);
    const bodies = harness.simulator.requests.map(
      (request) => request.body as { stream?: boolean; messages: { content: string }[] },
    );
    const specialists = bodies
      .slice(0, 3)
      .map((body) => body.messages.at(-1)?.content)
      .sort();
    expect(specialists).toEqual([
      'Daily budget for this trip, in one line: Plan a trip to Kyoto in April',
      'Three sights for this trip, in one line: Plan a trip to Kyoto in April',
      'Weather for this trip, in one line: Plan a trip to Kyoto in April',
    ]);
    // The synthesis streams, and sees every specialist's answer.
    expect(bodies[3]).toMatchObject({ stream: true });
    expect(bodies[3]?.messages.at(-1)?.content).toBe(
      'Write a short plan for: Plan a trip to Kyoto in April\nWeather: Mild, 18°C, cherry ' +
        'blossoms.\nSights: Fushimi Inari, Kinkaku-ji, Arashiyama.\nBudget: About 9,000 yen a day.',
    );
    // The specialists a supervisor calls get its request, not the user's.
    expect(bodies.map((body) => body.messages.at(-1)?.content)).toContain(
      'Weather for this trip, in one line: Kyoto in April',
    );
  });
});
