import type {
  LanguageModelV4,
  LanguageModelV4Middleware,
  LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import type { KeyValueStore } from './key-value-store.js';

/** Options of {@link createCacheMiddleware}. */
export interface CacheMiddlewareOptions {
  /**
   * The pause between replayed stream parts, in milliseconds: the recipe's 10, or 0 for a replay
   * with no pacing (row 5 shows both).
   * @default 10
   */
  chunkDelayInMs?: number;
}

/**
 * The AI SDK's documented caching recipe ("Caching Responses", language model middleware with
 * `simulateReadableStream`), line for line, over any key-value store in place of
 * `@upstash/redis`: the key is the JSON of provider, model id and call parameters; a generate
 * result is stored as is, a stream as its array of parts, replayed with the recipe's
 * `initialDelayInMs: 0, chunkDelayInMs: 10` (or `options.chunkDelayInMs`); writes are not awaited.
 */
export function createCacheMiddleware(
  store: KeyValueStore,
  options: CacheMiddlewareOptions = {},
): LanguageModelV4Middleware {
  const chunkDelayInMs = options.chunkDelayInMs ?? 10;
  return {
    specificationVersion: 'v4',
    wrapGenerate: async ({ doGenerate, params, model }) => {
      const cacheKey = JSON.stringify({
        provider: model.provider,
        modelId: model.modelId,
        params,
      });

      const cached = (await store.get(cacheKey)) as Awaited<
        ReturnType<LanguageModelV4['doGenerate']>
      > | null;

      if (cached !== null) {
        return {
          ...cached,
          response: {
            ...cached.response,
            timestamp: cached?.response?.timestamp
              ? new Date(cached?.response?.timestamp)
              : undefined,
          },
        };
      }

      const result = await doGenerate();

      void store.set(cacheKey, result);

      return result;
    },
    wrapStream: async ({ doStream, params, model }) => {
      const cacheKey = JSON.stringify({
        provider: model.provider,
        modelId: model.modelId,
        params,
      });

      // Check if the result is in the cache
      const cached = await store.get(cacheKey);

      // If cached, return a simulated ReadableStream that yields the cached result
      if (cached !== null) {
        // Format the timestamps in the cached response
        const formattedChunks = (cached as LanguageModelV4StreamPart[]).map((p) => {
          if (p.type === 'response-metadata' && p.timestamp) {
            return { ...p, timestamp: new Date(p.timestamp) };
          }
          return p;
        });
        return {
          stream: simulateReadableStream({
            initialDelayInMs: 0,
            chunkDelayInMs,
            chunks: formattedChunks,
          }),
        };
      }

      // If not cached, proceed with streaming
      const { stream, ...rest } = await doStream();

      const fullResponse: LanguageModelV4StreamPart[] = [];

      const transformStream = new TransformStream<
        LanguageModelV4StreamPart,
        LanguageModelV4StreamPart
      >({
        transform(chunk, controller) {
          fullResponse.push(chunk);
          controller.enqueue(chunk);
        },
        flush() {
          // Store the full response in the cache after streaming is complete
          void store.set(cacheKey, fullResponse);
        },
      });

      return {
        stream: stream.pipeThrough(transformStream),
        ...rest,
      };
    },
  };
}
