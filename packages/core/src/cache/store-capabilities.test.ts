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
