import { type Summary, summarize } from '../stats.js';
import type { BenchSystem, SystemName } from '../systems/bench-system.js';

/** One system's latency distribution in a row, in microseconds. */
export interface LatencyCell {
  /** The system. */
  system: SystemName;
  /** The samples' summary, in microseconds. */
  summary: Summary;
  /**
   * Requests that reached the server while the system replayed its warmed prompts once more
   * after the measurement: 0 when every "hit" really was one.
   */
  upstreamRequests?: number;
  /** The p50 divided by the row's floor p50 measured in the same run (row 1). */
  floorRatioP50?: number;
  /** Anything a reader must know about this cell. */
  note?: string;
}

/** Turns interleaved samples into cells, in the systems' order. */
export function toLatencyCells(samples: Map<Pick<BenchSystem, 'name'>, number[]>): LatencyCell[] {
  return [...samples].map(([system, values]) => ({
    system: system.name,
    summary: summarize(values),
  }));
}

/**
 * Splits a floor's samples (the contestant named `floor`) from the systems' and turns both into
 * summaries, each system's cell with its p50 over the floor's.
 */
export function toLatencyCellsWithFloor(
  samples: Map<{ readonly name: SystemName | 'floor' }, number[]>,
): { cells: LatencyCell[]; floor: Summary } {
  let floor = summarize([]);
  const systems = new Map<{ readonly name: SystemName }, number[]>();
  for (const [contestant, values] of samples) {
    if (contestant.name === 'floor') floor = summarize(values);
    else systems.set(contestant as { readonly name: SystemName }, values);
  }
  const cells = toLatencyCells(systems);
  for (const cell of cells) cell.floorRatioP50 = cell.summary.p50 / floor.p50;
  return { cells, floor };
}
