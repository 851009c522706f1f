import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isRedisAvailable } from '@kagura-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/bench-results.js';
import type { ExtraRowsResult } from '../src/rows/extra-rows.js';
import type { SystemName } from '../src/systems/bench-system.js';

const packageDirectory = join(import.meta.dirname, '..');
const outDirectory = mkdtempSync(join(tmpdir(), 'kagura-bench-test-'));
const openAISystems: SystemName[] = ['kagura', 'raw-openai', 'vercel-ai', 'langchain'];
const cachingSystems: SystemName[] = ['kagura', 'vercel-ai', 'langchain'];

function namesOf(cells: readonly { system: SystemName }[]): SystemName[] {
  return cells.map((cell) => cell.system);
}

function expectNumber(value: number): void {
  expect(Number.isFinite(value)).toBe(true);
}

// The quick mode proves the harness runs every row against every system; it asserts no speed.
describe('pnpm bench --quick', () => {
  let results: BenchResults;

  beforeAll(async () => {
    // As `pnpm bench --quick` runs it: its own node, with --expose-gc, Kagura from its build (the
    // test command builds first), the harness through tsx.
    await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', 'src/cli.ts', '--quick', '--out', outDirectory],
      { cwd: packageDirectory, timeout: 400_000, maxBuffer: 16 * 1024 * 1024 },
    );
    results = JSON.parse(readFileSync(join(outDirectory, 'latest.json'), 'utf8')) as BenchResults;
  }, 420_000);

  afterAll(() => rmSync(outDirectory, { recursive: true, force: true }));

  it('should write the JSON results, the Markdown report and the SVG chart', () => {
    expect(results.quick).toBe(true);
    expect(results.machine.cpus).toBeGreaterThan(0);
    expect(results.versions.openai).toMatch(/^\d+\.\d+\.\d+/);
    const markdown = readFileSync(join(outDirectory, 'benchmarks.md'), 'utf8');
    expect(markdown).toContain('bench:generated:start');
    expect(markdown).toContain('## 7. Scale');
    expect(existsSync(join(outDirectory, 'benchmarks.svg'))).toBe(true);
  });

  it('should measure cache hits for every caching system and store', () => {
    const stores = results.rows.cacheHit.stores;
    const expected = isRedisAvailable() ? ['memory', 'disk', 'redis'] : ['memory', 'disk'];
    for (const store of stores.filter((entry) => expected.includes(entry.store))) {
      const systems = store.store === 'disk' ? ['kagura', 'vercel-ai'] : cachingSystems;
      expect(namesOf(store.cells)).toEqual(systems);
      for (const cell of store.cells) {
        expectNumber(cell.summary.p50);
        expectNumber(cell.summary.p99);
        expect(cell.summary.p50Low).toBeLessThanOrEqual(cell.summary.p50);
        expect(cell.summary.p50High).toBeGreaterThanOrEqual(cell.summary.p50);
        expect(cell.upstreamRequests).toBe(0);
        expectNumber(cell.floorRatioP50 as number);
      }
      expectNumber(store.floor?.p50 as number);
      expect(namesOf(store.idle?.cells ?? [])).toEqual(systems);
      expectNumber(store.idle?.floor.p50 as number);
      for (const cell of store.idle?.cells ?? []) expectNumber(cell.floorRatioP50 as number);
      // ~6 KB and ~64 KB requests, each back to back and after idle, each with its floor.
      expect(store.larger?.map((size) => size.requestBytes > 5_000)).toEqual([true, true]);
      for (const size of store.larger ?? []) {
        expect(namesOf(size.cells)).toEqual(systems);
        expect(namesOf(size.idle.cells)).toEqual(systems);
        expectNumber(size.floor.p50);
        expectNumber(size.idle.floor.p50);
        for (const cell of size.cells) expect(cell.upstreamRequests).toBe(0);
      }
    }
    const markdown = readFileSync(join(outDirectory, 'benchmarks.md'), 'utf8');
    expect(markdown).toContain('floor (no cache library)');
    expect(markdown).toContain('After 1 ms idle before each call');
    expect(markdown).toContain('p50 95% CI');
  });

  it('should measure miss overhead, coalescing, parallel fan-out and the 429 storm', () => {
    const { missOverhead, coalescing, parallel } = results.rows;
    expectNumber(missOverhead.baseline.p50);
    expect(namesOf(missOverhead.cells)).toEqual(cachingSystems);
    for (const cell of missOverhead.cells) expectNumber(cell.overheadP50Us);
    // Each caching system's own no-cache baseline and the HTTP floor, in the same turns.
    expectNumber(missOverhead.floor?.p50 as number);
    expectNumber(missOverhead.baselineFloorRatioP50 as number);
    for (const cell of missOverhead.cells) {
      expectNumber(cell.noCache?.p50 as number);
      expectNumber(cell.ownOverheadP50Us as number);
      expectNumber(cell.ownOverheadP99Us as number);
      expectNumber(cell.floorRatioP50 as number);
    }
    expect(namesOf(coalescing.cells)).toEqual(openAISystems);
    for (const cell of coalescing.cells) expect(cell.upstreamRequests).toBeGreaterThanOrEqual(1);
    for (const cell of coalescing.cells) {
      expectNumber(cell.singleCallMs as number);
      expectNumber(cell.wallOverSingle as number);
    }
    expect(namesOf(parallel.cells)).toEqual(openAISystems);
    for (const cell of parallel.cells) expectNumber(cell.speedup);
    expectNumber(parallel.callLatencyMs as number);
    for (const cell of parallel.cells) {
      expectNumber(cell.idealWallMs as number);
      expectNumber(cell.wallOverIdeal as number);
      expectNumber(cell.overIdealMs as number);
    }
    const markdown = readFileSync(join(outDirectory, 'benchmarks.md'), 'utf8');
    expect(markdown).toContain('overhead over own baseline, p50');
    expect(markdown).toContain('floor (keep-alive node:http + JSON.parse)');
    expect(markdown).toContain('parallel ÷ ideal wall');
    expect(markdown).toContain('wall ÷ one call');
    expect(namesOf(parallel.storm.cells)).toEqual(openAISystems);
    for (const cell of parallel.storm.cells) expect(cell.requests).toBeGreaterThan(0);
  });

  it('should measure streaming on both wire formats and cached replays', () => {
    const { streaming } = results.rows;
    expect(namesOf(streaming.openai.cells)).toEqual(openAISystems);
    expect(namesOf(streaming.anthropic.cells)).toEqual(['kagura-anthropic', 'raw-anthropic']);
    // The AI SDK recipe as documented and with chunkDelayInMs: 0.
    expect(namesOf(streaming.cached)).toEqual([...cachingSystems, 'vercel-ai-unpaced']);
    for (const cell of [
      ...streaming.openai.cells,
      ...streaming.anthropic.cells,
      ...streaming.cached,
    ]) {
      expectNumber(cell.summary.p50);
    }
    for (const cell of [...streaming.openai.cells, ...streaming.anthropic.cells]) {
      expectNumber(cell.wholeStream?.p50 as number);
      if (cell.system === 'raw-openai' || cell.system === 'raw-anthropic') continue;
      expectNumber(cell.noCache?.p50 as number);
      expectNumber(cell.ownOverheadP50Us as number);
    }
    // The keep-alive node:http + bare SSE floor, first delta and whole stream.
    expectNumber(streaming.openai.floor?.firstChunk.p50 as number);
    expectNumber(streaming.openai.floor?.wholeStream.p50 as number);
    for (const cell of streaming.openai.cells) expectNumber(cell.floorRatioP50 as number);
    const markdown = readFileSync(join(outDirectory, 'benchmarks.md'), 'utf8');
    expect(markdown).toContain('floor (keep-alive node:http + bare SSE parser)');
    expect(markdown).toContain('chunkDelayInMs: 0');
  });

  it('should run the workload trace through every system', () => {
    const { workload } = results.rows;
    expect(workload.trace.calls).toBeGreaterThan(0);
    expect(namesOf(workload.cells)).toEqual(openAISystems);
    for (const cell of workload.cells) {
      expectNumber(cell.wallMs);
      expect(cell.upstreamCalls).toBeGreaterThan(0);
      expect(cell.costUsd).toBeGreaterThan(0);
      expect(cell.failures).toBe(0);
    }
  });

  it('should measure scale and hit throughput for every caching system', () => {
    const { scale } = results.rows;
    for (const entries of scale.sizes) {
      const cells = scale.cells.filter((cell) => cell.entries === entries);
      expect(namesOf(cells)).toEqual(cachingSystems);
      for (const cell of cells) expectNumber(cell.hitP50Us);
    }
    for (const callers of [1, 10, 100]) {
      const cells = scale.throughput.filter(
        (cell) => cell.store === 'memory' && cell.callers === callers,
      );
      expect(namesOf(cells)).toEqual(cachingSystems);
      for (const cell of cells) expect(cell.callsPerSecond).toBeGreaterThan(0);
    }
  });

  it('should measure a floor in every main row', () => {
    expectNumber(results.rows.streaming.openai.floor!.firstChunk.p50);
    expectNumber(results.rows.streaming.anthropic.floor!.firstChunk.p50);
    expectNumber(results.rows.streaming.cachedFloor!.p50);
    const scale = results.rows.scale.floor!;
    expect(scale.cells.map((cell) => cell.entries)).toEqual(results.rows.scale.sizes);
    for (const cell of scale.cells) expectNumber(cell.hitP50Us);
    expect(scale.throughput.length).toBeGreaterThan(0);
    for (const cell of scale.throughput) expectNumber(cell.callsPerSecond);
    const imported = results.rows.importTime!.cells.map((cell) => cell.label);
    expect(imported).toEqual(['kagura-ts', 'ai + @ai-sdk/openai', 'openai', 'nothing']);
  });

  it('should report every target', () => {
    const ids = results.targets.map((target) => target.id);
    for (const id of [
      'memory-hit-floor',
      'memory-hit-floor-idle',
      'disk-hit-floor',
      'redis-hit-floor',
      'miss-overhead',
      'ttft-overhead',
      'cached-first-chunk',
      'allocation-per-hit',
      'ahead-of-peers',
      'rfc-latency',
      'rfc-cost',
      'rfc-hit-rate',
    ]) {
      expect(ids).toContain(id);
    }
    const measured = ['memory-hit-floor', 'memory-hit-floor-idle', 'disk-hit-floor'];
    for (const target of results.targets.filter((entry) => measured.includes(entry.id))) {
      expect(target.met).not.toBeNull();
    }
  });

  // Rows 11.x, part of the same run.
  describe('the extra rows', () => {
    let extra: ExtraRowsResult;
    beforeAll(() => {
      extra = results.rows.extra!;
    });

    it('should measure memory hits and cached streams at every answer size', () => {
      expect(extra.quick).toBe(true);
      expect(extra.answerSize.cells).toHaveLength(3);
      for (const cell of extra.answerSize.cells) {
        expect(cell.hits.map((hit) => hit.system)).toEqual(cachingSystems);
        for (const hit of cell.hits) {
          expectNumber(hit.summary.p50);
          expect(hit.upstreamRequests).toBe(0);
        }
        expectNumber(cell.streamFirstChunkUs.p50);
        expect(cell.streamUpstreamRequests).toBe(0);
        expect(cell.streamEntryRatio).toBeGreaterThan(0);
        expectNumber(cell.streamEntryRatio);
      }
    });

    it.skipIf(!isRedisAvailable())('should measure a Redis miss for every caching system', () => {
      expect(extra.redisMiss.available).toBe(true);
      expect(extra.redisMiss.cells.map((cell) => cell.system)).toEqual(cachingSystems);
      for (const cell of extra.redisMiss.cells) {
        expectNumber(cell.redisUs.p50);
        expectNumber(cell.noCacheUs.p50);
      }
    });

    it('should measure hits with and without an abort signal, all of them hits', () => {
      expect(extra.abortSignal.cells.map((cell) => cell.system)).toEqual(cachingSystems);
      for (const cell of extra.abortSignal.cells) {
        expectNumber(cell.plainUs.p50);
        expectNumber(cell.signalUs.p50);
        expect(cell.upstreamRequests).toBe(0);
      }
    });

    it.skipIf(!isRedisAvailable())('should coalesce Kagura across processes', () => {
      const cells = extra.crossProcess.cells;
      expect(cells.map((cell) => cell.system)).toEqual(cachingSystems);
      const kagura = cells.find((cell) => cell.system === 'kagura')!;
      expect(kagura.upstreamRequests).toBe(1);
      expectNumber(kagura.followerDelayMs ?? Number.NaN);
      for (const cell of cells) expect(cell.failures).toBe(0);
    });

    it('should measure structured-output hits, valid objects and no upstream request', () => {
      expect(extra.structuredOutput.cells.map((cell) => cell.system)).toEqual(cachingSystems);
      for (const cell of extra.structuredOutput.cells) {
        expectNumber(cell.hitUs.p50);
        expect(cell.valid).toBe(true);
        expect(cell.upstreamRequests).toBe(0);
      }
    });

    it('should run the long-tail workload through every caching system', () => {
      expect(extra.longTail.cells.map((cell) => cell.system)).toEqual(cachingSystems);
      for (const cell of extra.longTail.cells) {
        expectNumber(cell.wallMs);
        expect(cell.hitRate).toBeGreaterThan(0);
        expect(cell.hitRate).toBeLessThanOrEqual(extra.longTail.idealHitRate + 1e-9);
      }
    });

    it('should time every turn of the tool loop, misses asking each turn and hits none', () => {
      const row = extra.toolLoop!;
      const names = row.cells.map((cell) => `${cell.system} ${cell.variant}`);
      expect(names).toEqual([
        'kagura miss',
        'kagura hit',
        'vercel-ai miss',
        'vercel-ai hit',
        'langchain miss',
        'langchain hit',
        'raw-openai miss',
        'floor miss',
        'floor hit',
      ]);
      for (const cell of row.cells) {
        expectNumber(cell.loopUs.p50);
        expect(cell.turnsUs).toHaveLength(row.toolTurns + 1);
        for (const turn of cell.turnsUs) expectNumber(turn.p50);
        const upstream = cell.variant === 'miss' ? row.toolTurns + 1 : 0;
        expect(cell.upstreamRequestsPerLoop).toBe(upstream);
      }
      expectNumber(row.cells[0]!.overheadPerTurnUs ?? Number.NaN);
    });

    it('should measure Anthropic-format hits and misses for every caching system', () => {
      const row = extra.anthropic!;
      expectNumber(row.baselineUs.p50);
      expect(row.cells.map((cell) => cell.system)).toEqual([
        'kagura-anthropic',
        'vercel-ai',
        'langchain',
      ]);
      for (const cell of row.cells) {
        expectNumber(cell.hitUs.p50);
        expectNumber(cell.missUs.p50);
        expectNumber(cell.noCacheUs.p50);
        expect(cell.upstreamRequests).toBe(0);
      }
      const ids = results.targets.map((target) => target.id);
      expect(ids).toContain('extra-anthropic-hit-ahead');
      expect(ids).toContain('extra-anthropic-miss-ahead');
    });

    it('should measure a Kagura hit inside a workflow step and outside one', () => {
      const row = extra.workflowHit!;
      expect(row.cells.map((cell) => cell.variant)).toEqual([
        'outside',
        'workflow',
        'workflow-signal',
      ]);
      for (const cell of row.cells) expectNumber(cell.hitUs.p50);
      expect(row.upstreamRequests).toBe(0);
      const markdown = readFileSync(join(outDirectory, 'benchmarks.md'), 'utf8');
      for (const heading of ['## 11.7 Tool loop', '## 11.8 Anthropic', '## 11.9 Hit inside']) {
        expect(markdown).toContain(heading);
      }
    });

    it('should measure allocation per hit for every caching system and the floor', () => {
      const row = extra.allocation!;
      expect(row.cells.map((cell) => cell.system)).toEqual([
        'kagura',
        'vercel-ai',
        'langchain',
        'floor',
      ]);
      for (const cell of row.cells) expect(cell.bytesPerHit).toBeGreaterThan(0);
      expect(row.upstreamRequests).toBe(0);
    });

    it('should time cached stream replays per delta, Kagura reading its cache', () => {
      const row = extra.replay!;
      expect(row.sizes.map((size) => size.replyTokens)).toEqual([200, 2000]);
      for (const size of row.sizes) {
        const ours = size.cells.find((cell) => cell.system === 'kagura')!;
        expect(ours.cached).toBe(true);
        expect(ours.deltas).toBeGreaterThanOrEqual(size.replyTokens * 0.9);
        expectNumber(ours.perDeltaUs.p50);
        expect(ours.upstreamRequests).toBe(0);
      }
      const markdown = readFileSync(join(outDirectory, 'benchmarks.md'), 'utf8');
      expect(markdown).toContain('## 11.10 Allocation per hit');
      expect(markdown).toContain('## 11.11 Cached stream replay per delta');
    });

    it('should measure a floor in every extra row, in the same turns as the systems', () => {
      for (const cell of extra.answerSize.cells) {
        expectNumber(cell.hitFloorUs.p50);
        for (const hit of cell.hits) expectNumber(hit.floorRatioP50 ?? Number.NaN);
      }
      expectNumber(extra.abortSignal.floorUs.p50);
      expectNumber(extra.structuredOutput.floorUs.p50);
      expect(extra.longTail.lruHitRate).toBeGreaterThan(0);
      expect(extra.longTail.lruHitRate).toBeLessThanOrEqual(extra.longTail.idealHitRate);
      expectNumber(extra.anthropic!.floor.hitUs.p50);
      expectNumber(extra.anthropic!.floor.missUs.p50);
      expectNumber(extra.workflowHit!.floorUs.p50);
      for (const size of extra.replay!.sizes) {
        expect(size.floor?.deltas).toBe(size.cells[0]!.deltas);
        expectNumber(size.floor?.perDeltaUs.p50 ?? Number.NaN);
      }
      if (isRedisAvailable()) {
        expectNumber(extra.redisMiss.floor!.redisUs.p50);
        expectNumber(extra.redisMiss.floor!.noCacheUs.p50);
        expectNumber(extra.crossProcess.floor!.followerDelayMs);
      }
    });

    it('should evaluate every extra target', () => {
      for (const id of ['allocation-per-hit', 'replay-per-delta']) {
        expect(results.targets.find((target) => target.id === id)?.value).not.toBe('not measured');
      }
      expect(results.targets.map((target) => target.id)).toContain('extra-streamed-entry-size');
      for (const target of results.targets) expect(target.value).not.toBe('');
    });
  });
});
