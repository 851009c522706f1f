import { join } from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText, wrapLanguageModel } from 'ai';
import { callAllLimited } from '../semaphore.js';
import {
  type BenchSystem,
  benchApiKey,
  benchModel,
  type SystemName,
  type SystemSetup,
} from './bench-system.js';
import { createMapStore, type KeyValueStore } from './key-value-store.js';
import { createRedisKeyValueStore } from './redis-key-value-store.js';
import { createSqliteKeyValueStore } from './sqlite-key-value-store.js';
import { createCacheMiddleware } from './vercel-cache-middleware.js';

/** Options of {@link createVercelAISystem}. */
export interface VercelAISystemOptions {
  /** The system's name. @default 'vercel-ai' */
  name?: Extract<SystemName, 'vercel-ai' | 'vercel-ai-unpaced'>;
  /** The middleware's pause between replayed stream parts. @default 10 (the recipe's) */
  chunkDelayInMs?: number;
}

/**
 * The Vercel AI SDK (`ai` + `@ai-sdk/openai`, Chat Completions) with the documented caching
 * middleware over a `Map` (memory), a SQLite file (disk) or Redis; `generateText` and
 * `streamText` with their defaults (2 retries). With `store: 'none'`, the plain model.
 */
export async function createVercelAISystem(
  setup: SystemSetup,
  options: VercelAISystemOptions = {},
): Promise<BenchSystem> {
  const provider = createOpenAI({
    baseURL: setup.openaiBaseURL,
    apiKey: benchApiKey,
    fetch: setup.fetch,
  });
  const store = await createStore(setup);
  const base = provider.chat(benchModel);
  const model =
    store === undefined
      ? base
      : wrapLanguageModel({
          model: base,
          middleware: createCacheMiddleware(store, { chunkDelayInMs: options.chunkDelayInMs }),
        });
  const system: BenchSystem = {
    name: options.name ?? 'vercel-ai',
    store: setup.store,
    callAll: (inputs, concurrency) =>
      callAllLimited((input) => system.call(input), inputs, concurrency),
    async call(input) {
      const result = await generateText({ model, system: input.system, prompt: input.prompt });
      return {
        text: result.text,
        inputTokens: result.usage.inputTokens ?? 0,
        outputTokens: result.usage.outputTokens ?? 0,
      };
    },
    async *stream(input) {
      const result = streamText({ model, system: input.system, prompt: input.prompt });
      for await (const delta of result.textStream) if (delta !== '') yield delta;
    },
    fill:
      store !== undefined && 'map' in store
        ? async (template, count) =>
            fillMap(store.map as Map<string, unknown>, template.prompt, count)
        : undefined,
    async close() {
      await store?.close();
    },
  };
  return system;
}

async function createStore(setup: SystemSetup): Promise<KeyValueStore | undefined> {
  if (setup.store === 'none') return undefined;
  if (setup.store === 'memory') return createMapStore();
  if (setup.store === 'disk')
    return createSqliteKeyValueStore(join(setup.directory, 'vercel-ai.db'));
  if (setup.redisUrl === undefined) throw new Error('The redis store needs a redisUrl.');
  return createRedisKeyValueStore(setup.redisUrl);
}

// Copies of the template's entry under the key the recipe would compute for another prompt.
function fillMap(map: Map<string, unknown>, templatePrompt: string, count: number): void {
  const entry = [...map].find(([key]) => key.includes(JSON.stringify(templatePrompt).slice(1, -1)));
  if (entry === undefined) throw new Error('The template call was not cached.');
  const [key, value] = entry;
  for (let index = 0; index < count; index += 1) {
    map.set(key.replace(templatePrompt, `filler ${index}`), structuredClone(value));
  }
}
