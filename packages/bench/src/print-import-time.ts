import { tmpdir } from 'node:os';
import { fullConfig, quickConfig } from './bench-config.js';
import { formatMs, formatRatio } from './report/format.js';
import { measureImportTime } from './rows/import-time.js';

/**
 * Measures row 8 alone and prints it (`pnpm bench --import-time`): the umbrella's import time
 * against `ai` + `@ai-sdk/openai`, without the other rows or writing any report.
 */
export async function printImportTime(quick: boolean): Promise<void> {
  const result = await measureImportTime({
    config: quick ? quickConfig : fullConfig,
    redisUrl: undefined,
    directory: tmpdir(),
    flushRedis: async () => {},
    log: (message) => console.error(`[bench] ${message}`),
  });
  console.log(`Import time, ${result.runs} fresh processes each (median / p90):`);
  for (const cell of result.cells) {
    const figures = cell.available
      ? `import ${formatMs(cell.importMs.p50)} / ${formatMs(cell.importP90Ms)}, process ${formatMs(cell.processMs.p50)} / ${formatMs(cell.processP90Ms)}`
      : (cell.note ?? 'not measured');
    console.log(`  ${cell.label.padEnd(22)} ${figures}`);
  }
  const [ours, peer] = result.cells;
  if (ours?.available && peer?.available) {
    console.log(
      `  kagura-ts ÷ peer: ${formatRatio(ours.importMs.p50, peer.importMs.p50)} at p50, ${formatRatio(ours.importP90Ms, peer.importP90Ms)} at p90 (goal: at most 1.00×)`,
    );
  }
}
