import { describe, expect, it } from 'vitest';
import type { ModelRequest } from '../spec/model-request.js';
import { estimateTokens, RequestGates } from './request-gates.js';

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
    const first = await gates.pass('openai', 'gpt-4o-mini', request);
    const second = await gates.pass('openai', 'gpt-4o', request);
    const order: string[] = [];
    const third = gates.pass('openai', 'gpt-4o-mini', request).then((pass) => {
      order.push('third');
      return pass;
    });
    const fourth = gates.pass('openai', 'gpt-4o', request).then((pass) => {
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
    (await gates.pass('anthropic', 'claude-haiku-4-5', request)).release();
  });

  it('should not let calls waiting for a busy model hold the provider slots other models need', async () => {
    const gates = new RequestGates({
      openai: { concurrency: 2 },
      'openai:gpt-4o': { concurrency: 1 },
    });
    const first = await gates.pass('openai', 'gpt-4o', request);
    let queued = false;
    const second = gates.pass('openai', 'gpt-4o', request).then((pass) => {
      queued = true;
      return pass;
    });
    // The second gpt-4o call waits for its model, not in a provider slot: another model gets one.
    const other = await gates.pass('openai', 'gpt-4o-mini', request);
    expect(queued).toBe(false);
    other.release();
    first.release();
    (await second).release();
    expect(queued).toBe(true);
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
