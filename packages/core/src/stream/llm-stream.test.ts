import type { StreamEvent } from '@kagura-ts/provider';
import { AbortError, APICallError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { LLMStream } from './llm-stream.js';

const usage = { inputTokens: 3, outputTokens: 2, cachedInputTokens: 0 };

function sourceOf(events: StreamEvent[], onAbort?: () => void) {
  return async (signal: AbortSignal): Promise<AsyncIterable<StreamEvent>> => {
    return (async function* () {
      for (const event of events) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (signal.aborted) {
          onAbort?.();
          throw new AbortError();
        }
        yield event;
      }
    })();
  };
}

const happy: StreamEvent[] = [
  { type: 'text-delta', text: 'Hel' },
  { type: 'text-delta', text: 'lo' },
  { type: 'finish', finishReason: 'stop', usage, model: 'm-1' },
];

describe('LLMStream', () => {
  it('should yield deltas and settle text, usage and finishReason', async () => {
    const stream = new LLMStream({ provider: 'p', start: sourceOf(happy) });
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(await stream.text()).toBe('Hello');
    expect(await stream.usage).toEqual(usage);
    expect(await stream.finishReason).toBe('stop');
    expect(await stream.response).toMatchObject({ provider: 'p', model: 'm-1', text: 'Hello' });
  });

  it('should let several readers each read every delta', async () => {
    const stream = new LLMStream({ provider: 'p', start: sourceOf(happy) });
    const [first, second] = await Promise.all([
      stream.text(),
      (async () => {
        let text = '';
        for await (const delta of stream) text += delta;
        return text;
      })(),
    ]);
    expect(first).toBe('Hello');
    expect(second).toBe('Hello');
  });

  it('should abort the source when a reader breaks out early', async () => {
    let aborted = 0;
    const stream = new LLMStream({ provider: 'p', start: sourceOf(happy, () => aborted++) });
    for await (const _ of stream) break;
    await expect(stream.text()).rejects.toSatisfy(AbortError.isInstance);
    expect(aborted).toBe(1);
  });

  it('should stop with a reason of its own, no DOMException, when a reader breaks out', async () => {
    let reason: unknown;
    const start = async (signal: AbortSignal) => {
      signal.addEventListener('abort', () => {
        reason = signal.reason;
      });
      // A replay: events known at once.
      return happy;
    };
    const stream = new LLMStream({ provider: 'p', start });
    for await (const _ of stream) break;
    const failure = await stream.response.catch((error: unknown) => error);
    expect(AbortError.isInstance(failure)).toBe(true);
    expect(reason).not.toBeInstanceOf(DOMException);
    expect(reason).toMatchObject({
      name: 'AbortError',
      message: expect.stringMatching(/reader stopped/),
    });
    expect((failure as AbortError).cause).toBe(reason);
    // Each stream fails with an error of its own; only the reason is shared.
    const again = new LLMStream({ provider: 'p', start });
    for await (const _ of again) break;
    expect(await again.response.catch((error: unknown) => error)).not.toBe(failure);
  });

  it('should reject with an AbortError when the caller signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    const stream = new LLMStream({
      provider: 'p',
      start: sourceOf(happy),
      abortSignal: controller.signal,
    });
    await expect(stream.text()).rejects.toSatisfy(AbortError.isInstance);
  });

  it('should fail a stream that ends without a finish event', async () => {
    const stream = new LLMStream({ provider: 'p', start: sourceOf(happy.slice(0, 1)) });
    await expect(stream.text()).rejects.toSatisfy(APICallError.isInstance);
  });

  it('should not raise unhandled rejections when only deltas are read', async () => {
    const stream = new LLMStream({
      provider: 'p',
      start: async () => {
        throw new APICallError({ provider: 'p', message: 'boom', statusCode: 500 });
      },
    });
    await expect(
      (async () => {
        for await (const _ of stream) {
          // nothing arrives
        }
      })(),
    ).rejects.toThrow('boom');
  });

  describe('over events known at once (a replay)', () => {
    const many: StreamEvent[] = [
      ...Array.from({ length: 2_000 }, (_, index) => ({
        type: 'text-delta' as const,
        text: `${index} `,
      })),
      { type: 'finish', finishReason: 'stop', usage, model: 'm-1' },
    ];

    it('should hand the first delta before the rest are taken in, and settle the whole response', async () => {
      const seen: StreamEvent[] = [];
      const stream = new LLMStream({
        provider: 'test',
        start: async () => many,
        onEvent: (event) => seen.push(event),
      });
      let settled = false;
      void stream.response.then(() => {
        settled = true;
      });
      const deltas: string[] = [];
      for await (const delta of stream) {
        if (deltas.length === 0) expect([settled, seen.length]).toEqual([false, 1]);
        deltas.push(delta);
      }
      expect(deltas).toHaveLength(2_000);
      expect(await stream.text()).toBe(deltas.join(''));
      expect(seen).toHaveLength(2_001);
    });

    it('should settle with no reader', async () => {
      const stream = new LLMStream({ provider: 'test', start: async () => many });
      expect((await stream.text()).length).toBeGreaterThan(2_000);
    });

    it('should fail readers with an AbortError once aborted mid-replay', async () => {
      const stream = new LLMStream({ provider: 'test', start: async () => many });
      const deltas: string[] = [];
      const reading = (async () => {
        for await (const delta of stream) {
          deltas.push(delta);
          if (deltas.length === 3) stream.abort();
        }
      })();
      await expect(reading).rejects.toBeInstanceOf(AbortError);
      await expect(stream.response).rejects.toBeInstanceOf(AbortError);
      expect(deltas).toHaveLength(3);
    });
  });
});
