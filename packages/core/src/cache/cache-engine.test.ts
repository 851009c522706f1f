// The cache engine (flights, write-behind, storability, refresh, cancellation) through the
// client, over a scripted in-process model and in-process stores: each test runs in
// milliseconds. The stores themselves, and the wire, are tested in the integration tests.

import { AbortError } from '@kagura-ts/provider';
import { MockLanguageModel, type MockReply, mockProvider } from '@kagura-ts/testing';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { CacheControl } from '../client/call-options.js';
import { createClient } from '../client/create-client.js';
import type { CacheOptions } from './cache-options.js';
import { LLMCache } from './llm-cache.js';

function clientOver(model: MockLanguageModel, cache: CacheOptions | LLMCache = {}) {
  return createClient({
    providers: { mock: mockProvider(model) },
    model: 'mock:mock-model',
    cache,
  });
}

/** A Map store whose writes wait until the test lets them land. */
class HeldWritesStore extends Map<string, unknown> {
  private readonly held: Array<() => void> = [];

  override set(key: string, value: unknown): this {
    this.held.push(() => super.set(key, value));
    return this;
  }

  /** Lets every write made so far land. */
  land(): void {
    for (const write of this.held.splice(0)) write();
  }

  get pendingWrites(): number {
    return this.held.length;
  }
}

describe('CacheEngine', () => {
  it.each<[string, MockReply, CacheControl]>([
    ['an empty answer', { text: '' }, true],
    ['a truncated answer', { text: 'Once upon', finishReason: 'length' }, true],
    ['a filtered answer', { text: 'No.', finishReason: 'content-filter' }, true],
    ['an answer the call asked not to store', { text: 'ok' }, { store: false }],
  ])('should not store %s', async (_what, reply, control) => {
    const model = new MockLanguageModel({ replies: [reply] });
    const client = clientOver(model);
    await client.call('Question', { cache: control });
    await client.cache!.flush();
    expect((await client.call('Question')).cache.status).toBe('miss');
    expect(model.calls).toHaveLength(2);
  });

  it('should store a truncated answer with cacheTruncated', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'Once', finishReason: 'length' }] });
    const client = clientOver(model, { cacheTruncated: true });
    await client.call('Question');
    await client.cache!.flush();
    expect((await client.call('Question')).cache.status).toBe('hit');
  });

  it('should ask again on refresh, count it, and store the new answer for the next call', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'old' }, { text: 'new' }] });
    const client = clientOver(model);
    await client.call('Question');
    await client.cache!.flush();
    const refreshed = await client.call('Question', { cache: { refresh: true } });
    expect(refreshed).toMatchObject({ text: 'new', cache: { status: 'refresh' } });
    await client.cache!.flush();
    expect(await client.call('Question')).toMatchObject({ text: 'new', cache: { status: 'hit' } });
    expect(client.cache!.stats()).toMatchObject({ misses: 1, refreshed: 1, hits: 1 });
  });

  it('should hand an answer still on its way to the store to later calls, as a hit of age 0', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'written behind' }] });
    const store = new HeldWritesStore();
    const client = clientOver(model, { store: new Keyv({ store }) });
    expect((await client.call('Question')).cache.status).toBe('miss');
    expect(store.pendingWrites).toBe(1);
    const meanwhile = await client.call('Question');
    expect(meanwhile.cache).toMatchObject({ status: 'hit', ageMs: 0 });
    // flush() waits for the write: after it the answer is in the store.
    const flushed = client.cache!.flush();
    store.land();
    await flushed;
    expect(store.size).toBe(1);
    expect(model.calls).toHaveLength(1);
  });

  it('should abort the model call only once the last of its callers has left', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'slow', delayMs: 10_000 }] });
    const client = clientOver(model);
    const [first, second] = [new AbortController(), new AbortController()];
    const calls = [first, second].map((controller) =>
      client.call('Question', { abortSignal: controller.signal }),
    );
    await until(() => model.calls.length === 1);
    const upstream = model.calls[0]!.transport!.abortSignal!;
    first.abort();
    await expect(calls[0]).rejects.toSatisfy(AbortError.isInstance);
    expect(upstream.aborted).toBe(false);
    second.abort();
    await expect(calls[1]).rejects.toSatisfy(AbortError.isInstance);
    expect(upstream.aborted).toBe(true);
    expect(model.calls).toHaveLength(1);
  });

  it('should share one flight between clients that share a cache', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'shared', delayMs: 20 }] });
    const cache = new LLMCache();
    const answers = await Promise.all([
      clientOver(model, cache).call('Question'),
      clientOver(model, cache).call('Question'),
    ]);
    expect(answers.map((answer) => answer.cache.status).sort()).toEqual(['coalesced', 'miss']);
    expect(model.calls).toHaveLength(1);
  });

  it('should count what hits and coalesced calls saved', async () => {
    const usage = { inputTokens: 100, outputTokens: 20, cachedInputTokens: 0 };
    const model = new MockLanguageModel({ replies: [{ text: 'ok', usage, delayMs: 10 }] });
    const client = clientOver(model);
    await Promise.all([client.call('Question'), client.call('Question')]);
    await client.cache!.flush();
    await client.call('Question');
    await client.call('Question', { cache: false });
    expect(client.cache!.stats()).toMatchObject({
      misses: 1,
      coalesced: 1,
      hits: 1,
      bypassed: 1,
      tokensSaved: 240,
    });
  });

  it('should replay a stored stream to a stream call, and a plain answer as word deltas', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'One two three' }] });
    const client = clientOver(model);
    expect(await client.call('Question').then((answer) => answer.text)).toBe('One two three');
    await client.cache!.flush();
    const deltas: string[] = [];
    const stream = client.stream('Question');
    for await (const delta of stream) deltas.push(delta);
    expect(deltas).toEqual(['One ', 'two ', 'three']);
    expect((await stream.response).cache.status).toBe('hit');
    expect(model.calls).toHaveLength(1);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('entries kept parsed in the memory store', () => {
  const withTool: MockReply = {
    text: 'Let me look.',
    toolCalls: [
      { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: { city: 'Kyoto' } },
    ],
  };

  it("should hand every hit the caller's own response, whatever an earlier caller changed", async () => {
    const model = new MockLanguageModel({ replies: [withTool] });
    const client = clientOver(model);
    const miss = await client.call('Weather?');
    await client.cache!.flush();
    const hit = await client.call('Weather?');
    expect(hit.cache.status).toBe('hit');
    hit.usage.inputTokens = 999;
    (hit.toolCalls[0]!.input as { city: string }).city = 'Osaka';
    hit.toolCalls.push({ ...hit.toolCalls[0]!, toolCallId: 'call_2' });
    const again = await client.call('Weather?');
    expect(again.usage).toEqual(miss.usage);
    expect(again.toolCalls).toEqual(miss.toolCalls);
    expect(model.calls).toHaveLength(1);
  });

  it('should hand out only the fields of a response, whatever else a stored entry holds', async () => {
    const model = new MockLanguageModel({ replies: [withTool] });
    const client = clientOver(model, { store: new Keyv() });
    const miss = await client.call('Weather?');
    await client.cache!.flush();
    const { key } = miss.cache;
    // The entry as a store keeps it (its JSON text), with a field no response has.
    const stored = JSON.parse((await client.cache!.keyv.get(key!)) as string) as {
      response: Record<string, unknown>;
    };
    stored.response.secret = 'not for the caller';
    await client.cache!.keyv.set(key!, JSON.stringify(stored));
    const hit = await client.call('Weather?');
    expect(hit.cache.status).toBe('hit');
    expect(Object.keys(hit).sort()).toEqual(Object.keys(miss).sort());
    expect(hit).not.toHaveProperty('secret');
    expect({ ...hit, cache: undefined, raw: undefined }).toEqual({
      ...miss,
      cache: undefined,
      raw: undefined,
    });
  });

  it('should give the calls that joined one flight each their own response', async () => {
    const model = new MockLanguageModel({ replies: [{ ...withTool, delayMs: 10 }] });
    const client = clientOver(model);
    const [first, second] = await Promise.all([client.call('Weather?'), client.call('Weather?')]);
    expect(second!.cache.status).toBe('coalesced');
    expect(second!.usage).not.toBe(first!.usage);
    expect(second!.toolCalls).not.toBe(first!.toolCalls);
  });

  it('should replay copies of the stored events, and count an entry at the size of its JSON', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'Sunny in Kyoto.' }] });
    const cache = new LLMCache();
    const client = clientOver(model, cache);
    await client.stream('Weather?').response;
    await cache.flush();
    const replayed: unknown[] = [];
    for await (const event of client
      .stream('Weather?', { cache: { replay: 'instant' } })
      .events()) {
      (event as { type: string }).type = 'changed';
      replayed.push(event);
    }
    const again = await client.stream('Weather?', { cache: { replay: 'instant' } }).response;
    expect(again).toMatchObject({ text: 'Sunny in Kyoto.', cache: { status: 'hit' } });
    const [key] = [...(await keysOf(cache))];
    const stored = await cache.keyv.get(key!);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(cache.stats().bytes).toBe(
      `${cache.keyv.namespace}:${key}`.length + JSON.stringify(stored).length,
    );
  });
});

async function keysOf(cache: LLMCache): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of cache.keyv.iterator!(cache.keyv.namespace))
    keys.push(String(key).replace(`${cache.keyv.namespace}:`, ''));
  return keys;
}

/** Counts the reads through `keyv` from now on. */
function countReads(keyv: Keyv): { count: number } {
  const reads = { count: 0 };
  const read = keyv.get.bind(keyv);
  keyv.get = ((...args: Parameters<typeof keyv.get>) => {
    reads.count += 1;
    return read(...args);
  }) as typeof keyv.get;
  return reads;
}

describe('a memory-store hit answered at once', () => {
  it('should answer a hit without reading through Keyv, as the same hit through Keyv would be', async () => {
    const model = new MockLanguageModel({
      replies: [
        { text: 'Bonjour', usage: { inputTokens: 4, outputTokens: 2, cachedInputTokens: 0 } },
      ],
    });
    const client = clientOver(model);
    await client.call('Translate hello');
    await client.cache!.flush();
    const keyv = client.cache!.keyv;
    const reads = countReads(keyv);
    const hit = await client.call('Translate hello');
    expect(reads.count).toBe(0);
    expect(hit).toMatchObject({
      text: 'Bonjour',
      cache: { status: 'hit' },
      usage: { inputTokens: 4 },
    });
    expect(client.cache!.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(model.calls).toHaveLength(1);
  });

  it('should not answer from an entry past its ttl', async () => {
    let now = 1_000_000;
    const model = new MockLanguageModel({ replies: [{ text: 'old' }, { text: 'new' }] });
    const client = clientOver(model, { now: () => now, ttl: 1_000 });
    await client.call('Question');
    await client.cache!.flush();
    now += 999;
    expect((await client.call('Question')).text).toBe('old');
    now += 1;
    expect((await client.call('Question')).text).toBe('new');
  });

  it('should fail a hit whose signal was aborted, with an AbortError', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'ok' }] });
    const client = clientOver(model);
    await client.call('Question');
    await client.cache!.flush();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      client.call('Question', { abortSignal: controller.signal }),
    ).rejects.toBeInstanceOf(AbortError);
  });

  it('should read an entry written around Keyv the usual way, and delete it when it is corrupt', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'first' }, { text: 'second' }] });
    const client = clientOver(model);
    const first = await client.call('Question');
    await client.cache!.flush();
    await client.cache!.keyv.set(first.cache.key!, 'not an entry');
    expect((await client.call('Question')).text).toBe('second');
    expect(model.calls).toHaveLength(2);
  });

  it("should answer a hit from Kagura's SQLite store at once too, and a corrupt row the usual way", async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'on disk' }, { text: 'again' }] });
    const client = clientOver(model, { store: 'sqlite::memory:' });
    const first = await client.call('Question');
    await client.cache!.flush();
    const keyv = client.cache!.keyv;
    const reads = countReads(keyv);
    expect(await client.call('Question')).toMatchObject({
      text: 'on disk',
      cache: { status: 'hit' },
    });
    expect(reads.count).toBe(0);
    await keyv.store.set(first.cache.key!, '{"value":{"version":"nonsense"}}');
    expect((await client.call('Question')).text).toBe('again');
    expect(reads.count).toBe(1);
    await client.cache!.disconnect();
  });
});
