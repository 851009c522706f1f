import type { TargetResult } from '../bench-results.js';
import type { ExtraAnthropicResult } from '../rows/extra-anthropic.js';
import type { ExtraRowsResult } from '../rows/extra-rows.js';
import type { ToolLoopCell } from '../rows/extra-tool-loop.js';
import type { WorkflowHitVariant } from '../rows/extra-workflow-hit.js';
import { compareMedians, type Summary } from '../stats.js';
import type { SystemName } from '../systems/bench-system.js';
import { systemCatalog } from '../systems/system-catalog.js';
import { extraAllocationTargets, renderExtraAllocation } from './extra-allocation-section.js';
import { extraReplayTargets, renderExtraReplay } from './extra-replay-section.js';
import {
  formatBytes,
  formatCount,
  formatMs,
  formatPercent,
  formatRatio,
  formatSignedUs,
  formatUs,
  markdownTable,
} from './format.js';

const label = (system: SystemName) => systemCatalog[system].label;

// A median with its 95% interval: "12.3 µs [11.9-13.0 µs]".
function withInterval(summary: Summary): string {
  return `${formatUs(summary.p50)} [${formatUs(summary.p50Low)}-${formatUs(summary.p50High)}]`;
}

function answerSizeSection(result: ExtraRowsResult): string {
  const { cells } = result.answerSize;
  const systems = cells[0]?.hits.map((cell) => cell.system) ?? [];
  const table = markdownTable(
    [
      'answer',
      ...systems.map((system) => `${label(system)} hit p50 / p99 (÷ floor)`),
      'floor (key + `Map.get` + `JSON.parse`) p50 / p99',
      'Kagura cached stream, first chunk p50 / p99',
      'streamed entry ÷ text',
      'stream cached under the default 1 MiB bound',
    ],
    cells.map((cell) => [
      formatBytes(cell.textCharacters),
      ...cell.hits.map(
        (hit) =>
          `${formatUs(hit.summary.p50)} / ${formatUs(hit.summary.p99)} (${formatRatio(hit.summary.p50, cell.hitFloorUs.p50)})`,
      ),
      `${formatUs(cell.hitFloorUs.p50)} / ${formatUs(cell.hitFloorUs.p99)}`,
      `${formatUs(cell.streamFirstChunkUs.p50)} / ${formatUs(cell.streamFirstChunkUs.p99)}`,
      `${cell.streamEntryRatio.toFixed(1)}× (${formatBytes(cell.streamEntryBytes)})`,
      cell.streamCachedByDefault ? 'yes' : 'no',
    ]),
  );
  return `## 11.1 Answer size\n\nMemory-store hits through each system's public call, the systems interleaved in turns, at answers of each size (the simulator's \`replyTokens\`); Kagura's cached stream timed from \`client.stream()\` to its first delta, and its streamed entry measured with \`cache.stats().bytes\` (entry bound raised so that it is stored) against the text's length. The floor is row 1's memory floor in the same turns: it parses the stored reply on every hit, so a cache that keeps its entries parsed can go below it as the answer grows.\n\n${table}`;
}

function redisMissSection(result: ExtraRowsResult): string {
  const row = result.redisMiss;
  const heading = '## 11.2 Redis miss';
  if (!row.available) return `${heading}\n\nNot measured: redis-server is not installed.`;
  const table = markdownTable(
    ['system', 'Redis miss p50 / p99', 'no cache p50', 'added by the Redis cache', '÷ floor, p50'],
    [
      ...row.cells.map((cell) => [
        label(cell.system),
        `${formatUs(cell.redisUs.p50)} / ${formatUs(cell.redisUs.p99)}`,
        formatUs(cell.noCacheUs.p50),
        formatSignedUs(cell.addedUs),
        formatRatio(cell.redisUs.p50, row.floor?.redisUs.p50 ?? Number.NaN),
      ]),
      ...(row.floor === undefined
        ? []
        : [
            [
              'floor (`GET` + keep-alive node:http + `JSON.parse`, `SET` not awaited)',
              `${formatUs(row.floor.redisUs.p50)} / ${formatUs(row.floor.redisUs.p99)}`,
              formatUs(row.floor.noCacheUs.p50),
              formatSignedUs(row.floor.redisUs.p50 - row.floor.noCacheUs.p50),
              '1.00×',
            ],
          ]),
    ],
  );
  return `${heading}\n\nEvery call a new prompt, through each caching system with its Redis store and with no cache, the six and the two floors interleaved in turns against a simulator that replies at once (latency 'none'); "added" is the difference of the medians. The floor is what no Redis cache can skip on a miss: a bare \`GET\` on a node-redis client that finds nothing, a keep-alive \`node:http\` POST of the same request and a \`JSON.parse\` of the reply, then a \`SET\` of it not awaited; its "no cache" is the POST alone.\n\n${table}`;
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
  const floor =
    row.floor === undefined
      ? ''
      : ` The floor, in the same rounds with ${row.processes - 1} followers: the leader's \`SET\` of the entry resolved, then its \`PUBLISH\`; each follower, subscribed on its own node-redis connection, \`GET\`s and \`JSON.parse\`s the entry when the message arrives: ${formatMs(row.floor.followerDelayMs)} median, ${formatMs(row.floor.followerDelayMaxMs)} max after the write (Kagura ÷ floor, median: ${formatRatio(kaguraDelay(result), row.floor.followerDelayMs)}).`;
  return `${heading}\n\n${row.processes} worker threads per system, each with its own client on one shared Redis, ask one new prompt at the same instant, ${row.rounds} rounds (simulator: ${row.upstreamMs} ms to the first token). Requests counted at the simulator; a follower's delay is from the moment the leader's \`cache.flush()\` resolved (its write landed) to the follower's answer, across threads on one clock.${floor}\n\n${table}`;
}

function kaguraDelay(result: ExtraRowsResult): number {
  const cell = result.crossProcess.cells.find((each) => each.system === 'kagura');
  return cell?.followerDelayMs ?? Number.NaN;
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
      'plain hit ÷ floor, p50',
      'hit with a signal ÷ floor, p50',
    ],
    [
      ...row.cells.map((cell) => [
        label(cell.system),
        `${formatUs(cell.plainUs.p50)} / ${formatUs(cell.plainUs.p99)}`,
        `${formatUs(cell.signalUs.p50)} / ${formatUs(cell.signalUs.p99)}`,
        formatPercent(cell.addedShare),
        `${cell.signalMissesAfterPlain} of ${cell.prompts}`,
        formatRatio(cell.plainUs.p50, row.floorUs.p50),
        formatRatio(cell.signalUs.p50, row.floorUs.p50),
      ]),
      [
        'floor (key + `Map.get` + `JSON.parse`)',
        `${formatUs(row.floorUs.p50)} / ${formatUs(row.floorUs.p99)}`,
        '',
        '',
        '',
        '1.00×',
        '',
      ],
    ],
  );
  return `## 11.4 Hit with an abort signal\n\nMemory-store hits through each system, with and without a new \`AbortController\`'s signal per call (Kagura \`abortSignal\`, AI SDK \`abortSignal\`, LangChain \`signal\`), the six variants and row 1's memory floor interleaved in turns. ${row.note}\n\n${table}`;
}

function structuredOutputSection(result: ExtraRowsResult): string {
  const table = markdownTable(
    ['system', 'structured hit p50 / p99', 'objects valid', '÷ floor, p50'],
    [
      ...result.structuredOutput.cells.map((cell) => [
        label(cell.system),
        `${formatUs(cell.hitUs.p50)} / ${formatUs(cell.hitUs.p99)}`,
        cell.valid ? 'yes' : 'no',
        formatRatio(cell.hitUs.p50, result.structuredOutput.floorUs.p50),
      ]),
      [
        'floor (key + `Map.get` + `JSON.parse`, no validation)',
        `${formatUs(result.structuredOutput.floorUs.p50)} / ${formatUs(result.structuredOutput.floorUs.p99)}`,
        '',
        '1.00×',
      ],
    ],
  );
  return `## 11.5 Structured-output hits\n\nOne JSON Schema (\`{ title, score }\`) asked its documented way (Kagura \`schema\` + \`jsonSchema\` with a hand-written Standard Schema validator, AI SDK \`generateText\` with \`Output.object\`, LangChain \`withStructuredOutput\`), memory store, hits interleaved in turns with row 1's memory floor (the stored object parsed, not validated), each returned object checked.\n\n${table}`;
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
  return `## 11.6 Long tail\n\n${row.calls} calls drawn from ${row.distinctQueries} distinct queries (Zipf, exponent ${row.exponent}), one after another, through each caching system's memory store at its default bound (Kagura: 10,000 entries; the AI SDK recipe's \`Map\` and LangChain's \`InMemoryCache\` are unbounded), the systems taking turns; hit rates from the simulator's request count. Every repeat a hit would give ${formatPercent(row.idealHitRate)}${row.lruHitRate === undefined ? '' : `; the floor of a cache bounded as Kagura's is, an exact least-recently-used cache of ${formatCount(row.boundedEntries ?? Number.NaN)} entries over the same sequence (computed), gives ${formatPercent(row.lruHitRate)}`}.\n\n${table}`;
}

function toolLoopSection(result: ExtraRowsResult): string {
  const heading = '## 11.7 Tool loop with a growing transcript';
  const row = result.toolLoop;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const turns = row.toolTurns + 1;
  const turnHeaders = Array.from({ length: turns }, (_, index) =>
    index === turns - 1 ? `answer (turn ${index + 1})` : `turn ${index + 1}`,
  );
  const name = (cell: ToolLoopCell) =>
    `${cell.system === 'floor' ? 'floor' : label(cell.system)}, ${cell.variant === 'miss' ? 'misses' : 'all hits'}`;
  const floorOf = (variant: ToolLoopCell['variant']) =>
    row.cells.find((cell) => cell.system === 'floor' && cell.variant === variant);
  const rows = row.cells.map((cell) => [
    name(cell),
    ...cell.turnsUs.map((turn) => formatUs(turn.p50)),
    withInterval(cell.loopUs),
    cell.overheadPerTurnUs === undefined ? '' : formatSignedUs(cell.overheadPerTurnUs),
    String(cell.upstreamRequestsPerLoop),
    formatRatio(cell.loopUs.p50, floorOf(cell.variant)?.loopUs.p50 ?? Number.NaN),
  ]);
  const miss = (system: SystemName) =>
    row.cells.find((cell) => cell.system === system && cell.variant === 'miss');
  const ours = miss('kagura');
  const raw = miss('raw-openai');
  if (ours !== undefined && raw !== undefined) {
    rows.push([
      'Kagura TS minus the openai SDK, misses',
      ...ours.turnsUs.map((turn, index) =>
        formatSignedUs(turn.p50 - (raw.turnsUs[index]?.p50 ?? Number.NaN)),
      ),
      formatSignedUs(ours.loopUs.p50 - raw.loopUs.p50),
      '',
      '',
      '',
    ]);
  }
  const table = markdownTable(
    [
      'system, loop',
      ...turnHeaders.map((header) => `${header} p50`),
      'whole loop p50 [95% CI]',
      'per turn over the openai SDK',
      'upstream requests per loop',
      'whole loop ÷ floor, p50',
    ],
    rows,
  );
  return `${heading}\n\nOne tool, which the simulator is scripted to call ${row.toolTurns} times before the model answers (${turns} model turns; each tool result ~${row.toolResultCharacters} characters, so turn n sends n-1 tool calls and results), run by each system its documented way: Kagura \`client.call\` with \`tools: [defineTool(...)]\`, the AI SDK \`generateText\` with \`tools\` and \`stopWhen: isStepCount(n)\` over the cache middleware, LangChain.js \`bindTools\` with \`InMemoryCache\` and the loop by hand, and the raw \`openai\` SDK with the loop by hand (no cache). "Misses": a new prompt per loop, so every turn re-serializes the transcript and asks the model; "all hits": a loop run before, asked again. The floor runs the raw SDK's loop with nothing but \`node:http\` under it: per turn the transcript's request JSON, on a miss a keep-alive POST + \`JSON.parse\` of the reply, on a hit a lean key of that JSON + \`Map.get\` + \`JSON.parse\`. ${row.loops} loops per line, interleaved in turns; turn n is timed from the tool's run n-1 to its run n.\n\n${table}`;
}

function anthropicSection(result: ExtraRowsResult): string {
  const heading = '## 11.8 Anthropic wire format';
  const row = result.anthropic;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const table = markdownTable(
    [
      'system',
      'hit p50 [95% CI]',
      'miss p50 [95% CI]',
      'same system, no cache, p50',
      `miss over ${row.baselineLabel}`,
      'added by the cache on a miss',
      'hits sent upstream',
      'hit ÷ floor, p50',
      'miss ÷ floor, p50',
    ],
    [
      ...row.cells.map((cell) => [
        cell.label,
        withInterval(cell.hitUs),
        withInterval(cell.missUs),
        formatUs(cell.noCacheUs.p50),
        formatSignedUs(cell.missOverheadUs),
        formatSignedUs(cell.missUs.p50 - cell.noCacheUs.p50),
        String(cell.upstreamRequests),
        formatRatio(cell.hitUs.p50, row.floor.hitUs.p50),
        formatRatio(cell.missUs.p50, row.floor.missUs.p50),
      ]),
      [
        'floor (hit: key + `Map.get` + `JSON.parse`; miss: keep-alive node:http + `JSON.parse`)',
        withInterval(row.floor.hitUs),
        withInterval(row.floor.missUs),
        '',
        formatSignedUs(row.floor.missUs.p50 - row.baselineUs.p50),
        '',
        '',
        '1.00×',
        '1.00×',
      ],
    ],
  );
  return `${heading}\n\nThe same calls over the Anthropic Messages format against a simulator that replies at once (latency 'none'), every system asking for the same \`max_tokens\`: memory-store hits interleaved in turns; misses (a new prompt per call) interleaved with each system without its cache and with the raw SDK, ${row.baselineLabel}, whose miss p50 is ${withInterval(row.baselineUs)}. The floors are measured in the same turns: row 1's memory floor for the hits, and for the misses a keep-alive \`node:http\` POST of the same Messages request and a \`JSON.parse\` of the reply.\n\n${table}`;
}

const workflowVariantLabels: Record<WorkflowHitVariant, string> = {
  outside: '`client.call` outside a workflow',
  workflow: 'inside a workflow step (`workflow.run`)',
  'workflow-signal': "inside a workflow step, the run given a new `AbortController`'s signal",
};

function workflowHitSection(result: ExtraRowsResult): string {
  const heading = '## 11.9 Hit inside a workflow step';
  const row = result.workflowHit;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const table = markdownTable(
    ['Kagura TS memory hit', 'p50 [95% CI]', 'p99', 'added over the call outside', '÷ floor, p50'],
    [
      ...row.cells.map((cell) => [
        workflowVariantLabels[cell.variant],
        withInterval(cell.hitUs),
        formatUs(cell.hitUs.p99),
        cell.variant === 'outside' ? '' : formatPercent(cell.addedShare),
        formatRatio(cell.hitUs.p50, row.floorUs.p50),
      ]),
      [
        'floor (key + `Map.get` + `JSON.parse`)',
        withInterval(row.floorUs),
        formatUs(row.floorUs.p99),
        '',
        '1.00×',
      ],
    ],
  );
  return `${heading}\n\nOne Kagura client with a memory cache; its hit through \`client.call\`, and from the one step of a \`@kagura-ts/router\` workflow (\`createWorkflow().step(...)\`, the step passing its \`abortSignal\` on), the variants and row 1's memory floor interleaved in turns; ${row.upstreamRequests} requests upstream when the ${row.prompts} warmed prompts were asked again each way. ${row.note}\n\n${table}`;
}

/** Section 11 of the report: the rows issue 15 found missing, one sub-section per row. */
export function renderExtraRows(result: ExtraRowsResult): string {
  const quick = result.quick
    ? '\n\nQuick mode: these figures prove the harness runs, no more.'
    : '';
  const sections = [
    answerSizeSection(result),
    redisMissSection(result),
    crossProcessSection(result),
    abortSignalSection(result),
    structuredOutputSection(result),
    longTailSection(result),
    toolLoopSection(result),
    anthropicSection(result),
    workflowHitSection(result),
    result.allocation === undefined
      ? '## 11.10 Allocation per hit\n\nNot measured in this run.'
      : renderExtraAllocation(result.allocation, '11.10').join('\n'),
    result.replay === undefined
      ? '## 11.11 Replay per delta\n\nNot measured in this run.'
      : renderExtraReplay(result.replay, '11.11').join('\n'),
  ];
  return `## 11. Extra rows${quick}\n\n${sections.join('\n\n')}\n`;
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

// Kagura ahead of every peer on an Anthropic-format figure: behind one only when the medians' 95%
// intervals do not overlap (a difference inside the noise is a tie, as in the other rows).
function anthropicAhead(
  row: ExtraAnthropicResult | undefined,
  id: string,
  what: 'hit' | 'miss',
): TargetResult {
  const figure = (cell: ExtraAnthropicResult['cells'][number]) =>
    what === 'hit' ? cell.hitUs : cell.missUs;
  const ours = row?.cells.find((cell) => cell.system === 'kagura-anthropic');
  const peers = row?.cells.filter((cell) => cell !== ours) ?? [];
  const measured =
    ours !== undefined &&
    peers.length > 0 &&
    [ours, ...peers].every((cell) => Number.isFinite(figure(cell).p50));
  const behind = measured
    ? peers.filter((peer) => compareMedians(figure(ours), figure(peer)) === 'behind')
    : [];
  return {
    id,
    label: `Anthropic-format memory-cache ${what} (p50, judged outside the 95% intervals)`,
    target: 'Ahead of every peer',
    value: measured
      ? [ours, ...peers]
          .map((cell) => `${label(cell.system)} ${formatUs(figure(cell).p50)}`)
          .join(', ') +
        (behind.length === 0
          ? ''
          : `; behind ${behind.map((cell) => label(cell.system)).join(', ')}`)
      : 'not measured',
    met: measured ? behind.length === 0 : null,
  };
}

// The Anthropic row's targets: its hit and miss ahead of every peer, and the issue's miss
// overhead over the raw SDK (<= 60 us p50) on this wire format.
function anthropicTargets(row: ExtraAnthropicResult | undefined): TargetResult[] {
  const ours = row?.cells.find((cell) => cell.system === 'kagura-anthropic');
  const overhead = ours?.missOverheadUs;
  const measured = overhead !== undefined && Number.isFinite(overhead);
  return [
    anthropicAhead(row, 'extra-anthropic-hit-ahead', 'hit'),
    anthropicAhead(row, 'extra-anthropic-miss-ahead', 'miss'),
    {
      id: 'extra-anthropic-miss-overhead',
      label: 'Anthropic-format miss overhead over @anthropic-ai/sdk (p50)',
      target: 'Miss overhead over the raw SDK <= 60 µs p50',
      value: measured ? formatSignedUs(overhead) : 'not measured',
      met: measured ? overhead <= 60 : null,
    },
  ];
}

/** The issue's targets the extra rows measure, each met, missed or not measured. */
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
    ...anthropicTargets(result.anthropic),
    ...(result.replay === undefined
      ? [notMeasuredTarget('replay-per-delta', 'Cached stream replay, per delta', '< 0.5 µs')]
      : extraReplayTargets(result.replay)),
    ...(result.allocation === undefined
      ? [
          notMeasuredTarget(
            'allocation-per-hit',
            'Bytes allocated per memory hit',
            '<= 5.17 KiB (15.5 KiB ÷ 3)',
          ),
        ]
      : extraAllocationTargets(result.allocation)),
  ];
}

function notMeasuredTarget(id: string, label: string, target: string): TargetResult {
  return { id, label, target, value: 'not measured', met: null };
}
