import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * What the suite uses of a Keyv instance: any keyv 5 `Keyv` has it (the testing package does
 * not depend on keyv, so the store under test brings its own).
 */
export interface KeyvLike {
  readonly namespace?: string | undefined;
  get(key: string): Promise<unknown>;
  getMany(keys: string[]): Promise<unknown[]>;
  set(key: string, value: unknown, ttl?: number): Promise<unknown>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  clear(): Promise<void>;
  disconnect(): Promise<void>;
  iterator?: ((namespace?: string) => AsyncGenerator<unknown, void>) | undefined;
}

/** How {@link describeKeyvStoreConformance} reaches the store under test. */
export interface KeyvStoreConformanceOptions {
  /** A Keyv instance over a fresh, empty backing store. Called once per test. */
  create: () => KeyvLike | Promise<KeyvLike>;
  /**
   * A second Keyv instance over the backing store of the last `create()`: a reopened file, a
   * second Redis client. In `namespace` if given, else in the same namespace. Without it the
   * tests of persistence and of namespace isolation on a shared store are skipped.
   */
  reopen?: (options?: { namespace?: string }) => KeyvLike | Promise<KeyvLike>;
  /** Runs after each test, once its Keyv instances are disconnected: delete files and so on. */
  cleanup?: () => void | Promise<void>;
  /**
   * Whether the store expires entries by the JavaScript clock, so that the TTL tests can run on
   * fake timers. Stores that expire entries themselves (SQLite, Redis) run them in real time.
   * @default false
   */
  fakeTimers?: boolean;
}

const ttlMs = 50;
const pastTtlMs = 150;

/**
 * The behaviour every Kagura cache store shows through Keyv: one suite, run for each
 * implementation (memory, SQLite, Redis), in the manner of keyv's `@keyv/test-suite`. Run it
 * for a store of your own before giving it to `createClient({ cache: { store } })`.
 *
 * @example
 * describeKeyvStoreConformance('my store', { create: () => new Keyv({ store: new MyStore() }) });
 */
export function describeKeyvStoreConformance(
  name: string,
  options: KeyvStoreConformanceOptions,
): void {
  describe(`Keyv store conformance: ${name}`, () => {
    const opened: KeyvLike[] = [];

    const create = async (): Promise<KeyvLike> => {
      const keyv = await options.create();
      opened.push(keyv);
      return keyv;
    };

    const reopen = async (namespace?: string): Promise<KeyvLike> => {
      if (options.reopen === undefined) throw new Error(`${name} cannot be reopened.`);
      const keyv = await options.reopen(namespace === undefined ? undefined : { namespace });
      opened.push(keyv);
      return keyv;
    };

    const passTtl = async (): Promise<void> => {
      if (options.fakeTimers) await vi.advanceTimersByTimeAsync(pastTtlMs);
      else await new Promise((resolve) => setTimeout(resolve, pastTtlMs));
    };

    afterEach(async () => {
      vi.useRealTimers();
      for (const keyv of opened.splice(0)) await keyv.disconnect();
      await options.cleanup?.();
    });

    it('should round-trip strings, including unicode and a 1 MB value', async () => {
      const keyv = await create();
      const values = {
        ascii: '{"text":"hello"}',
        unicode: 'こんにちは 🌸 Ünïcödé \u{1F600} \u0000 "quotes" \\ \n',
        empty: '',
        large: 'x'.repeat(1024 * 1024),
      };
      for (const [key, value] of Object.entries(values)) await keyv.set(key, value);
      for (const [key, value] of Object.entries(values)) expect(await keyv.get(key)).toBe(value);
    });

    it('should return undefined for a missing key', async () => {
      const keyv = await create();
      expect(await keyv.get('missing')).toBeUndefined();
    });

    it('should set, overwrite and delete a key', async () => {
      const keyv = await create();
      expect(await keyv.set('key', 'first')).toBe(true);
      await keyv.set('key', 'second');
      expect(await keyv.get('key')).toBe('second');
      expect(await keyv.delete('key')).toBe(true);
      expect(await keyv.get('key')).toBeUndefined();
      expect(await keyv.delete('key')).toBe(false);
    });

    it('should tell whether it has a key', async () => {
      const keyv = await create();
      await keyv.set('key', 'value');
      expect(await keyv.has('key')).toBe(true);
      expect(await keyv.has('missing')).toBe(false);
    });

    it('should get many keys at once, in order', async () => {
      const keyv = await create();
      await keyv.set('a', '1');
      await keyv.set('b', '2');
      expect(await keyv.getMany(['b', 'missing', 'a'])).toEqual(['2', undefined, '1']);
    });

    it('should expire an entry after its ttl', async () => {
      if (options.fakeTimers) vi.useFakeTimers();
      const keyv = await create();
      await keyv.set('key', 'value', ttlMs);
      expect(await keyv.get('key')).toBe('value');
      await passTtl();
      // `has` first: Keyv's `get` deletes what it finds expired, which would hide the store's own
      // expiry from `has`.
      expect(await keyv.has('key')).toBe(false);
      expect(await keyv.get('key')).toBeUndefined();
    });

    it('should keep an entry whose ttl is 0 or undefined', async () => {
      if (options.fakeTimers) vi.useFakeTimers();
      const keyv = await create();
      await keyv.set('zero', 'value', 0);
      await keyv.set('none', 'value');
      await passTtl();
      expect(await keyv.get('zero')).toBe('value');
      expect(await keyv.get('none')).toBe('value');
    });

    it('should clear the keys of its namespace only', async () => {
      const keyv = await create();
      await keyv.set('a', '1');
      await keyv.set('b', '2');
      const other = options.reopen ? await reopen('conformance-other') : undefined;
      await other?.set('a', 'other');
      await keyv.clear();
      expect(await keyv.get('a')).toBeUndefined();
      expect(await keyv.get('b')).toBeUndefined();
      if (other !== undefined) expect(await other.get('a')).toBe('other');
    });

    it('should iterate over the entries of its namespace', async () => {
      const keyv = await create();
      await keyv.set('a', '1');
      await keyv.set('b:c', '2');
      const other = options.reopen ? await reopen('conformance-other') : undefined;
      await other?.set('z', 'other');
      expect(keyv.iterator).toBeTypeOf('function');
      const entries: Array<[string, unknown]> = [];
      for await (const entry of keyv.iterator?.(keyv.namespace) ?? []) {
        entries.push(entry as [string, unknown]);
      }
      expect(entries.sort()).toEqual([
        ['a', '1'],
        ['b:c', '2'],
      ]);
    });

    it('should handle 100 concurrent sets, then 100 concurrent gets', async () => {
      const keyv = await create();
      const keys = Array.from({ length: 100 }, (_, index) => `key-${index}`);
      const written = await Promise.all(keys.map((key) => keyv.set(key, `value of ${key}`)));
      expect(written.every(Boolean)).toBe(true);
      const read = await Promise.all(keys.map((key) => keyv.get(key)));
      expect(read).toEqual(keys.map((key) => `value of ${key}`));
    });

    it.skipIf(options.reopen === undefined)(
      'should keep its entries for another instance over the same store',
      async () => {
        const keyv = await create();
        await keyv.set('kept', 'value');
        const again = await reopen();
        expect(await again.get('kept')).toBe('value');
        await again.set('back', 'again');
        expect(await keyv.get('back')).toBe('again');
      },
    );
  });
}
