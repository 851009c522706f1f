import { createOpenAI } from '@ai-sdk/openai';
import { InMemoryCache } from '@langchain/core/caches';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, jsonSchema, Output, wrapLanguageModel } from 'ai';
import { type BenchPrompt, benchApiKey, benchModel, type SystemName } from './bench-system.js';
import { createExtraKaguraClient } from './extra-kagura-client.js';
import { createMapStore } from './key-value-store.js';
import { createCacheMiddleware } from './vercel-cache-middleware.js';

/** The object every system is asked for. */
export interface Release {
  title: string;
  score: number;
}

/** The structured-output row's JSON Schema, the same for every system. */
export const releaseJsonSchema: {
  type: 'object';
  properties: Record<string, { type: 'string' | 'number' }>;
  required: string[];
  additionalProperties: false;
} = {
  type: 'object',
  properties: { title: { type: 'string' }, score: { type: 'number' } },
  required: ['title', 'score'],
  additionalProperties: false,
};

function isRelease(value: unknown): value is Release {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.title === 'string' && typeof record.score === 'number';
}

// A hand-written Standard Schema validator: the bench has no validator library, and this costs
// what the cheapest validator would.
const releaseSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'kagura-bench',
    validate: (value: unknown) =>
      isRelease(value) ? { value } : { issues: [{ message: 'Expected { title, score }.' }] },
  },
};

/** A caching system with a memory store asked for a JSON object, each its documented way. */
export interface StructuredSystem {
  readonly name: SystemName;
  call(input: BenchPrompt): Promise<Release>;
  close(): Promise<void>;
}

/**
 * Kagura (`client.call(prompt, { schema, jsonSchema })`), the Vercel AI SDK recipe
 * (`generateText({ output: Output.object({ schema: jsonSchema(...) }) })` over the cache
 * middleware on a `Map`) and LangChain.js (`withStructuredOutput(jsonSchema)` over a `ChatOpenAI`
 * with `InMemoryCache`), all against one simulator.
 */
export function createStructuredSystems(openaiBaseURL: string): StructuredSystem[] {
  const client = createExtraKaguraClient({ openaiBaseURL, cache: { store: 'memory', ttl: 0 } });
  const provider = createOpenAI({ baseURL: openaiBaseURL, apiKey: benchApiKey });
  const model = wrapLanguageModel({
    model: provider.chat(benchModel),
    middleware: createCacheMiddleware(createMapStore()),
  });
  const output = Output.object({ schema: jsonSchema<Release>(releaseJsonSchema) });
  const chat = new ChatOpenAI({
    model: benchModel,
    apiKey: benchApiKey,
    configuration: { baseURL: openaiBaseURL },
    cache: new InMemoryCache(),
  }).withStructuredOutput<Release & Record<string, unknown>>(releaseJsonSchema, {
    name: 'release',
  });
  return [
    {
      name: 'kagura',
      async call(input) {
        const response = await client.call(input.prompt, {
          system: input.system,
          schema: releaseSchema,
          jsonSchema: releaseJsonSchema,
          schemaName: 'release',
        });
        return response.object as Release;
      },
      close: async () => client.cache?.disconnect(),
    },
    {
      name: 'vercel-ai',
      async call(input) {
        const result = await generateText({
          model,
          system: input.system,
          prompt: input.prompt,
          output,
        });
        return result.output;
      },
      close: async () => {},
    },
    {
      name: 'langchain',
      async call(input) {
        const messages: [string, string][] = [];
        if (input.system !== undefined) messages.push(['system', input.system]);
        messages.push(['human', input.prompt]);
        return chat.invoke(messages);
      },
      close: async () => {},
    },
  ];
}
