import { describe, expect, it } from 'vitest';
import { createRedisNotifications, type RedisSubscribeClient } from './redis-notify.js';

/** A subscriber connection that logs its commands and delivers what `deliver` sends. */
function fakeSubscriber(log: string[]) {
  const listeners = new Map<string, (message: string) => void>();
  const client: RedisSubscribeClient = {
    subscribe: async (channel, listener) => {
      log.push(`subscribe ${channel}`);
      listeners.set(channel, listener);
    },
    destroy: () => log.push('destroy'),
    on: () => client,
  };
  const deliver = (channel: string, message: string) => listeners.get(channel)?.(message);
  return { client, deliver };
}

describe('createRedisNotifications', () => {
  it('should share one subscriber connection and one SUBSCRIBE per channel among listeners, kept until it closes', async () => {
    const log: string[] = [];
    const subscriber = fakeSubscriber(log);
    const notifications = createRedisNotifications({
      publish: async () => undefined as never,
      openSubscriber: async () => {
        log.push('open');
        return subscriber.client;
      },
    });
    const heard: string[] = [];
    const [stopFirst, stopSecond] = await Promise.all([
      notifications.subscribe('ns:lease', (message) => heard.push(`first ${message}`)),
      notifications.subscribe('ns:lease', (message) => heard.push(`second ${message}`)),
    ]);
    subscriber.deliver('ns:lease', 'key');
    stopFirst();
    stopFirst();
    subscriber.deliver('ns:lease', 'again');
    stopSecond();
    subscriber.deliver('ns:lease', 'after');
    // A waiter that comes after the last one left finds the channel subscribed still.
    const [stopThird] = await Promise.all([
      notifications.subscribe('ns:lease', (message) => heard.push(`third ${message}`)),
    ]);
    subscriber.deliver('ns:lease', 'later');
    stopThird();
    notifications.close();
    // The connection is destroyed once its opening promise settles: a turn later.
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['first key', 'second key', 'second again', 'third later']);
    expect(log).toEqual(['open', 'subscribe ns:lease', 'destroy']);
  });

  it('should reject a subscription whose connection cannot open, and open anew next time', async () => {
    const log: string[] = [];
    let attempts = 0;
    const notifications = createRedisNotifications({
      publish: async () => undefined as never,
      openSubscriber: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('The subscriber cannot connect.');
        return fakeSubscriber(log).client;
      },
    });
    await expect(notifications.subscribe('ns:lease', () => {})).rejects.toThrow('cannot connect');
    const stop = await notifications.subscribe('ns:lease', () => {});
    stop();
    expect(attempts).toBe(2);
    expect(log).toEqual(['subscribe ns:lease']);
  });
});
