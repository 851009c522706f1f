import { hash } from 'node:crypto';
import type { BenchContext } from '../bench-context.js';
import { nowMs, timeUs } from '../clock.js';
import { collectGarbage } from '../heap.js';
import { runInterleaved } from '../interleave.js';
import { median, medianInterval, summarize } from '../stats.js';
import type { BenchPrompt, BenchReply, SystemName } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { hitPrompts } from './cache-hit-latency.js';
import { pause } from './count-upstream.js';
import { createHitFloor, type HitContestant, leanKeyOf } from './hit-floor.js';
import { withSystems } from './with-systems.js';

/** One system's memory-store hits at one cache size. */
export interface ScaleCell {
  system: SystemName;
  /** Entries in the store. */
  entries: number;
  /** Hit latency p50, in microseconds. */
  hitP50Us: number;
  /** Hit latency p99, in microseconds. */
  hitP99Us: number;
  /** V8 heap per entry, in bytes (heap growth after GC over the entries added). */
  bytesPerEntry: number;
  /**
   * Resident set size per entry, in bytes (`process.memoryUsage().rss` growth after GC over the
   * entries added; pages V8 or the allocator keep count, so it can exceed the heap's growth).
   * Absent in results from before it was measured.
   */
  rssBytesPerEntry?: number;
  /** Memory outside the V8 heap per entry, in bytes (`.external` growth, buffers included). */
  externalBytesPerEntry?: number;
  /** `ArrayBuffer` and `Buffer` memory per entry, in bytes (`.arrayBuffers` growth). */
  arrayBuffersBytesPerEntry?: number;
  /** Set when this size was not run, and why. */
  skipped?: string;
}

/** Hit throughput with concurrent callers. */
export interface ThroughputCell {
  system: SystemName;
  store: 'memory' | 'redis';
  callers: number;
  /** Hits completed per second: the median of the repetitions. */
  callsPerSecond: number;
  /** The 95% interval of that median (order statistics), absent from older runs. */
  callsPerSecondLow?: number;
  /** See {@link ThroughputCell.callsPerSecondLow}. */
  callsPerSecondHigh?: number;
  /** Each repetition's hits per second, in the order run. */
  repetitions?: number[];
}

/**
 * The floor of a memory store at one size, measured like the systems: a `Map` of lean keys
 * (SHA-256 hex of the request JSON) to each entry's JSON, one string per entry; a hit is the key
 * + `Map.get` + `JSON.parse`.
 */
export type ScaleFloorCell = Omit<ScaleCell, 'system'>;

/** The floor's hit throughput: its hit (row 1's floor of the store) called by the same callers. */
export type ThroughputFloorCell = Omit<ThroughputCell, 'system'>;

/** Measured runs per system and number of callers, the systems taking turns. */
const throughputRepetitions = 5;

/** Row 7: scale. */
export interface ScaleResult {
  sizes: number[];
  cells: ScaleCell[];
  throughput: ThroughputCell[];
  /** Whether the heap was measured after a forced GC (`--expose-gc`). */
  gcExposed: boolean;
  /** The floor at each size and its throughput (absent from runs before it was measured). */
  floor?: { cells: ScaleFloorCell[]; throughput: ThroughputFloorCell[] };
}

/**
 * Row 7: for each cache size and each caching system, a fresh memory store holding `probes`
 * real entries (called through the system) plus copies of one up to the size; the heap growth
 * per entry, then hit latency on the probes. Then hit throughput with 1, 10 and 100 callers.
 */
export async function measureScale(context: BenchContext): Promise<ScaleResult> {
  const { sizes, probes, hitSamples, maxHeapBytes } = context.config.scale;
  const cells: ScaleCell[] = [];
  const prompts = hitPrompts(probes, 'scale');
  const lastBytes = new Map<SystemName | 'floor', number>();
  const floorCells: ScaleFloorCell[] = [];
  let template: BenchReply | undefined;
  for (const entries of sizes) {
    for (const name of cachingSystems) {
      const estimate = (lastBytes.get(name) ?? 0) * entries;
      if (estimate > maxHeapBytes) {
        const gib = (estimate / 1024 ** 3).toFixed(1);
        cells.push({
          system: name,
          entries,
          hitP50Us: Number.NaN,
          hitP99Us: Number.NaN,
          bytesPerEntry: Number.NaN,
          skipped: `estimated ${gib} GiB of heap`,
        });
        continue;
      }
      context.log(`row 7: ${name}, ${entries} entries`);
      const before = memoryAfterGc();
      const options = {
        simulator: { latency: 'none' as const },
        systems: [name],
        store: 'memory' as const,
        setup: { maxEntries: entries + probes },
      };
      const cell = await withSystems(context, options, async ([system]) => {
        for (const prompt of prompts) {
          const reply = await system!.call(prompt);
          template ??= reply;
        }
        await pause(20);
        await system!.fill!(prompts[0]!, Math.max(0, entries - probes));
        const growth = perEntry(before, memoryAfterGc(), entries);
        const samples = await runInterleaved({
          contestants: [system!],
          warmup: Math.min(100, hitSamples),
          iterations: hitSamples,
          measure: (running, round) => timeUs(() => running.call(prompts[round % prompts.length]!)),
        });
        const summary = summarize(samples.get(system!)!);
        return {
          system: name,
          entries,
          hitP50Us: summary.p50,
          hitP99Us: summary.p99,
          ...growth,
        };
      });
      lastBytes.set(name, cell.bytesPerEntry);
      cells.push(cell);
      collectGarbage();
    }
    const estimate = (lastBytes.get('floor') ?? 0) * entries;
    if (template !== undefined && estimate <= maxHeapBytes) {
      context.log(`row 7: floor, ${entries} entries`);
      const floor = await measureFloorAtSize(entries, prompts, template, hitSamples);
      lastBytes.set('floor', floor.bytesPerEntry);
      floorCells.push(floor);
      collectGarbage();
    }
  }
  const { cells: throughput, floor: floorThroughput } = await measureThroughput(context);
  return {
    sizes,
    cells,
    throughput,
    gcExposed: collectGarbage(),
    floor: { cells: floorCells, throughput: floorThroughput },
  };
}

/**
 * The floor at `entries` entries: the probes' entries and one string copy of `template`'s JSON
 * per filler key in a `Map`, the heap growth per entry, then hits on the probes.
 */
async function measureFloorAtSize(
  entries: number,
  prompts: readonly BenchPrompt[],
  template: BenchReply,
  hitSamples: number,
): Promise<ScaleFloorCell> {
  const before = memoryAfterGc();
  const map = new Map<string, string>();
  const json = JSON.stringify(template);
  for (const prompt of prompts) map.set(leanKeyOf(prompt), json);
  for (let index = 0; map.size < entries; index += 1) {
    // A string of its own per entry, as a store holds one per entry.
    map.set(hash('sha256', `filler ${index}`), Buffer.from(json).toString());
  }
  const growth = perEntry(before, memoryAfterGc(), entries);
  const floor = { call: async (input: BenchPrompt) => JSON.parse(map.get(leanKeyOf(input))!) };
  const samples = await runInterleaved({
    contestants: [floor],
    warmup: Math.min(100, hitSamples),
    iterations: hitSamples,
    measure: (running, round) => timeUs(() => running.call(prompts[round % prompts.length]!)),
  });
  const summary = summarize(samples.get(floor)!);
  map.clear();
  return { entries, hitP50Us: summary.p50, hitP99Us: summary.p99, ...growth };
}

/** `process.memoryUsage()` after collecting garbage when possible (`--expose-gc`). */
function memoryAfterGc(): NodeJS.MemoryUsage {
  collectGarbage();
  return process.memoryUsage();
}

/** The growth from `before` to `after` over `entries`: heap, RSS, external and array buffers. */
export function perEntry(
  before: NodeJS.MemoryUsage,
  after: NodeJS.MemoryUsage,
  entries: number,
): Pick<
  ScaleCell,
  'bytesPerEntry' | 'rssBytesPerEntry' | 'externalBytesPerEntry' | 'arrayBuffersBytesPerEntry'
> {
  return {
    bytesPerEntry: (after.heapUsed - before.heapUsed) / entries,
    rssBytesPerEntry: (after.rss - before.rss) / entries,
    externalBytesPerEntry: (after.external - before.external) / entries,
    arrayBuffersBytesPerEntry: (after.arrayBuffers - before.arrayBuffers) / entries,
  };
}

async function hitsPerSecond(
  system: HitContestant,
  callers: number,
  calls: number,
  probes: number,
): Promise<number> {
  const prompts = hitPrompts(probes, 'throughput');
  let next = 0;
  const worker = async () => {
    while (next < calls) {
      const index = next++;
      await system.call(prompts[index % prompts.length]!);
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: callers }, worker));
  return (calls * 1000) / (nowMs() - started);
}

async function measureThroughput(
  context: BenchContext,
): Promise<{ cells: ThroughputCell[]; floor: ThroughputFloorCell[] }> {
  const { callers, throughputCalls, probes } = context.config.scale;
  const cells: ThroughputCell[] = [];
  const floorCells: ThroughputFloorCell[] = [];
  for (const store of ['memory', 'redis'] as const) {
    if (store === 'redis' && context.redisUrl === undefined) continue;
    context.log(`row 7: hit throughput, ${store} store`);
    await context.flushRedis();
    const options = { simulator: { latency: 'none' as const }, systems: cachingSystems, store };
    const measured = await withSystems(context, options, async (systems) => {
      const prompts = hitPrompts(probes, 'throughput');
      const replies = new Map<BenchPrompt, BenchReply>();
      for (const system of systems) {
        for (const prompt of prompts) replies.set(prompt, await system.call(prompt));
      }
      const floor = await createHitFloor(store, replies, context.redisUrl);
      const contestants = [...systems, floor];
      await pause(100);
      const results: (ThroughputFloorCell & { system: SystemName | 'floor' })[] = [];
      try {
        for (const count of callers) {
          const runs = new Map(contestants.map((system) => [system, [] as number[]]));
          // A short warm-up at this concurrency, then the measured runs, the systems taking
          // turns in a rotating order, so that "ahead" can be judged outside the noise.
          for (const system of contestants)
            await hitsPerSecond(system, count, Math.ceil(throughputCalls[store] / 10), probes);
          for (let repetition = 0; repetition < throughputRepetitions; repetition += 1) {
            for (let offset = 0; offset < contestants.length; offset += 1) {
              const system = contestants[(repetition + offset) % contestants.length]!;
              runs
                .get(system)!
                .push(await hitsPerSecond(system, count, throughputCalls[store], probes));
            }
          }
          for (const system of contestants) {
            const repetitions = runs.get(system)!;
            const sorted = [...repetitions].sort((a, b) => a - b);
            const { p50Low, p50High } = medianInterval(sorted);
            results.push({
              system: system.name,
              store,
              callers: count,
              callsPerSecond: median(sorted),
              callsPerSecondLow: p50Low,
              callsPerSecondHigh: p50High,
              repetitions,
            });
          }
        }
      } finally {
        await floor.close();
      }
      return results;
    });
    for (const { system, ...cell } of measured) {
      if (system === 'floor') floorCells.push(cell);
      else cells.push({ system, ...cell });
    }
  }
  return { cells, floor: floorCells };
}
