import { createOpenAI } from '@ai-sdk/openai';
import { InMemoryCache } from '@langchain/core/caches';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, wrapLanguageModel } from 'ai';
import { type BenchPrompt, benchApiKey, benchModel, type SystemName } from './bench-system.js';
import { createExtraKaguraClient } from './extra-kagura-client.js';
import { createMapStore } from './key-value-store.js';
import { createCacheMiddleware } from './vercel-cache-middleware.js';

/** A caching system with a memory store whose call takes an abort signal, each its documented way. */
export interface SignalSystem {
  readonly name: SystemName;
  /** One call; with `signal`, passed as the system documents (`abortSignal` / `signal`). */
  call(input: BenchPrompt, signal?: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

/**
 * Kagura (`client.call(prompt, { abortSignal })`), the Vercel AI SDK recipe
 * (`generateText({ abortSignal })` over the cache middleware on a `Map`) and LangChain.js
 * (`invoke(messages, { signal })` with `InMemoryCache`), set up as the bench's systems are.
 */
export function createSignalSystems(openaiBaseURL: string): SignalSystem[] {
  const client = createExtraKaguraClient({
    openaiBaseURL,
    cache: { store: 'memory', ttl: 0 },
  });
  const provider = createOpenAI({ baseURL: openaiBaseURL, apiKey: benchApiKey });
  const model = wrapLanguageModel({
    model: provider.chat(benchModel),
    middleware: createCacheMiddleware(createMapStore()),
  });
  const chat = new ChatOpenAI({
    model: benchModel,
    apiKey: benchApiKey,
    configuration: { baseURL: openaiBaseURL },
    cache: new InMemoryCache(),
  });
  return [
    {
      name: 'kagura',
      async call(input, signal) {
        const options = signal === undefined ? {} : { abortSignal: signal };
        return (await client.call(input.prompt, { system: input.system, ...options })).text;
      },
      close: async () => client.cache?.disconnect(),
    },
    {
      name: 'vercel-ai',
      async call(input, signal) {
        const options = signal === undefined ? {} : { abortSignal: signal };
        const result = await generateText({
          model,
          system: input.system,
          prompt: input.prompt,
          ...options,
        });
        return result.text;
      },
      close: async () => {},
    },
    {
      name: 'langchain',
      async call(input, signal) {
        const messages: [string, string][] = [];
        if (input.system !== undefined) messages.push(['system', input.system]);
        messages.push(['human', input.prompt]);
        const options = signal === undefined ? {} : { signal };
        return (await chat.invoke(messages, options)).text;
      },
      close: async () => {},
    },
  ];
}
