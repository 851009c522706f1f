import type { BenchResults } from '../bench-results.js';
import { formatCount, formatMs, formatRatio, formatUsd, markdownTable } from './format.js';

type PromptCachingRow = NonNullable<BenchResults['rows']['promptCaching']>;
type PromptCachingCell = PromptCachingRow['cells'][number];

// The least a fan-out can bill: one writer of the prefix, every other question reading it, the
// questions' own tokens and the answers as `off` (no prompt cache) billed them.
function promptCachingFloor(row: PromptCachingRow, off: PromptCachingCell): PromptCachingCell {
  const { price } = row;
  const questionTokens = off.uncachedTokens - row.questions * row.systemTokens;
  const writeTokens = row.systemTokens;
  const readTokens = (row.questions - 1) * row.systemTokens;
  const costUsd =
    (writeTokens * price.cacheWrite +
      readTokens * price.cacheRead +
      questionTokens * price.input +
      off.outputTokens * price.output) /
    1_000_000;
  return {
    ...off,
    label: 'floor (computed: one writer, every other question a reader)',
    writers: 1,
    writeTokens,
    readTokens,
    uncachedTokens: questionTokens,
    costUsd,
  };
}

/** Row 10: provider prompt caching, a long system prompt and many questions at once. */
export function promptCachingSection(results: BenchResults): string {
  const heading = '## 10. Prompt caching';
  const row = results.rows.promptCaching;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const baseline = row.cells.find((cell) => cell.agent === 'kagura-off');
  const floor = baseline === undefined ? undefined : promptCachingFloor(row, baseline);
  const table = markdownTable(
    [
      'configuration',
      'requests',
      'writers',
      'written',
      'read',
      'uncached',
      'cost',
      'cost ÷ off',
      'wall',
      'wall ÷ off',
      'question p50 / p95',
    ],
    [...row.cells, ...(floor === undefined ? [] : [floor])].map((cell) => [
      cell.label,
      String(cell.requests),
      formatCount(cell.writers),
      formatCount(cell.writeTokens),
      formatCount(cell.readTokens),
      formatCount(cell.uncachedTokens),
      formatUsd(cell.costUsd),
      formatRatio(cell.costUsd, baseline?.costUsd ?? Number.NaN),
      cell === floor ? 'n/a' : formatMs(cell.wallMs),
      cell === floor ? 'n/a' : formatRatio(cell.wallMs, baseline?.wallMs ?? Number.NaN),
      cell === floor
        ? 'n/a'
        : `${formatMs(cell.questionMs.p50)} / ${formatMs(cell.questionMs.p95)}`,
    ]),
  );
  const { price } = row;
  return `${heading}\n\n${row.questions} distinct questions at once under one ${formatCount(row.systemTokens)}-token system prompt, \`${row.model}\` on the simulator's Anthropic endpoint (latency: ${row.latency}). Median of ${row.repetitions} fan-outs per configuration, each from a cold prefix cache, in random order. Tokens per fan-out as the simulator recorded them; cost at $${price.input} input, $${price.cacheWrite} cache write, $${price.cacheRead} cache read and $${price.output} output per million tokens; "÷ off" is against Kagura with \`promptCache: false\`. The floor is computed, not run: one request writes the system prompt's prefix and the other ${row.questions - 1} read it, the questions and the answers (as measured with the cache off) billed at their prices.\n\n${table}`;
}
