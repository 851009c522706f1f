import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchModel } from '../systems/bench-system.js';
import { chatCompletionBody, createHttpFloor } from './http-floor.js';
import { createHttpStreamFloor } from './http-floor-stream.js';

const input = { system: 'You are a concise assistant.', prompt: 'miss 1: what changed?' };

describe('createHttpFloor', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('should POST the systems request JSON on a keep-alive connection and parse the reply', async () => {
    const floor = createHttpFloor(simulator.openaiBaseURL);
    try {
      const reply = (await floor.call(input)) as { choices: { message: { content: string } }[] };
      await floor.call(input);
      expect(reply.choices[0]?.message.content).not.toBe('');
      const [first, second] = simulator.requests;
      expect(first?.path).toBe('/v1/chat/completions');
      expect(first?.stream).toBe(false);
      expect(first?.body).toEqual({
        model: benchModel,
        messages: [
          { role: 'system', content: input.system },
          { role: 'user', content: input.prompt },
        ],
      });
      expect(second?.headers.connection).toBe('keep-alive');
    } finally {
      await floor.close();
    }
  });
});

describe('createHttpStreamFloor', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('should stream to [DONE] and time the first content delta before the whole stream', async () => {
    const floor = createHttpStreamFloor(simulator.openaiBaseURL);
    try {
      const timing = await floor.stream(input);
      expect(timing.firstUs).toBeGreaterThan(0);
      expect(timing.totalUs).toBeGreaterThanOrEqual(timing.firstUs);
      const [request] = simulator.requests;
      expect(request?.stream).toBe(true);
      expect(request?.completed).toBe(true);
      expect(request?.disconnected).toBe(false);
    } finally {
      await floor.close();
    }
  });
});

describe('chatCompletionBody', () => {
  it('should add stream: true only for a stream', () => {
    expect(JSON.parse(chatCompletionBody({ prompt: 'hi' }, true))).toEqual({
      model: benchModel,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    expect(JSON.parse(chatCompletionBody({ prompt: 'hi' }, false))).not.toHaveProperty('stream');
  });
});
