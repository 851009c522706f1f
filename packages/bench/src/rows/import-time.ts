import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { BenchContext } from '../bench-context.js';
import { nowMs } from '../clock.js';
import { quantile, type Summary, summarize } from '../stats.js';

const run = promisify(execFile);

/** What one contestant of row 8 imports. */
export interface ImportContestant {
  /** How the report names it, e.g. `'kagura-ts'`. */
  label: string;
  /** The modules imported, one after the other, as file URLs. */
  modules: string[];
}

/** One contestant's import time in fresh processes. */
export interface ImportTimeCell {
  /** How the report names it. */
  label: string;
  /** Whether it could be measured (the umbrella needs a build). */
  available: boolean;
  /** Milliseconds from the first `import()` to the last one's end, one sample per process. */
  importMs: Summary;
  /** The 90th percentile of `importMs`. */
  importP90Ms: number;
  /** Milliseconds from spawning the process to its exit (Node's own start and exit included). */
  processMs: Summary;
  /** The 90th percentile of `processMs`. */
  processP90Ms: number;
  /** Why it was not measured, or anything a reader must know. */
  note?: string;
}

/** Row 8: what importing Kagura costs a program, against the Vercel AI SDK with its OpenAI provider. */
export interface ImportTimeResult {
  /** Measured processes per contestant. */
  runs: number;
  /** Kagura's umbrella first, then the peer. */
  cells: ImportTimeCell[];
}

/** The measured processes per contestant, and the unrecorded ones first (the OS file cache). */
const counts = { full: { runs: 40, warmup: 3 }, quick: { runs: 3, warmup: 1 } };

// The child: the time of the imports alone, by its own clock, printed for the parent.
const childProgram = `const started = performance.now();
for (const module of JSON.parse(process.env.BENCH_IMPORTS)) await import(module);
process.stdout.write(String(performance.now() - started));`;

/** The umbrella as built (`packages/kagura/dist`), and `ai` with `@ai-sdk/openai`. */
export function importContestants(): ImportContestant[] {
  // packages/bench/src/rows -> packages/kagura/dist/index.js
  const umbrella = join(import.meta.dirname, '..', '..', '..', 'kagura', 'dist', 'index.js');
  return [
    { label: 'kagura-ts', modules: [pathToFileURL(umbrella).href] },
    {
      label: 'ai + @ai-sdk/openai',
      modules: [import.meta.resolve('ai'), import.meta.resolve('@ai-sdk/openai')],
    },
    // A floor: the transport Kagura's OpenAI provider is built on, alone (the provider loads it
    // on its first call, not on import).
    { label: 'openai', modules: [import.meta.resolve('openai')] },
    // Node's own start, nothing imported: the floor of the process column.
    { label: 'nothing', modules: [] },
  ];
}

/** Imports `contestant`'s modules in a fresh `node` and resolves both durations. */
async function importOnce(
  contestant: ImportContestant,
): Promise<{ importMs: number; processMs: number }> {
  const { NODE_OPTIONS: _, ...environment } = process.env;
  const started = nowMs();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', childProgram], {
    env: { ...environment, BENCH_IMPORTS: JSON.stringify(contestant.modules) },
  });
  return { importMs: Number(stdout), processMs: nowMs() - started };
}

/**
 * Row 8: imports Kagura's built umbrella (`kagura-ts`, what a user installs) and, as the peer,
 * `ai` plus `@ai-sdk/openai`, each in a fresh `node --input-type=module` process, many times,
 * the two alternating so that the machine's load falls on both alike. Reports the time of the
 * imports (measured inside the process) and of the whole process, median and p90.
 */
export async function measureImportTime(context: BenchContext): Promise<ImportTimeResult> {
  const { runs, warmup } = context.config.quick ? counts.quick : counts.full;
  context.log('row 8: import time');
  const contestants = importContestants().map((contestant) => ({
    contestant,
    available: contestant.modules.every((module) => !module.startsWith('file:') || exists(module)),
    importMs: [] as number[],
    processMs: [] as number[],
  }));
  const measured = contestants.filter((entry) => entry.available);
  for (let round = 0; round < warmup + runs; round += 1) {
    // Rotating who goes first, so neither always follows the other's process.
    const order = round % 2 === 0 ? measured : [...measured].reverse();
    for (const entry of order) {
      const sample = await importOnce(entry.contestant);
      if (round < warmup) continue;
      entry.importMs.push(sample.importMs);
      entry.processMs.push(sample.processMs);
    }
  }
  return {
    runs,
    cells: contestants.map((entry) => ({
      label: entry.contestant.label,
      available: entry.available,
      importMs: summarize(entry.importMs),
      importP90Ms: p90(entry.importMs),
      processMs: summarize(entry.processMs),
      processP90Ms: p90(entry.processMs),
      ...(!entry.available && { note: 'not built: run `pnpm build` first' }),
    })),
  };
}

function exists(fileUrl: string): boolean {
  return existsSync(new URL(fileUrl));
}

function p90(samples: readonly number[]): number {
  return quantile(
    [...samples].sort((a, b) => a - b),
    0.9,
  );
}
