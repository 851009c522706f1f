import { MockLanguageModel, mockProvider } from '@kagura-ts/testing';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client.js';
import type { CacheOptions } from './cache-options.js';
import { createKeyvStore } from './create-keyv-store.js';
import { LLMCache } from './llm-cache.js';
import {
  type AtomicStoreOperations,
  detectStoreCapabilities,
  type StoreNotifications,
  storeCapabilities,
} from './store-capabilities.js';

/**
 * Atomic operations over a Map, with expiry: what a shared store of one's own would offer. Each
 * operation and its answer is logged.
 */
function mapAtomics(log: string[], now: () => number = Date.now): AtomicStoreOperations {
  const values = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const held = values.get(key);
    if (held !== undefined && held.expiresAt <= now()) values.delete(key);
    return values.get(key);
  };
  return {
    setIfAbsent: async (key, value, ttlMs) => {
      const free = live(key) === undefined;
      log.push(`setIfAbsent ${value === 'dead process' ? 'dead' : 'live'}: ${free}`);
      if (free) values.set(key, { value, expiresAt: now() + ttlMs });
      return free;
    },
    expireIfEquals: async (key, expected, ttlMs) => {
      const held = live(key);
      if (held?.value !== expected) return false;
      held.expiresAt = now() + ttlMs;
      return true;
    },
    deleteIfEquals: async (key, expected) => live(key)?.value === expected && values.delete(key),
    exists: async (key) => {
      const held = live(key) !== undefined;
      log.push(`exists: ${held}`);
      return held;
    },
  };
}

/** A Map store shared by "processes", declaring atomic operations as a store of one's own does. */
class SharedStore extends Map<string, unknown> {
  readonly log: string[] = [];
  [storeCapabilities] = { atomic: mapAtomics(this.log) };
}

/**
 * Publish/subscribe within the test, as a shared store's would be; what is published is logged.
 * `failSubscribe` makes every subscription fail, as an unreachable subscriber connection would.
 */
function channelNotifications(options: { failSubscribe?: boolean } = {}) {
  const channels = new Map<string, Set<(message: string) => void>>();
  const published: string[] = [];
  const notify: StoreNotifications = {
    publish: async (channel, message) => {
      published.push(`${channel} ${message}`);
      for (const listener of [...(channels.get(channel) ?? [])]) listener(message);
    },
    subscribe: async (channel, listener) => {
      if (options.failSubscribe === true) throw new Error('The subscriber cannot connect.');
      const listeners = channels.get(channel) ?? new Set();
      channels.set(channel, listeners);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const listenerCount = () => [...channels.values()].reduce((sum, set) => sum + set.size, 0);
  return { notify, published, listenerCount };
}

/** A {@link SharedStore} that also declares notifications. */
class NotifyingStore extends Map<string, unknown> {
  readonly log: string[] = [];
  readonly notifications: ReturnType<typeof channelNotifications>;
  [storeCapabilities]: { atomic: AtomicStoreOperations; notify: StoreNotifications };

  /** Reads of entries (not of leases), as Keyv makes them. */
  entryReads = 0;

  constructor(options: { failSubscribe?: boolean } = {}) {
    super();
    this.notifications = channelNotifications(options);
    this[storeCapabilities] = { atomic: mapAtomics(this.log), notify: this.notifications.notify };
  }

  override get(key: string): unknown {
    if (!key.includes(':lease:')) this.entryReads += 1;
    return super.get(key);
  }
}

// Two "processes": separate caches (and engines) over one shared store.
function processes(store: Map<string, unknown>, model: MockLanguageModel, options: CacheOptions) {
  const keyv = new Keyv({ store });
  return [1, 2].map(() =>
    createClient({
      providers: { mock: mockProvider(model) },
      model: 'mock:mock-model',
      cache: new LLMCache({ ...options, store: keyv }),
    }),
  );
}

describe('detectStoreCapabilities', () => {
  it('should take what a store declares under the storeCapabilities symbol', () => {
    const store = new SharedStore();
    expect(detectStoreCapabilities(new Keyv({ store })).atomic).toBe(
      store[storeCapabilities].atomic,
    );
  });

  it('should count the memory store in process, and find nothing in a plain Map', () => {
    const memory = detectStoreCapabilities(createKeyvStore('memory'));
    expect(memory.countEntries?.()).toEqual({ entries: 0, bytes: 0 });
    expect(memory.atomic).toBeUndefined();
    expect(detectStoreCapabilities(new Keyv({ store: new Map() }))).toEqual({});
  });

  it('should give an @keyv/redis adapter one set of notifications, publishing on its client', async () => {
    const published: unknown[][] = [];
    const client = {
      publish: async (...args: unknown[]) => {
        published.push(args);
        return 0;
      },
    };
    const adapter = Object.assign(new Map(), {
      opts: { dialect: 'redis' },
      getClient: async () => client,
    });
    const keyv = new Keyv({ store: adapter });
    const { notify } = detectStoreCapabilities(keyv);
    expect(detectStoreCapabilities(keyv).notify).toBe(notify);
    await notify!.publish('kagura:lease', 'key');
    expect(published).toEqual([['kagura:lease', 'key']]);
  });

  it('should find the atomic operations of an @keyv/redis adapter through its client', async () => {
    const commands: unknown[][] = [];
    const client = {
      set: async (...args: unknown[]) => {
        commands.push(['set', ...args]);
        return 'OK';
      },
      exists: async () => 1,
      eval: async () => 1,
    };
    const adapter = Object.assign(new Map(), {
      opts: { dialect: 'redis' },
      getClient: async () => client,
    });
    const { atomic } = detectStoreCapabilities(new Keyv({ store: adapter }));
    expect(await atomic!.setIfAbsent('kagura:lease:k', 'token', 500)).toBe(true);
    expect(commands).toEqual([
      [
        'set',
        'kagura:lease:k',
        'token',
        { condition: 'NX', expiration: { type: 'PX', value: 500 } },
      ],
    ]);
  });
});

describe('cross-process coalescing over store capabilities', () => {
  it('should make one model call for two processes on a store with atomic operations', async () => {
    const model = new MockLanguageModel({ replies: [{ text: 'once', delayMs: 30 }] });
    const [first, second] = processes(new SharedStore(), model, { lease: { pollMs: 2 } });
    const leading = first!.call('Question');
    await until(() => model.calls.length === 1);
    const waiting = await second!.call('Question');
    expect(waiting).toMatchObject({ text: 'once', cache: { status: 'coalesced' } });
    expect((await leading).cache.status).toBe('miss');
    expect(model.calls).toHaveLength(1);
  });

  it.each([
    ['on a store without atomic operations', new Map<string, unknown>(), {}],
    ['with lease: false', new SharedStore(), { lease: false } as const],
  ])('should have each process ask for itself %s', async (_what, store, options) => {
    const model = new MockLanguageModel({ replies: [{ text: 'twice', delayMs: 30 }] });
    const [first, second] = processes(store, model, options);
    const leading = first!.call('Question');
    await until(() => model.calls.length === 1);
    expect((await second!.call('Question')).cache.status).toBe('miss');
    await leading;
    expect(model.calls).toHaveLength(2);
  });

  // With a poll this slow, only the holder's message can wake the waiter before the test times out.
  it("should wake a waiting process with the holder's message, not by polling", async () => {
    const store = new NotifyingStore();
    const model = new MockLanguageModel({ replies: [{ text: 'once', delayMs: 30 }] });
    const [first, second] = processes(store, model, { lease: { pollMs: 60_000 } });
    const leading = first!.call('Question');
    await until(() => model.calls.length === 1);
    const waiting = await second!.call('Question');
    expect(waiting).toMatchObject({ text: 'once', cache: { status: 'coalesced' } });
    expect((await leading).cache.status).toBe('miss');
    expect(model.calls).toHaveLength(1);
    // The message is the key, then the stored entry: the woken waiter needs no read (the leader's
    // and the waiter's reads, and the waiter's first look once subscribed; none after the wake).
    expect(store.entryReads).toBe(3);
    const [message, ...others] = store.notifications.published;
    expect(others).toEqual([]);
    const [channelAndKey, entryJson] = message!.split('\n');
    expect(channelAndKey).toBe(`keyv:lease ${waiting.cache.key}`);
    expect(JSON.parse(entryJson!)).toMatchObject({ version: 1, response: { text: 'once' } });
    expect(store.notifications.listenerCount()).toBe(0);
  });

  it('should give back a lease claimed with a read that hit, telling no waiter', async () => {
    const store = new NotifyingStore();
    const model = new MockLanguageModel({ replies: [{ text: 'once' }] });
    const [first, second] = processes(store, model, { lease: { pollMs: 60_000 } });
    const miss = await first!.call('Question');
    expect(miss.cache.status).toBe('miss');
    // The miss's lease is gone and its release published before the hit claims one.
    await until(() => store.notifications.published.length === 1);
    expect(store.has(`keyv:lease:${miss.cache.key}`)).toBe(false);
    const hit = await second!.call('Question');
    expect(hit.cache.status).toBe('hit');
    await until(() => !store.has(`keyv:lease:${hit.cache.key}`));
    // A release would publish right after its delete: give it the time.
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Only the miss's release was published.
    expect(store.notifications.published).toHaveLength(1);
  });

  it('should carry only the key for an entry too large for the message', async () => {
    const store = new NotifyingStore();
    const text = 'x'.repeat(20_000);
    const model = new MockLanguageModel({ replies: [{ text, delayMs: 30 }] });
    const [first, second] = processes(store, model, { lease: { pollMs: 60_000 } });
    const leading = first!.call('Question');
    await until(() => model.calls.length === 1);
    const waiting = await second!.call('Question');
    expect(waiting).toMatchObject({ text, cache: { status: 'coalesced' } });
    expect((await leading).cache.status).toBe('miss');
    expect(store.notifications.published).toEqual([`keyv:lease ${waiting.cache.key}`]);
  });

  it('should poll as before when subscribing fails, failing no call', async () => {
    const store = new NotifyingStore({ failSubscribe: true });
    const model = new MockLanguageModel({ replies: [{ text: 'once', delayMs: 30 }] });
    const [first, second] = processes(store, model, { lease: { pollMs: 2 } });
    const leading = first!.call('Question');
    await until(() => model.calls.length === 1);
    expect((await second!.call('Question')).cache.status).toBe('coalesced');
    expect((await leading).cache.status).toBe('miss');
    expect(model.calls).toHaveLength(1);
  });

  it("should take over from a holder that died, once its lease's ttl ran out", async () => {
    const store = new SharedStore();
    const model = new MockLanguageModel({ replies: [{ text: 'taken over' }] });
    const [probe, waiter] = processes(store, model, { lease: { ttlMs: 60, pollMs: 2 } });
    // The key the call uses; its answer is deleted so that only the dead holder's lease remains.
    const { key } = (await probe!.call('Question')).cache;
    await probe!.cache!.delete(key!);
    const { atomic } = store[storeCapabilities];
    store.log.length = 0;
    expect(await atomic.setIfAbsent(`keyv:lease:${key}`, 'dead process', 60)).toBe(true);
    const answer = await waiter!.call('Question');
    expect(answer.cache.status).toBe('miss');
    expect(model.calls).toHaveLength(2);
    // The waiter found the lease taken, watched it while it was held, and took it once it expired.
    const log = [...new Set(store.log)];
    expect(log).toEqual([
      'setIfAbsent dead: true',
      'setIfAbsent live: false',
      'exists: true',
      'exists: false',
      'setIfAbsent live: true',
    ]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
