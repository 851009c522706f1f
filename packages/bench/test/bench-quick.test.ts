import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isRedisAvailable } from '@kagura-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/bench-results.js';
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
      { cwd: packageDirectory, timeout: 150_000, maxBuffer: 16 * 1024 * 1024 },
    );
    results = JSON.parse(readFileSync(join(outDirectory, 'latest.json'), 'utf8')) as BenchResults;
  }, 180_000);

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
        expect(cell.upstreamRequests).toBe(0);
      }
    }
  });

  it('should measure miss overhead, coalescing, parallel fan-out and the 429 storm', () => {
    const { missOverhead, coalescing, parallel } = results.rows;
    expectNumber(missOverhead.baseline.p50);
    expect(namesOf(missOverhead.cells)).toEqual(cachingSystems);
    for (const cell of missOverhead.cells) expectNumber(cell.overheadP50Us);
    expect(namesOf(coalescing.cells)).toEqual(openAISystems);
    for (const cell of coalescing.cells) expect(cell.upstreamRequests).toBeGreaterThanOrEqual(1);
    expect(namesOf(parallel.cells)).toEqual(openAISystems);
    for (const cell of parallel.cells) expectNumber(cell.speedup);
    expect(namesOf(parallel.storm.cells)).toEqual(openAISystems);
    for (const cell of parallel.storm.cells) expect(cell.requests).toBeGreaterThan(0);
  });

  it('should measure streaming on both wire formats and cached replays', () => {
    const { streaming } = results.rows;
    expect(namesOf(streaming.openai.cells)).toEqual(openAISystems);
    expect(namesOf(streaming.anthropic.cells)).toEqual(['kagura-anthropic', 'raw-anthropic']);
    expect(namesOf(streaming.cached)).toEqual(cachingSystems);
    for (const cell of [
      ...streaming.openai.cells,
      ...streaming.anthropic.cells,
      ...streaming.cached,
    ]) {
      expectNumber(cell.summary.p50);
    }
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

  it('should report every target', () => {
    expect(results.targets.map((target) => target.id)).toContain('memory-hit');
    expect(results.targets).toHaveLength(11);
  });
});
