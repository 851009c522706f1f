import type { BenchResults } from '../bench-results.js';
import type { LatencyCell } from '../rows/latency-cell.js';
import { compareMedians, type Summary } from '../stats.js';
import type { SystemName } from '../systems/bench-system.js';
import {
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatRatio,
  formatSignedUs,
  formatUs,
  formatUsd,
  markdownTable,
} from './format.js';

type Labels = BenchResults['labels'];

function kaguraOf<T extends { system: SystemName }>(cells: readonly T[]): T | undefined {
  return cells.find((cell) => cell.system === 'kagura');
}

// The median's 95% interval ("12.1 - 12.9 µs"), or n/a for results written before intervals.
function formatInterval(summary: Summary): string {
  if (summary.p50Low === undefined || summary.p50High === undefined) return 'n/a';
  return `${formatUs(summary.p50Low)} - ${formatUs(summary.p50High)}`;
}

// Kagura against a system on the p50: ahead or behind only outside both 95% intervals.
function verdict(ours: Summary, theirs: Summary): string {
  if (ours.p50Low === undefined || theirs.p50Low === undefined) return 'n/a';
  const outcome = compareMedians(ours, theirs);
  return outcome === 'tied' ? 'tied (within noise)' : outcome;
}

/** A latency table: one line per system, with Kagura's p50 and p99 as ratios to each. */
function latencyTable(
  cells: readonly LatencyCell[],
  labels: Labels,
  extra?: string,
  floor?: Summary,
): string {
  const ours = kaguraOf(cells);
  const withUpstream = cells.some((cell) => cell.upstreamRequests !== undefined);
  const header = ['system', 'p50', 'p50 95% CI', 'p99', 'IQR (p25-p75)', 'p5-p95', 'samples'];
  if (withUpstream) header.push('requests on re-check');
  header.push('Kagura ÷ system, p50', 'Kagura ÷ system, p99', 'Kagura vs system (p50)');
  if (floor) header.push('÷ floor, p50');
  const rows = cells.map((cell) => {
    const { summary } = cell;
    const row = [
      labels[cell.system] + (cell.note ? ` (${cell.note})` : ''),
      formatUs(summary.p50),
      formatInterval(summary),
      formatUs(summary.p99),
      `${formatUs(summary.p25)} - ${formatUs(summary.p75)}`,
      `${formatUs(summary.p5)} - ${formatUs(summary.p95)}`,
      formatCount(summary.count),
    ];
    if (withUpstream) row.push(String(cell.upstreamRequests ?? ''));
    row.push(
      ours ? formatRatio(ours.summary.p50, summary.p50) : 'n/a',
      ours ? formatRatio(ours.summary.p99, summary.p99) : 'n/a',
      ours && cell !== ours ? verdict(ours.summary, summary) : '',
    );
    if (floor) row.push(formatRatio(summary.p50, floor.p50));
    return row;
  });
  if (floor) {
    const row = [
      'floor (no cache library)',
      formatUs(floor.p50),
      formatInterval(floor),
      formatUs(floor.p99),
      `${formatUs(floor.p25)} - ${formatUs(floor.p75)}`,
      `${formatUs(floor.p5)} - ${formatUs(floor.p95)}`,
      formatCount(floor.count),
    ];
    if (withUpstream) row.push('');
    row.push('', '', '', '1.00×');
    rows.push(row);
  }
  return markdownTable(header, rows) + (extra ? `\n\n${extra}` : '');
}

/** Row 1. */
export function cacheHitSection(results: BenchResults): string {
  const parts = [
    '## 1. Cache-hit latency',
    'End to end through the public call (`callLLM`, `generateText`, `invoke`), every call a hit on a warmed prompt; the systems take turns of 100 calls in a seeded random order per round, a young-generation GC before each turn, each turn after 10 unrecorded calls. The floor is what a hit cannot skip, measured in the same turns: memory, a SHA-256 key of the request JSON + `Map.get` + `JSON.parse` of the stored entry; disk, a prepared node:sqlite `SELECT value FROM t WHERE key = ?` + `JSON.parse`; redis, a bare `GET` on a node-redis client to the same server + `JSON.parse`. Every store is measured at three request sizes (the prompt text grows: ~100 B, ~6 KB, ~64 KB of request JSON; the first tables are ~100 B) and twice at each: back to back, and after a 1 ms timer awaited before each call (only the call timed). "Kagura vs system" is "ahead" or "behind" only when the 95% confidence intervals of the two medians (order statistics) do not overlap; otherwise "tied". "Requests on re-check" replays every warmed prompt once more after the measurement and counts what reached the server (0 = every hit was a hit).',
  ];
  for (const store of results.rows.cacheHit.stores) {
    parts.push(`### ${store.store} store`);
    if (!store.available) {
      parts.push(`Not measured: ${store.note}.`);
      continue;
    }
    parts.push(latencyTable(store.cells, results.labels, store.note, store.floor));
    if (store.idle) {
      parts.push(
        `After 1 ms idle before each call (${store.store} store):`,
        latencyTable(store.idle.cells, results.labels, undefined, store.idle.floor),
      );
    }
    for (const size of store.larger ?? []) {
      parts.push(
        `${store.store} store, requests of ${formatBytes(size.requestBytes)}, back to back:`,
        latencyTable(size.cells, results.labels, undefined, size.floor),
        `${store.store} store, requests of ${formatBytes(size.requestBytes)}, after 1 ms idle:`,
        latencyTable(size.idle.cells, results.labels, undefined, size.idle.floor),
      );
    }
  }
  return parts.join('\n\n');
}

// "12.1 µs" for a summary's p50, or n/a when the run did not measure it.
function p50Of(summary: Summary | undefined): string {
  return summary === undefined ? 'n/a' : formatUs(summary.p50);
}

// `ours.p50 / floor.p50` as "1.23×", or n/a.
function floorRatio(summary: Summary | undefined, floor: Summary | undefined): string {
  return summary && floor ? formatRatio(summary.p50, floor.p50) : 'n/a';
}

// A signed overhead, or n/a when absent (results written before per-system baselines).
function overheadOf(value: number | undefined): string {
  return value === undefined ? 'n/a' : formatSignedUs(value);
}

/** Row 2. */
export function missOverheadSection(results: BenchResults): string {
  const row = results.rows.missOverhead;
  const ours = kaguraOf(row.cells);
  const oursP50 = ours?.summary.p50 ?? Number.NaN;
  const table = markdownTable(
    [
      'system',
      'p50',
      'p50 95% CI',
      'p99',
      'own no-cache baseline, p50',
      'overhead over own baseline, p50',
      'overhead over own baseline, p99',
      'overhead over the openai SDK, p50',
      'overhead over the openai SDK, p99',
      '÷ floor, p50',
      'Kagura ÷ system, p50',
    ],
    [
      ...row.cells.map((cell) => [
        results.labels[cell.system],
        formatUs(cell.summary.p50),
        formatInterval(cell.summary),
        formatUs(cell.summary.p99),
        p50Of(cell.noCache),
        overheadOf(cell.ownOverheadP50Us),
        overheadOf(cell.ownOverheadP99Us),
        formatSignedUs(cell.overheadP50Us),
        formatSignedUs(cell.overheadP99Us),
        floorRatio(cell.summary, row.floor),
        formatRatio(oursP50, cell.summary.p50),
      ]),
      ...row.cells
        .filter((cell) => cell.noCache !== undefined)
        .map((cell) => {
          const noCache = cell.noCache as Summary;
          return [
            `${results.labels[cell.system]}, no cache (its baseline)`,
            formatUs(noCache.p50),
            formatInterval(noCache),
            formatUs(noCache.p99),
            'itself',
            '',
            '',
            formatSignedUs(noCache.p50 - row.baseline.p50),
            formatSignedUs(noCache.p99 - row.baseline.p99),
            floorRatio(noCache, row.floor),
            '',
          ];
        }),
      [
        results.labels['raw-openai'],
        formatUs(row.baseline.p50),
        formatInterval(row.baseline),
        formatUs(row.baseline.p99),
        'itself',
        '',
        '',
        'baseline',
        'baseline',
        floorRatio(row.baseline, row.floor),
        formatRatio(oursP50, row.baseline.p50),
      ],
      ...(row.floor
        ? [
            [
              'floor (keep-alive node:http + JSON.parse)',
              formatUs(row.floor.p50),
              formatInterval(row.floor),
              formatUs(row.floor.p99),
              '',
              '',
              '',
              formatSignedUs(row.floor.p50 - row.baseline.p50),
              formatSignedUs(row.floor.p99 - row.baseline.p99),
              '1.00×',
              formatRatio(oursP50, row.floor.p50),
            ],
          ]
        : []),
    ],
  );
  return `## 2. Overhead on a miss\n\nEvery call a new prompt (a miss, cache on), the simulator answering at once (latency: ${row.latency}), so what remains is each client's own work. Each caching system is compared with its own library with no cache (Kagura: \`createClient\` with \`cache: false\` over the same \`openai\` SDK provider; AI SDK: \`generateText\` on the plain \`@ai-sdk/openai\` model, which has its own fetch client; LangChain.js: \`ChatOpenAI\` with no cache): "overhead over own baseline" is what its cache adds. "Overhead over the openai SDK" is the system's percentile minus the raw \`openai\` SDK's (Kagura's transport, the issue's target). The floor is a keep-alive \`node:http\` POST of the same request JSON and a \`JSON.parse\` of the reply. All of them take turns of 20 calls against the same server in a seeded random order per round, a young-generation GC before each turn, each after 2 unrecorded calls.\n\n${table}`;
}

/** Row 3. */
export function coalescingSection(results: BenchResults): string {
  const row = results.rows.coalescing;
  const ours = kaguraOf(row.cells);
  const table = markdownTable(
    [
      'system',
      'requests to the server',
      'wall time (median)',
      'one call, same round (median)',
      'wall ÷ one call',
      'rounds',
      'failed calls',
      'Kagura ÷ system, requests',
      'Kagura ÷ system, wall',
    ],
    row.cells.map((cell) => [
      results.labels[cell.system],
      formatCount(cell.upstreamRequests),
      formatMs(cell.wallMs),
      cell.singleCallMs === undefined ? 'n/a' : formatMs(cell.singleCallMs),
      cell.wallOverSingle === undefined ? 'n/a' : `${cell.wallOverSingle.toFixed(2)}×`,
      cell.roundsMs.map(formatMs).join(', '),
      String(cell.failures),
      ours ? formatRatio(ours.upstreamRequests, cell.upstreamRequests) : 'n/a',
      ours ? formatRatio(ours.wallMs, cell.wallMs) : 'n/a',
    ]),
  );
  const jitter = `with jitter, a system that sends every call upstream waits for the slowest of ${row.calls} random delays and one that coalesces for a single draw`;
  const fairness = row.cells.some((cell) => cell.singleCallMs !== undefined)
    ? `The latency is fixed, so every request takes the server the same time (${jitter}, and the wall times would compare the draws). "One call" is a single call of a new prompt through the same system in the same round (one upstream request); "wall ÷ one call" is what answering all ${row.calls} calls costs over answering one.`
    : `This run predates the fixed latency of this row: ${jitter}, so its wall times mostly compare the simulator's draws.`;
  return `## 3. Coalescing\n\n${row.calls} identical calls at once from an empty cache (a new prompt each round, ${row.rounds} round(s), latency: ${row.latency}), requests counted by a metered \`fetch\`. ${fairness}\n\n${table}`;
}

/** Row 4. */
export function parallelSection(results: BenchResults): string {
  const row = results.rows.parallel;
  const ours = kaguraOf(row.cells);
  const ratioOf = (value: number | undefined) =>
    value === undefined || !Number.isFinite(value) ? 'n/a' : `${value.toFixed(2)}×`;
  const speedup = markdownTable(
    [
      'system',
      'serial',
      'parallel (median)',
      'ideal wall',
      'parallel ÷ ideal wall',
      'parallel - ideal wall',
      'speedup over serial',
      'most in flight',
      'Kagura ÷ system, parallel wall',
    ],
    row.cells.map((cell) => [
      results.labels[cell.system],
      formatMs(cell.serialMs),
      formatMs(cell.parallelMs),
      cell.idealWallMs === undefined ? 'n/a' : formatMs(cell.idealWallMs),
      ratioOf(cell.wallOverIdeal),
      cell.overIdealMs === undefined ? 'n/a' : formatSignedUs(cell.overIdealMs * 1000),
      `${cell.speedup.toFixed(2)}×`,
      String(cell.maxInFlight),
      ours ? formatRatio(ours.parallelMs, cell.parallelMs) : 'n/a',
    ]),
  );
  const storm = markdownTable(
    [
      'system',
      'calls lost',
      'requests sent',
      'most in flight',
      'limit respected',
      'wall time',
      'calls/s',
    ],
    row.storm.cells.map((cell) => [
      results.labels[cell.system],
      String(cell.lost),
      String(cell.requests),
      String(cell.maxInFlight),
      cell.limitRespected ? 'yes' : 'no',
      formatMs(cell.wallMs),
      cell.throughput.toFixed(1),
    ]),
  );
  const waves = `ceil(${row.tasks} / ${row.concurrency})`;
  const ideal =
    row.callLatencyMs === undefined
      ? 'this run predates the ideal-wall columns'
      : `the ideal wall is ${waves} waves × one call's ${formatMs(row.callLatencyMs)} at the server, what a fan-out with no cost of its own would take`;
  return `## 4. Parallel speedup and a 429 storm\n\nKagura fans out with \`parallelMap\` and its \`concurrency\` option; the peers with \`Promise.all\` and a semaphore. Retries are each system's defaults.\n\n${row.tasks} independent calls, at most ${row.concurrency} in flight, latency: ${row.latency}; ${ideal}. Parallel wall time (the median of the rounds, the systems taking turns) is judged against the ideal wall, not as a speedup over the serial run (which would reward a slow serial run); against a peer, a lag counts only outside both medians' 95% intervals over the rounds.\n\n${speedup}\n\nThen ${row.storm.tasks} calls at the same limit while the server answers the first ${row.storm.faults} requests with 429, \`retry-after-ms: ${row.storm.retryAfterMs}\` and \`retry-after: ${Math.ceil(row.storm.retryAfterMs / 1000)}\` (whole seconds); every system with its default retries.\n\n${storm}`;
}

/** Row 5. */
export function streamingSection(results: BenchResults): string {
  const row = results.rows.streaming;
  const ttft = (table: typeof row.openai) => {
    const { floor } = table;
    const lines = table.cells.map((cell) => [
      results.labels[cell.system],
      formatUs(cell.summary.p50),
      formatInterval(cell.summary),
      formatUs(cell.summary.p99),
      cell.system === table.baseline ? 'itself' : p50Of(cell.noCache),
      cell.system === table.baseline ? '' : overheadOf(cell.ownOverheadP50Us),
      cell.system === table.baseline ? '' : overheadOf(cell.ownOverheadP99Us),
      cell.system === table.baseline ? 'baseline' : formatSignedUs(cell.overheadP50Us),
      cell.system === table.baseline ? 'baseline' : formatSignedUs(cell.overheadP99Us),
      floorRatio(cell.summary, floor?.firstChunk),
      p50Of(cell.wholeStream),
      floorRatio(cell.wholeStream, floor?.wholeStream),
    ]);
    for (const cell of table.cells) {
      if (cell.noCache === undefined) continue;
      lines.push([
        `${results.labels[cell.system]}, no cache (its baseline)`,
        formatUs(cell.noCache.p50),
        formatInterval(cell.noCache),
        formatUs(cell.noCache.p99),
        'itself',
        '',
        '',
        formatSignedUs(cell.noCache.p50 - table.baselineSummary.p50),
        formatSignedUs(cell.noCache.p99 - table.baselineSummary.p99),
        floorRatio(cell.noCache, floor?.firstChunk),
        '',
        '',
      ]);
    }
    if (floor) {
      lines.push([
        'floor (keep-alive node:http + bare SSE parser)',
        formatUs(floor.firstChunk.p50),
        formatInterval(floor.firstChunk),
        formatUs(floor.firstChunk.p99),
        '',
        '',
        '',
        formatSignedUs(floor.firstChunk.p50 - table.baselineSummary.p50),
        formatSignedUs(floor.firstChunk.p99 - table.baselineSummary.p99),
        '1.00×',
        formatUs(floor.wholeStream.p50),
        '1.00×',
      ]);
    }
    return markdownTable(
      [
        'system',
        'first token p50',
        'p50 95% CI',
        'p99',
        'own no-cache baseline, p50',
        'overhead over own baseline, p50',
        'overhead over own baseline, p99',
        'overhead over the raw SDK, p50',
        'overhead over the raw SDK, p99',
        '÷ floor, p50',
        'whole stream p50',
        'whole stream ÷ floor, p50',
      ],
      lines,
    );
  };
  return [
    '## 5. Streaming',
    `Time to the first non-empty text delta, every call a new prompt (cache on), latency: ${row.latency}; turns of 20 calls, each after 2 unrecorded calls, every stream read to its end ("whole stream" is start to end of the same calls). Each caching system is also compared with its own library with no cache, measured in the same turns ("overhead over own baseline": what its cache adds). On each wire format the floor is a keep-alive \`node:http\` POST of the same request with \`stream: true\` and a bare SSE parser (split on blank lines, \`data: \` lines \`JSON.parse\`d, up to \`[DONE]\` or Anthropic's \`message_stop\`), timed to its first text delta and to the stream's end.`,
    '### Time to first token, OpenAI format',
    ttft(row.openai),
    '### Time to first token, Anthropic format',
    ttft(row.anthropic),
    '### First chunk of a cached stream',
    "Warmed with streamed calls, then each stream stopped after its first chunk. Turns of 50 calls, each after 10 unrecorded calls, and 300 ms between turns for replays stopped early (the recipe paces them with timers) to finish in the background. The AI SDK recipe is shown as documented (`chunkDelayInMs: 10`) and with `chunkDelayInMs: 0`. The floor, in the same turns: a lean key + `Map.get` + `JSON.parse` of the stored deltas (a JSON array of strings) and an async generator's first one.",
    latencyTable(row.cached, results.labels, undefined, row.cachedFloor),
  ].join('\n\n');
}

/** Row 6. */
export function workloadSection(results: BenchResults): string {
  const row = results.rows.workload;
  const { trace } = row;
  const ours = kaguraOf(row.cells);
  const table = markdownTable(
    [
      'system',
      'wall time',
      'call p50',
      'call p99',
      'upstream calls',
      'tokens',
      'cost',
      'hit rate',
      'common-query hit rate',
      'Kagura ÷ system, wall',
      'Kagura ÷ system, cost',
    ],
    row.cells.map((cell) => [
      cell.system === 'raw-openai'
        ? `${results.labels[cell.system]} = no cache`
        : results.labels[cell.system],
      formatMs(cell.wallMs),
      formatMs(cell.callLatencyMs.p50),
      formatMs(cell.callLatencyMs.p99),
      formatCount(cell.upstreamCalls),
      formatCount(cell.tokens),
      formatUsd(cell.costUsd),
      formatPercent(cell.hitRate),
      formatPercent(cell.commonHitRate),
      ours ? formatRatio(ours.wallMs, cell.wallMs) : 'n/a',
      ours ? formatRatio(ours.costUsd, cell.costUsd) : 'n/a',
    ]),
  );
  return `## 6. The RFC workload\n\nA seeded Zipf trace (s = ${trace.exponent}) of ${formatCount(trace.calls)} calls over ${trace.distinctQueries} user queries: single calls of three agents (support, translator, summarizer) and ${trace.workflows} multi-agent workflows (router, then two specialists in parallel, then synthesis). ${formatCount(trace.distinct)} distinct prompts, so an exact-match cache can at best hit **${formatPercent(trace.idealHitRate)}** of calls. "Common queries" are the most frequent tenth of the prompts (${trace.commonPrompts} prompts, ${formatCount(trace.commonCalls)} calls; ideal ${formatPercent(trace.idealCommonHitRate)}). ${row.concurrency} concurrent callers, an empty cache per run, ${row.repetitions} repetition(s) in alternating order (medians), latency: ${row.latency}. Cost = tokens billed upstream at \`gpt-4o-mini\` list prices from \`defaultModelPrices\`, for every system alike.\n\n${table}`;
}

// A scale cell's memory per entry: heap / RSS / external.
function formatPerEntry(cell: {
  bytesPerEntry: number;
  rssBytesPerEntry?: number | undefined;
  externalBytesPerEntry?: number | undefined;
}): string {
  return [
    formatBytes(cell.bytesPerEntry),
    formatBytes(cell.rssBytesPerEntry ?? Number.NaN),
    formatBytes(cell.externalBytesPerEntry ?? Number.NaN),
  ].join(' / ');
}

// The scale table's floor cells at `entries`: hit, memory per entry, and Kagura's hit over it.
function scaleFloorColumns(row: BenchResults['rows']['scale'], entries: number): string[] {
  const cell = row.floor?.cells.find((candidate) => candidate.entries === entries);
  if (cell === undefined) return ['n/a', 'n/a', 'n/a'];
  const ours = row.cells.find((each) => each.system === 'kagura' && each.entries === entries);
  return [
    `${formatUs(cell.hitP50Us)} / ${formatUs(cell.hitP99Us)}`,
    formatPerEntry(cell),
    formatRatio(ours?.hitP50Us ?? Number.NaN, cell.hitP50Us),
  ];
}

// The throughput table's floor cells: its hits/s and Kagura's over it (above 1: Kagura faster).
function throughputFloorColumns(
  row: BenchResults['rows']['scale'],
  store: 'memory' | 'redis',
  callers: number,
): string[] {
  if (row.floor === undefined) return [];
  const at = (cell: { store: string; callers: number }) =>
    cell.store === store && cell.callers === callers;
  const cell = row.floor.throughput.find(at);
  const ours = row.throughput.find((each) => each.system === 'kagura' && at(each));
  if (cell === undefined) return ['n/a', 'n/a'];
  const interval =
    cell.callsPerSecondLow === undefined || cell.callsPerSecondHigh === undefined
      ? ''
      : ` [${formatCount(cell.callsPerSecondLow)}-${formatCount(cell.callsPerSecondHigh)}]`;
  return [
    `${formatCount(cell.callsPerSecond)}${interval}`,
    formatRatio(ours?.callsPerSecond ?? Number.NaN, cell.callsPerSecond),
  ];
}

/** Row 7. */
export function scaleSection(results: BenchResults): string {
  const row = results.rows.scale;
  const { floor } = row;
  const systems = [...new Set(row.cells.map((cell) => cell.system))];
  const scale = markdownTable(
    [
      'entries',
      ...systems.flatMap((name) => [
        `${results.labels[name]} hit p50 / p99`,
        `${results.labels[name]} heap / RSS / external per entry`,
      ]),
      ...(floor === undefined
        ? []
        : [
            'floor hit p50 / p99',
            'floor heap / RSS / external per entry',
            'Kagura hit ÷ floor, p50',
          ]),
    ],
    row.sizes.map((entries) => [
      formatCount(entries),
      ...systems.flatMap((name) => {
        const cell = row.cells.find(
          (candidate) => candidate.system === name && candidate.entries === entries,
        );
        if (cell === undefined || cell.skipped)
          return [`skipped (${cell?.skipped ?? 'n/a'})`, 'n/a'];
        return [`${formatUs(cell.hitP50Us)} / ${formatUs(cell.hitP99Us)}`, formatPerEntry(cell)];
      }),
      ...(floor === undefined ? [] : scaleFloorColumns(row, entries)),
    ]),
  );
  const callers = [...new Set(row.throughput.map((cell) => cell.callers))];
  const throughputSystems = [...new Set(row.throughput.map((cell) => cell.system))];
  const throughput = markdownTable(
    [
      'store',
      'callers',
      ...throughputSystems.map((name) => `${results.labels[name]} hits/s`),
      ...throughputSystems
        .filter((name) => name !== 'kagura')
        .map((name) => `Kagura ÷ ${results.labels[name]}`),
      ...(floor === undefined ? [] : ['floor hits/s', 'Kagura ÷ floor']),
    ],
    (['memory', 'redis'] as const).flatMap((store) =>
      callers
        .filter((count) =>
          row.throughput.some((cell) => cell.store === store && cell.callers === count),
        )
        .map((count) => {
          const cellOf = (name: SystemName) =>
            row.throughput.find(
              (cell) => cell.store === store && cell.callers === count && cell.system === name,
            );
          const rate = (name: SystemName) => cellOf(name)?.callsPerSecond ?? Number.NaN;
          const withInterval = (name: SystemName) => {
            const cell = cellOf(name);
            if (cell?.callsPerSecondLow === undefined || cell.callsPerSecondHigh === undefined)
              return formatCount(rate(name));
            return `${formatCount(cell.callsPerSecond)} [${formatCount(cell.callsPerSecondLow)}-${formatCount(cell.callsPerSecondHigh)}]`;
          };
          return [
            store,
            String(count),
            ...throughputSystems.map(withInterval),
            ...throughputSystems
              .filter((name) => name !== 'kagura')
              .map((name) => formatRatio(rate('kagura'), rate(name))),
            ...throughputFloorColumns(row, store, count),
          ];
        }),
    ),
  );
  const gc = row.gcExposed
    ? 'after a forced GC'
    : 'without a forced GC (node ran without --expose-gc, so these are rough)';
  return `## 7. Scale\n\nMemory store only. Each size is a fresh store: the probe prompts called through the system, then copies of one real entry under the system's own key format up to the size. Heap per entry = V8 heap growth ${gc} over the entries (it includes the client's fixed cost, which matters only at the smallest size). RSS and external per entry are the growth of \`process.memoryUsage().rss\` and \`.external\` (ArrayBuffers included, also kept as \`arrayBuffersBytesPerEntry\`), measured the same way as heap. The floor is a \`Map\` of lean keys (SHA-256 hex of the request JSON) to each entry's JSON, one string per entry, and its hit a key + \`Map.get\` + \`JSON.parse\`; in the throughput table, row 1's floor of each store called by the same callers.\n\n${scale}\n\nHit throughput (hits per second, one process) with concurrent callers: the median of 5 runs per system, the systems taking turns, with its 95% interval [low-high]; for throughput, higher is better, so a Kagura ÷ peer ratio above 1 means Kagura is ahead, and "ahead of every peer" counts a lag only outside both intervals.\n\n${throughput}`;
}
