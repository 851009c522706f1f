import { createHash } from 'node:crypto';
import type { AtomicStoreOperations } from './store-capabilities.js';

/** A script's keys and arguments, as node-redis takes them. */
export interface ScriptOptions {
  keys: string[];
  arguments: string[];
}

/** The node-redis commands the atomic operations use. */
export interface RedisCommandClient {
  set(key: string, value: string, options: object): Promise<unknown>;
  exists(key: string): Promise<number>;
  eval(script: string, options: ScriptOptions): Promise<unknown>;
  evalSha(sha1: string, options: ScriptOptions): Promise<unknown>;
}

/** A Lua script and its SHA-1 digest, by which the server knows a script it has run. */
export interface LuaScript {
  readonly text: string;
  readonly sha1: string;
}

/** `text` as a {@link LuaScript}. */
export function luaScript(text: string): LuaScript {
  return { text, sha1: createHash('sha1').update(text).digest('hex') };
}

/**
 * Runs `script` by its digest: the server keeps the scripts it has run, and the text is sent
 * again only when it answers that it has not (restarted, flushed: `NOSCRIPT`).
 */
export function runScript(
  client: Pick<RedisCommandClient, 'eval' | 'evalSha'>,
  script: LuaScript,
  options: ScriptOptions,
): Promise<unknown> {
  return client
    .evalSha(script.sha1, options)
    .catch((error: unknown) =>
      isNoScript(error) ? client.eval(script.text, options) : Promise.reject(error),
    );
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

// Compare-and-act scripts: an expired lease may already belong to another process.
const deleteIfEqualsScript = luaScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
);
const expireIfEqualsScript = luaScript(
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
);

/**
 * Deletes the lease KEYS[1] if its value is ARGV[1] (an expired lease may already be another
 * process's), then publishes ARGV[3] on the channel ARGV[2]: the lease given back and its waiters
 * told in one command, the delete before the message.
 */
export const releaseAndPublishScript =
  luaScript(`if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('del', KEYS[1]) end
redis.call('publish', ARGV[2], ARGV[3])
return 1`);

/**
 * {@link AtomicStoreOperations} in Redis: `SET NX PX`, and compare-and-`PEXPIRE` and
 * compare-and-`DEL` as Lua scripts, sent by digest. `command` runs each on a connected node-redis client (a
 * single client or a cluster: every command names one key).
 */
export function createRedisAtomics(
  command: <T>(run: (client: RedisCommandClient) => Promise<T>) => Promise<T>,
): AtomicStoreOperations {
  return {
    async setIfAbsent(key, value, ttlMs) {
      const reply = await command((client) =>
        client.set(key, value, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
      );
      return reply === 'OK';
    },
    async expireIfEquals(key, expected, ttlMs) {
      const reply = await command((client) =>
        runScript(client, expireIfEqualsScript, {
          keys: [key],
          arguments: [expected, String(ttlMs)],
        }),
      );
      return reply === 1;
    },
    async deleteIfEquals(key, expected) {
      const reply = await command((client) =>
        runScript(client, deleteIfEqualsScript, { keys: [key], arguments: [expected] }),
      );
      return reply === 1;
    },
    async exists(key) {
      return (await command((client) => client.exists(key))) === 1;
    },
  };
}
