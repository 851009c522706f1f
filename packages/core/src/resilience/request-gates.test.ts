import type { ModelRequest } from '@kagura-ts/provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateTokens, RequestGates } from './request-gates.js';
import { takeTicket } from './wait-queue.js';

const request: ModelRequest = {
  messages: [{ role: 'user', content: 'x'.repeat(400) }],
  maxTokens: 50,
};

describe('RequestGates', () => {
  it('should hold a concurrency slot per provider and per model until released, in order', async () => {
    const gates = new RequestGates({
      openai: { concurrency: 2 },
      'openai:gpt-4o': { concurrency: 1 },
    });
    const first = await gates.pass({ provider: 'openai', modelId: 'gpt-4o-mini', request });
    const second = await gates.pass({ provider: 'openai', modelId: 'gpt-4o', request });
    const order: string[] = [];
    const third = gates
      .pass({ provider: 'openai', modelId: 'gpt-4o-mini', request })
      .then((pass) => {
        order.push('third');
        return pass;
      });
    const fourth = gates.pass({ provider: 'openai', modelId: 'gpt-4o', request }).then((pass) => {
      order.push('fourth');
      return pass;
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([]);
    first.release();
    (await third).release();
    second.release();
    (await fourth).release();
    expect(order).toEqual(['third', 'fourth']);
    // Other providers are not limited.
    (await gates.pass({ provider: 'anthropic', modelId: 'claude-haiku-4-5', request })).release();
  });

  it('should not let calls waiting for a busy model hold the provider slots other models need', async () => {
    const gates = new RequestGates({
      openai: { concurrency: 2 },
      'openai:gpt-4o': { concurrency: 1 },
    });
    const first = await gates.pass({ provider: 'openai', modelId: 'gpt-4o', request });
    let queued = false;
    const second = gates.pass({ provider: 'openai', modelId: 'gpt-4o', request }).then((pass) => {
      queued = true;
      return pass;
    });
    // The second gpt-4o call waits for its model, not in a provider slot: another model gets one.
    const other = await gates.pass({ provider: 'openai', modelId: 'gpt-4o-mini', request });
    expect(queued).toBe(false);
    other.release();
    first.release();
    (await second).release();
    expect(queued).toBe(true);
  });

  it('should serve a pass by its ticket: an earlier ticket goes before later ones queued first', async () => {
    const gates = new RequestGates({ openai: { concurrency: 1 } });
    const early = takeTicket();
    const first = await gates.pass({ provider: 'openai', modelId: 'gpt-4o', request });
    const order: string[] = [];
    const later = gates.pass({ provider: 'openai', modelId: 'gpt-4o', request }).then((pass) => {
      order.push('later');
      return pass;
    });
    const earlier = gates
      .pass({ provider: 'openai', modelId: 'gpt-4o', request, ticket: early })
      .then((pass) => {
        order.push('earlier');
        return pass;
      });
    first.release();
    (await earlier).release();
    (await later).release();
    expect(order).toEqual(['earlier', 'later']);
  });

  describe('budgets', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('should count a request from when it is sent, not from when it took its first budget', async () => {
      vi.useFakeTimers();
      vi.setSystemTime(0);
      const gates = new RequestGates(
        { openai: { tokensPerMinute: 300 }, 'openai:gpt-4o': { requestsPerMinute: 1 } },
        () => Date.now(),
      );
      const sent: Array<{ model: string; at: number }> = [];
      const send = (modelId: string) =>
        gates.pass({ provider: 'openai', modelId, request }).then((pass) => {
          sent.push({ model: modelId, at: Date.now() });
          pass.release();
        });
      // 150 tokens at 0:00 and 150 at 0:30 fill the provider's minute.
      void send('gpt-4o-mini');
      await vi.advanceTimersByTimeAsync(30_000);
      void send('gpt-4o-mini');
      // The first gpt-4o call takes its model's request at 0:30 but waits for tokens until
      // 1:00; the second may only go a minute after the first was sent.
      void send('gpt-4o');
      void send('gpt-4o');
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(sent.filter((entry) => entry.model === 'gpt-4o').map((entry) => entry.at)).toEqual([
        60_000, 120_000,
      ]);
    });

    it('should settle the token budgets with the usage reported', async () => {
      vi.useFakeTimers();
      vi.setSystemTime(0);
      const gates = new RequestGates({ openai: { tokensPerMinute: 300 } }, () => Date.now());
      const pass = (maxTokens: number) =>
        gates.pass({ provider: 'openai', modelId: 'gpt-4o', request: { ...request, maxTokens } });
      const usage = (tokens: number) => ({
        inputTokens: tokens / 2,
        outputTokens: tokens / 2,
        cachedInputTokens: 0,
      });
      // Estimated 150, used 20: 280 left, room for 150 and 130 more at once.
      (await pass(50)).release(usage(20));
      const second = await pass(50);
      (await pass(30)).release(usage(100));
      // The second used 400 (250 beyond its estimate): the next waits out the minute.
      second.release(usage(400));
      let fourth = false;
      void pass(50).then(() => {
        fourth = true;
      });
      await vi.advanceTimersByTimeAsync(60_000 - 1);
      expect(fourth).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(fourth).toBe(true);
    });
  });

  it('should reject bad limits, naming them', () => {
    expect(() => new RequestGates({ openai: { concurrency: 0 } })).toThrow(
      /limits\['openai'\].concurrency/,
    );
    expect(() => new RequestGates({ 'openai:gpt-4o': { requestsPerMinute: 1.5 } })).toThrow(
      /requestsPerMinute/,
    );
  });
});

describe('estimateTokens', () => {
  it('should count four characters a token plus the output allowance', () => {
    expect(estimateTokens(request)).toBe(150);
    expect(estimateTokens({ messages: [{ role: 'user', content: 'hi' }] })).toBe(257);
  });
});
