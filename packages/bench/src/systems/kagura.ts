import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  type CacheOptions,
  type Client,
  callLLM,
  createClient,
  parallelMap,
} from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import {
  type BenchPrompt,
  type BenchReply,
  type BenchSystem,
  benchApiKey,
  benchModel,
  type StoreKind,
  type SystemSetup,
} from './bench-system.js';

/**
 * Kagura TS as a user sets it up: `createClient` over `createOpenAI`, calls through `callLLM`
 * and `client.stream`, the response cache with the store the row asks for (entries kept with no
 * expiry so that none ages out mid-run).
 */
export async function createKaguraSystem(setup: SystemSetup): Promise<BenchSystem> {
  const client = createClient({
    providers: {
      openai: createOpenAI({
        baseURL: setup.openaiBaseURL,
        apiKey: benchApiKey,
        fetch: setup.fetch,
      }),
    },
    model: `openai:${benchModel}`,
    cache: kaguraCacheOptions(setup),
  });
  return kaguraSystem('kagura', setup.store, client);
}

/** The cache options for a store kind (`false` for none). */
export function kaguraCacheOptions(setup: SystemSetup): CacheOptions | false {
  const store: StoreKind = setup.store;
  if (store === 'none') return false;
  const bounds =
    setup.maxEntries === undefined
      ? {}
      : { maxEntries: setup.maxEntries, maxBytes: Number.MAX_SAFE_INTEGER };
  if (store === 'memory') return { store: 'memory', ttl: 0, ...bounds };
  if (store === 'disk') return { store: `sqlite:${join(setup.directory, 'kagura.db')}`, ttl: 0 };
  if (setup.redisUrl === undefined) throw new Error('The redis store needs a redisUrl.');
  return { store: setup.redisUrl as `redis://${string}`, ttl: 0 };
}

/** Wraps a Kagura client as a bench system (also used for the Anthropic wire format). */
export function kaguraSystem(
  name: 'kagura' | 'kagura-anthropic',
  store: StoreKind,
  client: Client,
): BenchSystem {
  const system: BenchSystem = {
    name,
    store,
    callAll(inputs, concurrency) {
      // How a Kagura user fans out: parallelMap with a concurrency limit (the client retries
      // a 429 itself, honouring retry-after).
      return parallelMap(inputs, (input) => system.call(input), { concurrency, settle: true });
    },
    async call(input: BenchPrompt): Promise<BenchReply> {
      const response = await callLLM(input.prompt, { client, system: input.system });
      return {
        text: response.text,
        inputTokens: response.usage.inputTokens,
        outputTokens: response.usage.outputTokens,
      };
    },
    async *stream(input: BenchPrompt) {
      for await (const delta of client.stream(input.prompt, { system: input.system })) {
        if (delta !== '') yield delta;
      }
    },
    async fill(template: BenchPrompt, count: number) {
      const cache = client.cache;
      if (cache === undefined) throw new Error('This Kagura system has no cache to fill.');
      const response = await client.call(template.prompt, { system: template.system });
      const { key } = response.cache;
      // The template's stored entry, a copy of it under each filler key (`structuredClone`, as
      // the AI SDK recipe's fill does): the store holds one entry per key, as calls would have
      // written them, not one object shared by all.
      await cache.flush();
      const stored: unknown = key === undefined ? undefined : await cache.keyv.get(key);
      if (stored === undefined) throw new Error('The template call was not cached.');
      for (let index = 0; index < count; index += 1) {
        const digest = createHash('sha256').update(`filler ${index}`).digest('hex');
        await cache.keyv.set(`kagura:v1:${digest}`, structuredClone(stored));
      }
    },
    async close() {
      await client.cache?.disconnect();
    },
  };
  return system;
}
