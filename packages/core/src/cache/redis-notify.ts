import type { StoreNotifications } from './store-capabilities.js';

/** The node-redis commands a publisher uses. */
export interface RedisPublishClient {
  publish(channel: string, message: string): Promise<unknown>;
}

/** The node-redis commands the shared subscriber connection uses. */
export interface RedisSubscribeClient {
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  destroy(): void;
  on(event: 'error' | 'end', listener: () => void): unknown;
}

/** What {@link createRedisNotifications} is built from. */
export interface RedisNotificationsOptions {
  /** Runs `PUBLISH` on the store's own (connected) client. */
  publish: <T>(run: (client: RedisPublishClient) => Promise<T>) => Promise<T>;
  /** Opens the subscriber connection (a duplicate of the store's client), connected. */
  openSubscriber: () => Promise<RedisSubscribeClient>;
}

/** {@link StoreNotifications} with a `close` for the store's `disconnect()`. */
export interface RedisNotifications extends StoreNotifications {
  /** Closes the subscriber connection, if open; a later `subscribe` opens a new one. */
  close(): void;
}

/**
 * {@link StoreNotifications} in Redis: `PUBLISH` on the store's client, and one subscriber
 * connection per store (a connection in subscribe mode runs no other command), opened on the first
 * `subscribe` and shared by every waiter: a channel is subscribed in Redis once, on its first
 * listener, and stays subscribed until the connection closes. A subscriber connection that fails is dropped, its listeners told nothing (their
 * waits fall back to polling), and the next `subscribe` opens another.
 */
export function createRedisNotifications(options: RedisNotificationsOptions): RedisNotifications {
  const listeners = new Map<string, Set<(message: string) => void>>();
  // The `SUBSCRIBE` of each channel, so that a second waiter on a channel waits for it too.
  const ready = new Map<string, Promise<unknown>>();
  let subscriber: Promise<RedisSubscribeClient> | undefined;

  const drop = (failed: Promise<RedisSubscribeClient>) => {
    if (subscriber !== failed) return;
    subscriber = undefined;
    listeners.clear();
    ready.clear();
    failed
      .then(
        (client) => client.destroy(),
        () => {},
      )
      .catch(() => {});
  };
  const connection = (): Promise<RedisSubscribeClient> => {
    if (subscriber !== undefined) return subscriber;
    const opening = options.openSubscriber().then((client) => {
      client.on('error', () => drop(opening));
      client.on('end', () => drop(opening));
      return client;
    });
    subscriber = opening;
    opening.catch(() => drop(opening));
    return opening;
  };
  const dispatch = (channel: string) => (message: string) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(message);
  };

  return {
    async publish(channel, message) {
      await options.publish((client) => client.publish(channel, message));
    },
    async subscribe(channel, listener) {
      const client = await connection();
      let channelListeners = listeners.get(channel);
      if (channelListeners === undefined) {
        channelListeners = new Set();
        listeners.set(channel, channelListeners);
        const subscribing = client.subscribe(channel, dispatch(channel));
        ready.set(channel, subscribing);
        subscribing.catch(() => {
          if (listeners.get(channel) === channelListeners) listeners.delete(channel);
          ready.delete(channel);
        });
      }
      channelListeners.add(listener);
      await ready.get(channel);
      let subscribed = true;
      // The channel stays subscribed once its last listener leaves, until the connection closes:
      // an UNSUBSCRIBE still in flight when the next waiter subscribes again (the next call of a
      // busy process, a moment later) lets node-redis drop the new listener with the old channel,
      // and that waiter then sleeps until its fallback poll. A namespace is one channel, so a
      // process keeps at most a few, and gets their release messages while it waits on none.
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.get(channel)?.delete(listener);
      };
    },
    close() {
      const open = subscriber;
      subscriber = undefined;
      listeners.clear();
      ready.clear();
      open
        ?.then(
          (client) => client.destroy(),
          () => {},
        )
        .catch(() => {});
    },
  };
}
