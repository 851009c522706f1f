import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CacheEvent, createClient, InvalidArgumentError, LLMCache } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// A store that cannot be opened is a cache that is not there: reported once, never a failed
// client or call.
describe('an SQLite store that cannot be opened', () => {
  let simulator: Simulator;
  let directory: string;

  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
    directory = mkdtempSync(join(tmpdir(), 'kagura-sqlite-bad-'));
  });

  afterAll(async () => {
    await simulator.close();
    rmSync(directory, { recursive: true, force: true });
  });

  let lines: string[];
  beforeEach(() => {
    simulator.reset();
    lines = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const badFiles: Array<[string, () => string]> = [
    [
      'a corrupt database file',
      () => {
        const path = join(directory, 'corrupt.db');
        // A real SQLite header followed by garbage.
        writeFileSync(
          path,
          Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)]),
        );
        return path;
      },
    ],
    [
      'a text file',
      () => {
        const path = join(directory, 'notes.txt');
        writeFileSync(path, 'These are not the rows you are looking for.\n'.repeat(200));
        return path;
      },
    ],
    ['a path under an existing file', () => '/etc/hostname/x.db'],
  ];

  for (const [label, makePath] of badFiles) {
    it(`should create the client and answer every call uncached for ${label}`, async () => {
      const path = makePath();
      const cache = new LLMCache({ store: `sqlite:${path}` });
      const events: CacheEvent[] = [];
      cache.on('event', (event) => events.push(event));
      const client = createClient({
        providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'k' }) },
        model: 'openai:gpt-4o-mini',
        cache,
      });
      const first = await client.call('Bad store');
      await cache.flush();
      const second = await client.call('Bad store');
      expect([first.cache.status, second.cache.status]).toEqual(['miss', 'miss']);
      expect(simulator.requests).toHaveLength(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`kagura: cannot open the SQLite cache at sqlite:${path}`);
      expect(events.filter((event) => event.type === 'store-unreachable')).toEqual([
        expect.objectContaining({ store: `sqlite:${path}`, message: lines[0]!.trim() }),
      ]);
      expect(cache.stats()).toMatchObject({ hits: 0, misses: 2 });
      await cache.disconnect();
    });
  }

  it('should report it as a store-unreachable event, through createClient options', async () => {
    const path = join(directory, 'event.txt');
    writeFileSync(path, 'not a database');
    const client = createClient({
      providers: { openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'k' }) },
      model: 'openai:gpt-4o-mini',
      cache: { store: `sqlite:${path}` },
    });
    // Reported after creation, so that a listener added right away hears it.
    const events: CacheEvent[] = [];
    client.cache!.on('event', (event) => events.push(event));
    await expect(client.call('Event')).resolves.toMatchObject({ cache: { status: 'miss' } });
    expect(events.find((event) => event.type === 'store-unreachable')).toMatchObject({
      store: `sqlite:${path}`,
      message: expect.stringContaining('not a database'),
    });
    expect(lines).toHaveLength(1);
  });

  it('should still reject a store string that names no store', () => {
    expect(() => new LLMCache({ store: 'mongo://x' as never })).toThrow(InvalidArgumentError);
  });
});
