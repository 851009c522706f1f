import { createHash } from 'node:crypto';
import {
  type BaseCache,
  deserializeStoredGeneration,
  InMemoryCache,
  serializeGeneration,
} from '@langchain/core/caches';
import type { BaseMessageLike } from '@langchain/core/messages';
import type { Generation } from '@langchain/core/outputs';
import { ChatOpenAI } from '@langchain/openai';
import { RedisCache } from '@langchain/redis';
import { createClient } from 'redis';
import { callAllLimited } from '../semaphore.js';
import {
  type BenchPrompt,
  type BenchSystem,
  benchApiKey,
  benchModel,
  type SystemSetup,
} from './bench-system.js';

/**
 * LangChain.js: `ChatOpenAI` (`@langchain/openai`) with `@langchain/core`'s `InMemoryCache`
 * (memory) or `@langchain/redis`'s `RedisCache` (Redis; the package marks it deprecated but it
 * is the maintained one), `invoke` and `stream` with their defaults (6 retries). LangChain.js
 * has no on-disk LLM cache, and `stream()` does not read the cache.
 */
export async function createLangChainSystem(setup: SystemSetup): Promise<BenchSystem> {
  if (setup.store === 'disk') throw new Error('LangChain.js has no on-disk LLM cache.');
  const map = new Map<string, Generation[]>();
  let cache: BaseCache | undefined;
  let closeRedis = async () => {};
  if (setup.store === 'memory') cache = new InMemoryCache(map);
  if (setup.store === 'redis') {
    const redis = createClient({ url: setup.redisUrl });
    await redis.connect();
    cache = new RedisCache(redis);
    closeRedis = async () => {
      await redis.quit();
    };
  }
  const model = new ChatOpenAI({
    model: benchModel,
    apiKey: benchApiKey,
    configuration: { baseURL: setup.openaiBaseURL, fetch: setup.fetch },
    cache,
  });
  const system: BenchSystem = {
    name: 'langchain',
    store: setup.store,
    callAll: (inputs, concurrency) =>
      callAllLimited((input) => system.call(input), inputs, concurrency),
    async call(input) {
      const message = await model.invoke(toMessages(input));
      return {
        text: message.text,
        inputTokens: message.usage_metadata?.input_tokens ?? 0,
        outputTokens: message.usage_metadata?.output_tokens ?? 0,
      };
    },
    async *stream(input) {
      for await (const chunk of await model.stream(toMessages(input))) {
        if (chunk.text !== '') yield chunk.text;
      }
    },
    fill:
      setup.store === 'memory'
        ? async (_template, count) => {
            const [value] = [...map.values()];
            if (value === undefined) throw new Error('The template call was not cached.');
            for (let index = 0; index < count; index += 1) {
              const key = createHash('sha256').update(`filler ${index}`).digest('hex');
              map.set(key, reviveGenerations(value));
            }
          }
        : undefined,
    async close() {
      await closeRedis();
    },
  };
  return system;
}

function toMessages(input: BenchPrompt): BaseMessageLike[] {
  const messages: BaseMessageLike[] = [];
  if (input.system !== undefined) messages.push(['system', input.system]);
  messages.push(['human', input.prompt]);
  return messages;
}

// LangChain's own round trip for stored generations (what its Redis cache does on a hit): a new
// message object per entry, as each real call would have made.
function reviveGenerations(generations: Generation[]): Generation[] {
  return generations.map((generation) =>
    deserializeStoredGeneration(serializeGeneration(generation)),
  );
}
