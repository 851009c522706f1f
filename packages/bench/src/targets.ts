import type { BenchResults, TargetResult } from './bench-results.js';
import { extraRowTargets } from './report/extra-rows-section.js';
import { formatMs, formatPercent, formatRatio, formatUs } from './report/format.js';
import { compareMedians, type Summary } from './stats.js';
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

// The median's interval, or the bare median for results written before intervals were kept.
function intervalOf(summary: Summary): Pick<Summary, 'p50Low' | 'p50High'> {
  return {
    p50Low: summary.p50Low ?? summary.p50,
    p50High: summary.p50High ?? summary.p50,
  };
}

// Compares Kagura's median with each peer's, behind only when the 95% intervals do not overlap
// (a difference inside the noise is a tie, not a lag).
function compareMedianCells<T extends { system: SystemName; summary: Summary }>(
  lags: Lag[],
  row: string,
  what: string,
  cells: readonly T[],
): void {
  const ours = cellsOf(cells, 'kagura');
  if (ours === undefined) return;
  for (const cell of cells) {
    if (cell.system === 'kagura' || cell.system === 'raw-openai') continue;
    if (!Number.isFinite(cell.summary.p50)) continue;
    if (compareMedians(intervalOf(ours.summary), intervalOf(cell.summary)) === 'behind') {
      lags.push({
        row,
        peer: cell.system,
        what,
        by: (ours.summary.p50 - cell.summary.p50) / Math.abs(cell.summary.p50),
      });
    }
  }
}

// A cell of row 2 or 5: its latency and, in runs with per-system baselines, its own library's
// latency with no cache.
interface OverheadCell {
  system: SystemName;
  summary: Summary;
  noCache?: Summary;
}

// A repeated figure where lower is better: behind only outside both medians' 95% intervals;
// a run without intervals (older results) compares the bare figures.
function compareIntervals<T extends { system: SystemName }>(
  lags: Lag[],
  row: string,
  what: string,
  cells: readonly T[],
  figure: (cell: T) => { value: number; low: number | undefined; high: number | undefined },
): void {
  const ours = cellsOf(cells, 'kagura');
  if (ours === undefined) return;
  const mine = figure(ours);
  for (const cell of cells) {
    if (cell.system === 'kagura' || cell.system === 'raw-openai') continue;
    const theirs = figure(cell);
    if (!Number.isFinite(theirs.value)) continue;
    const behind =
      mine.low === undefined || theirs.high === undefined
        ? mine.value > theirs.value
        : mine.low > theirs.high;
    if (behind) {
      lags.push({
        row,
        peer: cell.system,
        what,
        by: (mine.value - theirs.value) / Math.abs(theirs.value),
      });
    }
  }
}

// Rows 2 and 5: compares what each system's cache adds over its own library with no cache,
// behind only when the overheads' 95% intervals (each median's interval minus the other's)
// do not overlap. Runs without per-system baselines compare the latencies as before.
function compareOwnOverheads(
  lags: Lag[],
  row: string,
  what: string,
  cells: readonly OverheadCell[],
): void {
  const ours = cellsOf(cells, 'kagura');
  const caching = cells.filter((cell) => cell.system !== 'raw-openai');
  if (ours?.noCache === undefined || caching.some((cell) => cell.noCache === undefined)) {
    compareMedianCells(lags, row, `${what} p50`, cells);
    return;
  }
  const interval = (cell: OverheadCell) => {
    const own = intervalOf(cell.summary);
    const base = intervalOf(cell.noCache as Summary);
    return {
      overhead: cell.summary.p50 - (cell.noCache as Summary).p50,
      p50Low: own.p50Low - base.p50High,
      p50High: own.p50High - base.p50Low,
    };
  };
  const oursInterval = interval(ours);
  for (const cell of caching) {
    if (cell === ours || !Number.isFinite(cell.summary.p50)) continue;
    const theirs = interval(cell);
    if (compareMedians(oursInterval, theirs) === 'behind') {
      lags.push({
        row,
        peer: cell.system,
        what: `${what} overhead over its own no-cache baseline, p50`,
        by: (oursInterval.overhead - theirs.overhead) / Math.abs(theirs.overhead),
      });
    }
  }
}

function findLags(rows: Rows): Lag[] {
  const lags: Lag[] = [];
  for (const store of rows.cacheHit.stores) {
    compareMedianCells(lags, '1', `${store.store} hit p50`, store.cells);
    if (store.idle) {
      compareMedianCells(lags, '1', `${store.store} hit p50 after idle`, store.idle.cells);
    }
    for (const size of store.larger ?? []) {
      const what = `${store.store} hit p50, ${size.requestBytes} B request`;
      compareMedianCells(lags, '1', what, size.cells);
      compareMedianCells(lags, '1', `${what} after idle`, size.idle.cells);
    }
  }
  compareOwnOverheads(lags, '2', 'miss', rows.missOverhead.cells);
  compareLower(
    lags,
    '3',
    'upstream requests',
    rows.coalescing.cells,
    (cell) => cell.upstreamRequests,
  );
  compareLower(lags, '3', 'wall time', rows.coalescing.cells, (cell) => cell.wallMs);
  compareIntervals(lags, '4', 'parallel wall time', rows.parallel.cells, (cell) => ({
    value: cell.parallelMs,
    low: cell.parallelMsLow,
    high: cell.parallelMsHigh,
  }));
  compareLower(
    lags,
    '4',
    'calls lost in the 429 storm',
    rows.parallel.storm.cells,
    (cell) => cell.lost,
  );
  // A system whose stream never reads its cache (LangChain's: its re-check of the cached row
  // went upstream) adds nothing to a streamed miss by construction: not a peer on this figure.
  const streamsUncached = new Set(
    rows.streaming.cached
      .filter((cell) => (cell.upstreamRequests ?? 0) > 0)
      .map((cell) => cell.system),
  );
  compareOwnOverheads(
    lags,
    '5',
    'time to first token',
    rows.streaming.openai.cells.filter((cell) => !streamsUncached.has(cell.system)),
  );
  compareMedianCells(lags, '5', 'cached first chunk p50', rows.streaming.cached);
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
      // Higher is better: negated, so that lower is.
      compareIntervals(lags, '7', `${store} hits/s with ${callers} callers`, cells, (cell) => ({
        value: -cell.callsPerSecond,
        low: cell.callsPerSecondHigh === undefined ? undefined : -cell.callsPerSecondHigh,
        high: cell.callsPerSecondLow === undefined ? undefined : -cell.callsPerSecondLow,
      }));
    }
  }
  return lags;
}

// What Kagura's cache adds over Kagura with no cache, beside the overhead over the raw SDK.
function ownOverheadNote(ownOverheadP50Us: number | undefined): string {
  return ownOverheadP50Us === undefined
    ? ''
    : ` (over Kagura with no cache: ${formatUs(ownOverheadP50Us)})`;
}

function atMost(value: number | undefined, limit: number): boolean | null {
  return value === undefined || !Number.isFinite(value) ? null : value <= limit;
}

// A target this run does not measure yet (its row is not part of it).
function notMeasured(id: string, label: string, target: string): TargetResult {
  return { id, label, target, value: 'not measured', met: null };
}

// Kagura's hit on `store` as a ratio to the store's floor, back to back or after idle.
function floorTarget(
  rows: Rows,
  store: 'memory' | 'disk' | 'redis',
  idle: boolean,
  limit: number,
): TargetResult {
  const entry = rows.cacheHit.stores.find((candidate) => candidate.store === store);
  const cells = idle ? entry?.idle?.cells : entry?.cells;
  const floor = idle ? entry?.idle?.floor : entry?.floor;
  const ours = cells ? cellsOf(cells, 'kagura') : undefined;
  const ratio = ours && floor ? ours.summary.p50 / floor.p50 : Number.NaN;
  return {
    id: `${store}-hit-floor${idle ? '-idle' : ''}`,
    label: `${store} hit through callLLM ÷ its floor, p50${idle ? ', after 1 ms idle' : ', back to back'}`,
    target: `<= ${limit}×`,
    value:
      ours && floor
        ? `${ratio.toFixed(2)}× (${formatUs(ours.summary.p50)} vs ${formatUs(floor.p50)})`
        : 'n/a',
    met: atMost(ratio, limit),
  };
}

/** Evaluates the targets and the RFC's goals against a run's rows. */
export function evaluateTargets(rows: Rows): TargetResult[] {
  const miss = cellsOf(rows.missOverhead.cells, 'kagura');
  const coalescing = cellsOf(rows.coalescing.cells, 'kagura');
  const ttft = cellsOf(rows.streaming.openai.cells, 'kagura');
  const replay = cellsOf(rows.streaming.cached, 'kagura');
  const work = cellsOf(rows.workload.cells, 'kagura');
  const noCache = cellsOf(rows.workload.cells, 'raw-openai');
  const lags = findLags(rows);
  const latencyCut = work && noCache ? 1 - work.wallMs / noCache.wallMs : Number.NaN;
  const costCut = work && noCache ? 1 - work.costUsd / noCache.costUsd : Number.NaN;
  return [
    floorTarget(rows, 'memory', false, 1.5),
    floorTarget(rows, 'memory', true, 3),
    floorTarget(rows, 'disk', false, 1.5),
    floorTarget(rows, 'redis', false, 1.5),
    {
      id: 'miss-overhead',
      label: 'Overhead on a miss over the raw SDK, p50',
      target: '<= 60 µs',
      value: miss
        ? `${formatUs(miss.overheadP50Us)}${ownOverheadNote(miss.ownOverheadP50Us)}`
        : 'n/a',
      met: atMost(miss?.overheadP50Us, 60),
    },
    {
      id: 'ttft-overhead',
      label: 'Time-to-first-token overhead over the raw SDK, p50',
      target: '<= 50 µs',
      value: ttft
        ? `${formatUs(ttft.overheadP50Us)}${ownOverheadNote(ttft.ownOverheadP50Us)}`
        : 'n/a',
      met: atMost(ttft?.overheadP50Us, 50),
    },
    {
      id: 'cached-first-chunk',
      label: 'First chunk of a cached stream, p50',
      target: '<= 10 µs',
      value: replay ? formatUs(replay.summary.p50) : 'n/a',
      met: atMost(replay?.summary.p50, 10),
    },
    // Measured by the extra rows (11.x) when the run has them.
    ...(rows.extra !== undefined
      ? extraRowTargets(rows.extra)
      : [
          notMeasured('redis-miss', "Redis miss vs the AI SDK recipe's, p50", 'no slower'),
          notMeasured('hit-answer-size', 'Memory hit cost independent of answer size', 'flat'),
          notMeasured('stream-entry-size', 'Stored streamed entry ÷ its text', '<= 2×'),
          notMeasured(
            'cross-process-follower',
            "Cross-process follower answered after the leader's write",
            '<= 1 ms',
          ),
          notMeasured('replay-per-delta', 'Cached stream replay, per delta', '< 0.5 µs'),
          notMeasured(
            'allocation-per-hit',
            'Bytes allocated per memory hit',
            '<= 5.17 KiB (15.5 KiB ÷ 3)',
          ),
        ]),
    {
      id: 'coalescing',
      label: `${rows.coalescing.calls} identical concurrent calls`,
      target: '1 request',
      value: coalescing ? `${coalescing.upstreamRequests} request(s)` : 'n/a',
      met: atMost(coalescing?.upstreamRequests, 1),
    },
    {
      id: 'ahead-of-peers',
      label:
        'Ahead of every peer on every row (latency medians judged outside their 95% intervals)',
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
