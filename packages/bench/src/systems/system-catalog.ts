import type { BenchSystem, StoreKind, SystemName, SystemSetup } from './bench-system.js';
import { createKaguraSystem } from './kagura.js';
import { createKaguraAnthropicSystem } from './kagura-anthropic.js';
import { createLangChainSystem } from './langchain.js';
import { createRawAnthropicSystem } from './raw-anthropic.js';
import { createRawOpenAISystem } from './raw-openai.js';
import { createVercelAISystem } from './vercel-ai.js';

/** What the report needs to know about a system, and how to set it up. */
export interface SystemInfo {
  /** The system. */
  name: SystemName;
  /** Its name in tables. */
  label: string;
  /** The npm packages it is made of (their versions go into the results). */
  packages: readonly string[];
  /** The cache stores it has; the others are "n/a" in the cache rows. */
  stores: readonly StoreKind[];
  /** Sets it up for one row. */
  create: (setup: SystemSetup) => Promise<BenchSystem>;
}

/** Every system, ours first. */
export const systemCatalog: Readonly<Record<SystemName, SystemInfo>> = {
  kagura: {
    name: 'kagura',
    label: 'Kagura TS',
    packages: ['@kagura-ts/core', '@kagura-ts/openai'],
    stores: ['none', 'memory', 'disk', 'redis'],
    create: createKaguraSystem,
  },
  'raw-openai': {
    name: 'raw-openai',
    label: 'openai SDK (no cache)',
    packages: ['openai'],
    stores: ['none'],
    create: createRawOpenAISystem,
  },
  'vercel-ai': {
    name: 'vercel-ai',
    label: 'Vercel AI SDK + cache middleware',
    packages: ['ai', '@ai-sdk/openai', '@ai-sdk/provider', 'redis'],
    stores: ['none', 'memory', 'disk', 'redis'],
    create: createVercelAISystem,
  },
  'vercel-ai-unpaced': {
    name: 'vercel-ai-unpaced',
    label: 'Vercel AI SDK + cache middleware, chunkDelayInMs: 0',
    packages: ['ai', '@ai-sdk/openai', '@ai-sdk/provider'],
    stores: ['none', 'memory', 'disk', 'redis'],
    create: (setup) =>
      createVercelAISystem(setup, { name: 'vercel-ai-unpaced', chunkDelayInMs: 0 }),
  },
  langchain: {
    name: 'langchain',
    label: 'LangChain.js',
    packages: ['@langchain/openai', '@langchain/core', '@langchain/redis', 'redis'],
    stores: ['none', 'memory', 'redis'],
    create: createLangChainSystem,
  },
  'kagura-anthropic': {
    name: 'kagura-anthropic',
    label: 'Kagura TS (Anthropic format)',
    packages: ['@kagura-ts/core', '@kagura-ts/anthropic'],
    stores: ['none', 'memory'],
    create: createKaguraAnthropicSystem,
  },
  'raw-anthropic': {
    name: 'raw-anthropic',
    label: '@anthropic-ai/sdk (no cache)',
    packages: ['@anthropic-ai/sdk'],
    stores: ['none'],
    create: createRawAnthropicSystem,
  },
};

/** The caching systems compared in the cache rows: ours, then the peers with a cache. */
export const cachingSystems: readonly SystemName[] = ['kagura', 'vercel-ai', 'langchain'];

/**
 * The caching systems of row 5's cached-stream replay: the cache rows' ones, plus the AI SDK
 * recipe with `chunkDelayInMs: 0` (the recipe paces replays with 10 ms timers by design).
 */
export const cachedStreamSystems: readonly SystemName[] = [...cachingSystems, 'vercel-ai-unpaced'];

/** The systems compared on the OpenAI wire format: the caching ones plus the raw SDK. */
export const openAISystems: readonly SystemName[] = [
  'kagura',
  'raw-openai',
  'vercel-ai',
  'langchain',
];

/**
 * Sets up `names` for one row with the given store. A system without a cache (a raw SDK) is set
 * up without one; a caching system without that store is left out.
 */
export async function createSystems(
  names: readonly SystemName[],
  setup: SystemSetup,
): Promise<BenchSystem[]> {
  const systems: BenchSystem[] = [];
  for (const name of names) {
    const info = systemCatalog[name];
    const store = info.stores.includes(setup.store)
      ? setup.store
      : info.stores.length === 1
        ? 'none'
        : undefined;
    if (store === undefined) continue;
    systems.push(await info.create({ ...setup, store }));
  }
  return systems;
}

/** Closes every system, even if one fails to close. */
export async function closeSystems(systems: readonly BenchSystem[]): Promise<void> {
  await Promise.allSettled(systems.map((system) => system.close()));
}
