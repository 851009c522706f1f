import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator.js';
import { startSimulator } from './start-simulator.js';

let sim: Simulator;
let openai: OpenAI;
let anthropic: Anthropic;

beforeAll(async () => {
  sim = await startSimulator({ latency: 'none', models: ['sim-small', 'sim-large'] });
  openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'test', maxRetries: 0 });
});
afterEach(() => sim.reset());
afterAll(() => sim.close());

describe('handleModels', () => {
  it('should list the models in the OpenAI shape', async () => {
    const page = await openai.models.list();
    expect(page.data.map((model) => [model.id, model.object])).toEqual([
      ['sim-small', 'model'],
      ['sim-large', 'model'],
    ]);
    expect(sim.requests[0]).toMatchObject({ api: 'models', method: 'GET', status: 200 });
  });

  it('should list the models in the Anthropic shape when anthropic-version is sent', async () => {
    const page = await anthropic.models.list();
    expect(page.data.map((model) => [model.id, model.type, model.display_name])).toEqual([
      ['sim-small', 'model', 'sim-small'],
      ['sim-large', 'model', 'sim-large'],
    ]);
    expect(page.has_more).toBe(false);
  });

  it('should retrieve one model, and 404 an unknown one', async () => {
    expect((await openai.models.retrieve('sim-large')).id).toBe('sim-large');
    expect((await anthropic.models.retrieve('sim-small')).type).toBe('model');
    await expect(openai.models.retrieve('nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(anthropic.models.retrieve('nope')).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });

  it('should apply only faults aimed at the models api', async () => {
    sim.injectFault({ type: 'status', status: 500 });
    await expect(openai.models.list()).resolves.toBeDefined();
    sim.reset();
    sim.injectFault({ type: 'status', status: 401, api: 'models' });
    await expect(anthropic.models.list()).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
    expect(sim.requests[0]?.fault).toBe('status');
  });
});
