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

  it('should hand a reader only what readSelected makes of the items, skipping undefined', async () => {
    const buffer = new ReplayBuffer<number>();
    const evens = collect(buffer.readSelected((item) => (item % 2 === 0 ? `${item}` : undefined)));
    for (const item of [1, 2, 3, 4]) buffer.push(item);
    buffer.close();
    expect(await evens).toEqual(['2', '4']);
  });

  it('should let a caught-up reader take the next item from the supply itself, in order', async () => {
    const buffer = new ReplayBuffer<number>();
    const source = [1, 2, 3][Symbol.iterator]();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const item of buffer.read()) {
        seen.push(item);
        // Taken by this reader before the writer took anything in.
        if (item === 2) expect(buffer.length).toBe(2);
      }
    })();
    buffer.offer(() => {
      const next = source.next();
      if (next.done === true) return false;
      buffer.push(next.value);
      return true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([1, 2, 3]);
    buffer.supply = undefined;
    buffer.close();
    await reading;
    expect(await collect(buffer.read())).toEqual([1, 2, 3]);
  });
});
