import { fork } from 'node:child_process';
import { once } from 'node:events';
import type { BenchContext } from '../bench-context.js';
import type { SystemName } from '../systems/bench-system.js';
import type { AllocationChildReport, AllocationChildSetup } from './extra-allocation-child.js';
import {
  type AllocationFigure,
  allocationFigure,
  isValidRepetition,
} from './extra-allocation-repetitions.js';
import { withSystems } from './with-systems.js';

/** The young generation the child runs with, in MiB per semi-space: room for every hit's garbage. */
export const allocationSemiSpaceMiB = 256;

/** One contestant's allocation per memory hit. */
export interface AllocationCell extends AllocationFigure {
  /** The system, or `floor` (a lean key + `Map.get` + `JSON.parse`, see `createHitFloor`). */
  system: SystemName | 'floor';
  /** Hits per valid repetition (fewer than asked when a retry halved them). */
  hits: number[];
}

/** The allocation-per-hit row. */
export interface ExtraAllocationResult {
  /** The request's JSON length (system prompt and prompt), in bytes. */
  requestBytes: number;
  /** Hits per repetition, as asked. */
  hitsPerRepetition: number;
  /** Repetitions per contestant, as asked. */
  repetitions: number;
  /** The child's semi-space size (`--min-semi-space-size`, `--max-semi-space-size`), in MiB. */
  semiSpaceMiB: number;
  /** The child's young generation (new space) capacity, in bytes. */
  youngGenerationBytes: number;
  /** The caching systems, then the floor. */
  cells: AllocationCell[];
  /** Requests that reached the simulator beyond the warm-up misses: 0 when every hit was one. */
  upstreamRequests: number;
}

/**
 * The allocation row: in a child process with a young generation of 256 MiB per semi-space (so
 * that no scavenge runs among the hits), each caching system with its memory store, and the
 * memory floor, runs N hits of a ~100-byte request back to back after a full GC; the heap's
 * growth over N is what one hit allocates. The median of the repetitions; a repetition during
 * which V8 reported a GC is discarded and retried with half the hits.
 */
export async function measureExtraAllocation(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraAllocationResult> {
  context.log('extra row: allocation per hit');
  const settings = quick
    ? { prompts: 5, warmup: 200, hits: 2_000, repetitions: 3, retries: 2 }
    : { prompts: 5, warmup: 5_000, hits: 5_000, repetitions: 5, retries: 3 };
  const simulator = { latency: 'none' as const, recordRequests: true };
  return withSystems(context, { simulator, systems: [], store: 'none' }, async (_none, thread) => {
    const setup: AllocationChildSetup = {
      openaiBaseURL: thread.openaiBaseURL,
      anthropicBaseURL: thread.anthropicBaseURL,
      directory: context.directory,
      ...settings,
    };
    const before = await thread.requestCount();
    const report = await runChild(setup);
    const upstreamRequests = (await thread.requestCount()) - before - report.misses;
    return {
      requestBytes: report.requestBytes,
      hitsPerRepetition: settings.hits,
      repetitions: settings.repetitions,
      semiSpaceMiB: allocationSemiSpaceMiB,
      youngGenerationBytes: report.youngGenerationBytes,
      cells: report.contestants.map((contestant) => ({
        system: contestant.name,
        ...allocationFigure(contestant.repetitions),
        hits: contestant.repetitions.filter(isValidRepetition).map((repetition) => repetition.hits),
      })),
      upstreamRequests,
    };
  });
}

// The child: this process's flags (--import tsx, --conditions) plus a large young generation
// and --expose-gc; its report comes back over IPC.
async function runChild(setup: AllocationChildSetup): Promise<AllocationChildReport> {
  const child = fork(new URL('./extra-allocation-child.ts', import.meta.url), {
    execArgv: [
      ...process.execArgv,
      '--expose-gc',
      `--min-semi-space-size=${allocationSemiSpaceMiB}`,
      `--max-semi-space-size=${allocationSemiSpaceMiB}`,
    ],
    env: { ...process.env, BENCH_ALLOCATION_CHILD: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = once(child, 'exit');
  const failed = exit.then(([code, signal]) => {
    throw new Error(`The allocation child exited before reporting (${signal ?? `code ${code}`}).`);
  });
  failed.catch(() => {});
  const [report] = (await Promise.race([once(child, 'message'), failed])) as [
    AllocationChildReport,
  ];
  await exit;
  return report;
}
