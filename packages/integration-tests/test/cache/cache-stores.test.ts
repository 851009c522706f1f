import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyvStore, LLMCache } from '@kagura-ts/core';
import { type RedisServer, shouldSkipRedisTests, startRedisServer } from '@kagura-ts/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeCacheConformance } from './cache-conformance.js';

describeCacheConformance('memory', {
  createCache: (options) => new LLMCache({ ...options, store: 'memory' }),
  persistent: false,
});

// One memory store shared by several caches (clients), as one Redis or one SQLite file would be.
const sharedMemory = createKeyvStore('memory');
describeCacheConformance('shared memory', {
  createCache: (options) => new LLMCache({ ...options, store: sharedMemory }),
  persistent: true,
});

const directory = mkdtempSync(join(tmpdir(), 'kagura-cache-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeCacheConformance('sqlite', {
  createCache: (options) =>
    new LLMCache({ ...options, store: `sqlite:${join(directory, 'cache.db')}` }),
  persistent: true,
});

describe.skipIf(shouldSkipRedisTests())('redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });
  describeCacheConformance('redis', {
    createCache: (options) => new LLMCache({ ...options, store: redis.url as `redis://${string}` }),
    persistent: true,
  });
});
