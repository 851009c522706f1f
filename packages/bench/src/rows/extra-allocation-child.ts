import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import type { BenchPrompt, BenchReply, SystemName } from '../systems/bench-system.js';
import { cachingSystems, closeSystems, createSystems } from '../systems/system-catalog.js';
import { hitPrompts } from './cache-hit-latency.js';
import { pause } from './count-upstream.js';
import type { AllocationRepetition } from './extra-allocation-repetitions.js';
import { collectionsWithin } from './extra-allocation-repetitions.js';
import { createHitFloor } from './hit-floor.js';

/** How the parent sets up the allocation child (in `BENCH_ALLOCATION_CHILD`). */
export interface AllocationChildSetup {
  /** The simulator's OpenAI base URL (the parent runs the simulator). */
  openaiBaseURL: string;
  /** The simulator's Anthropic base URL. */
  anthropicBaseURL: string;
  /** A scratch directory (unused by memory stores, required by the setup). */
  directory: string;
  /** Prompts warmed, then hit in turn. */
  prompts: number;
  /** Unrecorded hits per contestant first (JIT, inline caches). */
  warmup: number;
  /** Hits per repetition, back to back. */
  hits: number;
  /** Repetitions per contestant. */
  repetitions: number;
  /** Extra tries, each with half the hits, when a GC ran during a repetition. */
  retries: number;
}

/** What the child sends back: every repetition of every contestant. */
export interface AllocationChildReport {
  /** The request's JSON length (system prompt and prompt), in bytes, averaged over the prompts. */
  requestBytes: number;
  /** The young generation's capacity as the child runs (new space), in bytes. */
  youngGenerationBytes: number;
  /** Calls that were misses (the warm-up: one per prompt per system). */
  misses: number;
  contestants: { name: SystemName | 'floor'; repetitions: AllocationRepetition[] }[];
}

interface Contestant {
  readonly name: SystemName | 'floor';
  call(input: BenchPrompt): Promise<unknown>;
}

const setup = JSON.parse(process.env.BENCH_ALLOCATION_CHILD ?? '{}') as AllocationChildSetup;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('The allocation child needs node --expose-gc.');

// GC entries arrive after the fact, on a later task: kept here and matched to each
// repetition's window once the hits are done.
const collections: { startTime: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ startTime: entry.startTime });
});
observer.observe({ entryTypes: ['gc'] });

async function repetition(
  contestant: Contestant,
  prompts: readonly BenchPrompt[],
  hits: number,
): Promise<AllocationRepetition> {
  gc!();
  gc!();
  collections.length = 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const startMs = performance.now();
  for (let index = 0; index < hits; index += 1) {
    await contestant.call(prompts[index % prompts.length]!);
  }
  const endMs = performance.now();
  const heapAfter = process.memoryUsage().heapUsed;
  // Lets the observer deliver the entries of collections that ran during the hits.
  await pause(5);
  return {
    hits,
    heapBefore,
    heapAfter,
    collections: collectionsWithin(collections, startMs, endMs),
  };
}

async function measure(): Promise<AllocationChildReport> {
  const systems = await createSystems(cachingSystems, {
    openaiBaseURL: setup.openaiBaseURL,
    anthropicBaseURL: setup.anthropicBaseURL,
    store: 'memory',
    directory: setup.directory,
  });
  const prompts = hitPrompts(setup.prompts, 'allocation');
  try {
    const replies = new Map<BenchPrompt, BenchReply>();
    for (const system of systems) {
      for (const prompt of prompts) {
        const reply = await system.call(prompt);
        if (!replies.has(prompt)) replies.set(prompt, reply);
      }
    }
    // The AI SDK recipe's write is not awaited.
    await pause(100);
    const floor = await createHitFloor('memory', replies, undefined);
    const contestants: Contestant[] = [...systems, floor];
    for (const contestant of contestants) {
      for (let index = 0; index < setup.warmup; index += 1) {
        await contestant.call(prompts[index % prompts.length]!);
      }
    }
    const measured = contestants.map((contestant) => ({
      name: contestant.name,
      repetitions: [] as AllocationRepetition[],
    }));
    // Hits per repetition, per contestant: halved for the rest of the run once a GC ran.
    const hits = contestants.map(() => setup.hits);
    // Repetitions in turns, so that whatever drifts (the heap's layout) falls on all alike.
    for (let round = 0; round < setup.repetitions; round += 1) {
      for (const [position, contestant] of contestants.entries()) {
        let result = await repetition(contestant, prompts, hits[position]!);
        for (let retry = 0; retry < setup.retries && result.collections > 0; retry += 1) {
          measured[position]!.repetitions.push(result);
          hits[position] = Math.max(1, Math.floor(hits[position]! / 2));
          result = await repetition(contestant, prompts, hits[position]!);
        }
        measured[position]!.repetitions.push(result);
      }
    }
    const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    return {
      requestBytes: Math.round(
        prompts.reduce((sum, prompt) => sum + JSON.stringify(prompt).length, 0) / prompts.length,
      ),
      youngGenerationBytes: newSpace?.space_size ?? Number.NaN,
      misses: systems.length * prompts.length,
      contestants: measured,
    };
  } finally {
    await closeSystems(systems);
  }
}

const report = await measure();
observer.disconnect();
process.send?.(report, () => process.disconnect());
