import type { BenchContext } from '../bench-context.js';
import { nowMs, timeUs } from '../clock.js';
import { collectGarbage } from '../heap.js';
import { runInterleaved } from '../interleave.js';
import { median, medianInterval, summarize } from '../stats.js';
import type { BenchSystem, SystemName } from '../systems/bench-system.js';
import { cachingSystems } from '../systems/system-catalog.js';
import { hitPrompts } from './cache-hit-latency.js';
import { pause } from './count-upstream.js';
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

/** Measured runs per system and number of callers, the systems taking turns. */
const throughputRepetitions = 5;

/** Row 7: scale. */
export interface ScaleResult {
  sizes: number[];
  cells: ScaleCell[];
  throughput: ThroughputCell[];
  /** Whether the heap was measured after a forced GC (`--expose-gc`). */
  gcExposed: boolean;
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
  const lastBytes = new Map<SystemName, number>();
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
        for (const prompt of prompts) await system!.call(prompt);
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
  }
  const throughput = await measureThroughput(context);
  return { sizes, cells, throughput, gcExposed: collectGarbage() };
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
  system: BenchSystem,
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

async function measureThroughput(context: BenchContext): Promise<ThroughputCell[]> {
  const { callers, throughputCalls, probes } = context.config.scale;
  const cells: ThroughputCell[] = [];
  for (const store of ['memory', 'redis'] as const) {
    if (store === 'redis' && context.redisUrl === undefined) continue;
    context.log(`row 7: hit throughput, ${store} store`);
    await context.flushRedis();
    const options = { simulator: { latency: 'none' as const }, systems: cachingSystems, store };
    const measured = await withSystems(context, options, async (systems) => {
      const prompts = hitPrompts(probes, 'throughput');
      for (const system of systems) for (const prompt of prompts) await system.call(prompt);
      await pause(100);
      const results: ThroughputCell[] = [];
      for (const count of callers) {
        const runs = new Map(systems.map((system) => [system, [] as number[]]));
        // A short warm-up at this concurrency, then the measured runs, the systems taking turns
        // in a rotating order, so that "ahead" can be judged outside the noise.
        for (const system of systems)
          await hitsPerSecond(system, count, Math.ceil(throughputCalls[store] / 10), probes);
        for (let repetition = 0; repetition < throughputRepetitions; repetition += 1) {
          for (let offset = 0; offset < systems.length; offset += 1) {
            const system = systems[(repetition + offset) % systems.length]!;
            runs
              .get(system)!
              .push(await hitsPerSecond(system, count, throughputCalls[store], probes));
          }
        }
        for (const system of systems) {
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
      return results;
    });
    cells.push(...measured);
  }
  return cells;
}
