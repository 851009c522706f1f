import type { BenchResults } from '../bench-results.js';
import { formatMs, formatRatio, markdownTable } from './format.js';

/** Row 8: the import time of the umbrella against `ai` + `@ai-sdk/openai`. */
export function importTimeSection(results: BenchResults): string {
  const heading = '## 8. Import time';
  const row = results.rows.importTime;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const [ours, peer] = row.cells;
  const ratio = (value: (cell: NonNullable<typeof ours>) => number) =>
    ours?.available && peer?.available ? formatRatio(value(ours), value(peer)) : 'n/a';
  const table = markdownTable(
    ['imported', 'import p50', 'import p90', 'process p50', 'process p90', 'processes'],
    row.cells.map((cell) =>
      cell.available
        ? [
            `\`${cell.label}\``,
            formatMs(cell.importMs.p50),
            formatMs(cell.importP90Ms),
            formatMs(cell.processMs.p50),
            formatMs(cell.processP90Ms),
            String(cell.importMs.count),
          ]
        : [`\`${cell.label}\` (${cell.note ?? 'not measured'})`, 'n/a', 'n/a', 'n/a', 'n/a', '0'],
    ),
  );
  const verdict = `Kagura ÷ peer: ${ratio((cell) => cell.importMs.p50)} at p50, ${ratio((cell) => cell.importP90Ms)} at p90 (goal: at most 1.00×).`;
  return `${heading}\n\nWhat a program pays to import Kagura's built umbrella (\`packages/kagura/dist\`, as installed) against the Vercel AI SDK with its OpenAI provider: each in a fresh \`node\` process, ${row.runs} processes each, the two alternating. "Import" is timed inside the process, from the first \`import()\` to the end of the last; "process" is spawn to exit, Node's own start included.\n\n${table}\n\n${verdict}`;
}
