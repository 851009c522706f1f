import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fullConfig, quickConfig } from './bench-config.js';
import { formatCount, formatMs, formatRatio, formatUsd } from './report/format.js';
import { measurePromptCaching, type PromptCachingResult } from './rows/prompt-caching.js';

/**
 * Measures the prompt-caching row alone and prints it (`pnpm bench --prompt-caching`), and
 * writes its figures to `prompt-caching.json` in `resultsDirectory`.
 */
export async function printPromptCaching(
  quick: boolean,
  resultsDirectory: string,
): Promise<PromptCachingResult> {
  const settings = (quick ? quickConfig : fullConfig).promptCaching;
  const result = await measurePromptCaching(settings, (message) =>
    console.error(`[bench] ${message}`),
  );
  mkdirSync(resultsDirectory, { recursive: true });
  const file = join(resultsDirectory, 'prompt-caching.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  for (const line of promptCachingLines(result)) console.log(line);
  console.log(`results: ${file}`);
  return result;
}

/** The row as plain-text lines: a header, then one line per configuration. */
export function promptCachingLines(result: PromptCachingResult): string[] {
  const baseline = result.cells.find((cell) => cell.agent === 'kagura-off') ?? result.cells[0];
  const { price } = result;
  const lines = [
    `Prompt caching: ${result.questions} questions at once under a ${formatCount(result.systemTokens)}-token system prompt, ${result.model}, latency ${result.latency}; median of ${result.repetitions} fan-outs each from a cold prefix cache, interleaved in random order.`,
    `Price per million tokens: input $${price.input}, cache write $${price.cacheWrite}, cache read $${price.cacheRead}, output $${price.output}. Tokens as the simulator counted them; cost ÷ and wall ÷ are against "Kagura, promptCache: false".`,
    `  ${'configuration'.padEnd(46)} ${'requests'.padStart(8)} ${'writers'.padStart(7)} ${'written'.padStart(9)} ${'read'.padStart(9)} ${'uncached'.padStart(9)} ${'cost'.padStart(8)} ${'cost ÷'.padStart(7)} ${'wall'.padStart(9)} ${'wall ÷'.padStart(7)} ${'q p50'.padStart(9)} ${'q p95'.padStart(9)}`,
  ];
  for (const cell of result.cells) {
    lines.push(
      `  ${cell.label.padEnd(46)} ${String(cell.requests).padStart(8)} ${formatCount(cell.writers).padStart(7)} ${formatCount(cell.writeTokens).padStart(9)} ${formatCount(cell.readTokens).padStart(9)} ${formatCount(cell.uncachedTokens).padStart(9)} ${formatUsd(cell.costUsd).padStart(8)} ${formatRatio(cell.costUsd, baseline?.costUsd ?? Number.NaN).padStart(7)} ${formatMs(cell.wallMs).padStart(9)} ${formatRatio(cell.wallMs, baseline?.wallMs ?? Number.NaN).padStart(7)} ${formatMs(cell.questionMs.p50).padStart(9)} ${formatMs(cell.questionMs.p95).padStart(9)}`,
    );
  }
  lines.push('  wall time of each fan-out, in run order:');
  for (const cell of result.cells) {
    lines.push(`    ${cell.label.padEnd(46)} ${cell.wallMsRuns.map(formatMs).join(', ')}`);
  }
  return lines;
}
