import type { StreamEvent } from '@kagura-ts/provider';
import { AbortError } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { LLMStream } from './llm-stream.js';
import { streamAfter } from './stream-after.js';

const usage = { inputTokens: 3, outputTokens: 2, cachedInputTokens: 0 };
const events: StreamEvent[] = [
  { type: 'text-delta', text: '{"a":' },
  { type: 'text-delta', text: '1}' },
  { type: 'finish', finishReason: 'stop', usage, model: 'm-1' },
];
const hit = { status: 'hit' as const, key: 'k', ageMs: 5 };

function openStream(abortSignal: AbortSignal): LLMStream<{ a: number }> {
  return new LLMStream({
    provider: 'p',
    abortSignal,
    start: async (signal) =>
      (async function* () {
        for (const event of events) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (signal.aborted) throw new AbortError();
          yield event;
        }
      })(),
    parseObject: async (text) => JSON.parse(text) as { a: number },
    describeCache: () => hit,
  });
}

describe('streamAfter', () => {
  it('should open the stream once ready, and relay its events, object and cache info', async () => {
    let opened = false;
    let resolve!: () => void;
    const ready = new Promise<void>((done) => {
      resolve = done;
    });
    const stream = streamAfter(ready, {
      provider: 'p',
      open: (abortSignal) => {
        opened = true;
        return openStream(abortSignal);
      },
    });
    await new Promise((done) => setTimeout(done, 5));
    expect(opened).toBe(false);
    resolve();
    const seen: StreamEvent[] = [];
    for await (const event of stream.events()) seen.push(event);
    expect(seen).toEqual(events);
    expect(await stream.response).toMatchObject({
      text: '{"a":1}',
      object: { a: 1 },
      cache: hit,
      usage,
      provider: 'p',
    });
  });

  it('should fail with what ready rejected with, without opening', async () => {
    let opened = false;
    const stream = streamAfter(Promise.reject(new Error('no converters')), {
      provider: 'p',
      open: (abortSignal) => {
        opened = true;
        return openStream(abortSignal);
      },
    });
    await expect(stream.text()).rejects.toThrow('no converters');
    expect(opened).toBe(false);
  });

  it('should fail with what open throws, and abort the opened stream with its own', async () => {
    const failing = streamAfter(Promise.resolve(), {
      provider: 'p',
      open: () => {
        throw new TypeError('invalid input');
      },
    });
    await expect(failing.text()).rejects.toThrow('invalid input');
    const controller = new AbortController();
    const aborted = streamAfter(Promise.resolve(), {
      provider: 'p',
      abortSignal: controller.signal,
      open: openStream,
    });
    const read = (async () => {
      for await (const _ of aborted) controller.abort();
    })();
    await expect(read).rejects.toSatisfy(AbortError.isInstance);
    await expect(aborted.text()).rejects.toSatisfy(AbortError.isInstance);
  });
});
