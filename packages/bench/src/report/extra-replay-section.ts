import type { TargetResult } from '../bench-results.js';
import type { ExtraReplayResult, ReplayCell } from '../rows/extra-replay.js';
import { systemCatalog } from '../systems/system-catalog.js';
import { formatCount, formatRatio, formatUs, markdownTable } from './format.js';

/** Issue 15's replay target: under this many microseconds per delta. */
export const replayTargetUs = 0.5;

// Sub-microsecond figures need more digits than formatUs gives.
function formatDeltaUs(microseconds: number): string {
  if (!Number.isFinite(microseconds)) return 'n/a';
  return microseconds < 1 ? `${microseconds.toFixed(3)} µs` : formatUs(microseconds);
}

function kaguraTotal(size: ExtraReplayResult['sizes'][number]): number {
  return size.cells.find((cell) => cell.system === 'kagura')?.totalUs.p50 ?? Number.NaN;
}

function row(cell: ReplayCell): string[] {
  const label = systemCatalog[cell.system].label;
  if (!cell.cached) {
    return [label, formatCount(cell.deltas), 'n/a', 'n/a', 'n/a', cell.note ?? 'not cached'];
  }
  return [
    label,
    formatCount(cell.deltas),
    `${formatUs(cell.totalUs.p50)} (${cell.totalUs.count} ${cell.totalUs.count === 1 ? 'replay' : 'replays'})`,
    `${formatDeltaUs(cell.perDeltaUs.p50)} / ${formatDeltaUs(cell.perDeltaUs.p99)}`,
    String(cell.upstreamRequests),
    cell.note ?? '',
  ];
}

/**
 * The replay row's sub-section of the report: what a cached stream costs per delta, Kagura's
 * instant replay against the peers' cached streams, as Markdown lines.
 */
export function renderExtraReplay(result: ExtraReplayResult, number = '11.8'): string[] {
  const table = markdownTable(
    ['system', 'deltas', 'whole replay p50', 'per delta p50 / p99', 'upstream requests', 'note'],
    result.sizes.flatMap((size) => [
      ...size.cells.map(row),
      ...(size.floor === undefined
        ? []
        : [
            [
              'floor (key + `Map.get` + `JSON.parse` of the deltas, an async generator)',
              formatCount(size.floor.deltas),
              `${formatUs(size.floor.totalUs.p50)} (${size.floor.totalUs.count} replays)`,
              `${formatDeltaUs(size.floor.perDeltaUs.p50)} / ${formatDeltaUs(size.floor.perDeltaUs.p99)}`,
              '',
              `Kagura ÷ floor, whole replay p50: ${formatRatio(kaguraTotal(size), size.floor.totalUs.p50)}`,
            ],
          ]),
    ]),
  );
  return [
    `## ${number} Cached stream replay per delta`,
    '',
    `Cached answers of ${result.sizes.map((size) => formatCount(size.replyTokens)).join(' and ')} tokens (one streamed chunk each), memory store, streamed again through each system's stream call (Kagura \`client.stream\`, replay \`'${result.replay}'\`, the default; AI SDK \`streamText\` over the caching recipe, paced as the recipe is and with \`chunkDelayInMs: 0\`; LangChain \`stream()\`) and read to the end: the time from the call to the last delta, over the non-empty deltas read, per replay. The floor, timed in turns with Kagura's replays, is a lean key + \`Map.get\` + \`JSON.parse\` of the stored deltas and an async generator yielding them. Kagura's cost of one more delta, the difference of the two lengths' median replays over the difference of their deltas (the call's fixed cost cancels out): ${formatDeltaUs(result.kaguraMarginalUsPerDelta)}.`,
    '',
    table,
  ];
}

/** The replay target, met, missed or not measured. */
export function extraReplayTargets(result: ExtraReplayResult): TargetResult[] {
  const ours = result.sizes.flatMap((size) =>
    size.cells.filter((cell) => cell.system === 'kagura' && cell.cached),
  );
  const worst = Math.max(...ours.map((cell) => cell.perDeltaUs.p50));
  const measured =
    ours.length === result.sizes.length &&
    ours.length > 0 &&
    Number.isFinite(worst) &&
    ours.every((cell) => cell.upstreamRequests === 0);
  return [
    {
      id: 'replay-per-delta',
      label: 'Cached stream replay, per delta (p50)',
      target: `< ${replayTargetUs} µs`,
      value:
        ours.length === 0
          ? 'not measured'
          : ours
              .map(
                (cell) =>
                  `${formatCount(cell.deltas)} deltas: ${formatDeltaUs(cell.perDeltaUs.p50)}`,
              )
              .join(', '),
      met: measured ? worst < replayTargetUs : null,
    },
  ];
}
