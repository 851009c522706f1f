import { median } from '../stats.js';

/** One measured run of back-to-back hits in the allocation row's child process. */
export interface AllocationRepetition {
  /** Hits run back to back. */
  hits: number;
  /** `process.memoryUsage().heapUsed` right before the first hit (after a full GC), in bytes. */
  heapBefore: number;
  /** The same right after the last hit, in bytes. */
  heapAfter: number;
  /** Garbage collections V8 reported while the hits ran. */
  collections: number;
}

/** What a contestant's repetitions come to. */
export interface AllocationFigure {
  /** Bytes allocated per hit: the median over the valid repetitions (`NaN` when none was). */
  bytesPerHit: number;
  /** Bytes per hit of each valid repetition, in the order they ran. */
  samples: number[];
  /** Repetitions discarded because a GC ran during them (its heap growth is not allocation). */
  invalid: number;
}

/**
 * Whether a repetition measured allocation: no GC ran during its hits (a scavenge frees what
 * was allocated, so the heap's growth undercounts) and the heap did not shrink.
 */
export function isValidRepetition(repetition: AllocationRepetition): boolean {
  return (
    repetition.collections === 0 &&
    repetition.heapAfter >= repetition.heapBefore &&
    repetition.hits > 0
  );
}

/** Bytes allocated per hit in one repetition: the heap's growth over the hits. */
export function bytesPerHitOf(repetition: AllocationRepetition): number {
  return (repetition.heapAfter - repetition.heapBefore) / repetition.hits;
}

/** The median bytes per hit over the valid repetitions, and how many were discarded. */
export function allocationFigure(repetitions: readonly AllocationRepetition[]): AllocationFigure {
  const valid = repetitions.filter(isValidRepetition);
  const samples = valid.map(bytesPerHitOf);
  return {
    bytesPerHit: samples.length === 0 ? Number.NaN : median(samples),
    samples,
    invalid: repetitions.length - valid.length,
  };
}

/**
 * Counts the GC entries (`PerformanceObserver` entry type `gc`) that started inside the window
 * from `startMs` to `endMs` (both `performance.now()` times).
 */
export function collectionsWithin(
  entries: readonly { startTime: number }[],
  startMs: number,
  endMs: number,
): number {
  return entries.filter((entry) => entry.startTime >= startMs && entry.startTime <= endMs).length;
}
