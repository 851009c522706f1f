import { createAnthropic as createAISDKAnthropic } from '@ai-sdk/anthropic';
import Anthropic from '@anthropic-ai/sdk';
import { createAnthropic } from '@kagura-ts/anthropic';
import { createClient } from '@kagura-ts/core';
import { ChatAnthropic } from '@langchain/anthropic';
import { InMemoryCache } from '@langchain/core/caches';
import { generateText, wrapLanguageModel } from 'ai';
import {
  anthropicMaxTokens,
  type BenchPrompt,
  benchAnthropicModel,
  benchApiKey,
  type SystemName,
} from './bench-system.js';
import { createMapStore } from './key-value-store.js';
import { createCacheMiddleware } from './vercel-cache-middleware.js';

// What Kagura's Anthropic adapter sends when a call sets no maxTokens: every system asks for it,
// so all send the same request.
const maxTokens = anthropicMaxTokens;

/** A system over the Anthropic wire format, with a memory cache or none. */
export interface AnthropicSystem {
  readonly name: SystemName;
  /** Its name in the table. */
  readonly label: string;
  /** Whether it has a memory cache. */
  readonly cached: boolean;
  /** One call through its public call; resolves the reply text. */
  call(input: BenchPrompt): Promise<string>;
  close(): Promise<void>;
}

/** Labels of the Anthropic-format systems, by name. */
export const anthropicLabels: Readonly<Partial<Record<SystemName, string>>> = {
  'kagura-anthropic': 'Kagura TS (@kagura-ts/anthropic)',
  'vercel-ai': 'Vercel AI SDK (@ai-sdk/anthropic) + cache middleware',
  langchain: 'LangChain.js (@langchain/anthropic)',
  'raw-anthropic': '@anthropic-ai/sdk (no cache)',
};

function kagura(anthropicBaseURL: string, cached: boolean): AnthropicSystem {
  const client = createClient({
    providers: { anthropic: createAnthropic({ baseURL: anthropicBaseURL, apiKey: benchApiKey }) },
    model: `anthropic:${benchAnthropicModel}`,
    cache: cached ? { store: 'memory', ttl: 0 } : false,
  });
  return {
    name: 'kagura-anthropic',
    label: anthropicLabels['kagura-anthropic']!,
    cached,
    async call(input) {
      return (await client.call(input.prompt, { system: input.system })).text;
    },
    close: async () => client.cache?.disconnect(),
  };
}

function vercelAI(anthropicBaseURL: string, cached: boolean): AnthropicSystem {
  // The AI SDK's prefix includes the API version, the official SDK's does not.
  const provider = createAISDKAnthropic({ baseURL: `${anthropicBaseURL}/v1`, apiKey: benchApiKey });
  const base = provider.messages(benchAnthropicModel);
  const model = cached
    ? wrapLanguageModel({ model: base, middleware: createCacheMiddleware(createMapStore()) })
    : base;
  return {
    name: 'vercel-ai',
    label: anthropicLabels['vercel-ai']!,
    cached,
    async call(input) {
      const result = await generateText({
        model,
        system: input.system,
        prompt: input.prompt,
        maxOutputTokens: maxTokens,
      });
      return result.text;
    },
    close: async () => {},
  };
}

function langChain(anthropicBaseURL: string, cached: boolean): AnthropicSystem {
  const chat = new ChatAnthropic({
    model: benchAnthropicModel,
    apiKey: benchApiKey,
    anthropicApiUrl: anthropicBaseURL,
    maxTokens,
    ...(cached ? { cache: new InMemoryCache() } : {}),
  });
  return {
    name: 'langchain',
    label: anthropicLabels.langchain!,
    cached,
    async call(input) {
      const messages: [string, string][] = [];
      if (input.system !== undefined) messages.push(['system', input.system]);
      messages.push(['human', input.prompt]);
      return (await chat.invoke(messages)).text;
    },
    close: async () => {},
  };
}

function rawAnthropic(anthropicBaseURL: string): AnthropicSystem {
  const anthropic = new Anthropic({ baseURL: anthropicBaseURL, apiKey: benchApiKey });
  return {
    name: 'raw-anthropic',
    label: anthropicLabels['raw-anthropic']!,
    cached: false,
    async call(input) {
      const message = await anthropic.messages.create({
        model: benchAnthropicModel,
        max_tokens: maxTokens,
        ...(input.system === undefined ? {} : { system: input.system }),
        messages: [{ role: 'user', content: input.prompt }],
      });
      return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    },
    close: async () => {},
  };
}

/**
 * The Anthropic-format systems, each set up as its documentation shows: Kagura over
 * `@kagura-ts/anthropic` (`client.call`), the AI SDK's `@ai-sdk/anthropic` with the cache
 * middleware recipe on a `Map` (`generateText`), LangChain.js's `ChatAnthropic` with
 * `InMemoryCache` (`invoke`), each with its memory cache and again without one, then the raw
 * `@anthropic-ai/sdk` (the baseline).
 */
export function createAnthropicSystems(anthropicBaseURL: string): AnthropicSystem[] {
  return [
    kagura(anthropicBaseURL, true),
    vercelAI(anthropicBaseURL, true),
    langChain(anthropicBaseURL, true),
    kagura(anthropicBaseURL, false),
    vercelAI(anthropicBaseURL, false),
    langChain(anthropicBaseURL, false),
    rawAnthropic(anthropicBaseURL),
  ];
}
