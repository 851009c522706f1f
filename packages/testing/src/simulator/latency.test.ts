import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../util/create-rng.js';
import { applyPromptCacheLatency, type LatencyOption, sampleLatency } from './latency.js';
import type { Simulator } from './simulator.js';
import { startSimulator } from './start-simulator.js';

describe('applyPromptCacheLatency', () => {
  it('should cut the time to the first token by 80% of the cached share', () => {
    const timing = { firstTokenDelayMs: 500, tokenIntervalMs: 10 };
    expect(applyPromptCacheLatency(timing, 0)).toEqual(timing);
    expect(applyPromptCacheLatency(timing, 0.5)).toEqual({
      firstTokenDelayMs: 300,
      tokenIntervalMs: 10,
    });
    expect(applyPromptCacheLatency(timing, 1).firstTokenDelayMs).toBeCloseTo(100);
    expect(applyPromptCacheLatency(timing, 2).firstTokenDelayMs).toBeCloseTo(100);
  });

  it('should leave zero latency at zero', () => {
    const zero = sampleLatency(undefined, createRng(1));
    expect(applyPromptCacheLatency(zero, 1)).toEqual({ firstTokenDelayMs: 0, tokenIntervalMs: 0 });
  });
});

describe('the latency option', () => {
  it('should refuse a latency the simulator cannot draw from when it starts, naming it', async () => {
    await expect(startSimulator({ latency: 0 as unknown as LatencyOption })).rejects.toThrow(
      "Simulator latency must be a profile ({ timeToFirstTokenMs, tokensPerSecond }), 'none' or false; got 0.",
    );
    await expect(
      startSimulator({ latency: { timeToFirstTokenMs: [700, 400], tokensPerSecond: 60 } }),
    ).rejects.toThrow(
      'Simulator latency.timeToFirstTokenMs must be a finite number or a [min, max] pair',
    );
    await expect(
      startSimulator({ latency: { timeToFirstTokenMs: Infinity, tokensPerSecond: 60 } }),
    ).rejects.toThrow('got Infinity');
  });

  it('should refuse it in setLatency and keep the latency it had', async () => {
    const sim = await startSimulator({ latency: 'none' });
    try {
      expect(() => sim.setLatency({ timeToFirstTokenMs: 5 } as unknown as LatencyOption)).toThrow(
        'Simulator latency.tokensPerSecond must be a finite number (or Infinity)',
      );
      const openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'k', maxRetries: 0 });
      await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(sim.requests[0]?.timing).toEqual({ firstTokenDelayMs: 0, tokenIntervalMs: 0 });
    } finally {
      await sim.close();
    }
  });
});

describe('prompt cache latency over HTTP', () => {
  let sim: Simulator;
  let openai: OpenAI;
  beforeAll(async () => {
    // A fixed 20 ms to the first token, all tokens at once: small enough to run, exact to assert.
    sim = await startSimulator({ latency: { timeToFirstTokenMs: 20, tokensPerSecond: Infinity } });
    openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'k', maxRetries: 0 });
  });
  afterAll(() => sim.close());

  it('should plan a shorter time to the first token for a prompt read from the cache', async () => {
    const system = Array.from({ length: 2000 }, (_, index) => `w${index}`).join(' ');
    const request = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system' as const, content: system },
        { role: 'user' as const, content: 'Hi' },
      ],
    };
    await openai.chat.completions.create(request);
    await openai.chat.completions.create(request);
    const [first, second] = sim.requests;
    expect(first?.timing).toEqual({ firstTokenDelayMs: 20, tokenIntervalMs: 0 });
    expect(second?.promptCache?.readTokens).toBe(1920);
    expect(second?.timing?.firstTokenDelayMs).toBeCloseTo(20 * (1 - (0.8 * 1920) / 2001));
  });
});
