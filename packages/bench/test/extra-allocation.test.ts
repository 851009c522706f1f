import { describe, expect, it } from 'vitest';
import {
  extraAllocationTargets,
  renderExtraAllocation,
} from '../src/report/extra-allocation-section.js';
import type { ExtraAllocationResult } from '../src/rows/extra-allocation.js';
import {
  type AllocationRepetition,
  allocationFigure,
  bytesPerHitOf,
  collectionsWithin,
  isValidRepetition,
} from '../src/rows/extra-allocation-repetitions.js';

const clean = (bytes: number, hits = 1000): AllocationRepetition => ({
  hits,
  heapBefore: 1_000_000,
  heapAfter: 1_000_000 + bytes * hits,
  collections: 0,
});

function resultWith(kaguraBytes: number, upstreamRequests = 0): ExtraAllocationResult {
  return {
    requestBytes: 104,
    hitsPerRepetition: 1000,
    repetitions: 1,
    semiSpaceMiB: 256,
    youngGenerationBytes: 512 * 1024 ** 2,
    upstreamRequests,
    cells: [
      {
        system: 'kagura',
        bytesPerHit: kaguraBytes,
        samples: [kaguraBytes],
        invalid: 0,
        hits: [1000],
      },
      { system: 'floor', bytesPerHit: 900, samples: [900], invalid: 0, hits: [1000] },
    ],
  };
}

describe('isValidRepetition', () => {
  it('should accept a repetition with no GC and a growing heap', () => {
    expect(isValidRepetition(clean(100))).toBe(true);
  });

  it('should reject a repetition during which a GC ran or the heap shrank', () => {
    expect(isValidRepetition({ ...clean(100), collections: 1 })).toBe(false);
    expect(isValidRepetition({ ...clean(100), heapAfter: 10 })).toBe(false);
  });
});

describe('bytesPerHitOf', () => {
  it('should divide the heap growth by the hits', () => {
    expect(bytesPerHitOf(clean(7_500, 2_000))).toBe(7_500);
  });
});

describe('allocationFigure', () => {
  it('should take the median of the valid repetitions and count the others', () => {
    const figure = allocationFigure([
      clean(300),
      { ...clean(10), collections: 2 },
      clean(100),
      clean(200),
    ]);
    expect(figure).toEqual({ bytesPerHit: 200, samples: [300, 100, 200], invalid: 1 });
  });

  it('should be NaN when no repetition was valid', () => {
    expect(allocationFigure([{ ...clean(10), collections: 1 }]).bytesPerHit).toBeNaN();
  });
});

describe('collectionsWithin', () => {
  it('should count the GC entries that started inside the window', () => {
    const entries = [{ startTime: 1 }, { startTime: 5 }, { startTime: 10 }, { startTime: 11 }];
    expect(collectionsWithin(entries, 5, 10)).toBe(2);
  });
});

describe('extraAllocationTargets', () => {
  it('should meet the target at a third of 15.5 KiB and miss it above', () => {
    expect(extraAllocationTargets(resultWith(5_000))[0]?.met).toBe(true);
    expect(extraAllocationTargets(resultWith(7_000))[0]?.met).toBe(false);
  });

  it('should not judge a run whose hits went upstream or that measured nothing', () => {
    expect(extraAllocationTargets(resultWith(5_000, 3))[0]?.met).toBeNull();
    expect(extraAllocationTargets(resultWith(Number.NaN))[0]?.met).toBeNull();
  });
});

describe('renderExtraAllocation', () => {
  it('should render a heading and one table row per contestant', () => {
    const lines = renderExtraAllocation(resultWith(7_000));
    expect(lines[0]).toBe('## 11.7 Allocation per hit');
    const table = lines.at(-1) ?? '';
    expect(table).toContain('| Kagura TS | 6.8 KiB | 7.78× | 1 of 1 | 0 |');
    expect(table.split('\n')).toHaveLength(4);
  });
});
