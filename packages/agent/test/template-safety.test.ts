import { type Client, createClient } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agent, defineAgent, prompt, TemplateError } from '../src/index.js';

let simulator: Simulator;
let client: Client;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
  client = createClient({
    providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'test-key' }) },
    model: 'openai:gpt-4o-mini',
    // Every call must reach the server, whose requests the tests read: a property run that
    // draws the same value twice would otherwise be answered from the response cache.
    cache: false,
  });
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
  delete (globalThis as Record<string, unknown>).__kaguraSentinel;
});

const sentinel = () => (globalThis as Record<string, unknown>).__kaguraSentinel;

function sentSystem(): unknown {
  const body = simulator.requests.at(-1)?.body as {
    messages: Array<{ role: string; content: unknown }>;
  };
  return body.messages.find((message) => message.role === 'system')?.content;
}

describe('config.system', () => {
  it('should send config.system as text and never run it as a template', async () => {
    const attack = '{{ range.constructor("globalThis.__kaguraSentinel = 1")() }} {{ topic }}';
    const run = defineAgent('Write about {{ topic }}.', { client, config: { system: attack } });
    await run({ topic: 'tea' });
    expect(sentinel()).toBeUndefined();
    expect(sentSystem()).toBe(attack);
  });

  it('should replace the agent system template with config.system, as text', async () => {
    class Writer {
      @agent({
        client,
        system: 'You write for {{ audience }}.',
        config: { system: 'Be {{ terse }}.' },
      })
      write(audience: string): Promise<string> {
        return prompt`Write for {{ audience }}.`;
      }
    }
    await new Writer().write('children');
    expect(sentSystem()).toBe('Be {{ terse }}.');
  });

  it('should still render the agent own system as a template', async () => {
    const run = defineAgent('Write about {{ topic }}.', {
      client,
      system: 'You write for {{ audience }}.',
    });
    await run({ topic: 'tea', audience: 'children' });
    expect(sentSystem()).toBe('You write for children.');
  });

  it('should send any config.system verbatim', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, unit: 'binary' }), async (system) => {
        const run = defineAgent('Hi', { client, config: { system } });
        await run();
        expect(sentSystem()).toBe(system);
      }),
      { numRuns: 25 },
    );
  });
});

describe('call-time values', () => {
  it('should insert variables as text, even when they look like template code', async () => {
    const run = defineAgent('Echo {{ text }}', { client });
    await run({ text: '{{ range.constructor("globalThis.__kaguraSentinel = 1")() }}' });
    expect(sentinel()).toBeUndefined();
    const body = simulator.requests.at(-1)?.body as { messages: Array<{ content: unknown }> };
    expect(body.messages.at(-1)?.content).toBe(
      'Echo {{ range.constructor("globalThis.__kaguraSentinel = 1")() }}',
    );
  });

  it('should refuse an author template that reaches for Function, before any request', async () => {
    const run = defineAgent('{{ range.constructor("globalThis.__kaguraSentinel = 1")() }}', {
      client,
    });
    const error = await run().catch((caught: unknown) => caught);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect(sentinel()).toBeUndefined();
    expect(simulator.requests).toHaveLength(0);
  });
});
