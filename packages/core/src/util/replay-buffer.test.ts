import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './replay-buffer.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('ReplayBuffer', () => {
  it('should give a late reader the prefix so far, then the live items', async () => {
    const buffer = new ReplayBuffer<number>();
    const early = collect(buffer.read());
    buffer.push(1);
    buffer.push(2);
    const late = collect(buffer.read());
    await Promise.resolve();
    buffer.push(3);
    buffer.close();
    expect(await early).toEqual([1, 2, 3]);
    expect(await late).toEqual([1, 2, 3]);
    expect(await collect(buffer.read())).toEqual([1, 2, 3]);
  });

  it('should throw the failure to every reader after the items', async () => {
    const buffer = new ReplayBuffer<string>();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const item of buffer.read()) seen.push(item);
    })();
    buffer.push('a');
    buffer.fail(new Error('dropped'));
    await expect(reading).rejects.toThrow('dropped');
    expect(seen).toEqual(['a']);
  });

  it('should call onEarlyReturn only when a reader leaves before the end', async () => {
    const buffer = new ReplayBuffer<number>();
    let abandoned = 0;
    buffer.push(1);
    for await (const _ of buffer.read(() => abandoned++)) break;
    expect(abandoned).toBe(1);
    buffer.close();
    for await (const _ of buffer.read(() => abandoned++)) break;
    expect(abandoned).toBe(1);
  });
});
