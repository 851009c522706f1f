import type { TargetResult } from '../bench-results.js';
import type { ExtraRowsResult } from '../rows/extra-rows.js';
import type { SystemName } from '../systems/bench-system.js';
import { systemCatalog } from '../systems/system-catalog.js';
import {
  formatBytes,
  formatMs,
  formatPercent,
  formatRatio,
  formatSignedUs,
  formatUs,
  markdownTable,
} from './format.js';

const label = (system: SystemName) => systemCatalog[system].label;

function answerSizeSection(result: ExtraRowsResult): string {
  const { cells } = result.answerSize;
  const systems = cells[0]?.hits.map((cell) => cell.system) ?? [];
  const table = markdownTable(
    [
      'answer',
      ...systems.map((system) => `${label(system)} hit p50 / p99`),
      'Kagura cached stream, first chunk p50 / p99',
      'streamed entry ÷ text',
      'stream cached under the default 1 MiB bound',
    ],
    cells.map((cell) => [
      formatBytes(cell.textCharacters),
      ...cell.hits.map((hit) => `${formatUs(hit.summary.p50)} / ${formatUs(hit.summary.p99)}`),
      `${formatUs(cell.streamFirstChunkUs.p50)} / ${formatUs(cell.streamFirstChunkUs.p99)}`,
      `${cell.streamEntryRatio.toFixed(1)}× (${formatBytes(cell.streamEntryBytes)})`,
      cell.streamCachedByDefault ? 'yes' : 'no',
    ]),
  );
  return `## 11.1 Answer size\n\nMemory-store hits through each system's public call, the systems interleaved in turns, at answers of each size (the simulator's \`replyTokens\`); Kagura's cached stream timed from \`client.stream()\` to its first delta, and its streamed entry measured with \`cache.stats().bytes\` (entry bound raised so that it is stored) against the text's length.\n\n${table}`;
}

function redisMissSection(result: ExtraRowsResult): string {
  const row = result.redisMiss;
  const heading = '## 11.2 Redis miss';
  if (!row.available) return `${heading}\n\nNot measured: redis-server is not installed.`;
  const table = markdownTable(
    ['system', 'Redis miss p50 / p99', 'no cache p50', 'added by the Redis cache'],
    row.cells.map((cell) => [
      label(cell.system),
      `${formatUs(cell.redisUs.p50)} / ${formatUs(cell.redisUs.p99)}`,
      formatUs(cell.noCacheUs.p50),
      formatSignedUs(cell.addedUs),
    ]),
  );
  return `${heading}\n\nEvery call a new prompt, through each caching system with its Redis store and with no cache, the six interleaved in turns against a simulator that replies at once (latency 'none'); "added" is the difference of the medians.\n\n${table}`;
}

function crossProcessSection(result: ExtraRowsResult): string {
  const row = result.crossProcess;
  const heading = '## 11.3 Cross-process coalescing';
  if (!row.available) return `${heading}\n\nNot measured: redis-server is not installed.`;
  const table = markdownTable(
    [
      'system',
      'upstream requests',
      "follower after the leader's write, median / max",
      'wall',
      'failures',
    ],
    row.cells.map((cell) => [
      label(cell.system),
      `${cell.upstreamRequests} of ${row.processes}`,
      cell.followerDelayMs === undefined
        ? 'n/a (no cross-process coalescing: each process asks the model)'
        : `${formatMs(cell.followerDelayMs)} / ${formatMs(cell.followerDelayMaxMs ?? Number.NaN)}`,
      formatMs(cell.wallMs),
      String(cell.failures),
    ]),
  );
  return `${heading}\n\n${row.processes} worker threads per system, each with its own client on one shared Redis, ask one new prompt at the same instant, ${row.rounds} rounds (simulator: ${row.upstreamMs} ms to the first token). Requests counted at the simulator; a follower's delay is from the moment the leader's \`cache.flush()\` resolved (its write landed) to the follower's answer, across threads on one clock.\n\n${table}`;
}

function abortSignalSection(result: ExtraRowsResult): string {
  const row = result.abortSignal;
  const table = markdownTable(
    [
      'system',
      'plain hit p50 / p99',
      'hit with a signal p50 / p99',
      'added',
      'warmed without a signal, missed with one',
    ],
    row.cells.map((cell) => [
      label(cell.system),
      `${formatUs(cell.plainUs.p50)} / ${formatUs(cell.plainUs.p99)}`,
      `${formatUs(cell.signalUs.p50)} / ${formatUs(cell.signalUs.p99)}`,
      formatPercent(cell.addedShare),
      `${cell.signalMissesAfterPlain} of ${cell.prompts}`,
    ]),
  );
  return `## 11.4 Hit with an abort signal\n\nMemory-store hits through each system, with and without a new \`AbortController\`'s signal per call (Kagura \`abortSignal\`, AI SDK \`abortSignal\`, LangChain \`signal\`), the six variants interleaved in turns. ${row.note}\n\n${table}`;
}

function structuredOutputSection(result: ExtraRowsResult): string {
  const table = markdownTable(
    ['system', 'structured hit p50 / p99', 'objects valid'],
    result.structuredOutput.cells.map((cell) => [
      label(cell.system),
      `${formatUs(cell.hitUs.p50)} / ${formatUs(cell.hitUs.p99)}`,
      cell.valid ? 'yes' : 'no',
    ]),
  );
  return `## 11.5 Structured-output hits\n\nOne JSON Schema (\`{ title, score }\`) asked its documented way (Kagura \`schema\` + \`jsonSchema\` with a hand-written Standard Schema validator, AI SDK \`generateText\` with \`Output.object\`, LangChain \`withStructuredOutput\`), memory store, hits interleaved in turns, each returned object checked.\n\n${table}`;
}

function longTailSection(result: ExtraRowsResult): string {
  const row = result.longTail;
  const table = markdownTable(
    ['system', 'hit rate', 'upstream requests', 'wall'],
    row.cells.map((cell) => [
      label(cell.system),
      formatPercent(cell.hitRate),
      String(cell.upstreamRequests),
      formatMs(cell.wallMs),
    ]),
  );
  return `## 11.6 Long tail\n\n${row.calls} calls drawn from ${row.distinctQueries} distinct queries (Zipf, exponent ${row.exponent}), one after another, through each caching system's memory store at its default bound (Kagura: 10,000 entries; the AI SDK recipe's \`Map\` and LangChain's \`InMemoryCache\` are unbounded), the systems taking turns; hit rates from the simulator's request count. Every repeat a hit would give ${formatPercent(row.idealHitRate)}.\n\n${table}`;
}

/** Section 11 of the report: the rows issue 15 found missing, one sub-section per row. */
export function renderExtraRows(result: ExtraRowsResult): string {
  const quick = result.quick
    ? '\n\nQuick mode: these figures prove the harness runs, no more.'
    : '';
  return `## 11. Extra rows${quick}\n\n${answerSizeSection(result)}\n\n${redisMissSection(result)}\n\n${crossProcessSection(result)}\n\n${abortSignalSection(result)}\n\n${structuredOutputSection(result)}\n\n${longTailSection(result)}\n`;
}

function p50Of(result: ExtraRowsResult, system: SystemName, index: number): number {
  const cell = result.answerSize.cells[index];
  return cell?.hits.find((hit) => hit.system === system)?.summary.p50 ?? Number.NaN;
}

// Whether Kagura's figure is below every peer's; `null` when one is missing.
function aheadOf(figures: [SystemName, number][]): boolean | null {
  const ours = figures.find(([system]) => system === 'kagura')?.[1];
  if (ours === undefined || figures.some(([, value]) => !Number.isFinite(value))) return null;
  return figures.every(([system, value]) => system === 'kagura' || ours < value);
}

/** The targets the extra rows measure, each met, missed or not measured. */
export function extraRowTargets(result: ExtraRowsResult): TargetResult[] {
  const cells = result.answerSize.cells;
  const last = cells.length - 1;
  const smallest = p50Of(result, 'kagura', 0);
  const largest = p50Of(result, 'kagura', last);
  const ratios = cells.map((cell) => cell.streamEntryRatio);
  const worstRatio = Math.max(...ratios);
  const peersBehind = cells.every((cell) => {
    const ours = cell.hits.find((hit) => hit.system === 'kagura')?.summary.p50 ?? Number.NaN;
    return cell.hits.every((hit) => hit.system === 'kagura' || ours < hit.summary.p50);
  });
  const measuredSizes = cells.length > 0 && Number.isFinite(smallest) && Number.isFinite(largest);
  const redis = result.redisMiss;
  const ours = redis.cells.find((cell) => cell.system === 'kagura')?.redisUs.p50;
  const recipe = redis.cells.find((cell) => cell.system === 'vercel-ai')?.redisUs.p50;
  const follower = result.crossProcess.cells.find((cell) => cell.system === 'kagura');
  const size = (index: number) => formatBytes(cells[index]?.textCharacters ?? Number.NaN);
  return [
    {
      id: 'extra-hit-independent-of-answer-size',
      label: `Kagura memory hit, ${size(0)} vs ${size(last)} answer`,
      target: 'Hit cost independent of answer size (the largest at most 2× the smallest)',
      value: `${formatUs(smallest)} -> ${formatUs(largest)} (${formatRatio(largest, smallest)})`,
      met: measuredSizes ? largest <= 2 * smallest : null,
    },
    {
      id: 'extra-streamed-entry-size',
      label: 'Kagura streamed entry over its text',
      target: 'A streamed entry at most 2× its text',
      value: ratios.map((ratio) => `${ratio.toFixed(1)}×`).join(', '),
      met: Number.isFinite(worstRatio) ? worstRatio <= 2 : null,
    },
    {
      id: 'extra-answer-size-ahead',
      label: 'Memory hit at every answer size',
      target: 'Ahead of every peer',
      value: cells
        .map((cell, index) => `${size(index)}: ${formatUs(p50Of(result, 'kagura', index))}`)
        .join(', '),
      met: measuredSizes ? peersBehind : null,
    },
    {
      id: 'extra-redis-miss',
      label: 'Redis miss, Kagura vs the AI SDK recipe (p50)',
      target: "A Redis miss no slower than the AI SDK recipe's",
      value:
        ours === undefined || recipe === undefined
          ? 'not measured'
          : `${formatUs(ours)} vs ${formatUs(recipe)}`,
      met: ours === undefined || recipe === undefined ? null : ours <= recipe,
    },
    {
      id: 'extra-structured-hit-ahead',
      label: 'Structured-output memory hit (p50)',
      target: 'Ahead of every peer',
      value: result.structuredOutput.cells
        .map((cell) => `${label(cell.system)} ${formatUs(cell.hitUs.p50)}`)
        .join(', '),
      met: aheadOf(result.structuredOutput.cells.map((cell) => [cell.system, cell.hitUs.p50])),
    },
    {
      id: 'extra-cross-process-follower',
      label: "Cross-process follower after the leader's write (median / max)",
      target: "A cross-process follower answered within 1 ms of the leader's write",
      value:
        follower?.followerDelayMs === undefined
          ? 'not measured'
          : `${formatMs(follower.followerDelayMs)} / ${formatMs(follower.followerDelayMaxMs ?? Number.NaN)}, ${follower.upstreamRequests} upstream of ${result.crossProcess.processes}`,
      met:
        follower?.followerDelayMaxMs === undefined
          ? null
          : follower.followerDelayMaxMs <= 1 && follower.upstreamRequests === 1,
    },
  ];
}
