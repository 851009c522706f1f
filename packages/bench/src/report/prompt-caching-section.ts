import type { BenchResults } from '../bench-results.js';
import { formatCount, formatMs, formatRatio, formatUsd, markdownTable } from './format.js';

/** Row 10: provider prompt caching, a long system prompt and many questions at once. */
export function promptCachingSection(results: BenchResults): string {
  const heading = '## 10. Prompt caching';
  const row = results.rows.promptCaching;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const baseline = row.cells.find((cell) => cell.agent === 'kagura-off');
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
    row.cells.map((cell) => [
      cell.label,
      String(cell.requests),
      formatCount(cell.writers),
      formatCount(cell.writeTokens),
      formatCount(cell.readTokens),
      formatCount(cell.uncachedTokens),
      formatUsd(cell.costUsd),
      formatRatio(cell.costUsd, baseline?.costUsd ?? Number.NaN),
      formatMs(cell.wallMs),
      formatRatio(cell.wallMs, baseline?.wallMs ?? Number.NaN),
      `${formatMs(cell.questionMs.p50)} / ${formatMs(cell.questionMs.p95)}`,
    ]),
  );
  const { price } = row;
  return `${heading}\n\n${row.questions} distinct questions at once under one ${formatCount(row.systemTokens)}-token system prompt, \`${row.model}\` on the simulator's Anthropic endpoint (latency: ${row.latency}). Median of ${row.repetitions} fan-outs per configuration, each from a cold prefix cache, in random order. Tokens per fan-out as the simulator recorded them; cost at $${price.input} input, $${price.cacheWrite} cache write, $${price.cacheRead} cache read and $${price.output} output per million tokens; "÷ off" is against Kagura with \`promptCache: false\`.\n\n${table}`;
}
