import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryManager } from './memory-manager.js';

describe('MemoryManager working memory', () => {
  it('should set, get, check and delete values in this process', () => {
    const memory = new MemoryManager();
    memory.set('draft', { title: 'Caching' });
    expect(memory.get('draft')).toEqual({ title: 'Caching' });
    expect(memory.has('draft')).toBe(true);
    expect(memory.delete('draft')).toBe(true);
    expect(memory.get('draft')).toBeUndefined();
  });
});

describe('MemoryManager conversation', () => {
  it('should keep the last maxMessages turns with their timestamps', () => {
    let now = 1000;
    const memory = new MemoryManager({ maxMessages: 2, now: () => now++ });
    memory.addMessage({ role: 'user', content: 'one' });
    memory.addMessage({ role: 'assistant', content: 'two', agent: 'echo' });
    memory.addMessage({ role: 'user', content: 'three' });
    expect(memory.entries).toEqual([
      { role: 'assistant', content: 'two', agent: 'echo', timestamp: 1001 },
      { role: 'user', content: 'three', timestamp: 1002 },
    ]);
  });

  it('should leave failed turns out of the messages given to agents', () => {
    const memory = new MemoryManager();
    memory.addMessage({ role: 'user', content: 'Translate hi' });
    memory.addMessage({
      role: 'assistant',
      content: 'boom',
      error: { name: 'APICallError', message: 'boom' },
    });
    memory.addMessage({ role: 'user', content: 'Try again' });
    expect(memory.getMessages()).toEqual([
      { role: 'user', content: 'Translate hi' },
      { role: 'user', content: 'Try again' },
    ]);
    expect(memory.getMessages({ last: 1 })).toEqual([{ role: 'user', content: 'Try again' }]);
    expect(memory.getMessages({ last: 0 })).toEqual([]);
    expect(memory.entries).toHaveLength(3);
  });

  it('should refuse a maxMessages that is not a positive integer', () => {
    expect(() => new MemoryManager({ maxMessages: 0 })).toThrow(/0 is not a positive integer/);
  });
});

describe('MemoryManager persistent memory', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'kagura-memory-'));
  });

  afterEach(async () => {
    vi.useRealTimers();
    await rm(directory, { recursive: true, force: true });
  });

  it('should carry values across manager instances through the on-disk store', async () => {
    const store = `sqlite:${join(directory, 'memory.db')}` as const;
    const first = new MemoryManager({ store, namespace: 'user-42' });
    await first.remember('preferences', { language: 'French' });
    await first.close();

    const second = new MemoryManager({ store, namespace: 'user-42' });
    expect(await second.recall('preferences')).toEqual({ language: 'French' });
    const stranger = new MemoryManager({ store, namespace: 'user-7' });
    expect(await stranger.recall('preferences')).toBeUndefined();
    expect(await second.forget('preferences')).toBe(true);
    expect(await second.recall('preferences')).toBeUndefined();
    await Promise.all([second.close(), stranger.close()]);
  });

  it('should forget a value once its ttl has passed', async () => {
    vi.useFakeTimers({ now: 0 });
    const memory = new MemoryManager({ ttl: 1000 });
    await memory.remember('otp', '1234');
    await memory.remember('name', 'Ada', { ttl: 5000 });
    vi.setSystemTime(2000);
    expect(await memory.recall('otp')).toBeUndefined();
    expect(await memory.recall('name')).toBe('Ada');
  });

  it('should clear all three memories', async () => {
    const memory = new MemoryManager();
    memory.set('a', 1).addMessage({ role: 'user', content: 'hi' });
    await memory.remember('b', 2);
    await memory.clear();
    expect([memory.get('a'), memory.entries, await memory.recall('b')]).toEqual([
      undefined,
      [],
      undefined,
    ]);
  });
});
