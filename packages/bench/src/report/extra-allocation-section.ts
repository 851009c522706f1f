import type { TargetResult } from '../bench-results.js';
import type { AllocationCell, ExtraAllocationResult } from '../rows/extra-allocation.js';
import { systemCatalog } from '../systems/system-catalog.js';
import { formatBytes, formatCount, formatRatio, markdownTable } from './format.js';

/** Issue 15's allocation target: a third of the 15.5 KiB a memory hit allocated, in bytes. */
export const allocationTargetBytes = (15.5 * 1024) / 3;

const labelOf = (cell: AllocationCell) =>
  cell.system === 'floor'
    ? 'floor (key + `Map.get` + `JSON.parse`)'
    : systemCatalog[cell.system].label;

// "7.3 KiB" with the spread of the valid repetitions when there are several.
function bytesWithSpread(cell: AllocationCell): string {
  if (cell.samples.length < 2) return formatBytes(cell.bytesPerHit);
  const low = Math.min(...cell.samples);
  const high = Math.max(...cell.samples);
  return `${formatBytes(cell.bytesPerHit)} (${formatBytes(low)} - ${formatBytes(high)})`;
}

// "5 of 5", with the hits of the smallest valid repetition when a retry halved them.
function validRepetitions(cell: AllocationCell, result: ExtraAllocationResult): string {
  const counted = `${cell.samples.length} of ${result.repetitions}`;
  const fewest = Math.min(...cell.hits);
  return fewest < result.hitsPerRepetition ? `${counted} (${formatCount(fewest)} hits)` : counted;
}

/**
 * The allocation row's sub-section of the report: bytes allocated per memory hit for each
 * caching system and the floor, as Markdown lines.
 */
export function renderExtraAllocation(result: ExtraAllocationResult, number = '11.7'): string[] {
  const floor = result.cells.find((cell) => cell.system === 'floor');
  const table = markdownTable(
    [
      'system',
      'allocated per hit, median (range)',
      '÷ floor',
      'valid repetitions',
      'discarded (GC)',
    ],
    result.cells.map((cell) => [
      labelOf(cell),
      bytesWithSpread(cell),
      cell.system === 'floor'
        ? '1×'
        : formatRatio(cell.bytesPerHit, floor?.bytesPerHit ?? Number.NaN),
      validRepetitions(cell, result),
      String(cell.invalid),
    ]),
  );
  const upstream =
    result.upstreamRequests === 0
      ? 'every hit was served from the cache (0 requests upstream)'
      : `${result.upstreamRequests} requests reached the simulator during the hits`;
  return [
    `## ${number} Allocation per hit`,
    '',
    `Bytes allocated per memory-store hit of a ~${result.requestBytes}-byte request, through each caching system's public call: in a child process run with \`--min-semi-space-size\` and \`--max-semi-space-size\` of ${result.semiSpaceMiB} MiB (new space: ${formatBytes(result.youngGenerationBytes)}), so that no scavenge runs among the hits, a full GC, then ${formatCount(result.hitsPerRepetition)} hits back to back; the growth of \`heapUsed\` over the hits is what they allocated. Median of ${result.repetitions} repetitions per system, the systems taking turns; a repetition during which V8 reported a GC (\`PerformanceObserver\`, entry type \`gc\`) is discarded and retried with half the hits (that system's later repetitions keep the smaller count). The floor is row 1's memory floor. Checked: ${upstream}.`,
    '',
    table,
  ];
}

/** The allocation target, met, missed or not measured. */
export function extraAllocationTargets(result: ExtraAllocationResult): TargetResult[] {
  const ours = result.cells.find((cell) => cell.system === 'kagura')?.bytesPerHit ?? Number.NaN;
  const measured = Number.isFinite(ours) && result.upstreamRequests === 0;
  return [
    {
      id: 'allocation-per-hit',
      label: `Bytes allocated per memory hit (~${result.requestBytes} B request)`,
      target: `<= ${formatBytes(allocationTargetBytes)} (15.5 KiB ÷ 3)`,
      value: formatBytes(ours),
      met: measured ? ours <= allocationTargetBytes : null,
    },
  ];
}
