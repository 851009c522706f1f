import type { BenchResults } from '../bench-results.js';
import { formatMs, formatRatio, markdownTable } from './format.js';

/** Row 8: the import time of the umbrella against `ai` + `@ai-sdk/openai`. */
export function importTimeSection(results: BenchResults): string {
  const heading = '## 8. Import time';
  const row = results.rows.importTime;
  if (row === undefined) return `${heading}\n\nNot measured in this run.`;
  const [ours, peer] = row.cells;
  const floor = row.cells.find((cell) => cell.label === 'openai' && cell.available);
  const bare = row.cells.find((cell) => cell.label === 'nothing' && cell.available);
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
  const overFloor =
    ours?.available && floor !== undefined
      ? ` Kagura ÷ floor (\`openai\` alone), import p50: ${formatRatio(ours.importMs.p50, floor.importMs.p50)}${bare === undefined ? '' : `; process p50 over Node's bare start: +${formatMs(ours.processMs.p50 - bare.processMs.p50)}`}.`
      : '';
  const verdict = `Kagura ÷ peer: ${ratio((cell) => cell.importMs.p50)} at p50, ${ratio((cell) => cell.importP90Ms)} at p90 (goal: at most 1.00×).${overFloor}`;
  return `${heading}\n\nWhat a program pays to import Kagura's built umbrella (\`packages/kagura/dist\`, as installed) against the Vercel AI SDK with its OpenAI provider, and two floors: the \`openai\` SDK alone (the transport Kagura's OpenAI provider is built on; the provider loads it on its first call, so Kagura's import can come in under it) and nothing at all (Node's own start); each in a fresh \`node\` process, ${row.runs} processes each, their order reversed every round. "Import" is timed inside the process, from the first \`import()\` to the end of the last; "process" is spawn to exit, Node's own start included.\n\n${table}\n\n${verdict}`;
}
