import type { MachineInfo } from './machine-info.js';
import type { CacheHitResult } from './rows/cache-hit-latency.js';
import type { CoalescingResult } from './rows/coalescing.js';
import type { ExtraRowsResult } from './rows/extra-rows.js';
import type { ImportTimeResult } from './rows/import-time.js';
import type { MissOverheadResult } from './rows/miss-overhead.js';
import type { ParallelResult } from './rows/parallel-speedup.js';
import type { PromptCachingResult } from './rows/prompt-caching.js';
import type { ScaleResult } from './rows/scale.js';
import type { StreamingResult } from './rows/streaming.js';
import type { WorkloadResult } from './rows/workload.js';
import type { SystemName } from './systems/bench-system.js';

/** Everything one run measured: what `results/latest.json` holds. */
export interface BenchResults {
  /** The results format; bump it when a field changes meaning. */
  schemaVersion: 1;
  /** When the run started (ISO 8601). */
  startedAt: string;
  /** How long it took, in seconds. */
  durationSeconds: number;
  /** Whether it was the quick mode (numbers prove the harness works, nothing more). */
  quick: boolean;
  /** The repository's commit. */
  revision: string | undefined;
  machine: MachineInfo;
  /** Installed version of every package of every system. */
  versions: Record<string, string | undefined>;
  /** The systems' names in tables. */
  labels: Record<SystemName, string>;
  rows: {
    cacheHit: CacheHitResult;
    missOverhead: MissOverheadResult;
    coalescing: CoalescingResult;
    parallel: ParallelResult;
    streaming: StreamingResult;
    workload: WorkloadResult;
    scale: ScaleResult;
    /** Row 8; absent from runs made before it existed. */
    importTime?: ImportTimeResult;
    /** Row 10; absent from runs made before it existed. */
    promptCaching?: PromptCachingResult;
    /** Rows 11.x (answer size, Redis miss, cross-process, signals, structured output, long tail). */
    extra?: ExtraRowsResult;
  };
  /** The targets of the issue, each met or missed. */
  targets: TargetResult[];
}

/** One target of the issue (or the RFC), and where the run stands. */
export interface TargetResult {
  /** A stable id. */
  id: string;
  /** What is measured. */
  label: string;
  /** The target, in words. */
  target: string;
  /** What the run measured, in words. */
  value: string;
  /** Met, missed, or `null` when the run could not measure it. */
  met: boolean | null;
}
