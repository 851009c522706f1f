import { EventEmitter } from 'node:events';
import type KeyvRedis from '@keyv/redis';
import type { RedisClientType } from '@keyv/redis';
import { corruptEnvelope } from './corrupt-value.js';
import { describeConnectionError } from './describe-connection-error.js';
import { redactCredentials } from './redact-credentials.js';
import { luaScript, releaseAndPublishScript, runScript } from './redis-atomics.js';
import {
  createRedisNotifications,
  type RedisNotifications,
  type RedisPublishClient,
  type RedisSubscribeClient,
} from './redis-notify.js';

/**
 * The most Redis commands waiting to be sent or answered; beyond it commands reject at once. A hung
 * server answers nothing, so this bounds the memory its pending commands hold.
 */
const redisMaxPendingCommands = 10_000;
/** How long one Redis connection attempt may take before it counts as failed. */
const redisConnectTimeoutMs = 2000;
/**
 * How many bytes of commands node-redis may put on the socket in one go (Node's default is 16 KiB).
 * node-redis stops writing at this mark and writes the rest after the socket drains, one event-loop
 * turn later: with 16 KiB a burst of a thousand commands (a lease command is a few hundred bytes)
 * waits many turns of a busy loop before Redis even sees it.
 */
const redisWriteHighWaterMark = 1024 * 1024;
/** The longest pause between two reconnection attempts. */
const redisMaxReconnectDelayMs = 2000;
/**
 * How long one pending operation keeps the process alive. The connection itself never does, so
 * that a process exits when its work is done; a command still unanswered after this (a hung
 * server) no longer holds it.
 */
const redisKeepAliveMs = 5000;

/** What {@link RedisStoreOptions.onUnreachable} receives. */
export interface StoreUnreachableWarning {
  /** The store's URL, its credentials masked. */
  store: string;
  /** The one-line warning, as written to stderr. */
  message: string;
  /** Why the first connection attempt failed. */
  error: unknown;
}

/** Options for {@link RedisStore}. */
export interface RedisStoreOptions {
  /** The server: `redis://host:port` or `rediss://host:port` (TLS), with credentials if needed. */
  url: string;
  /** The prefix of every key (`namespace::key`); `clear()` deletes only its keys. */
  namespace: string;
  /** Called once if the first connection attempt fails: Redis cannot be reached at start. */
  onUnreachable?: ((warning: StoreUnreachableWarning) => void) | undefined;
  /**
   * Where that warning's one line goes, or `false` for nowhere.
   * @default a line on `process.stderr`
   */
  warn?: ((line: string) => void) | false | undefined;
}

type RedisModule = typeof import('@keyv/redis');

interface Connection {
  adapter: KeyvRedis<string>;
  client: RedisClientType;
}

/**
 * A Keyv store over Redis (through @keyv/redis, loaded when the store is created, so that an
 * application without Redis never loads it) that never waits on the network: it connects in the
 * background, commands fail fast while Redis is down, and it reconnects with a capped backoff.
 *
 * Neither the connection nor its reconnection timers keep the process alive: only operations in
 * progress do (each for at most 5 s), so a process exits once its work is done, without
 * `disconnect()`.
 */
export class RedisStore extends EventEmitter {
  /** What Keyv reads of a store: the dialect tells it that this store can be iterated. */
  readonly opts: { dialect: 'redis'; url: string };

  private readonly connection: Promise<Connection>;
  private readonly firstAttempt: Promise<void>;
  private readonly options: RedisStoreOptions;
  private keyPrefix: string | undefined;
  private loaded: Connection | undefined;
  private closed = false;
  private failures = 0;
  private answeredAt = Number.NEGATIVE_INFINITY;
  private pending = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private endFirstAttempt: () => void = () => {};
  private notify: RedisNotifications | undefined;

  constructor(options: RedisStoreOptions) {
    super();
    this.options = options;
    this.keyPrefix = options.namespace;
    this.opts = { dialect: 'redis', url: redactCredentials(options.url) };
    this.firstAttempt = new Promise((resolve) => {
      this.endFirstAttempt = resolve;
    });
    this.connection = import('@keyv/redis').then(
      (module) => this.open(module),
      (error: unknown) => {
        this.endFirstAttempt();
        throw error;
      },
    );
    // Each operation reports a failed load; this only keeps it from being an unhandled rejection.
    this.connection.catch(() => {});
  }

  /** The Keyv namespace: keys are stored as `namespace::key`. */
  get namespace(): string | undefined {
    return this.keyPrefix;
  }

  set namespace(value: string | undefined) {
    this.keyPrefix = value;
    if (this.loaded !== undefined) this.loaded.adapter.namespace = value;
  }

  /**
   * When Redis last answered an operation (`performance.now()` time), or `-Infinity` before the
   * first answer. A store that keeps answering is alive: an operation waiting behind others (in
   * node-redis's queue, or for the socket to drain) is not a hung server.
   */
  get lastAnsweredAt(): number {
    return this.answeredAt;
  }

  /** How many operations are waiting for Redis: queued, being sent, or awaiting their answer. */
  get pendingOperations(): number {
    return this.pending;
  }

  /** The node-redis client, once @keyv/redis has loaded. */
  get client(): RedisClientType | undefined {
    return this.loaded?.client;
  }

  /**
   * Resolves once the first connection attempt has ended, connected or not (within the 2 s
   * connect timeout of loading), keeping the process alive meanwhile. Never rejects.
   */
  whenStarted(): Promise<void> {
    return this.held(this.firstAttempt);
  }

  /** Runs commands on the client, connected as for the store's own operations. */
  command<T>(run: (client: RedisClientType) => Promise<T>): Promise<T> {
    return this.run(({ client }) => run(client));
  }

  /**
   * Publish/subscribe on this store's server. Publishing uses the store's connection; the first
   * `subscribe` opens one more (a duplicate: a connection in subscribe mode runs nothing else),
   * shared by every subscriber, which never keeps the process alive and is closed by
   * `disconnect()`.
   */
  get notifications(): RedisNotifications {
    this.notify ??= createRedisNotifications({
      publish: (run) => this.command((client) => run(client as unknown as RedisPublishClient)),
      openSubscriber: () =>
        this.command(async (client) => {
          const subscriber = client.duplicate({
            socket: {
              ...client.options?.socket,
              connectTimeout: redisConnectTimeoutMs,
              // A lost subscriber is reopened on the next wait, not reconnected on a timer.
              reconnectStrategy: false,
            },
          });
          subscriber.on('error', () => {});
          subscriber.unref();
          await subscriber.connect();
          return subscriber as unknown as RedisSubscribeClient;
        }),
    });
    return this.notify;
  }

  /**
   * The raw value under `key`. A key of another Redis type (a list, a hash: not written by a
   * cache) reads as a corrupt value, which the cache deletes, not as a store failure.
   */
  get(key: string): Promise<string | typeof corruptEnvelope | undefined> {
    // The client, not KeyvRedis's `get`: that one reports every failure as an 'error' event too,
    // and a key of the wrong type is not a failure of the store.
    return this.run(async ({ adapter, client }) => {
      try {
        const value = await client.get(adapter.createKeyPrefix(key, adapter.namespace));
        return value ?? undefined;
      } catch (error) {
        if (isWrongType(error)) return corruptEnvelope;
        if (this.listenerCount('error') > 0) this.emit('error', error);
        throw error;
      }
    });
  }

  /**
   * The raw value under `key` or, when it has none, `leaseKey` set to `value` for `ttlMs` if it is
   * not set: one Lua script, one round trip (see `AtomicStoreOperations.readOrSetIfAbsent`). The
   * two keys are on one server (this store connects to one; a cluster's keys would need one hash
   * slot). `{ refused }` when the server answered the script with an error (a key of another
   * type, scripts not allowed to this user): read the usual way.
   */
  readOrSetIfAbsent(
    key: string,
    leaseKey: string,
    value: string,
    ttlMs: number,
  ): Promise<{ stored: string } | { set: boolean } | { refused: string }> {
    return this.run(async ({ adapter, client }) => {
      const options = {
        keys: [adapter.createKeyPrefix(key, adapter.namespace), leaseKey],
        arguments: [value, String(ttlMs)],
      };
      let reply: unknown;
      try {
        reply = await runScript(client as never, readOrSetIfAbsentScript, options);
      } catch (error) {
        if (isErrorReply(error)) return { refused: (error as Error).message };
        throw error;
      }
      if (typeof reply === 'string') return { stored: reply };
      return { set: reply === 1 };
    });
  }

  /**
   * Deletes `leaseKey` if its value is `token`, then publishes `message` on `channel`: one Lua
   * script, one command (see `AtomicStoreOperations.releaseAndPublish`). `'refused'` when the
   * server answered the script with an error (scripts not allowed to this user): give the lease
   * back the usual way.
   */
  releaseAndPublish(
    leaseKey: string,
    token: string,
    channel: string,
    message: string,
  ): Promise<'released' | 'refused'> {
    return this.run(async ({ client }) => {
      const options = { keys: [leaseKey], arguments: [token, channel, message] };
      try {
        await runScript(client as never, releaseAndPublishScript, options);
        return 'released';
      } catch (error) {
        if (isErrorReply(error)) return 'refused';
        throw error;
      }
    });
  }

  getMany(keys: string[]): Promise<Array<string | undefined>> {
    return this.run(({ adapter }) => adapter.getMany(keys));
  }

  set(key: string, value: string, ttl?: number): Promise<void> {
    return this.run(({ adapter }) => adapter.set(key, value, ttl));
  }

  setMany(entries: Array<{ key: string; value: string; ttl?: number }>): Promise<void> {
    return this.run(({ adapter }) => adapter.setMany(entries));
  }

  has(key: string): Promise<boolean> {
    return this.run(({ adapter }) => adapter.has(key));
  }

  hasMany(keys: string[]): Promise<boolean[]> {
    return this.run(({ adapter }) => adapter.hasMany(keys));
  }

  delete(key: string): Promise<boolean> {
    return this.run(({ adapter }) => adapter.delete(key));
  }

  deleteMany(keys: string[]): Promise<boolean> {
    return this.run(({ adapter }) => adapter.deleteMany(keys));
  }

  clear(): Promise<void> {
    return this.run(({ adapter }) => adapter.clear());
  }

  async *iterator(namespace?: string): AsyncGenerator<[string, string | undefined], void> {
    const { adapter } = await this.run(async (connection) => connection);
    const entries = adapter.iterator(namespace);
    try {
      for (;;) {
        const step = await this.held(entries.next());
        if (step.done === true) return;
        yield step.value;
      }
    } finally {
      await entries.return(undefined);
    }
  }

  /**
   * Closes the connection at once; commands still in flight reject. A graceful close would wait
   * for their answers, forever if the server hangs. A later operation connects again.
   */
  async disconnect(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.endFirstAttempt();
    this.notify?.close();
    const connection = await this.connection.catch(() => undefined);
    if (connection?.client.isOpen) connection.client.destroy();
  }

  private open({ default: KeyvRedisAdapter, createClient }: RedisModule): Connection {
    const client = createClient({
      url: this.options.url,
      // Queued until the first connection attempt ends, so that a short-lived process still finds
      // its answers; from then on (see `failFast`) commands reject at once while disconnected.
      disableOfflineQueue: false,
      commandsQueueMaxLength: redisMaxPendingCommands,
      socket: {
        connectTimeout: redisConnectTimeoutMs,
        // Passed through to the net.Socket, a stream option that node-redis's types do not list.
        ...({ writableHighWaterMark: redisWriteHighWaterMark } as object),
        // node-redis would wait between attempts on a timer that keeps the process alive, so it
        // never retries itself: `scheduleReconnect` does, on a timer that does not.
        reconnectStrategy: () => {
          this.scheduleReconnect();
          return false;
        },
      },
    }) as RedisClientType;
    client.unref();
    const adapter = new KeyvRedisAdapter<string>(client, {
      namespace: this.keyPrefix,
      // Without it KeyvRedis turns failures into misses and Keyv never sees them.
      throwOnErrors: true,
    });
    // KeyvRedis relays the client's errors (connection failures included); Keyv listens here.
    adapter.on('error', (error: unknown) => this.emit('error', error));
    // The client reads this option on each command; @keyv/redis's createKeyvNonBlocking sets it
    // the same way. On an 'error' it runs before the client flushes its queue, so the commands
    // queued during a failed first attempt reject then.
    const failFast = () => {
      client.options.disableOfflineQueue = true;
    };
    client.once('ready', failFast);
    client.once('error', failFast);
    client.on('ready', () => {
      this.failures = 0;
    });
    this.loaded = { adapter, client };
    if (this.closed) this.endFirstAttempt();
    else this.connect(client, true);
    return this.loaded;
  }

  private connect(client: RedisClientType, first = false): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    // Connection errors also reach Keyv's 'error' event through KeyvRedis.
    client.connect().then(
      () => {
        if (first) this.endFirstAttempt();
      },
      (error: unknown) => {
        if (!first) return;
        // A first attempt cut short by `disconnect()` says nothing about Redis.
        if (!this.closed) this.reportUnreachable(error);
        this.endFirstAttempt();
      },
    );
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer !== undefined) return;
    const delayMs =
      Math.min(50 * 2 ** this.failures, redisMaxReconnectDelayMs) + Math.floor(Math.random() * 100);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      const client = this.loaded?.client;
      if (!this.closed && client !== undefined && !client.isOpen) this.connect(client);
    }, delayMs);
    this.reconnectTimer.unref();
  }

  private run<T>(operation: (connection: Connection) => Promise<T>): Promise<T> {
    this.pending += 1;
    const settle = () => {
      this.pending -= 1;
    };
    const running = this.held(
      this.connection.then((connection) => {
        // Between two attempts the client is closed: an operation starts the next one at once
        // (and, like every command while disconnected, is rejected as offline).
        if (!connection.client.isOpen) {
          this.closed = false;
          this.connect(connection.client);
        }
        return operation(connection).then((value) => {
          this.answeredAt = performance.now();
          return value;
        });
      }),
    );
    running.then(settle, settle);
    return running;
  }

  /** `operation`, with the process kept alive until it settles (for at most 5 s). */
  private held<T>(operation: Promise<T>): Promise<T> {
    const keepAlive = setTimeout(() => {}, redisKeepAliveMs);
    return operation.finally(() => clearTimeout(keepAlive));
  }

  private reportUnreachable(error: unknown): void {
    const store = this.opts.url;
    const message =
      `kagura: cannot reach Redis at ${store} (${describeConnectionError(error, this.options.url)}); ` +
      'calls go to the provider uncached until it can be reached (retrying in the background).';
    const { warn = (line: string) => process.stderr.write(`${line}\n`) } = this.options;
    if (warn !== false) warn(message);
    this.options.onUnreachable?.({ store, message, error });
  }
}

// The value of KEYS[1] if it has one (a string); else 1 when KEYS[2] was set to ARGV[1] for ARGV[2]
// ms, 0 when it held a value already.
const readOrSetIfAbsentScript = luaScript(`local stored = redis.call('get', KEYS[1])
if stored then return stored end
if redis.call('set', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0`);

/** Whether Redis refused a command because the key holds another type (`WRONGTYPE`). */
function isWrongType(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('WRONGTYPE');
}

// Whether the server answered a command with an error, not a connection failure: node-redis's
// ErrorReply carries the server's message, which begins with its code ('ERR ...', 'NOPERM ...',
// 'WRONGTYPE ...'). Told by the message, which a bundler's minifier leaves as it is.
function isErrorReply(error: unknown): boolean {
  return error instanceof Error && /^[A-Z][A-Z_]+ /.test(error.message);
}
