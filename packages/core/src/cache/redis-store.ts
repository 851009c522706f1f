import KeyvRedis, { createClient } from '@keyv/redis';
import { Keyv } from 'keyv';

/**
 * The most Redis commands waiting to be sent or answered; beyond it commands reject at once. A hung
 * server answers nothing, so this bounds the memory its pending commands hold.
 */
const redisMaxPendingCommands = 10_000;
/** How long one Redis connection attempt may take before the next is scheduled. */
const redisConnectTimeoutMs = 2000;
/** The longest pause between two reconnection attempts. */
const redisMaxReconnectDelayMs = 2000;

/**
 * A Keyv over Redis that never waits on the network: it connects in the background, commands
 * fail fast while Redis is down, and it reconnects with a capped backoff.
 */
export function createRedisKeyv(url: string, namespace: string): Keyv {
  const client = createClient({
    url,
    // Queued until the first connection attempt ends, so that a short-lived process still finds
    // its answers; from then on (see `failFast`) commands reject at once while disconnected.
    disableOfflineQueue: false,
    commandsQueueMaxLength: redisMaxPendingCommands,
    socket: {
      connectTimeout: redisConnectTimeoutMs,
      // Never give up (the default strategy gives up after a socket timeout): a cache outlives
      // Redis outages.
      reconnectStrategy: (retries: number) =>
        Math.min(50 * 2 ** retries, redisMaxReconnectDelayMs) + Math.floor(Math.random() * 100),
    },
  });
  const store = new RedisStore(client, {
    namespace,
    // Without it KeyvRedis turns failures into misses and Keyv never sees them.
    throwOnErrors: true,
    // Only used if the client was closed (after `disconnect()`): a reconnection may not hang.
    connectionTimeout: redisConnectTimeoutMs,
  });
  // KeyvRedis prefixes keys with `namespace::` itself; Keyv's own `namespace:` would double it.
  const keyv = new Keyv({ store, namespace, useKeyPrefix: false });
  // The client reads this option on each command; @keyv/redis's createKeyvNonBlocking sets it
  // the same way. On an 'error' it runs before the client flushes its queue, so the commands
  // queued during a failed first attempt reject then.
  const failFast = () => {
    client.options.disableOfflineQueue = true;
  };
  client.once('ready', failFast);
  client.once('error', failFast);
  // Connect in the background; nothing waits for it. Connection errors reach Keyv's 'error'
  // event through KeyvRedis (which listens to the client), never an unhandled 'error'.
  client.connect().catch(() => {});
  return keyv;
}

/** KeyvRedis, except that `disconnect` cannot hang. */
export class RedisStore extends KeyvRedis<string> {
  /**
   * Closes the connection at once; commands still in flight reject. A graceful close would wait
   * for their answers, forever if the server hangs, and its socket would keep the process alive.
   */
  override async disconnect(): Promise<void> {
    await super.disconnect(true);
  }
}
