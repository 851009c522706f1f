import { createKeyvStore } from '@kagura-ts/core';
import {
  findFreePort,
  type RedisServer,
  shouldSkipRedisTests,
  startRedisServer,
} from '@kagura-ts/testing';
import type { Keyv } from 'keyv';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// A liveness bound, far above what these operations take: it tells a failure from a hang. It is
// not a claim about speed.
const settleWithinMs = 2000;

type Outcome = { status: 'fulfilled'; value: unknown } | { status: 'rejected'; reason: unknown };

/** How `operation` settled, or `'pending'` if it had not within `milliseconds`. */
async function settled(operation: Promise<unknown>, milliseconds = settleWithinMs) {
  let timer: NodeJS.Timeout | undefined;
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), milliseconds);
  });
  const outcome = operation.then(
    (value): Outcome => ({ status: 'fulfilled', value }),
    (reason: unknown): Outcome => ({ status: 'rejected', reason }),
  );
  try {
    return await Promise.race([outcome, pending]);
  } finally {
    clearTimeout(timer);
  }
}

/** Retries `operation` until it resolves; fails after `milliseconds`. */
async function eventually<T>(operation: () => Promise<T>, milliseconds = 10_000): Promise<T> {
  const deadline = Date.now() + milliseconds;
  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.skipIf(shouldSkipRedisTests())('createKeyvStore with a failing Redis', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const servers: RedisServer[] = [];
  const stores: Keyv[] = [];
  // One server for the tests that only hang it (each resumed after its test), each test in a
  // namespace of its own; a test that starts or kills a server has one of its own.
  let shared: RedisServer | undefined;
  let namespaceCounter = 0;

  const redis = (url: string): Keyv => {
    const keyv = createKeyvStore(url as `redis://${string}`, {
      namespace: `redis-faults-${namespaceCounter++}`,
    });
    stores.push(keyv);
    return keyv;
  };

  const start = async (port?: number): Promise<RedisServer> => {
    const server = await startRedisServer({ port });
    servers.push(server);
    return server;
  };

  /** The file's shared server, for a test that pauses it at most. */
  const sharedServer = (): RedisServer => shared!;

  beforeAll(async () => {
    shared = await startRedisServer();
  });

  afterAll(async () => {
    await shared?.stop();
  });

  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });

  afterEach(async () => {
    shared?.resume();
    for (const server of servers) server.resume();
    for (const keyv of stores.splice(0)) await keyv.disconnect();
    for (const server of servers.splice(0)) await server.stop();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it('should be created at once while Redis is not running, without throwing or crashing', async () => {
    const keyv = redis(`redis://127.0.0.1:${await findFreePort()}`);
    // Nothing listens to the Keyv's 'error' events: reconnection failures must not crash.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(keyv.throwOnErrors).toBe(true);
  });

  it('should reject every operation within a bounded time while Redis is down', async () => {
    const keyv = redis(`redis://127.0.0.1:${await findFreePort()}`);
    const errors: unknown[] = [];
    keyv.on('error', (error) => errors.push(error));
    const operations = {
      get: keyv.get('key'),
      set: keyv.set('key', 'value', 1000),
      delete: keyv.delete('key'),
      has: keyv.has('key'),
      getMany: keyv.getMany(['a', 'b']),
      deleteMany: keyv.deleteMany(['a', 'b']),
      iterate: (async () => {
        for await (const _ of keyv.iterator?.(keyv.namespace) ?? []) {
          // Nothing to read.
        }
      })(),
    };
    for (const [name, operation] of Object.entries(operations)) {
      expect([name, await settled(operation)]).toMatchObject([name, { status: 'rejected' }]);
    }
    // The next operations meet the offline client and reject at once.
    expect(await settled(keyv.get('key'))).toMatchObject({
      status: 'rejected',
      reason: { message: 'The client is offline' },
    });
    expect(errors.length).toBeGreaterThan(0);
  });

  it('should resolve clear while Redis is down: KeyvRedis reports clear failures only as events', async () => {
    const keyv = redis(`redis://127.0.0.1:${await findFreePort()}`);
    const errors: unknown[] = [];
    keyv.on('error', (error) => errors.push(error));
    await eventually(async () => {
      // Wait until the first connection attempt has failed.
      await expect(keyv.get('key')).rejects.toThrow('The client is offline');
    });
    errors.length = 0;
    expect(await settled(keyv.clear())).toEqual({ status: 'fulfilled', value: undefined });
    expect(errors).toContainEqual(expect.objectContaining({ message: 'The client is offline' }));
  });

  it('should connect once Redis starts after the store was created', async () => {
    const port = await findFreePort();
    const keyv = redis(`redis://127.0.0.1:${port}`);
    expect(await settled(keyv.get('key'))).toMatchObject({ status: 'rejected' });
    await start(port);
    await eventually(() => keyv.set('key', 'value'));
    expect(await keyv.get('key')).toBe('value');
  });

  it('should reject operations after Redis is killed, then recover once it restarts', async () => {
    const server = await start();
    const keyv = redis(server.url);
    await keyv.set('key', 'value');
    expect(await keyv.get('key')).toBe('value');

    const inFlight = Array.from({ length: 50 }, (_, index) => settled(keyv.get(`key-${index}`)));
    await server.kill();
    expect(await Promise.all(inFlight)).not.toContain('pending');
    expect(await settled(keyv.get('key'))).toMatchObject({ status: 'rejected' });
    expect(await settled(keyv.set('key', 'other'))).toMatchObject({ status: 'rejected' });

    await server.restart();
    // The restarted server kept nothing (no persistence); the store works again.
    await eventually(() => keyv.set('key', 'again'));
    expect(await keyv.get('key')).toBe('again');
  });

  it('should leave commands to a hung server pending, without crashing, until it resumes', async () => {
    const server = sharedServer();
    const keyv = redis(server.url);
    await keyv.set('key', 'value');
    server.pause();
    // A paused server keeps its connections open and answers nothing: no error is raised, so the
    // command waits. The cache above puts its own time budget on every call.
    const read = keyv.get('key');
    expect(await settled(read, 500)).toBe('pending');
    server.resume();
    expect(await settled(read)).toEqual({ status: 'fulfilled', value: 'value' });
  });

  it('should reject at once beyond 10,000 pending commands to a hung server', async () => {
    const server = sharedServer();
    const keyv = redis(server.url);
    await keyv.set('key', 'value');
    server.pause();
    const reads = Array.from({ length: 10_000 }, () => keyv.get('key'));
    expect(await settled(keyv.get('key'))).toMatchObject({
      status: 'rejected',
      reason: { message: 'The queue is full' },
    });
    server.resume();
    expect(await Promise.all(reads)).toEqual(reads.map(() => 'value'));
  });

  it('should disconnect at once from a hung server, rejecting the commands in flight', async () => {
    const server = sharedServer();
    const keyv = redis(server.url);
    await keyv.set('key', 'value');
    server.pause();
    const read = keyv.get('key');
    expect(await settled(read, 100)).toBe('pending');
    expect(await settled(keyv.disconnect())).toEqual({ status: 'fulfilled', value: undefined });
    expect(await settled(read)).toMatchObject({
      status: 'rejected',
      reason: { message: 'Disconnects client' },
    });
  });
});
