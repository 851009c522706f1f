import type { BenchResults, TargetResult } from './bench-results.js';
import { formatMs, formatPercent, formatRatio, formatUs } from './report/format.js';
import type { SystemName } from './systems/bench-system.js';

/** A comparison where a peer is ahead of Kagura. */
interface Lag {
  row: string;
  peer: SystemName;
  what: string;
  /** How much worse Kagura's figure is, as a share of the peer's. */
  by: number;
}

type Rows = BenchResults['rows'];

function cellsOf<T extends { system: SystemName }>(
  cells: readonly T[],
  name: SystemName,
): T | undefined {
  return cells.find((cell) => cell.system === name);
}

// Compares Kagura with each peer on a figure where lower is better.
function compareLower<T extends { system: SystemName }>(
  lags: Lag[],
  row: string,
  what: string,
  cells: readonly T[],
  value: (cell: T) => number,
): void {
  const ours = cellsOf(cells, 'kagura');
  if (ours === undefined) return;
  for (const cell of cells) {
    if (cell.system === 'kagura' || cell.system === 'raw-openai') continue;
    const theirs = value(cell);
    if (Number.isFinite(theirs) && value(ours) > theirs) {
      lags.push({ row, peer: cell.system, what, by: (value(ours) - theirs) / Math.abs(theirs) });
    }
  }
}

function findLags(rows: Rows): Lag[] {
  const lags: Lag[] = [];
  for (const store of rows.cacheHit.stores) {
    compareLower(lags, '1', `${store.store} hit p50`, store.cells, (cell) => cell.summary.p50);
  }
  compareLower(lags, '2', 'miss p50', rows.missOverhead.cells, (cell) => cell.summary.p50);
  compareLower(
    lags,
    '3',
    'upstream requests',
    rows.coalescing.cells,
    (cell) => cell.upstreamRequests,
  );
  compareLower(lags, '3', 'wall time', rows.coalescing.cells, (cell) => cell.wallMs);
  compareLower(lags, '4', 'parallel wall time', rows.parallel.cells, (cell) => cell.parallelMs);
  compareLower(
    lags,
    '4',
    'calls lost in the 429 storm',
    rows.parallel.storm.cells,
    (cell) => cell.lost,
  );
  compareLower(
    lags,
    '5',
    'time to first token p50',
    rows.streaming.openai.cells,
    (cell) => cell.summary.p50,
  );
  compareLower(
    lags,
    '5',
    'cached first chunk p50',
    rows.streaming.cached,
    (cell) => cell.summary.p50,
  );
  compareLower(lags, '6', 'workload wall time', rows.workload.cells, (cell) => cell.wallMs);
  compareLower(lags, '6', 'workload cost', rows.workload.cells, (cell) => cell.costUsd);
  for (const entries of rows.scale.sizes) {
    const cells = rows.scale.cells.filter((cell) => cell.entries === entries);
    compareLower(lags, '7', `hit p50 at ${entries} entries`, cells, (cell) => cell.hitP50Us);
    compareLower(
      lags,
      '7',
      `bytes per entry at ${entries} entries`,
      cells,
      (cell) => cell.bytesPerEntry,
    );
  }
  for (const store of ['memory', 'redis'] as const) {
    for (const callers of new Set(rows.scale.throughput.map((cell) => cell.callers))) {
      const cells = rows.scale.throughput.filter(
        (cell) => cell.store === store && cell.callers === callers,
      );
      compareLower(
        lags,
        '7',
        `${store} hits/s with ${callers} callers`,
        cells,
        (cell) => -cell.callsPerSecond,
      );
    }
  }
  return lags;
}

function atMost(value: number | undefined, limit: number): boolean | null {
  return value === undefined || !Number.isFinite(value) ? null : value <= limit;
}

/** Evaluates the targets and the RFC's goals against a run's rows. */
export function evaluateTargets(rows: Rows): TargetResult[] {
  const memory = cellsOf(
    rows.cacheHit.stores.find((store) => store.store === 'memory')?.cells ?? [],
    'kagura',
  );
  const redis = cellsOf(
    rows.cacheHit.stores.find((store) => store.store === 'redis')?.cells ?? [],
    'kagura',
  );
  const miss = cellsOf(rows.missOverhead.cells, 'kagura');
  const coalescing = cellsOf(rows.coalescing.cells, 'kagura');
  const parallel = cellsOf(rows.parallel.cells, 'kagura');
  const ttft = cellsOf(rows.streaming.openai.cells, 'kagura');
  const replay = cellsOf(rows.streaming.cached, 'kagura');
  const work = cellsOf(rows.workload.cells, 'kagura');
  const noCache = cellsOf(rows.workload.cells, 'raw-openai');
  const lags = findLags(rows);
  const latencyCut = work && noCache ? 1 - work.wallMs / noCache.wallMs : Number.NaN;
  const costCut = work && noCache ? 1 - work.costUsd / noCache.costUsd : Number.NaN;
  return [
    {
      id: 'memory-hit',
      label: 'Memory-store hit through callLLM, p50',
      target: '<= 25 µs',
      value: memory ? formatUs(memory.summary.p50) : 'n/a',
      met: atMost(memory?.summary.p50, 25),
    },
    {
      id: 'redis-hit',
      label: 'Redis hit on loopback, p50',
      target: '<= 0.5 ms',
      value: redis ? formatUs(redis.summary.p50) : 'n/a',
      met: atMost(redis?.summary.p50, 500),
    },
    {
      id: 'miss-overhead',
      label: 'Overhead on a miss over the raw SDK, p50',
      target: '<= 0.5 ms',
      value: miss ? formatUs(miss.overheadP50Us) : 'n/a',
      met: atMost(miss?.overheadP50Us, 500),
    },
    {
      id: 'coalescing',
      label: `${rows.coalescing.calls} identical concurrent calls`,
      target: '1 request',
      value: coalescing ? `${coalescing.upstreamRequests} request(s)` : 'n/a',
      met: atMost(coalescing?.upstreamRequests, 1),
    },
    {
      id: 'parallel',
      label: 'Parallel speedup, share of ideal',
      target: '>= 90%',
      value: parallel ? formatPercent(parallel.efficiency) : 'n/a',
      met: parallel ? parallel.efficiency >= 0.9 : null,
    },
    {
      id: 'ttft-overhead',
      label: 'Time-to-first-token overhead over the raw SDK, p50',
      target: '<= 1 ms',
      value: ttft ? formatUs(ttft.overheadP50Us) : 'n/a',
      met: atMost(ttft?.overheadP50Us, 1000),
    },
    {
      id: 'cached-first-chunk',
      label: 'First chunk of a cached stream, p50',
      target: '<= 1 ms',
      value: replay ? formatUs(replay.summary.p50) : 'n/a',
      met: atMost(replay?.summary.p50, 1000),
    },
    {
      id: 'ahead-of-peers',
      label: 'Ahead of every peer on every row',
      target: 'no peer ahead anywhere',
      value:
        lags.length === 0
          ? 'ahead everywhere'
          : lags
              .map(
                (lag) =>
                  `row ${lag.row} ${lag.what}: behind ${lag.peer} by ${formatPercent(lag.by)}`,
              )
              .join('; '),
      met: lags.length === 0,
    },
    {
      id: 'rfc-latency',
      label: 'RFC: workload latency vs no cache (wall time)',
      target: '70% less',
      value: `${formatPercent(latencyCut)} less (${work ? formatMs(work.wallMs) : 'n/a'} vs ${noCache ? formatMs(noCache.wallMs) : 'n/a'})`,
      met: Number.isFinite(latencyCut) ? latencyCut >= 0.7 : null,
    },
    {
      id: 'rfc-cost',
      label: 'RFC: workload cost vs no cache',
      target: '60% lower',
      value: `${formatPercent(costCut)} lower (${work && noCache ? formatRatio(work.costUsd, noCache.costUsd) : 'n/a'} of it)`,
      met: Number.isFinite(costCut) ? costCut >= 0.6 : null,
    },
    {
      id: 'rfc-hit-rate',
      label: 'RFC: hit rate on common queries',
      target: '90%',
      value: work
        ? `${formatPercent(work.commonHitRate)} (ideal ${formatPercent(rows.workload.trace.idealCommonHitRate)})`
        : 'n/a',
      met: work ? work.commonHitRate >= 0.9 : null,
    },
  ];
}
