import { describe, expect, it } from 'vitest';
import { runInterleaved } from '../src/interleave.js';

// The turn order of a run: which contestant measured, call after call.
async function orderOf(seed: number): Promise<string[]> {
  const order: string[] = [];
  await runInterleaved({
    contestants: ['a', 'b', 'c'],
    warmup: 0,
    iterations: 20,
    seed,
    measure: async (contestant) => {
      order.push(contestant);
      return 1;
    },
  });
  return order;
}

describe('runInterleaved', () => {
  it('should keep as many samples per contestant as asked', async () => {
    const samples = await runInterleaved({
      contestants: ['a', 'b'],
      warmup: 2,
      iterations: 7,
      block: 3,
      discard: 1,
      measure: async (_contestant, call) => call,
    });
    expect(samples.get('a')).toHaveLength(7);
    expect(samples.get('b')).toHaveLength(7);
  });

  it('should draw the turn order at random, reproducibly from the seed', async () => {
    const first = await orderOf(3);
    expect(await orderOf(3)).toEqual(first);
    expect(await orderOf(4)).not.toEqual(first);
    // Not a fixed rotation: some contestant goes first in two rounds in a row.
    const leaders = Array.from({ length: 20 }, (_, round) => first[round * 3]);
    const rotation = Array.from({ length: 20 }, (_, round) => ['a', 'b', 'c'][round % 3]);
    expect(leaders).not.toEqual(rotation);
  });

  it("should collect the young generation's garbage before every turn when gc is exposed", async () => {
    const target = globalThis as { gc?: (options?: { type: string }) => void };
    const original = target.gc;
    let collections = 0;
    target.gc = (options) => {
      expect(options).toEqual({ type: 'minor' });
      collections += 1;
    };
    try {
      await runInterleaved({
        contestants: ['a', 'b'],
        warmup: 0,
        iterations: 4,
        block: 2,
        measure: async () => 1,
      });
    } finally {
      target.gc = original;
    }
    expect(collections).toBe(4);
  });
});
