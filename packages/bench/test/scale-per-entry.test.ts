import { describe, expect, it } from 'vitest';
import { perEntry } from '../src/rows/scale.js';

const usage = (scale: number): NodeJS.MemoryUsage => ({
  rss: 4_000 * scale,
  heapTotal: 3_000 * scale,
  heapUsed: 2_000 * scale,
  external: 500 * scale,
  arrayBuffers: 100 * scale,
});

describe('perEntry', () => {
  it('should divide the growth of heap, RSS, external and array buffers by the entries', () => {
    expect(perEntry(usage(1), usage(3), 10)).toEqual({
      bytesPerEntry: 400,
      rssBytesPerEntry: 800,
      externalBytesPerEntry: 100,
      arrayBuffersBytesPerEntry: 20,
    });
  });
});
